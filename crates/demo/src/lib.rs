//! The demo: a realistic, deterministic data package for the Program
//! Peningkatan Kualitas ASN in Kecamatan Ampenan, Kota Mataram (NTB).
//!
//! Thirteen service units (the kantor camat, the ten kantor kelurahan, two
//! puskesmas), a few hundred ASN with valid NIPs, five training modules, a
//! year of SKM questionnaires and queue tickets around the intervention date
//! (1 July 2025). Training ran in the first half of the year in the
//! *intervensi* units; the *pembanding* units wait for the second phase and
//! serve as the comparison group.
//!
//! The effects planted in the data are in [`PLANTED`]; the test
//! `tests/it/planted.rs` of the CLI checks that the evaluation recovers each of
//! them within its confidence interval. Pure: [`generate`] returns the data;
//! writing it to files is `monev_ingest::write_package`'s job.

mod documents;
mod interviews;

use monev_domain::{
    Anggaran, Arah, Asn, AspekReaksi, Date, Gender, Indikator, Instansi, Kelompok, Kinerja,
    Layanan, Likert4, Likert5, Nip, Pelatihan, PengaturanLaporan, Penilai, Peserta, Program,
    ProgramData, Reaksi, ReaksiItem, SkmResponse, Timestamp,
};
use monev_stats::rng::Rng;

/// The effects built into the demo data: what a correct evaluation finds.
#[derive(Debug, Clone, Copy)]
pub struct Planted {
    /// Expected waiting minutes: intervensi before/after, pembanding before/after.
    pub tunggu: [f64; 4],
    /// True difference-in-differences of mean waiting minutes.
    pub did_menit: f64,
    /// True mean score gain (post − pre) of each module, in [`MODULES`] order.
    pub gain: [f64; 5],
    /// Expected SKM answer per unsur: intervensi before, intervensi after,
    /// pembanding before, pembanding after.
    pub unsur: [[f64; 9]; 4],
    /// Share of SKM answers drawn uniformly from 1–4 (noise), which pulls each
    /// expected answer towards 2,5.
    pub noise: f64,
    /// SD of a respondent's general satisfaction, shared by their nine
    /// answers (clamping to 1–4 lowers the expected IKM by under 0,05 points).
    pub skm_responden_sd: f64,
    /// Probability that an ASN of an intervensi unit takes part, per unit code.
    pub participation: &'static [(&'static str, f64)],
    pub realisasi_anggaran_persen: f64,
    /// Performance ratings (1–5): per aspect, the rise after the intervention
    /// for participants beyond the drift every ASN shares (the true DiD).
    pub kinerja: [(&'static str, f64); 4],
    /// The drift of every ASN's ratings after the intervention date.
    pub kinerja_drift: f64,
    /// Mean answer to the relevance items of the reaction questionnaire, per
    /// module in [`MODULES`] order.
    pub relevansi: [f64; 5],
}

impl Planted {
    /// Expected converted IKM of a cell (0: iv before, 1: iv after, 2: pb before, 3: pb after).
    pub fn ikm(&self, cell: usize) -> f64 {
        let e: f64 = self.unsur[cell]
            .iter()
            .map(|m| (1.0 - self.noise) * m + self.noise * 2.5)
            .sum::<f64>()
            / 9.0;
        e * 25.0
    }
}

pub const PLANTED: Planted = Planted {
    tunggu: [38.0, 27.0, 36.0, 35.0],
    did_menit: (27.0 - 38.0) - (35.0 - 36.0),
    gain: [18.0, 17.0, 16.0, 2.5, 1.0],
    unsur: [
        [3.05, 2.95, 2.70, 3.55, 3.00, 2.95, 3.05, 2.90, 2.75],
        [3.35, 3.30, 3.30, 3.55, 3.30, 3.45, 3.50, 3.20, 2.80],
        [3.05, 2.95, 2.75, 3.55, 3.00, 2.95, 3.00, 2.90, 2.80],
        [3.10, 3.00, 2.80, 3.55, 3.05, 3.00, 3.05, 2.90, 2.80],
    ],
    noise: 0.08,
    skm_responden_sd: 0.3,
    participation: &[
        ("KEC-AMP", 0.78),
        ("KEL-AMS", 0.66),
        ("KEL-AMT", 0.58),
        ("KEL-AMU", 0.52),
        ("KEL-BAN", 0.47),
        ("KEL-DYP", 0.61),
        ("KEL-KBS", 0.55),
        ("PKM-AMP", 0.57),
    ],
    realisasi_anggaran_persen: 97.4,
    kinerja: [
        ("komunikasi", 0.55),
        ("manajemen_waktu", 0.45),
        ("pelayanan", 0.40),
        ("kerja_sama", 0.05),
    ],
    kinerja_drift: 0.10,
    relevansi: [4.3, 4.2, 4.1, 3.2, 3.0],
};

/// The reaction questionnaire (Kirkpatrick level 1).
const REAKSI_ITEMS: [(&str, &str, AspekReaksi); 6] = [
    (
        "r1",
        "Materi pelatihan relevan dengan tugas sehari-hari",
        AspekReaksi::Relevansi,
    ),
    ("r2", "Materi mudah dipahami", AspekReaksi::Materi),
    (
        "r3",
        "Narasumber menguasai materi dan menjawab pertanyaan dengan jelas",
        AspekReaksi::Narasumber,
    ),
    (
        "r4",
        "Metode pelatihan melibatkan peserta secara aktif",
        AspekReaksi::Materi,
    ),
    (
        "r5",
        "Ruang, konsumsi dan sarana pelatihan memadai",
        AspekReaksi::Fasilitas,
    ),
    (
        "r6",
        "Saya dapat menerapkan materi ini dalam pekerjaan",
        AspekReaksi::Relevansi,
    ),
];

/// A score on 1..=max whose expectation is exactly `m` (clamped to the
/// scale): the two integers around `m`, mixed.
fn discrete(rng: &mut Rng, m: f64, max: f64) -> u8 {
    let m = m.clamp(1.0, max);
    let lo = m.floor();
    (lo + f64::from(u8::from(rng.chance(m - lo)))).min(max) as u8
}

/// (kode, nama, jenis, kelompok, ASN on the roster, mean queue tickets per working day, base waiting minutes offset)
const UNITS: [(&str, &str, &str, Kelompok, usize, f64, f64); 13] = [
    (
        "KEC-AMP",
        "Kantor Camat Ampenan",
        "kecamatan",
        Kelompok::Intervensi,
        42,
        16.0,
        4.0,
    ),
    (
        "KEL-AMS",
        "Kantor Lurah Ampenan Selatan",
        "kelurahan",
        Kelompok::Intervensi,
        15,
        6.0,
        -2.0,
    ),
    (
        "KEL-AMT",
        "Kantor Lurah Ampenan Tengah",
        "kelurahan",
        Kelompok::Intervensi,
        14,
        6.0,
        0.0,
    ),
    (
        "KEL-AMU",
        "Kantor Lurah Ampenan Utara",
        "kelurahan",
        Kelompok::Intervensi,
        15,
        7.0,
        2.0,
    ),
    (
        "KEL-BAN",
        "Kantor Lurah Banjar",
        "kelurahan",
        Kelompok::Intervensi,
        13,
        5.0,
        -3.0,
    ),
    (
        "KEL-DYP",
        "Kantor Lurah Dayan Peken",
        "kelurahan",
        Kelompok::Intervensi,
        14,
        6.0,
        1.0,
    ),
    (
        "KEL-KBS",
        "Kantor Lurah Kebon Sari",
        "kelurahan",
        Kelompok::Intervensi,
        13,
        5.0,
        -1.0,
    ),
    (
        "PKM-AMP",
        "Puskesmas Ampenan",
        "puskesmas",
        Kelompok::Intervensi,
        58,
        22.0,
        6.0,
    ),
    (
        "KEL-BIN",
        "Kantor Lurah Bintaro",
        "kelurahan",
        Kelompok::Pembanding,
        14,
        6.0,
        -1.0,
    ),
    (
        "KEL-PJK",
        "Kantor Lurah Pejarakan Karya",
        "kelurahan",
        Kelompok::Pembanding,
        13,
        5.0,
        0.0,
    ),
    (
        "KEL-PJR",
        "Kantor Lurah Pejeruk",
        "kelurahan",
        Kelompok::Pembanding,
        15,
        6.0,
        2.0,
    ),
    (
        "KEL-TMS",
        "Kantor Lurah Taman Sari",
        "kelurahan",
        Kelompok::Pembanding,
        14,
        6.0,
        -2.0,
    ),
    (
        "PKM-PJR",
        "Puskesmas Pejeruk",
        "puskesmas",
        Kelompok::Pembanding,
        52,
        20.0,
        5.0,
    ),
];

/// (kode, nama, bidang, JP, cost per participant)
pub const MODULES: [(&str, &str, &str, f64, f64); 5] = [
    (
        "PEL-01",
        "Manajemen Pelayanan Publik",
        "pelayanan publik",
        24.0,
        1_750_000.0,
    ),
    (
        "PEL-02",
        "Komunikasi Efektif dan Etika Pelayanan",
        "komunikasi",
        16.0,
        1_200_000.0,
    ),
    (
        "PEL-03",
        "Manajemen Waktu dan Kinerja",
        "manajemen diri",
        16.0,
        1_100_000.0,
    ),
    (
        "PEL-04",
        "Literasi Digital dan SPBE",
        "teknologi informasi",
        24.0,
        1_600_000.0,
    ),
    (
        "PEL-05",
        "Kebijakan dan Regulasi Manajemen ASN",
        "regulasi",
        12.0,
        900_000.0,
    ),
];

const MALE: [&str; 24] = [
    "Muhammad",
    "Ahmad",
    "Lalu Muhammad",
    "Lalu Ahmad",
    "Lalu Gede",
    "Zainal",
    "Hairul",
    "Sahnan",
    "Rusdi",
    "Hasanudin",
    "Imam",
    "Agus",
    "Budi",
    "Fathurrahman",
    "Syamsul",
    "Lalu Ramdhan",
    "Irwan",
    "Junaidi",
    "Mustiadi",
    "Samsudin",
    "Rahmat",
    "Wahyu",
    "Sapoan",
    "Hendra",
];
const FEMALE: [&str; 24] = [
    "Baiq Nurul",
    "Baiq Rina",
    "Siti",
    "Nurul",
    "Rabiatul",
    "Hj. Sri",
    "Ni Made",
    "Ayu",
    "Dewi",
    "Lale",
    "Sukmawati",
    "Fitriani",
    "Herlina",
    "Baiq Yuliana",
    "Rohani",
    "Marlina",
    "Sarah",
    "Mulyani",
    "Nurhayati",
    "Indah",
    "Wulan",
    "Halimatussa'diah",
    "Eka",
    "Yuni",
];
const LAST: [&str; 28] = [
    "Hidayat",
    "Hamdani",
    "Saputra",
    "Rahman",
    "Suryadi",
    "Zulkarnain",
    "Hariadi",
    "Wirajaya",
    "Fauzi",
    "Maulana",
    "Hidayati",
    "Rahmawati",
    "Susanti",
    "Apriani",
    "Kartini",
    "Anggraini",
    "Yulianti",
    "Sahriah",
    "Jayadi",
    "Pratama",
    "Mahsun",
    "Azhari",
    "Munawir",
    "Sudirman",
    "Ramli",
    "Kurniawan",
    "Safitri",
    "Ilham",
];

const JABATAN_KANTOR: [(&str, &str); 6] = [
    ("Pengadministrasi Umum", "II/b"),
    ("Pengelola Layanan Kependudukan", "II/c"),
    ("Analis Pelayanan", "III/a"),
    ("Penata Kelola Pemerintahan", "III/b"),
    ("Kepala Seksi Pelayanan", "III/d"),
    ("Sekretaris Kelurahan", "III/c"),
];
const JABATAN_PUSKESMAS: [(&str, &str); 6] = [
    ("Perawat Terampil", "II/c"),
    ("Bidan Terampil", "II/d"),
    ("Perawat Ahli Pertama", "III/a"),
    ("Dokter Ahli Pertama", "III/b"),
    ("Pranata Laboratorium Kesehatan", "II/d"),
    ("Administrator Kesehatan", "III/a"),
];
const PENDIDIKAN: [&str; 5] = ["SMA", "D3", "D4", "S1", "S2"];
const LAYANAN_KANTOR: [&str; 7] = [
    "KTP-el",
    "Kartu Keluarga",
    "Akta kelahiran",
    "Surat keterangan domisili",
    "Surat keterangan usaha",
    "Surat keterangan tidak mampu",
    "Surat pindah",
];
const LAYANAN_PUSKESMAS: [&str; 4] = [
    "Pendaftaran rawat jalan",
    "Poli umum",
    "KIA/KB",
    "Surat keterangan sehat",
];
const PEKERJAAN: [&str; 6] = ["PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya"];
const PEND_RESP: [&str; 8] = ["SD", "SMP", "SMA", "D1–D4", "S1", "S2", "S3", "SMA"];

/// The intervention date of the demo programme.
pub fn intervention_date() -> Date {
    Date::new(2025, 7, 1).expect("valid")
}

/// Builds the whole demo programme. Same output for the same seed.
pub fn generate(seed: u64) -> ProgramData {
    generate_scaled(seed, 1)
}

/// The demo with `scale` times as many SKM questionnaires and queue tickets
/// (for benchmarks: the roster, modules and budget stay the same).
pub fn generate_scaled(seed: u64, scale: u32) -> ProgramData {
    generate_shaped(seed, scale, scale)
}

/// The demo with `skm` times as many SKM questionnaires and `tickets` times
/// as many queue tickets, each independently (benchmarks of a given shape).
pub fn generate_shaped(seed: u64, skm_scale: u32, tickets: u32) -> ProgramData {
    let scale = skm_scale.max(1) as usize;
    let ticket_scale = tickets.max(1) as usize;
    let mut rng = Rng::new(seed);
    let start = Date::new(2025, 1, 2).expect("valid");
    let end = Date::new(2025, 12, 31).expect("valid");
    let ti = intervention_date();

    let program = Program {
        kode: "ASN-AMPENAN-2025".into(),
        nama: "Program Peningkatan Kualitas ASN Kecamatan Ampenan".into(),
        wilayah: "Kecamatan Ampenan, Kota Mataram, Nusa Tenggara Barat".into(),
        mulai: start,
        selesai: end,
        tanggal_intervensi: ti,
        pagu_anggaran: 450_000_000.0,
        target_partisipasi_persen: Some(80.0),
        evaluator: Some("Tim Evaluasi BKPSDM Kota Mataram".into()),
        // Kota Mataram, Nusa Tenggara Barat.
        zona_waktu: monev_domain::ZonaWaktu::Wita,
        periode: monev_domain::JenisPeriode::Triwulan,
        laporan: PengaturanLaporan {
            tim: vec![
                "Dra. Baiq Rahmawati, M.Si. (ketua)".into(),
                "Lalu Ahmad Fauzi, S.E., M.M.".into(),
                "Ni Made Sri Wahyuni, S.Psi.".into(),
            ],
            nomor_sk: Some("800.1.3/123/BKPSDM/2026".into()),
            tempat: Some("Mataram".into()),
            tanggal: Date::new(2026, 11, 30),
            penandatangan_nama: Some("H. Muhammad Zaini, S.STP., M.Si.".into()),
            penandatangan_jabatan: Some("Kepala BKPSDM Kota Mataram".into()),
            penandatangan_nip: Some("197503121995031002".into()),
            logo: None,
        },
    };
    let instansi: Vec<Instansi> = UNITS
        .iter()
        .map(|u| Instansi {
            kode: u.0.into(),
            nama: u.1.into(),
            jenis: u.2.into(),
            kelompok: u.3,
            wilayah: Some("52.71.01".into()),
        })
        .collect();

    // ASN rosters with valid NIPs (birth date, TMT CPNS at 20–35, gender, sequence).
    let mut asn = Vec::new();
    let mut used = std::collections::HashSet::new();
    for u in &UNITS {
        for _ in 0..u.4 {
            let female = rng.chance(if u.2 == "puskesmas" { 0.68 } else { 0.45 });
            let by = rng.range(1968, 1998) as i32;
            let bm = rng.range(1, 12) as u32;
            let bd = rng.range(1, 28) as u32;
            let age_at_tmt = rng.range(21, 34) as i32;
            let ty = (by + age_at_tmt).min(2023);
            let tm = rng.range(1, 12) as u32;
            let mut seq = 1;
            let nip = loop {
                let s = format!(
                    "{by:04}{bm:02}{bd:02}{ty:04}{tm:02}{}{seq:03}",
                    if female { 2 } else { 1 }
                );
                if used.insert(s.clone()) {
                    break s;
                }
                seq += 1;
            };
            let nip = Nip::parse(&nip).expect("demo NIPs are valid by construction");
            let first = if female {
                rng.pick(&FEMALE)
            } else {
                rng.pick(&MALE)
            };
            let (jabatan, golongan) = if u.2 == "puskesmas" {
                *rng.pick(&JABATAN_PUSKESMAS)
            } else {
                *rng.pick(&JABATAN_KANTOR)
            };
            asn.push(Asn {
                nip,
                nama: format!("{first} {}", rng.pick(&LAST)),
                instansi: u.0.into(),
                jabatan: jabatan.into(),
                golongan: golongan.into(),
                pendidikan: rng.pick(&PENDIDIKAN).to_string(),
                jenis_kelamin: if female { Gender::P } else { Gender::L },
            });
        }
    }

    let pelatihan: Vec<Pelatihan> = MODULES
        .iter()
        .map(|m| Pelatihan {
            kode: m.0.into(),
            nama: m.1.into(),
            bidang: m.2.into(),
            jp: m.3,
            biaya_per_peserta: m.4,
        })
        .collect();

    // Participation: intervensi ASN take part with their unit's probability,
    // in one to three modules held between March and June.
    let mut peserta = Vec::new();
    for a in &asn {
        let Some(&(_, p)) = PLANTED.participation.iter().find(|(k, _)| *k == a.instansi) else {
            continue;
        };
        if !rng.chance(p) {
            continue;
        }
        let k = 1 + (rng.f64() * 3.0) as usize;
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < k {
            let m = rng.range(0, 4) as usize;
            if !chosen.contains(&m) {
                chosen.push(m);
            }
        }
        chosen.sort_unstable();
        for m in chosen {
            let mulai = Date::new(2025, 3 + m as u32 % 4, 3 + 7 * (m as u32 % 3)).expect("valid");
            let days = (MODULES[m].3 / 8.0).ceil() as i64;
            let pre = (55.0 + 11.0 * rng.normal()).clamp(10.0, 95.0).round();
            let finished = !rng.chance(0.07);
            let post = finished.then(|| {
                (pre + PLANTED.gain[m] + 8.0 * rng.normal())
                    .clamp(0.0, 100.0)
                    .round()
            });
            let hadir = if finished {
                (90.0 + 7.0 * rng.normal()).clamp(50.0, 100.0)
            } else {
                rng.range(25, 70) as f64
            };
            peserta.push(Peserta {
                nip: a.nip.clone(),
                pelatihan: MODULES[m].0.into(),
                tanggal_mulai: Some(mulai),
                tanggal_selesai: Some(mulai.add_days(days - 1)),
                kehadiran_persen: Some((hadir * 10.0).round() / 10.0),
                pre_test: Some(pre),
                post_test: post,
            });
        }
    }

    // SKM: about 25 questionnaires per unit per month.
    let mut skm = Vec::new();
    for u in &UNITS {
        let base = match u.3 {
            Kelompok::Intervensi => 0,
            Kelompok::Pembanding => 2,
        };
        for month in 1..=12u32 {
            let n =
                (20 + rng.range(0, 10) as usize + if u.2 == "puskesmas" { 10 } else { 0 }) * scale;
            for _ in 0..n {
                let day = rng.range(1, monev_domain::days_in_month(2025, month) as i64) as u32;
                let tanggal = Date::new(2025, month, day).expect("valid");
                let cell = base + usize::from(tanggal >= ti);
                // A respondent's general satisfaction lifts or lowers all nine
                // answers together, as in real questionnaires.
                let person = PLANTED.skm_responden_sd * rng.normal();
                let jawaban: [Option<Likert4>; 9] = std::array::from_fn(|k| {
                    if rng.chance(0.015) {
                        return None;
                    }
                    let v = if rng.chance(PLANTED.noise) {
                        rng.range(1, 4) as u8
                    } else {
                        discrete(&mut rng, PLANTED.unsur[cell][k] + person, 4.0)
                    };
                    Likert4::new(v)
                });
                let services: &[&str] = if u.2 == "puskesmas" {
                    &LAYANAN_PUSKESMAS
                } else {
                    &LAYANAN_KANTOR
                };
                skm.push(SkmResponse {
                    instansi: u.0.into(),
                    tanggal,
                    jawaban,
                    jenis_kelamin: Some(if rng.chance(0.52) {
                        Gender::P
                    } else {
                        Gender::L
                    }),
                    usia: Some(rng.range(17, 72) as u32),
                    pendidikan: Some(rng.pick(&PEND_RESP).to_string()),
                    pekerjaan: Some(rng.pick(&PEKERJAAN).to_string()),
                    jenis_layanan: Some(rng.pick(services).to_string()),
                });
            }
        }
    }

    // Queue tickets on working days; waiting = (unit offset + cell mean) × lognormal noise (mean 1).
    let mut layanan = Vec::new();
    let mut texts = monev_domain::Interner::default();
    let mut day = start;
    while day <= end {
        if day.weekday() < 5 {
            let after = day >= ti;
            for u in &UNITS {
                let cell = match (u.3, after) {
                    (Kelompok::Intervensi, false) => 0,
                    (Kelompok::Intervensi, true) => 1,
                    (Kelompok::Pembanding, false) => 2,
                    (Kelompok::Pembanding, true) => 3,
                };
                let expected = PLANTED.tunggu[cell] + u.6;
                let services: &[&str] = if u.2 == "puskesmas" {
                    &LAYANAN_PUSKESMAS
                } else {
                    &LAYANAN_KANTOR
                };
                let n = (u.5 * (0.7 + 0.6 * rng.f64())).round() as usize * ticket_scale;
                for _ in 0..n {
                    let arrive = rng.range(7 * 60 + 30, 13 * 60 + 30);
                    let wait_sec = (expected * rng.lognormal_mean1(0.45) * 60.0).round() as i64;
                    let datang = Timestamp::new(
                        day,
                        (arrive / 60) as u32,
                        (arrive % 60) as u32,
                        rng.range(0, 59) as u32,
                    )
                    .expect("valid");
                    let dipanggil = Timestamp::from_seconds(datang.seconds() + wait_sec);
                    let service = rng.range(4, 18) * 60 + rng.range(0, 59);
                    let jenis: &&str = rng.pick(services);
                    layanan.push(Layanan {
                        instansi: texts.get(u.0),
                        jenis_layanan: texts.get(jenis),
                        waktu_datang: datang,
                        waktu_dipanggil: dipanggil,
                        waktu_selesai: Some(Timestamp::from_seconds(dipanggil.seconds() + service)),
                    });
                }
            }
        }
        day = day.add_days(1);
    }

    let pagu = [
        (
            "Penyelenggaraan pelatihan (honor narasumber, modul)",
            210_000_000.0,
        ),
        ("Konsumsi dan akomodasi peserta", 120_000_000.0),
        ("Sosialisasi program", 30_000_000.0),
        ("Monitoring dan evaluasi", 45_000_000.0),
        ("Alat tulis dan bahan pelatihan", 45_000_000.0),
    ];
    let shares = [0.995, 0.99, 0.86, 0.95, 0.985];
    let anggaran: Vec<Anggaran> = pagu
        .iter()
        .zip(shares)
        .map(|(&(k, p), s)| Anggaran {
            kegiatan: k.into(),
            pagu: p,
            realisasi: (p * s / 1000.0).round() * 1000.0,
        })
        .collect();

    let indikator = vec![
        Indikator {
            kode: "IKM".into(),
            nama: "Indeks Kepuasan Masyarakat unit intervensi".into(),
            ukuran: "indeks 25–100".into(),
            baseline: 74.5,
            target: 82.0,
            arah: Arah::Naik,
            realisasi: None,
        },
        Indikator {
            kode: "WAKTU_TUNGGU".into(),
            nama: "Rata-rata waktu tunggu layanan".into(),
            ukuran: "menit".into(),
            baseline: 39.0,
            target: 30.0,
            arah: Arah::Turun,
            realisasi: None,
        },
        Indikator {
            kode: "PARTISIPASI".into(),
            nama: "ASN unit intervensi yang mengikuti pelatihan".into(),
            ukuran: "persen".into(),
            baseline: 0.0,
            target: 80.0,
            arah: Arah::Naik,
            realisasi: None,
        },
        Indikator {
            kode: "N_GAIN".into(),
            nama: "Rata-rata N-gain modul pelatihan".into(),
            ukuran: "0–1".into(),
            baseline: 0.0,
            target: 0.3,
            arah: Arah::Naik,
            realisasi: None,
        },
        Indikator {
            kode: "ASN_20JP".into(),
            nama: "ASN yang memperoleh ≥ 20 JP pengembangan kompetensi".into(),
            ukuran: "persen".into(),
            baseline: 18.0,
            target: 60.0,
            arah: Arah::Naik,
            realisasi: Some(41.0),
        },
    ];

    // Performance ratings by atasan and rekan, once before the training
    // (January–February) and once after the intervention (September–November);
    // a self-rating after, which the evaluation leaves out.
    let took_part: std::collections::HashSet<&str> =
        peserta.iter().map(|p| p.nip.as_str()).collect();
    let mut kinerja = Vec::new();
    for a in &asn {
        let person = 0.35 * rng.normal();
        let trained = took_part.contains(a.nip.as_str());
        let before = Date::new(2025, 1, 6)
            .expect("valid")
            .add_days(rng.range(0, 50));
        let after = Date::new(2025, 9, 1)
            .expect("valid")
            .add_days(rng.range(0, 85));
        for (aspek, gain) in PLANTED.kinerja {
            for (when, post) in [(before, false), (after, true)] {
                for (penilai, offset) in [(Penilai::Atasan, -0.1), (Penilai::Rekan, 0.1)] {
                    let rise = if post {
                        PLANTED.kinerja_drift + if trained { gain } else { 0.0 }
                    } else {
                        0.0
                    };
                    let m = 3.2 + person + offset + rise;
                    kinerja.push(Kinerja {
                        nip: a.nip.clone(),
                        tanggal: when,
                        penilai,
                        aspek: aspek.to_string(),
                        skor: Likert5::new(discrete(&mut rng, m, 5.0)).expect("1–5"),
                    });
                }
            }
            let m = 3.9 + person;
            kinerja.push(Kinerja {
                nip: a.nip.clone(),
                tanggal: after,
                penilai: Penilai::Diri,
                aspek: aspek.to_string(),
                skor: Likert5::new(discrete(&mut rng, m, 5.0)).expect("1–5"),
            });
        }
    }

    // Reactions of the participants who finished a module.
    let reaksi_item: Vec<ReaksiItem> = REAKSI_ITEMS
        .iter()
        .map(|(k, n, a)| ReaksiItem {
            kode: k.to_string(),
            nama: n.to_string(),
            aspek: *a,
        })
        .collect();
    let mut reaksi = Vec::new();
    for p in peserta.iter().filter(|p| p.post_test.is_some()) {
        let m = MODULES
            .iter()
            .position(|x| x.0 == p.pelatihan)
            .expect("demo module");
        let person = 0.3 * rng.normal();
        let skor = REAKSI_ITEMS
            .iter()
            .filter_map(|(k, _, aspek)| {
                if rng.chance(0.02) {
                    return None;
                }
                let mean = if *aspek == AspekReaksi::Relevansi {
                    PLANTED.relevansi[m]
                } else {
                    3.9
                };
                Some((
                    k.to_string(),
                    Likert5::new(discrete(&mut rng, mean + person, 5.0)).expect("1–5"),
                ))
            })
            .collect();
        reaksi.push(Reaksi {
            nip: p.nip.clone(),
            pelatihan: p.pelatihan.clone(),
            tanggal: p.tanggal_selesai,
            skor,
        });
    }

    // Drawn from a stream of its own, so the figures above do not move.
    let (wawancara, mut kutipan) = interviews::generate(seed, &instansi, &asn, ti);
    let (dokumen, kutipan_dokumen) = documents::generate(&anggaran);
    kutipan.extend(kutipan_dokumen);
    let kode_kualitatif = monev_domain::KODE_BAKU
        .iter()
        .chain(interviews::EXTRA_CODES.iter())
        .map(|(kode, nama, definisi)| monev_domain::KodeKualitatif {
            kode: kode.to_string(),
            nama: nama.to_string(),
            definisi: definisi.to_string(),
        })
        .collect();
    let mut indikator_periode = monitoring_indicators(seed, &indikator);
    let anggaran_periode = monitoring_budget(seed, &anggaran);
    plant_gaps(&mut skm, &mut layanan, &mut indikator_periode);
    ProgramData {
        program,
        instansi,
        wilayah: regions(),
        asn,
        pelatihan,
        peserta,
        skm,
        layanan,
        anggaran,
        indikator_periode,
        anggaran_periode,
        indikator,
        kinerja,
        reaksi_item,
        reaksi,
        nonpeserta: Vec::new(),
        wawancara,
        kode_kualitatif,
        kutipan,
        dokumen,
        keputusan_rekomendasi: Vec::new(),
        samaran: Vec::new(),
        tinjauan: None,
        persetujuan: None,
        batas_lapor_hari: None,
    }
}

/// The regions of the demo: Nusa Tenggara Barat, Kota Mataram, and its
/// kecamatan Ampenan and Sekarbela, by their Kemendagri codes (Kepmendagri
/// 300.2.2-2138/2025: 52, 52.71, 52.71.01, 52.71.04).
pub fn regions() -> Vec<monev_domain::Wilayah> {
    use monev_domain::{Tingkat, Wilayah};
    let w = |kode: &str, nama: &str, tingkat, induk: Option<&str>| Wilayah {
        kode: kode.into(),
        nama: nama.into(),
        tingkat,
        induk: induk.map(str::to_string),
    };
    vec![
        w("52", "Nusa Tenggara Barat", Tingkat::Provinsi, None),
        w("52.71", "Kota Mataram", Tingkat::KabupatenKota, Some("52")),
        w(
            "52.71.01",
            "Kecamatan Ampenan",
            Tingkat::Kecamatan,
            Some("52.71"),
        ),
        w(
            "52.71.04",
            "Kecamatan Sekarbela",
            Tingkat::Kecamatan,
            Some("52.71"),
        ),
    ]
}

/// Ampenan's units and the Sekarbela units that stand in for them in the
/// second programme (the kantor camat, five kantor lurah, two puskesmas;
/// the others are left out).
const SEKARBELA: [(&str, &str, &str); 8] = [
    ("KEC-AMP", "KEC-SKB", "Kantor Camat Sekarbela"),
    ("KEL-AMS", "KEL-KRP", "Kantor Lurah Karang Pule"),
    ("KEL-AMT", "KEL-JPB", "Kantor Lurah Jempong Baru"),
    ("KEL-AMU", "KEL-TJK", "Kantor Lurah Tanjung Karang"),
    ("PKM-AMP", "PKM-KRP", "Puskesmas Karang Pule"),
    ("KEL-BIN", "KEL-TKP", "Kantor Lurah Tanjung Karang Permai"),
    ("KEL-PJK", "KEL-KKJ", "Kantor Lurah Kekalik Jaya"),
    ("PKM-PJR", "PKM-TJK", "Puskesmas Tanjung Karang"),
];

/// The same programme run in a second kecamatan of Kota Mataram,
/// Sekarbela: drawn like the demo from another seed, on eight units of its
/// own (five intervention, three comparison), without interviews and
/// documents (its evaluation is not the demo's report).
pub fn generate_second(seed: u64) -> ProgramData {
    let mut d = generate(seed.wrapping_add(0x5e4a_be1a));
    let map = |k: &str| {
        SEKARBELA
            .iter()
            .find(|(from, _, _)| *from == k)
            .map(|(_, to, _)| *to)
    };
    d.program.kode = "ASN-SEKARBELA-2025".into();
    d.program.nama = "Program Peningkatan Kualitas ASN Kecamatan Sekarbela".into();
    d.program.wilayah = "Kecamatan Sekarbela, Kota Mataram, Nusa Tenggara Barat".into();
    d.instansi.retain(|i| map(&i.kode).is_some());
    for i in &mut d.instansi {
        let (_, to, nama) = SEKARBELA
            .iter()
            .find(|(from, _, _)| *from == i.kode)
            .expect("kept");
        i.kode = (*to).into();
        i.nama = (*nama).into();
        i.wilayah = Some("52.71.04".into());
    }
    d.asn.retain(|a| map(&a.instansi).is_some());
    for a in &mut d.asn {
        a.instansi = map(&a.instansi).expect("kept").into();
    }
    let nips: std::collections::HashSet<String> = d.asn.iter().map(|a| a.nip.to_string()).collect();
    d.peserta.retain(|p| nips.contains(&p.nip.to_string()));
    d.kinerja.retain(|k| nips.contains(&k.nip.to_string()));
    d.reaksi.retain(|r| nips.contains(&r.nip.to_string()));
    d.skm.retain(|r| map(&r.instansi).is_some());
    for r in &mut d.skm {
        r.instansi = map(&r.instansi).expect("kept").into();
    }
    d.layanan.retain(|l| map(&l.instansi).is_some());
    for l in &mut d.layanan {
        l.instansi = map(&l.instansi).expect("kept").into();
    }
    d.indikator_periode
        .retain(|r| r.instansi.as_deref().is_none_or(|i| map(i).is_some()));
    for r in &mut d.indikator_periode {
        r.instansi = r.instansi.as_deref().and_then(map).map(str::to_string);
    }
    d.anggaran_periode
        .retain(|r| r.instansi.as_deref().is_none_or(|i| map(i).is_some()));
    for r in &mut d.anggaran_periode {
        r.instansi = r.instansi.as_deref().and_then(map).map(str::to_string);
    }
    d.nonpeserta.clear();
    d.wawancara.clear();
    d.kutipan.clear();
    d.dokumen.clear();
    d.keputusan_rekomendasi.clear();
    d
}

/// The four triwulan of 2025, as the demo reports them.
fn quarters() -> [monev_domain::Periode; 4] {
    [1, 2, 3, 4].map(|q| {
        monev_domain::Periode::new(2025, monev_domain::JenisPeriode::Triwulan, q)
            .expect("a real triwulan")
    })
}

/// Each budget line's plan and realisation per triwulan, cumulative: the
/// plan spends 15, 45, 80 and 100% of the ceiling (physical progress 20,
/// 50, 80, 100%); realisation lags it by a line's own amount and ends at
/// `anggaran.csv`'s realisation. Drawn from a generator of its own, so the
/// rest of the demo (and its planted effects) is unchanged.
fn monitoring_budget(seed: u64, anggaran: &[Anggaran]) -> Vec<monev_domain::AnggaranPeriode> {
    let mut rng = Rng::new(seed ^ 0x006d_6f6e_6974_6f72);
    let plan = [0.15, 0.45, 0.80, 1.0];
    let physical = [20.0, 50.0, 80.0, 100.0];
    let mut out = Vec::new();
    for a in anggaran {
        let final_share = a.realisasi / a.pagu;
        // How far behind the plan this line runs before the last quarter.
        let lag = 0.70 + 0.28 * rng.f64();
        for (k, periode) in quarters().into_iter().enumerate() {
            let rencana = (a.pagu * plan[k] / 1000.0).round() * 1000.0;
            let share = if k == 3 {
                final_share
            } else {
                (plan[k] * lag).min(final_share)
            };
            let realisasi = (a.pagu * share / 1000.0).round() * 1000.0;
            let fisik = if k == 3 {
                (100.0 * final_share.min(1.0) * 10.0).round() / 10.0
            } else {
                (physical[k] * lag * 10.0).round() / 10.0
            };
            out.push(monev_domain::AnggaranPeriode {
                kegiatan: a.kegiatan.clone(),
                periode,
                instansi: None,
                rencana_keuangan: rencana,
                realisasi_keuangan: Some(realisasi),
                rencana_fisik_persen: physical[k],
                realisasi_fisik_persen: Some(fisik),
            });
        }
    }
    out
}

/// The IKM, waiting-time and participation indicators per triwulan: the
/// quarter's target on the way from baseline to target, and a realisation
/// near it (the waiting time falls behind in the third quarter).
/// The gaps the completeness page must find (`PLANTED_GAPS`), made by
/// leaving rows out after every draw, so the rest of the data are those of
/// the seed: Kantor Lurah Pejarakan Karya's queue log of the second
/// triwulan never came, Puskesmas Pejeruk ran no SKM in the third, and
/// the participation indicator's fourth-quarter realisation is not in.
fn plant_gaps(
    skm: &mut Vec<SkmResponse>,
    layanan: &mut Vec<Layanan>,
    indikator_periode: &mut [monev_domain::IndikatorPeriode],
) {
    let within = |d: Date, from: (u32, u32), to: (u32, u32)| {
        d >= Date::new(2025, from.0, from.1).expect("valid")
            && d <= Date::new(2025, to.0, to.1).expect("valid")
    };
    layanan
        .retain(|l| !(&*l.instansi == "KEL-PJK" && within(l.waktu_datang.date(), (4, 1), (6, 30))));
    skm.retain(|s| !(s.instansi == "PKM-PJR" && within(s.tanggal, (7, 1), (9, 30))));
    for r in indikator_periode.iter_mut() {
        if r.indikator == "PARTISIPASI" && r.periode.to_string() == "2025-T4" {
            r.realisasi = None;
        }
    }
}

/// The gaps [`plant_gaps`] makes: (unit or `None` for the programme,
/// period, what is missing).
pub const PLANTED_GAPS: [(Option<&str>, &str, &str); 3] = [
    (Some("KEL-PJK"), "2025-T2", "antrean"),
    (Some("PKM-PJR"), "2025-T3", "skm"),
    (None, "2025-T4", "indikator"),
];

fn monitoring_indicators(
    seed: u64,
    indikator: &[Indikator],
) -> Vec<monev_domain::IndikatorPeriode> {
    let mut rng = Rng::new(seed ^ 0x7472_6977_756c_616e);
    let mut out = Vec::new();
    for i in indikator
        .iter()
        .filter(|i| ["IKM", "WAKTU_TUNGGU", "PARTISIPASI"].contains(&i.kode.as_str()))
    {
        for (k, periode) in quarters().into_iter().enumerate() {
            let step = (k + 1) as f64 / 4.0;
            let target = ((i.baseline + (i.target - i.baseline) * step) * 10.0).round() / 10.0;
            let behind = i.kode == "WAKTU_TUNGGU" && k == 2;
            let noise = (i.target - i.baseline).abs() * (0.12 * rng.normal());
            let off = if behind {
                (i.target - i.baseline).abs() * 0.9
            } else {
                noise
            };
            let realisasi = match i.arah {
                Arah::Naik => target - off,
                Arah::Turun => target + off,
            };
            out.push(monev_domain::IndikatorPeriode {
                indikator: i.kode.clone(),
                periode,
                instansi: None,
                target,
                realisasi: Some((realisasi.max(0.0) * 100.0).round() / 100.0),
            });
        }
    }
    out
}

/// The seed `monev demo` uses: 83111, a postcode of Ampenan. The data are
/// random draws around [`PLANTED`]; with this seed each of the seventeen
/// planted quantities falls inside its 95% interval (`tests/it/planted.rs`).
/// About four seeds in ten manage that for all seventeen at once, as
/// seventeen 95% intervals should (0,95¹⁷ ≈ 0,42): set `MONEV_DEMO_SEED`
/// when running that test to see others.
pub const SEED: u64 = 83111;

/// The size of a generated province.
#[derive(Debug, Clone, Copy)]
pub struct ProvinceShape {
    pub kabupaten_kota: usize,
    pub kecamatan: usize,
    pub units: usize,
    /// SKM questionnaires per unit and quarter.
    pub skm_per_quarter: usize,
    /// Queue tickets per unit and working day.
    pub tickets_per_day: usize,
}

impl ProvinceShape {
    /// 10 kabupaten/kota × 10 kecamatan × 12 units: the scale of a
    /// province's benchmarks (1 200 units).
    pub const BENCHMARK: ProvinceShape = ProvinceShape {
        kabupaten_kota: 10,
        kecamatan: 10,
        units: 12,
        skm_per_quarter: 30,
        tickets_per_day: 8,
    };
}

/// A province-sized programme for benchmarks and drill-down tests: one
/// programme (`ASN-PROVINSI-2025`) over a made-up province of
/// `shape.kabupaten_kota` × `shape.kecamatan` kecamatan with `shape.units`
/// units each (a kantor camat, kantor lurah, a puskesmas), one ASN per
/// unit, SKM answers through 2025 around a level that differs by kota and
/// by unit, and queue tickets on working days. Names and codes are the
/// generator's own (`P01`, `P01-K01`, `P01-K01-C01`, `P01-K01-C01-U01`).
pub fn generate_province(seed: u64, shape: ProvinceShape) -> ProgramData {
    use monev_domain::{Tingkat, Wilayah};
    let mut rng = Rng::new(seed);
    let start = Date::new(2025, 1, 2).expect("valid");
    let mut data = ProgramData::new(Program {
        kode: "ASN-PROVINSI-2025".into(),
        nama: "Program Peningkatan Kualitas ASN Provinsi Uji".into(),
        wilayah: "Provinsi Uji".into(),
        mulai: start,
        selesai: Date::new(2025, 12, 31).expect("valid"),
        tanggal_intervensi: intervention_date(),
        pagu_anggaran: 4_500_000_000.0,
        target_partisipasi_persen: Some(80.0),
        evaluator: Some("Tim Evaluasi BKPSDM Provinsi Uji".into()),
        zona_waktu: monev_domain::ZonaWaktu::Wita,
        periode: monev_domain::JenisPeriode::Triwulan,
        laporan: PengaturanLaporan::default(),
    });
    let region = |kode: String, nama: String, tingkat, induk: Option<String>| Wilayah {
        kode,
        nama,
        tingkat,
        induk,
    };
    data.wilayah.push(region(
        "P01".into(),
        "Provinsi Uji".into(),
        Tingkat::Provinsi,
        None,
    ));
    for k in 1..=shape.kabupaten_kota {
        let kota = format!("P01-K{k:02}");
        data.wilayah.push(region(
            kota.clone(),
            format!("Kota Uji {k}"),
            Tingkat::KabupatenKota,
            Some("P01".into()),
        ));
        let kota_level = rng.normal() * 0.08;
        for c in 1..=shape.kecamatan {
            let kec = format!("{kota}-C{c:02}");
            data.wilayah.push(region(
                kec.clone(),
                format!("Kecamatan Uji {k}.{c}"),
                Tingkat::Kecamatan,
                Some(kota.clone()),
            ));
            for u in 1..=shape.units {
                let kode = format!("{kec}-U{u:02}");
                let (jenis, nama) = match u {
                    1 => ("kecamatan", format!("Kantor Camat Uji {k}.{c}")),
                    _ if u == shape.units => ("puskesmas", format!("Puskesmas Uji {k}.{c}")),
                    _ => ("kelurahan", format!("Kantor Lurah Uji {k}.{c}.{u}")),
                };
                data.instansi.push(Instansi {
                    kode: kode.clone(),
                    nama,
                    jenis: jenis.into(),
                    kelompok: if u % 3 == 0 {
                        Kelompok::Pembanding
                    } else {
                        Kelompok::Intervensi
                    },
                    wilayah: Some(kec.clone()),
                });
                // One ASN per unit (the roster the package needs), NIPs
                // valid by construction: a birth date per unit.
                let idx = data.asn.len();
                let female = u % 2 == 0;
                let nip = format!(
                    "{:04}{:02}{:02}{:04}{:02}{}001",
                    1960 + idx / 336,
                    idx % 12 + 1,
                    (idx / 12) % 28 + 1,
                    1990 + idx / 336,
                    idx % 12 + 1,
                    if female { 2 } else { 1 }
                );
                data.asn.push(Asn {
                    nip: Nip::parse(&nip).expect("valid by construction"),
                    nama: format!("ASN {kode}"),
                    instansi: kode.clone(),
                    jabatan: "Pelaksana".into(),
                    golongan: "II/a".into(),
                    pendidikan: "SMA".into(),
                    jenis_kelamin: if female {
                        monev_domain::Gender::P
                    } else {
                        monev_domain::Gender::L
                    },
                });
                let level = 3.0 + kota_level + rng.normal() * 0.12;
                let wait = 25.0 + rng.normal() * 5.0;
                for q in 0..4u32 {
                    for _ in 0..shape.skm_per_quarter {
                        let day = start.add_days(i64::from(q) * 91 + rng.range(0, 89));
                        let lean = level + rng_noise(&mut rng);
                        let jawaban: [Option<Likert4>; 9] =
                            std::array::from_fn(|_| Likert4::new(discrete(&mut rng, lean, 4.0)));
                        data.skm.push(SkmResponse {
                            instansi: kode.clone(),
                            tanggal: day,
                            jawaban,
                            jenis_kelamin: None,
                            usia: None,
                            pendidikan: None,
                            pekerjaan: None,
                            jenis_layanan: None,
                        });
                    }
                }
                let unit: std::sync::Arc<str> = kode.as_str().into();
                let service: std::sync::Arc<str> = "Layanan umum".into();
                let mut day = start;
                while day.year() == 2025 {
                    if day.weekday() < 5 {
                        for t in 0..shape.tickets_per_day {
                            let arrive = Timestamp::new(day, 8, (t * 7 % 60) as u32, 0)
                                .expect("valid")
                                .seconds()
                                + (t as i64 / 8) * 3600;
                            let w = (wait * rng.lognormal_mean1(0.5) * 60.0).max(0.0) as i64;
                            data.layanan.push(monev_domain::Layanan {
                                instansi: unit.clone(),
                                jenis_layanan: service.clone(),
                                waktu_datang: Timestamp::from_seconds(arrive),
                                waktu_dipanggil: Timestamp::from_seconds(arrive + w),
                                waktu_selesai: Some(Timestamp::from_seconds(arrive + w + 600)),
                            });
                        }
                    }
                    day = day.add_days(1);
                }
            }
        }
    }
    data
}

/// A respondent's own lean around the unit's level.
fn rng_noise(rng: &mut Rng) -> f64 {
    rng.normal() * 0.3
}
