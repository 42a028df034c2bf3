//! Documents for the demo: the programme's implementation report, the
//! camat's decree, the budget realisation and the minutes of the evaluation
//! meeting — in Indonesian, their passages coded with the same codebook as
//! the interviews and agreeing with the planted effects (participation low,
//! two modules not relevant, the socialisation budget cut, queues shorter).
//! The minutes name people and a phone number, as minutes do; reports must
//! not. Both coders code every document; the second reads one passage
//! otherwise.

use monev_domain::{Anggaran, Dokumen, JenisDokumen, Kutipan, Sumber};

/// A document as (code, passage) pieces; `None` is uncoded text.
type Pieces = Vec<(Option<&'static str>, String)>;

fn rupiah(v: f64) -> String {
    let digits = format!("{:.0}", v.round());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    format!("Rp {out}")
}

fn laporan() -> Pieces {
    vec![
        (None, "LAPORAN PELAKSANAAN PELATIHAN PENINGKATAN KUALITAS PELAYANAN ASN\nKecamatan Ampenan, Kota Mataram\n\nBAB I. PELAKSANAAN\nPelatihan dilaksanakan dalam empat modul: komunikasi pelayanan, manajemen waktu, literasi digital, dan regulasi pelayanan publik. ".into()),
        (Some("kendala.partisipasi"), "Dari ASN yang diundang, tidak semua hadir; beberapa kelurahan tidak mengirim peserta karena stafnya tidak dapat meninggalkan loket pada hari kerja, dan sebagian ASN menyatakan tidak menerima surat undangan.".into()),
        (None, " ".into()),
        (Some("hasil.komunikasi"), "Pada sesi praktik, peserta memperagakan cara menyapa, menanyakan keperluan dan menjelaskan persyaratan kepada warga; fasilitator menilai sebagian besar peserta sudah menerapkannya dengan baik.".into()),
        (None, "\n\nBAB II. EVALUASI PENYELENGGARAAN\n".into()),
        (Some("kendala.relevansi"), "Hasil umpan balik menunjukkan modul literasi digital dan modul regulasi dinilai kurang sesuai dengan tugas harian di kantor kelurahan, karena aplikasi yang diajarkan belum dipakai di kecamatan.".into()),
        (None, " ".into()),
        (Some("rekomendasi.materi"), "Untuk angkatan berikutnya, contoh kasus perlu diambil dari layanan administrasi kependudukan dan surat-menyurat yang ditangani kelurahan.".into()),
        (None, "\n\nBAB III. PENUTUP\nDemikian laporan ini dibuat sebagai bahan evaluasi.".into()),
    ]
}

fn sk() -> Pieces {
    vec![
        (None, "KEPUTUSAN CAMAT AMPENAN\nNOMOR 800/117/KEC.AMP/2024\nTENTANG PENUNJUKAN PESERTA PELATIHAN PENINGKATAN KUALITAS PELAYANAN ASN\n\nMenimbang: bahwa dalam rangka meningkatkan kualitas pelayanan publik perlu menunjuk ASN sebagai peserta pelatihan.\nMEMUTUSKAN\nKESATU: Menunjuk ASN pada kantor kecamatan dan kelurahan sebagaimana tercantum dalam lampiran sebagai peserta pelatihan.\nKEDUA: Peserta wajib mengikuti seluruh rangkaian pelatihan dan menerapkan hasilnya dalam pelayanan.\n".into()),
        (Some("kendala.partisipasi"), "KETIGA: Kepala kelurahan mengatur jadwal pelayanan agar peserta dapat meninggalkan tugas selama pelatihan tanpa menutup loket.".into()),
        (None, "\n".into()),
        (Some("kendala.anggaran"), "KEEMPAT: Segala biaya yang timbul akibat keputusan ini dibebankan pada DPA Kecamatan Ampenan dan dilaksanakan sesuai ketersediaan anggaran.".into()),
        (None, "\nKELIMA: Keputusan ini berlaku sejak tanggal ditetapkan.\nDitetapkan di Ampenan.".into()),
    ]
}

fn realisasi(anggaran: &[Anggaran]) -> Pieces {
    let pagu: f64 = anggaran.iter().map(|a| a.pagu).sum();
    let real: f64 = anggaran.iter().map(|a| a.realisasi).sum();
    let mut table = String::from("Rincian per kegiatan:\n");
    for a in anggaran {
        table.push_str(&format!(
            "- {}: pagu {}, realisasi {}\n",
            a.kegiatan,
            rupiah(a.pagu),
            rupiah(a.realisasi)
        ));
    }
    let sosialisasi = anggaran
        .iter()
        .find(|a| a.kegiatan.starts_with("Sosialisasi"))
        .map_or(String::new(), |a| {
            format!(
                "Realisasi kegiatan sosialisasi hanya {} dari pagu {} karena pergeseran anggaran di pertengahan tahun, sehingga penyebaran informasi pelatihan ke kelurahan tidak berjalan seperti rencana.",
                rupiah(a.realisasi),
                rupiah(a.pagu)
            )
        });
    vec![
        (None, format!("LAPORAN REALISASI ANGGARAN\nKegiatan Pengembangan Kompetensi ASN Kecamatan Ampenan\n\nJumlah pagu {} dengan realisasi {}.\n{table}\n", rupiah(pagu), rupiah(real))),
        (Some("kendala.anggaran"), sosialisasi),
        (None, " ".into()),
        (Some("kendala.anggaran"), "Pagu tidak mencukupi untuk menambah angkatan pelatihan bagi ASN yang belum mengikuti, dan pengadaan sarana pendukung di loket ditunda ke tahun berikutnya.".into()),
        (None, " ".into()),
        (Some("rekomendasi.anggaran"), "Diusulkan agar anggaran sosialisasi dan angkatan tambahan dimasukkan dalam perencanaan tahun depan.".into()),
    ]
}

fn notulen() -> Pieces {
    vec![
        (None, "NOTULEN RAPAT EVALUASI PELAYANAN KECAMATAN AMPENAN\nHari/tanggal: Kamis, di Aula Kantor Camat Ampenan, Jl. Saleh Sungkar No. 12, Ampenan\nPimpinan rapat: Sekretaris Camat\nNotulis: Baiq Sri Wahyuni (0819-0755-1234)\n\nPokok pembahasan:\n1. ".into()),
        (Some("hasil.waktu_tunggu"), "Kepala Seksi Pelayanan melaporkan antrean layanan KTP dan KK lebih pendek sejak pembagian jadwal loket; warga yang datang pagi biasanya selesai sebelum pukul sepuluh.".into()),
        (None, "\n2. ".into()),
        (Some("kendala.partisipasi"), "Lurah Dayan Peken menyampaikan bahwa dua stafnya tidak tahu jadwal pelatihan karena undangan hanya dikirim melalui grup pesan dan tidak sampai kepada mereka.".into()),
        (None, "\n3. ".into()),
        (Some("kendala.sarana"), "Printer di loket kelurahan sering rusak sehingga warga diminta kembali esok hari untuk mengambil dokumen.".into()),
        (None, "\n\nKesimpulan rapat:\n- ".into()),
        (Some("rekomendasi.sosialisasi"), "Jadwal pelatihan berikutnya diumumkan melalui surat resmi kepada setiap lurah dan ditempel di papan pengumuman kantor.".into()),
        (None, "\n- ".into()),
        (Some("rekomendasi.materi"), "Panitia diminta menyesuaikan modul literasi digital dengan aplikasi yang benar-benar dipakai kelurahan.".into()),
    ]
}

/// The demo's documents and both coders' segments of them.
pub fn generate(anggaran: &[Anggaran]) -> (Vec<Dokumen>, Vec<Kutipan>) {
    let docs: [(&str, &str, JenisDokumen, Pieces); 4] = [
        (
            "D01",
            "Laporan Pelaksanaan Pelatihan Peningkatan Kualitas Pelayanan ASN",
            JenisDokumen::Laporan,
            laporan(),
        ),
        (
            "D02",
            "SK Camat Ampenan tentang Penunjukan Peserta Pelatihan",
            JenisDokumen::Sk,
            sk(),
        ),
        (
            "D03",
            "Laporan Realisasi Anggaran Pengembangan Kompetensi ASN",
            JenisDokumen::Anggaran,
            realisasi(anggaran),
        ),
        (
            "D04",
            "Notulen Rapat Evaluasi Pelayanan Kecamatan",
            JenisDokumen::Notulen,
            notulen(),
        ),
    ];
    let mut dokumen = Vec::new();
    let mut kutipan = Vec::new();
    for (kode, judul, jenis, pieces) in docs {
        let mut teks = String::new();
        let mut at = 0;
        for (code, piece) in pieces {
            let len = piece.chars().count();
            if let Some(code) = code.filter(|_| len > 0) {
                for coder in ["Koder A", "Koder B"] {
                    // The second coder reads the SK's budget clause as a
                    // plain formality and leaves it uncoded.
                    if coder == "Koder B" && kode == "D02" && code == "kendala.anggaran" {
                        continue;
                    }
                    kutipan.push(Kutipan {
                        sumber: Sumber::Dokumen(kode.to_string()),
                        mulai: at,
                        selesai: at + len,
                        kode: code.to_string(),
                        pengkode: coder.to_string(),
                        memo: None,
                    });
                }
            }
            teks.push_str(&piece);
            at += len;
        }
        dokumen.push(Dokumen {
            kode: kode.to_string(),
            judul: judul.to_string(),
            jenis: jenis.code().to_string(),
            teks,
        });
    }
    (dokumen, kutipan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_is_written_the_indonesian_way() {
        assert_eq!(rupiah(450_000_000.0), "Rp 450.000.000");
        assert_eq!(rupiah(25_800.0), "Rp 25.800");
        assert_eq!(rupiah(999.0), "Rp 999");
    }

    #[test]
    fn every_span_cuts_its_passage() {
        let (docs, segs) = generate(&[]);
        assert_eq!(docs.len(), 4);
        for k in &segs {
            let d = docs
                .iter()
                .find(|d| Some(d.kode.as_str()) == k.sumber.dokumen())
                .unwrap();
            let t = k.teks(&d.teks);
            assert!(t.ends_with('.'), "{t}");
            assert!(t.chars().next().is_some_and(char::is_uppercase), "{t}");
        }
    }
}
