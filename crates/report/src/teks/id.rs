//! The report's sentences in Indonesian (see `mod.rs`).

use super::Teks;

pub(super) fn teks(t: Teks) -> &'static str {
    match t {
        Teks::DidCr1 => "galat baku klaster per instansi (CR1), distribusi t dengan {df} df",
        Teks::DidWild => {
            "karena hanya {klaster} instansi, interval dan p dari wild cluster bootstrap (bobot Webb, {replikasi} replikasi, seed {seed})"
        }
        Teks::DidSentence => {
            "Selisih-dalam-selisih: {estimasi} {satuan} (IK 95% {bawah} s.d. {atas}; p {p}; n = {n} {pengamatan} dari {klaster} instansi; {metode}).{fragile}"
        }
        Teks::Kehadiran => {
            "Rata-rata kehadiran peserta {kehadiran}; {tidak_selesai} peserta ({persen}) tidak menyelesaikan pelatihan (tanpa post-test)."
        }
        Teks::KinerjaDinilai => {
            "{peserta} ASN peserta dan {bukan_peserta} bukan peserta dinilai di {klaster} instansi ({n} penilaian per aspek). Uji: {metode}."
        }
        Teks::SkmKeseluruhan => {
            "Seluruh {n} kuesioner SKM menghasilkan IKM {ikm} (mutu {mutu}, {kinerja})."
        }
        Teks::BiayaPelatihan => {
            "Biaya pelatihan menurut biaya per peserta modul: {biaya} ({per_peserta} per ASN peserta, {per_jp} per JP)."
        }
        Teks::Desain => {
            "Evaluasi memakai desain kuasi-eksperimen: {intervensi} unit intervensi yang ASN-nya mengikuti pelatihan dibandingkan dengan {pembanding} unit pembanding, sebelum dan sesudah tanggal intervensi {tanggal}. Evaluasi mengikuti model empat tingkat Kirkpatrick: reaksi dan partisipasi, pembelajaran (pre/post-test), perilaku kerja, dan hasil layanan (kepuasan masyarakat dan waktu tunggu)."
        }
        Teks::Kesepakatan => {
            " Kesepakatan antarpengkode per kode, atas ada/tidaknya kode dalam tiap sumber (wawancara dan dokumen): κ Cohen rata-rata {kappa} antara dua pengkode yang mengodekan sumber terbanyak (bila sama banyak, yang namanya lebih dulu menurut abjad), pada sumber yang dikodekan keduanya; α Krippendorff rata-rata {alpha} atas semua pengkode."
        }
        Teks::Wawancara => {
            "Wawancara: {n} transkrip ({kelompok}), dikodekan oleh {pengkode} pengkode menjadi {segmen} segmen menurut buku kode dari pertanyaan evaluasi.{agreement} Kutipan disamarkan (nama, NIP, NIK, nomor telepon, alamat) dan hanya diberi atribusi kelompok; kelompok dengan kurang dari lima responden tidak dirinci."
        }
        Teks::AnalisisDokumen => {
            "Analisis dokumen: {n} dokumen ({jenis}), teksnya diambil dari berkas aslinya; dokumen hasil pindaian tanpa lapisan teks tidak diikutkan. {dikodekan} dokumen dikodekan dengan buku kode yang sama dengan wawancara."
        }
        Teks::Pengantar => {
            "Evaluasi ini menilai {program} di {wilayah} ({intervensi} unit intervensi, {pembanding} unit pembanding) dengan data {data}."
        }
        Teks::LatarBelakang => {
            "{program} diluncurkan untuk meningkatkan profesionalisme dan kompetensi aparatur sipil negara agar pelayanan publik di {wilayah} lebih baik. Program ini menjangkau {instansi} instansi ({intervensi} unit intervensi dan {pembanding} unit pembanding) dengan {asn} ASN, melalui {modul} modul pelatihan yang dilaksanakan sebelum tanggal intervensi, {tanggal}. Pagu anggaran program {pagu}."
        }
        Teks::SimpulanHasilKendala => {
            "{nama} menunjukkan hasil yang menjanjikan: {hasil}. Namun evaluasi juga menemukan kendala: {kendala}. Program layak dilanjutkan dengan perbaikan sesuai rekomendasi di atas, dan dievaluasi kembali dengan data yang sama agar dampaknya dapat dibandingkan."
        }
        Teks::SimpulanHasil => {
            "{nama} menunjukkan hasil yang menjanjikan: {hasil}, tanpa kendala berarti yang terdeteksi dari data. Program layak dilanjutkan."
        }
        Teks::SimpulanBelum => {
            "Data belum menunjukkan hasil {nama} yang bermakna. {kendala_utama}Program perlu ditinjau ulang sebelum dilanjutkan."
        }
        Teks::Draf => {
            "Draf: {belum} dari {semua} rekomendasi di bawah ini belum ditinjau evaluator."
        }
        Teks::MetodeUjiT => {
            "**Uji-t berpasangan** atas selisih post − pre di {modul} modul (n = {pasangan} pasangan nilai), p dua sisi dari distribusi t dengan df = n − 1, interval kepercayaan 95%; asumsi: selisih kira-kira berdistribusi normal dan antar-peserta independen. Taraf nyata α = {alpha}; p dari semua modul disesuaikan dengan metode Holm, dan hanya p Holm di bawah α yang disebut bermakna."
        }
        Teks::MetodeWilcoxon => {
            "**Uji peringkat bertanda Wilcoxon** pada pasangan yang sama, sebagai pembanding tanpa asumsi normalitas ({wil_method}); bila kedua uji tidak sepakat, hasilnya ditandai rapuh."
        }
        Teks::MetodeEfek => {
            "**Ukuran efek Cohen d~z~** = rata-rata selisih / simpangan baku selisih, dengan interval 95% (pendekatan normal); 0,2 kecil, 0,5 sedang, 0,8 besar. **N-gain Hake** per peserta = (post − pre) / (100 − pre), dirata-ratakan per modul; tinggi ≥ 0,7, sedang 0,3–0,7, rendah < 0,3."
        }
        Teks::MetodeReaksi => {
            "**Reaksi (Kirkpatrick 1)**: rata-rata skor 1–5 per modul dari {kuesioner} kuesioner, dan persentase peserta yang rata-rata jawabannya atas butir relevansi ≥ 4 (modul di bawah {batas}% dianggap kurang relevan)."
        }
        Teks::MetodePerilaku => {
            "**Perilaku kerja (Kirkpatrick 3)**: per aspek, selisih-dalam-selisih skor penilaian atasan dan rekan (n = {n} penilaian) antara ASN peserta dan bukan peserta, sebelum dan sesudah intervensi, dengan galat baku per instansi seperti di bawah; p disesuaikan Holm atas semua aspek. {diri} penilaian diri tidak dipakai karena mengukur persepsi diri, bukan perilaku."
        }
        Teks::MetodeIkm => {
            "**IKM** menurut PermenPANRB No. 14 Tahun 2017 dari {kuesioner} kuesioner: NRR per unsur = jumlah nilai / jumlah jawaban terisi; IKM = Σ NRR × bobot {bobot}, dikonversi × 25; mutu A ≥ 88,31, B ≥ 76,61, C ≥ 65,00, D di bawahnya. Perubahannya diuji dengan selisih-dalam-selisih indeks per responden (rata-rata unsur yang dijawab × 25)."
        }
        Teks::MetodeTunggu => {
            "**Waktu tunggu** = waktu dipanggil − waktu datang (menit) dari {tiket} tiket antrean; rata-rata, median dan persentil ke-90 per instansi dan fase."
        }
        Teks::MetodeDid => {
            "**Selisih-dalam-selisih** diestimasi dengan regresi pada data per pengamatan, y = β₀ + β₁·kelompok + β₂·sesudah + β₃·kelompok×sesudah, dengan galat baku dikelompokkan per instansi (CR1, distribusi t dengan G − 1 df); bila instansi kurang dari 30, interval dan p diambil dari wild cluster bootstrap dengan bobot Webb (seed tetap, dapat diulang). Asumsinya: tanpa program, kedua kelompok akan berubah sejajar (tren paralel)."
        }
        Teks::MetodeReliabilitas => {
            "**Reliabilitas dan validitas instrumen**: Cronbach α (reliabel bila ≥ {batas}) dan korelasi butir–total terkoreksi dibandingkan dengan r-tabel pada α = 0,05, df = n − 2."
        }
        Teks::WilcoxonCampuran => {
            "eksak untuk n ≤ 50 tanpa selisih nol, aproksimasi normal dengan koreksi ties selainnya"
        }
        Teks::WilcoxonEksak => "distribusi eksak",
        Teks::WilcoxonAproksimasi => "aproksimasi normal dengan koreksi ties (selisih nol dibuang)",
        Teks::DidTidakDapat => "tidak dapat diuji: ada sel kosong atau kurang dari dua instansi",
        Teks::DidRapuh => {
            " Hasil ini rapuh: kurang dari tiga instansi per kelompok atau kurang dari 10 pengamatan per sel."
        }
        Teks::KendalaUtama => "Kendala utama: {kendala}. ",
        Teks::BatasSkm => {
            "**SKM**: {kosong} dari {sel} jawaban unsur kosong ({persen}); {kurang} dari {dinilai} unit belum mencapai sampel Krejcie–Morgan sesudah intervensi, sehingga IKM unit itu belum mewakili penggunanya."
        }
        Teks::BatasPrePost => {
            "**Pre/post-test**: {tanpa_post} dari {peserta} kepesertaan tanpa post-test (tidak menyelesaikan pelatihan) dan {tanpa_pre} tanpa pre-test; uji berpasangan dan N-gain hanya memakai pasangan nilai yang lengkap. **Reaksi**: {reaksi} kuesioner kembali dari {peserta} kepesertaan (tingkat respons {respons})."
        }
        Teks::BatasTunggu => {
            "**Waktu tunggu**: {pencilan} dari {tiket} tiket ({persen}) melewati batas pencilan jauh Tukey (Q3 + 3·IQR = {batas} menit); tiket itu tetap diikutkan, dan median serta P90 dilaporkan di samping rata-rata. {tanpa_selesai} tiket tanpa waktu selesai."
        }
        Teks::BatasKinerja => {
            "**Kinerja**: {dinilai} dari {asn} ASN ({persen}) mendapat penilaian atasan atau rekan."
        }
        Teks::BatasDuplikat => {
            "**Duplikat**: baris ganda ditolak saat impor (dengan lokasinya) dan kiriman formulir daring disimpan sekali menurut UUID-nya, sehingga data yang dievaluasi bebas duplikat."
        }
        Teks::BatasTinjauan => {
            "**Tinjauan jawaban**: dari {semua} jawaban yang diterima (SKM dan kuesioner ASN), {disetujui} disetujui peninjau, {belum} belum disetujui ({hitung}) dan {ditolak} ditolak; jawaban yang ditolak disimpan untuk audit dan tidak dihitung dalam angka mana pun."
        }
        Teks::AngkaSementara => {
            "Angka sementara: {belum} dari {dihitung} jawaban yang dihitung dalam laporan ini belum disetujui peninjau; {ditolak} jawaban ditolak dan tidak dihitung."
        }
        Teks::BatasPersetujuan => {
            "**Persetujuan angka**: angka unit yang telah disetujui sampai tingkat kota: {periode}. Evaluasi ini dihitung dari data terkini; laporan monitoring tiap periode menyebut versi yang disetujui dan apakah angka terkini masih sama."
        }
        Teks::AngkaSementaraTanpaTolak => {
            "Angka sementara: {belum} dari {dihitung} jawaban yang dihitung dalam laporan ini belum disetujui peninjau."
        }
        Teks::BatasKerahasiaan => {
            "**Kerahasiaan responden**: rincian yang bertumpu pada kurang dari {min} responden tidak ditampilkan (UU 27/2022); pada data ini tidak ada rincian sekecil itu."
        }
        Teks::BatasDisembunyikan => {
            "**Kerahasiaan responden**: rincian yang bertumpu pada kurang dari {min} responden tidak ditampilkan (UU 27/2022), tetapi tetap dihitung dalam angka keseluruhan: {sel}."
        }
        Teks::BatasWawancara => {
            "**Wawancara**: responden dipilih secara purposif; kutipan menggambarkan pengalaman, bukan proporsi populasi."
        }
        Teks::LampiranTabel => {
            "Semua tabel laporan ini tersedia sebagai lembar kerja di `lampiran.xlsx` (satu lembar per tabel, angka sebagai angka), dan semua angka tanpa pembulatan di `evaluasi.json`, yang strukturnya dijelaskan skema JSON yang menyertainya."
        }
        Teks::DataSkm => "{n} kuesioner SKM",
        Teks::DataTiket => "{n} tiket antrean",
        Teks::DataWawancara => "{n} wawancara",
        Teks::DataDokumen => "{n} dokumen",
        Teks::Tujuan1 => {
            "mengukur sejauh mana kegiatan peningkatan kualitas ASN mencapai target yang ditetapkan (partisipasi, pembelajaran, kepuasan masyarakat, waktu tunggu, anggaran, indikator);"
        }
        Teks::Tujuan2 => "mengidentifikasi kendala yang dihadapi selama pelaksanaan;",
        Teks::Tujuan3 => "merumuskan rekomendasi perbaikan yang bersandar pada bukti.",
    }
}
