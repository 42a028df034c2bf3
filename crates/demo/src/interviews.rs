//! Interviews for the demo: transcripts in Indonesian whose coded passages
//! agree with the planted effects (communication and time management
//! improve, waiting times fall, participation is low, two modules are not
//! relevant, the budget is tight) — and one citizen who says the wait got
//! longer, as real data does. Two coders code them; the second codes most
//! interviews and now and then misses or adds a code, so agreement is high
//! but not perfect.

use monev_domain::{Asn, Date, Instansi, Kelompok, KelompokResponden, Kutipan, Sumber, Wawancara};
use monev_stats::rng::Rng;

/// (code, answer) passages per group; the interviewer's questions frame them.
type Passages = &'static [(&'static str, &'static str)];

const PESERTA: &[(&str, &str)] = &[
    (
        "hasil.komunikasi",
        "Setelah modul komunikasi, saya lebih sabar menjelaskan persyaratan kepada warga, tidak lagi hanya menyuruh mereka membaca papan pengumuman.",
    ),
    (
        "hasil.komunikasi",
        "Saya belajar menyapa dulu dan menanyakan keperluan warga, jadi mereka tidak bingung harus ke meja yang mana.",
    ),
    (
        "hasil.manajemen_waktu",
        "Sekarang saya membuat daftar pekerjaan setiap pagi, berkas yang masuk hari ini saya usahakan selesai hari ini juga.",
    ),
    (
        "hasil.manajemen_waktu",
        "Kami membagi jadwal loket dan pekerjaan administrasi, jadi loket tidak pernah kosong saat jam pelayanan.",
    ),
    (
        "kendala.relevansi",
        "Modul literasi digital kurang sesuai dengan tugas saya di loket; aplikasinya tidak kami pakai di kantor kelurahan.",
    ),
    (
        "kendala.relevansi",
        "Materi regulasi terlalu umum, contoh kasusnya dari kementerian, bukan dari pelayanan kelurahan seperti kami.",
    ),
    (
        "rekomendasi.materi",
        "Sebaiknya materinya memakai contoh surat dan layanan yang kami tangani setiap hari.",
    ),
];

const NONPESERTA: &[(&str, &str)] = &[
    (
        "kendala.partisipasi",
        "Saya tidak ikut karena tidak ada yang menugaskan dari kantor, undangannya hanya untuk beberapa orang.",
    ),
    (
        "kendala.partisipasi",
        "Loket tidak bisa ditinggal, kalau saya ikut pelatihan tiga hari pelayanan kartu keluarga berhenti.",
    ),
    (
        "kendala.partisipasi",
        "Jadwalnya bentrok dengan pendataan penduduk, jadi saya memilih menyelesaikan pendataan.",
    ),
    (
        "kendala.partisipasi",
        "Saya baru tahu ada pelatihan itu setelah selesai, informasinya tidak sampai ke staf.",
    ),
    (
        "rekomendasi.sosialisasi",
        "Kalau ada gelombang berikutnya, tolong diumumkan lebih awal dan atasan langsung yang menugaskan.",
    ),
];

const ATASAN: &[(&str, &str)] = &[
    (
        "hasil.komunikasi",
        "Staf yang ikut pelatihan lebih jarang mendapat keluhan; cara mereka berbicara dengan warga lebih ramah.",
    ),
    (
        "hasil.manajemen_waktu",
        "Laporan mingguan sekarang masuk tepat waktu dari staf yang sudah dilatih.",
    ),
    (
        "kendala.anggaran",
        "Anggaran pelatihan tahun ini hanya cukup untuk satu gelombang, pelatihan lanjutan belum bisa dibiayai.",
    ),
    (
        "kendala.anggaran",
        "Dana untuk mengganti kursi tunggu dan pendingin ruangan tidak ada, padahal warga mengeluhkan ruang tunggu.",
    ),
    (
        "kendala.partisipasi",
        "Saya kesulitan melepas staf karena jumlah petugas loket sedikit.",
    ),
    (
        "rekomendasi.anggaran",
        "Perlu alokasi khusus di APBD perubahan untuk pelatihan gelombang kedua.",
    ),
];

const MASYARAKAT: &[(&str, &str)] = &[
    (
        "hasil.waktu_tunggu",
        "Sekarang antrean lebih cepat, tadi saya hanya menunggu sekitar dua puluh menit untuk surat pindah.",
    ),
    (
        "hasil.waktu_tunggu",
        "Dulu saya bisa setengah hari di sini, sekarang nomor antrean dipanggil lebih teratur.",
    ),
    (
        "hasil.komunikasi",
        "Petugasnya menjelaskan berkas apa yang kurang dengan jelas, jadi saya tidak bolak-balik.",
    ),
    (
        "kendala.sarana",
        "Ruang tunggunya panas dan kursinya kurang, banyak yang berdiri.",
    ),
    (
        "kendala.survei",
        "Saya belum pernah diminta mengisi survei kepuasan; kalau ada kode QR di loket saya mau mengisi.",
    ),
];

/// The one voice against the planted effect.
const CONTRA: (&str, &str) = (
    "hasil.waktu_tunggu",
    "Justru kemarin saya menunggu lebih lama dari biasanya, hampir dua jam, karena petugasnya sedang rapat.",
);

const QUESTIONS: [(&str, &str); 4] = [
    (
        "asn_peserta",
        "Apa yang berubah dalam pekerjaan Anda setelah pelatihan?",
    ),
    (
        "asn_nonpeserta",
        "Mengapa Anda belum mengikuti pelatihan program ini?",
    ),
    (
        "atasan",
        "Bagaimana Anda menilai hasil dan hambatan program di unit Anda?",
    ),
    (
        "masyarakat",
        "Bagaimana pengalaman Anda mendapatkan layanan di sini hari ini?",
    ),
];

pub fn generate(
    seed: u64,
    instansi: &[Instansi],
    asn: &[Asn],
    ti: Date,
) -> (Vec<Wawancara>, Vec<Kutipan>) {
    let mut rng = Rng::new(seed ^ 0x5741_5741);
    let units: Vec<&Instansi> = instansi
        .iter()
        .filter(|i| i.kelompok == Kelompok::Intervensi)
        .collect();
    let plan: [(KelompokResponden, Passages, usize); 4] = [
        (KelompokResponden::AsnPeserta, PESERTA, 10),
        (KelompokResponden::AsnNonpeserta, NONPESERTA, 7),
        (KelompokResponden::Atasan, ATASAN, 5),
        (KelompokResponden::Masyarakat, MASYARAKAT, 8),
    ];
    let interviewers = ["Baiq Nurul Aini", "Lalu Ahmad Fauzi"];
    let mut wawancara = Vec::new();
    let mut kutipan = Vec::new();
    let mut n = 0;
    for (group, passages, count) in plan {
        let question = QUESTIONS
            .iter()
            .find(|(g, _)| *g == group.code())
            .map_or("", |(_, q)| q);
        for i in 0..count {
            n += 1;
            let kode = format!("W{n:02}");
            let unit = units[rng.below(units.len())];
            // Three passages, distinct, starting at a rotating offset.
            let mut picked: Vec<(&str, &str)> = (0..3)
                .map(|k| passages[(i * 2 + k) % passages.len()])
                .collect();
            picked.dedup();
            if group == KelompokResponden::Masyarakat && i == count - 1 {
                picked = vec![CONTRA, passages[0]];
            }
            let mut text = format!("P: {question}\nJ: ");
            let mut spans = Vec::new();
            for (j, (code, passage)) in picked.iter().enumerate() {
                if j > 0 {
                    text.push(' ');
                }
                let start = text.chars().count();
                text.push_str(passage);
                spans.push((*code, start, text.chars().count(), *passage == CONTRA.1));
            }
            // Respondents name people and numbers; the report must not.
            if group == KelompokResponden::Masyarakat && i == 0 {
                let mut staff = asn.iter().filter(|a| a.instansi == unit.kode);
                let helper = staff.next().map_or("Pak Rahmat", |a| a.nama.as_str());
                // Another officer by title and given name only ("Bu Ayu"
                // for Ayu Hidayat), an officer not on the roster, and the
                // everyday word "lalu" (also a Sasak title).
                let other = staff
                    .next()
                    .and_then(|a| {
                        let given = a.nama.split_whitespace().rev().nth(1)?;
                        let title = if a.jenis_kelamin == monev_domain::Gender::P {
                            "Bu"
                        } else {
                            "Pak"
                        };
                        Some(format!("{title} {given}"))
                    })
                    .unwrap_or_else(|| "Bu Ayu".into());
                let said = format!(
                    " Yang membantu saya {helper}, nomor saya 0812-3765-4410 kalau perlu dihubungi. Besoknya {other} juga ramah, lalu Pak Sahabudin dari loket sebelah ikut menjelaskan syaratnya."
                );
                text.push_str(&said);
                // The helpful officers: a communication passage, with names
                // in it; it continues the passage before when that one is
                // about communication too (so the report quotes the names,
                // masked).
                let end = text.chars().count();
                match spans.last_mut() {
                    Some(last) if last.0 == "hasil.komunikasi" => last.2 = end,
                    _ => spans.push((
                        "hasil.komunikasi",
                        end - said.chars().count() + 1,
                        end,
                        false,
                    )),
                }
            }
            text.push_str("\nP: Terima kasih.");
            let tanggal = ti.add_days(60 + rng.below(90) as i64);
            wawancara.push(Wawancara {
                kode: kode.clone(),
                tanggal,
                pewawancara: interviewers[n % 2].to_string(),
                kelompok: group,
                instansi: unit.kode.clone(),
                persetujuan: true,
                transkrip: text,
            });
            for (code, start, end, contra) in &spans {
                kutipan.push(Kutipan {
                    sumber: Sumber::Wawancara(kode.clone()),
                    mulai: *start,
                    selesai: *end,
                    kode: code.to_string(),
                    pengkode: "Koder A".into(),
                    memo: contra.then(|| "bertentangan: menunggu lebih lama".to_string()),
                });
            }
            // The second coder codes four in five interviews, missing a
            // passage now and then and once in a while reading it otherwise.
            if rng.below(5) < 4 {
                for (code, start, end, _) in &spans {
                    let roll = rng.below(12);
                    if roll == 0 {
                        continue;
                    }
                    let code = if roll == 1 {
                        if code.starts_with("kendala") {
                            "kendala.lainnya"
                        } else {
                            "hasil.lainnya"
                        }
                    } else {
                        code
                    };
                    kutipan.push(Kutipan {
                        sumber: Sumber::Wawancara(kode.clone()),
                        mulai: *start,
                        selesai: *end,
                        kode: code.to_string(),
                        pengkode: "Koder B".into(),
                        memo: None,
                    });
                }
            }
        }
    }
    (wawancara, kutipan)
}

/// Codes the demo adds under `kendala` to the default codebook.
pub const EXTRA_CODES: [(&str, &str, &str); 2] = [
    (
        "kendala.sarana",
        "Sarana dan prasarana",
        "Ruang tunggu, kursi, pendingin, loket atau peralatan yang kurang.",
    ),
    (
        "kendala.survei",
        "Survei belum menjangkau warga",
        "Warga belum pernah diminta atau tidak tahu cara mengisi survei kepuasan.",
    ),
];
