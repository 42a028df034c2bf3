//! The domain of monev: entities of an ASN quality-improvement programme and
//! the newtypes that parse raw cell text into them ("parse, don't validate").
//!
//! Architecture invariant: no I/O, no database or file types. `ingest` turns
//! files into these values, `store` persists them, `eval` reads them.

pub mod format;
mod kualitatif;
mod nip;
mod number;
mod periode;
mod persetujuan;
pub mod teks;
mod time;
mod tinjauan;
pub mod wilayah;
pub mod xml;

pub use format::Lang;
pub use kualitatif::{
    Dokumen, JenisDokumen, KODE_BAKU, KelompokResponden, KeputusanSamaran, KodeKualitatif, Kutipan,
    Sumber, TindakanSamaran, Wawancara, deidentify, deidentify_with, locate,
};
pub use nip::{Nip, NipKind};
pub use number::parse_decimal;
pub use periode::{JenisPeriode, Periode};
pub use persetujuan::{Persetujuan, StatusPersetujuan, Tahap, tahap_for};
pub use time::{Date, Timestamp, ZonaWaktu, days_in_month};
pub use tinjauan::{HitunganTinjauan, RingkasanTinjauan, StatusTinjauan};
pub use wilayah::{Tingkat, Wilayah, kemendagri};

/// A submission's UUID in one spelling, so the same answer sent twice is
/// one answer: ODK's `uuid:` prefix and braces dropped, lower case, and 32
/// hexadecimal digits hyphenated 8-4-4-4-12. Anything else is returned
/// trimmed and otherwise as it came (an export's own key, such as ODK
/// Central's, is still a key).
pub fn normalize_uuid(raw: &str) -> String {
    let s = raw.trim();
    let s = match s.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("uuid:") => &s[5..],
        _ => s,
    };
    let s = s.trim_start_matches('{').trim_end_matches('}');
    let hex: String = s.chars().filter(|c| *c != '-').collect();
    let shaped = s.len() == 36 && [8, 13, 18, 23].iter().all(|&i| s.as_bytes()[i] == b'-');
    if hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()) && (shaped || s.len() == 32) {
        let h = hex.to_ascii_lowercase();
        return format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        );
    }
    s.to_string()
}

use serde::{Deserialize, Serialize};

/// Why a cell's text is not a valid value. Reasons are Indonesian, short, and
/// say what is expected; the caller adds file, line, column and value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl ParseError {
    pub fn new(reason: impl Into<String>) -> ParseError {
        ParseError(reason.into())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Gender {
    /// Laki-laki.
    L,
    /// Perempuan.
    P,
}

impl Gender {
    pub fn parse(s: &str) -> Result<Gender, ParseError> {
        match s.trim().to_lowercase().as_str() {
            "l" | "lk" | "laki-laki" | "laki laki" | "pria" | "m" | "male" | "1" => Ok(Gender::L),
            "p" | "pr" | "perempuan" | "wanita" | "f" | "female" | "2" => Ok(Gender::P),
            _ => Err(ParseError::new("jenis kelamin harus L atau P")),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Gender::L => "L",
            Gender::P => "P",
        }
    }
}

/// Which arm of the evaluation an instansi belongs to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kelompok {
    /// Units whose ASN took part in the programme.
    Intervensi,
    /// Comparison units, for difference-in-differences.
    Pembanding,
}

impl Kelompok {
    pub fn parse(s: &str) -> Result<Kelompok, ParseError> {
        match s.trim().to_lowercase().as_str() {
            "intervensi" | "perlakuan" | "treatment" => Ok(Kelompok::Intervensi),
            "pembanding" | "kontrol" | "control" | "comparison" => Ok(Kelompok::Pembanding),
            _ => Err(ParseError::new(
                "kelompok harus 'intervensi' atau 'pembanding'",
            )),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Kelompok::Intervensi => "intervensi",
            Kelompok::Pembanding => "pembanding",
        }
    }
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Arah {
    /// Higher is better (IKM, participation).
    Naik,
    /// Lower is better (waiting time, complaints).
    Turun,
}

impl Arah {
    pub fn parse(s: &str) -> Result<Arah, ParseError> {
        match s.trim().to_lowercase().as_str() {
            "naik" | "up" | "+" | "higher" | "lebih tinggi" => Ok(Arah::Naik),
            "turun" | "down" | "-" | "lower" | "lebih rendah" => Ok(Arah::Turun),
            _ => Err(ParseError::new("arah harus 'naik' atau 'turun'")),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Arah::Naik => "naik",
            Arah::Turun => "turun",
        }
    }
}

/// One SKM answer: 1 (worst) to 4 (best), per PermenPANRB 14/2017.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Likert4(u8);

impl Likert4 {
    /// Parses an answer; blank means "not answered" (`None`).
    pub fn parse_opt(s: &str) -> Result<Option<Likert4>, ParseError> {
        // The way nearly every answer is written, read without a float.
        if let [d @ b'1'..=b'4'] = s.as_bytes() {
            return Ok(Some(Likert4(d - b'0')));
        }
        let t = s.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && (1.0..=4.0).contains(&v) => Ok(Some(Likert4(v as u8))),
            _ => Err(ParseError::new(
                "jawaban SKM harus 1, 2, 3 atau 4 (atau kosong)",
            )),
        }
    }
    pub fn new(v: u8) -> Option<Likert4> {
        (1..=4).contains(&v).then_some(Likert4(v))
    }
    pub fn value(self) -> u8 {
        self.0
    }
}

/// The nine SKM unsur of PermenPANRB 14/2017, in the regulation's order
/// (the widely copied sample questionnaire swaps 8 and 9: answers are stored
/// by unsur code, never by position alone).
pub const UNSUR: [(&str, &str, &str); 9] = [
    ("U1", "Persyaratan", "Requirements"),
    (
        "U2",
        "Sistem, Mekanisme, dan Prosedur",
        "Systems, mechanisms and procedures",
    ),
    ("U3", "Waktu Penyelesaian", "Completion time"),
    ("U4", "Biaya/Tarif", "Cost/tariff"),
    (
        "U5",
        "Produk Spesifikasi Jenis Pelayanan",
        "Service product specification",
    ),
    ("U6", "Kompetensi Pelaksana", "Staff competence"),
    ("U7", "Perilaku Pelaksana", "Staff conduct"),
    (
        "U8",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Handling of complaints and suggestions",
    ),
    (
        "U9",
        "Sarana dan Prasarana",
        "Facilities and infrastructure",
    ),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Program {
    pub kode: String,
    pub nama: String,
    pub wilayah: String,
    pub mulai: Date,
    pub selesai: Date,
    pub tanggal_intervensi: Date,
    pub pagu_anggaran: f64,
    /// Target share of ASN taking part (0–100); the participation constraint fires below it.
    pub target_partisipasi_persen: Option<f64>,
    pub evaluator: Option<String>,
    /// The programme's time zone: its local dates are in it (WITA unless
    /// `program.csv` says `zona_waktu`).
    #[serde(default)]
    pub zona_waktu: ZonaWaktu,
    /// How long a reporting period is (`program.csv` `periode`; triwulan
    /// unless it says otherwise).
    #[serde(default)]
    pub periode: JenisPeriode,
    /// What the report's cover and signature block say.
    #[serde(default)]
    pub laporan: PengaturanLaporan,
}

/// The report settings of a programme: the evaluation team, the decree
/// that appointed it, the place and date of the report, who signs it, and
/// the logo on the cover. Everything is optional; the report leaves out
/// what is not set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PengaturanLaporan {
    /// Members of the evaluation team, in the order they are listed.
    #[serde(default)]
    pub tim: Vec<String>,
    /// Number of the decree (SK) that appointed the evaluation team.
    pub nomor_sk: Option<String>,
    /// Place and date written above the signature ("Mataram, 1 Desember 2026").
    pub tempat: Option<String>,
    pub tanggal: Option<Date>,
    pub penandatangan_nama: Option<String>,
    pub penandatangan_jabatan: Option<String>,
    pub penandatangan_nip: Option<String>,
    /// The logo on the cover; never part of `evaluasi.json`.
    #[serde(skip)]
    pub logo: Option<Logo>,
}

/// An image checked by its first bytes: PNG or JPEG.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    pub mime: &'static str,
    pub data: Vec<u8>,
}

impl Logo {
    /// The largest logo accepted.
    pub const MAX_BYTES: usize = 1024 * 1024;

    /// Accepts PNG and JPEG up to [`Logo::MAX_BYTES`], by their signature.
    pub fn parse(data: Vec<u8>) -> Result<Logo, &'static str> {
        if data.len() > Logo::MAX_BYTES {
            return Err("logo lebih dari 1 MB / logo larger than 1 MB");
        }
        let mime = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else {
            return Err("logo harus PNG atau JPEG / logo must be PNG or JPEG");
        };
        Ok(Logo { mime, data })
    }
}

/// What the evaluator decided about a generated recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StatusRekomendasi {
    /// Accepted as generated.
    Terima,
    /// Accepted with the evaluator's own wording.
    Ubah,
    /// Left out of the report.
    Tolak,
}

impl StatusRekomendasi {
    pub fn parse(s: &str) -> Option<StatusRekomendasi> {
        match s {
            "terima" => Some(StatusRekomendasi::Terima),
            "ubah" => Some(StatusRekomendasi::Ubah),
            "tolak" => Some(StatusRekomendasi::Tolak),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            StatusRekomendasi::Terima => "terima",
            StatusRekomendasi::Ubah => "ubah",
            StatusRekomendasi::Tolak => "tolak",
        }
    }
}

/// A decision on one recommendation (by its rule's code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KeputusanRekomendasi {
    pub kode: String,
    pub status: StatusRekomendasi,
    /// For [`StatusRekomendasi::Ubah`]: the evaluator's title and text,
    /// Indonesian and English.
    pub judul: [String; 2],
    pub teks: [String; 2],
    /// The generated Indonesian text the evaluator saw when deciding.
    pub asal: String,
    /// Who decided (the account's name) and when.
    pub oleh: String,
    pub waktu: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Instansi {
    pub kode: String,
    pub nama: String,
    /// Kind of unit: kecamatan, kelurahan, puskesmas, …
    pub jenis: String,
    pub kelompok: Kelompok,
    /// The region (usually the kecamatan) it stands in (`wilayah.csv`).
    #[serde(default)]
    pub wilayah: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Asn {
    pub nip: Nip,
    pub nama: String,
    pub instansi: String,
    pub jabatan: String,
    pub golongan: String,
    pub pendidikan: String,
    pub jenis_kelamin: Gender,
}

/// A training module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Pelatihan {
    pub kode: String,
    pub nama: String,
    pub bidang: String,
    /// Jam pelajaran (1 JP = 45 minutes).
    pub jp: f64,
    pub biaya_per_peserta: f64,
}

/// One ASN's participation in one module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Peserta {
    pub nip: Nip,
    pub pelatihan: String,
    pub tanggal_mulai: Option<Date>,
    pub tanggal_selesai: Option<Date>,
    pub kehadiran_persen: Option<f64>,
    pub pre_test: Option<f64>,
    /// Blank when the participant did not finish.
    pub post_test: Option<f64>,
}

/// One anonymous citizen's SKM questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkmResponse {
    pub instansi: String,
    pub tanggal: Date,
    pub jawaban: [Option<Likert4>; 9],
    pub jenis_kelamin: Option<Gender>,
    pub usia: Option<u32>,
    pub pendidikan: Option<String>,
    pub pekerjaan: Option<String>,
    pub jenis_layanan: Option<String>,
}

/// One queue ticket of a service unit.
///
/// Tickets are the largest table (tens of millions a year nationally): the
/// two texts are shared (`Arc<str>`, one allocation per distinct value, see
/// [`Interner`]), so a ticket is 64 bytes and no heap allocation of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Layanan {
    pub instansi: std::sync::Arc<str>,
    pub jenis_layanan: std::sync::Arc<str>,
    pub waktu_datang: Timestamp,
    pub waktu_dipanggil: Timestamp,
    pub waktu_selesai: Option<Timestamp>,
}

impl Layanan {
    /// Waiting time: called − arrival, in minutes.
    pub fn tunggu_menit(&self) -> f64 {
        self.waktu_datang.minutes_until(self.waktu_dipanggil)
    }
}

/// Hands out one shared copy of each distinct text (instansi codes, service
/// names: a handful of values over millions of rows).
#[derive(Debug, Default, Clone)]
pub struct Interner(rustc_hash::FxHashSet<std::sync::Arc<str>>);

impl Interner {
    pub fn get(&mut self, s: &str) -> std::sync::Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: std::sync::Arc<str> = s.into();
        self.0.insert(a.clone());
        a
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Anggaran {
    pub kegiatan: String,
    pub pagu: f64,
    pub realisasi: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Indikator {
    pub kode: String,
    pub nama: String,
    pub ukuran: String,
    pub baseline: f64,
    pub target: f64,
    pub arah: Arah,
    /// The measured value, when the package supplies it; otherwise the
    /// evaluation fills it from its own figures where the code is known.
    pub realisasi: Option<f64>,
}

/// An indicator's target and realisation for one reporting period, for the
/// programme (`instansi` empty) or for one unit (`indikator_periode.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IndikatorPeriode {
    /// The indicator's `kode` in `indikator.csv`.
    pub indikator: String,
    pub periode: Periode,
    pub instansi: Option<String>,
    pub target: f64,
    /// Not yet reported while empty.
    pub realisasi: Option<f64>,
}

/// A budget line's plan and realisation up to the end of one reporting
/// period (cumulative, as monitoring reports state them): money in rupiah
/// and physical progress in percent (`anggaran_periode.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnggaranPeriode {
    /// The line's `kegiatan` in `anggaran.csv`.
    pub kegiatan: String,
    pub periode: Periode,
    pub instansi: Option<String>,
    pub rencana_keuangan: f64,
    pub realisasi_keuangan: Option<f64>,
    pub rencana_fisik_persen: f64,
    pub realisasi_fisik_persen: Option<f64>,
}

/// Who gave a performance rating (Kirkpatrick level 3).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Penilai {
    Atasan,
    Rekan,
    Diri,
}

impl Penilai {
    pub fn parse(s: &str) -> Result<Penilai, ParseError> {
        match s.trim().to_lowercase().as_str() {
            "atasan" | "supervisor" | "atasan langsung" => Ok(Penilai::Atasan),
            "rekan" | "peer" | "rekan kerja" | "sejawat" => Ok(Penilai::Rekan),
            "diri" | "self" | "diri sendiri" | "mandiri" => Ok(Penilai::Diri),
            _ => Err(ParseError::new("penilai harus atasan, rekan atau diri")),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Penilai::Atasan => "atasan",
            Penilai::Rekan => "rekan",
            Penilai::Diri => "diri",
        }
    }
}

/// A score on a 1–5 scale (performance ratings, reaction items).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Likert5(u8);

impl Likert5 {
    pub fn parse(s: &str) -> Result<Likert5, ParseError> {
        match s.trim().parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Ok(Likert5(v as u8)),
            _ => Err(ParseError::new("skor harus 1, 2, 3, 4 atau 5")),
        }
    }
    pub fn parse_opt(s: &str) -> Result<Option<Likert5>, ParseError> {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            Likert5::parse(s).map(Some)
        }
    }
    pub fn new(v: u8) -> Option<Likert5> {
        (1..=5).contains(&v).then_some(Likert5(v))
    }
    pub fn value(self) -> u8 {
        self.0
    }
}

/// One performance rating of an ASN on one aspect (Kirkpatrick level 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Kinerja {
    pub nip: Nip,
    pub tanggal: Date,
    pub penilai: Penilai,
    pub aspek: String,
    pub skor: Likert5,
}

/// What a reaction item measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AspekReaksi {
    /// Relevance to daily tasks: the item behind the "not relevant" constraint.
    Relevansi,
    Materi,
    Narasumber,
    Fasilitas,
    Lainnya,
}

impl AspekReaksi {
    pub fn parse(s: &str) -> Result<AspekReaksi, ParseError> {
        match s.trim().to_lowercase().as_str() {
            "relevansi" | "relevance" => Ok(AspekReaksi::Relevansi),
            "materi" | "content" => Ok(AspekReaksi::Materi),
            "narasumber" | "fasilitator" | "trainer" => Ok(AspekReaksi::Narasumber),
            "fasilitas" | "sarana" | "facilities" => Ok(AspekReaksi::Fasilitas),
            "" | "lainnya" | "other" => Ok(AspekReaksi::Lainnya),
            _ => Err(ParseError::new(
                "aspek harus relevansi, materi, narasumber, fasilitas atau lainnya",
            )),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            AspekReaksi::Relevansi => "relevansi",
            AspekReaksi::Materi => "materi",
            AspekReaksi::Narasumber => "narasumber",
            AspekReaksi::Fasilitas => "fasilitas",
            AspekReaksi::Lainnya => "lainnya",
        }
    }
}

/// An item of the reaction questionnaire (`reaksi_item.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReaksiItem {
    /// Column name in `reaksi.csv`: r1, r2, …
    pub kode: String,
    pub nama: String,
    pub aspek: AspekReaksi,
}

/// One participant's reaction to one module (Kirkpatrick level 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reaksi {
    pub nip: Nip,
    pub pelatihan: String,
    pub tanggal: Option<Date>,
    /// (item code, score), in column order; blank answers are absent.
    pub skor: Vec<(String, Likert5)>,
}

/// Everything the evaluation reads about one programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProgramData {
    pub program: Program,
    pub instansi: Vec<Instansi>,
    /// The regions its instansi stand in, and those above them.
    #[serde(default)]
    pub wilayah: Vec<Wilayah>,
    pub asn: Vec<Asn>,
    pub pelatihan: Vec<Pelatihan>,
    pub peserta: Vec<Peserta>,
    pub skm: Vec<SkmResponse>,
    pub layanan: Vec<Layanan>,
    pub anggaran: Vec<Anggaran>,
    pub indikator: Vec<Indikator>,
    /// Indicators' targets and realisations per period.
    #[serde(default)]
    pub indikator_periode: Vec<IndikatorPeriode>,
    /// Budget lines' plans and realisations per period.
    #[serde(default)]
    pub anggaran_periode: Vec<AnggaranPeriode>,
    #[serde(default)]
    pub kinerja: Vec<Kinerja>,
    #[serde(default)]
    pub reaksi_item: Vec<ReaksiItem>,
    #[serde(default)]
    pub reaksi: Vec<Reaksi>,
    /// Why ASN did not take part (their survey), by unit, never by person.
    #[serde(default)]
    pub nonpeserta: Vec<AlasanNonpeserta>,
    /// Interviews, the codebook (empty: [`KODE_BAKU`]) and coded segments.
    #[serde(default)]
    pub wawancara: Vec<Wawancara>,
    #[serde(default)]
    pub kode_kualitatif: Vec<KodeKualitatif>,
    #[serde(default)]
    pub kutipan: Vec<Kutipan>,
    #[serde(default)]
    pub dokumen: Vec<Dokumen>,
    /// The evaluator's decisions on generated recommendations.
    #[serde(default)]
    pub keputusan_rekomendasi: Vec<KeputusanRekomendasi>,
    /// The evaluator's decisions on masks in quotes.
    #[serde(default)]
    pub samaran: Vec<KeputusanSamaran>,
    /// The review of its submissions, when they come from a store (a
    /// package's rows are not reviewed). `skm`, `reaksi`, `kinerja` and
    /// `nonpeserta` hold only the answers that count.
    #[serde(default)]
    pub tinjauan: Option<RingkasanTinjauan>,
    /// Every version of its units' figures submitted for approval, when
    /// they come from a store (a package has no approvals).
    #[serde(default)]
    pub persetujuan: Option<Vec<Persetujuan>>,
    /// Days after a period's end its figures are due (the programme's
    /// setting; `None`: `eval::kelengkapan::BATAS_HARI_BAKU`).
    #[serde(default)]
    pub batas_lapor_hari: Option<u32>,
}

impl ProgramData {
    /// A programme with no data yet.
    pub fn new(program: Program) -> ProgramData {
        ProgramData {
            program,
            instansi: Vec::new(),
            wilayah: Vec::new(),
            asn: Vec::new(),
            pelatihan: Vec::new(),
            peserta: Vec::new(),
            skm: Vec::new(),
            layanan: Vec::new(),
            anggaran: Vec::new(),
            indikator: Vec::new(),
            indikator_periode: Vec::new(),
            anggaran_periode: Vec::new(),
            kinerja: Vec::new(),
            reaksi_item: Vec::new(),
            reaksi: Vec::new(),
            nonpeserta: Vec::new(),
            wawancara: Vec::new(),
            kode_kualitatif: Vec::new(),
            kutipan: Vec::new(),
            dokumen: Vec::new(),
            keputusan_rekomendasi: Vec::new(),
            samaran: Vec::new(),
            tinjauan: None,
            persetujuan: None,
            batas_lapor_hari: None,
        }
    }

    /// The text a coded segment is cut from: the interview's transcript or
    /// the document's text.
    pub fn source_text(&self, sumber: &Sumber) -> Option<&str> {
        match sumber {
            Sumber::Wawancara(k) => self
                .wawancara
                .iter()
                .find(|w| &w.kode == k)
                .map(|w| w.transkrip.as_str()),
            Sumber::Dokumen(k) => self
                .dokumen
                .iter()
                .find(|d| &d.kode == k)
                .map(|d| d.teks.as_str()),
        }
    }
}

/// Reasons an ASN did not take part: code, Indonesian, English.
pub const ALASAN_NONPESERTA: [(&str, &str, &str); 7] = [
    (
        "tidak_tahu",
        "Tidak mengetahui adanya pelatihan",
        "Did not know about the training",
    ),
    (
        "tidak_ditugaskan",
        "Tidak ditugaskan atau tidak diizinkan atasan",
        "Not nominated, or not allowed by my superior",
    ),
    (
        "beban_kerja",
        "Beban kerja atau layanan tidak dapat ditinggal",
        "Workload: the service could not be left",
    ),
    ("jadwal", "Jadwal bentrok", "A clash of schedules"),
    (
        "tidak_relevan",
        "Materi tidak relevan dengan tugas saya",
        "Not relevant to my tasks",
    ),
    (
        "lokasi_biaya",
        "Lokasi atau biaya perjalanan",
        "Location or travel cost",
    ),
    ("lainnya", "Lainnya", "Other"),
];

/// One non-participant's answer: the unit, the reasons (codes of
/// `monev_survey::builtin::ALASAN`) and whether they would join next time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AlasanNonpeserta {
    pub instansi: String,
    pub alasan: Vec<String>,
    pub minat: Option<String>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuids_are_one_spelling() {
        let want = "0f8fad5b-d9cb-469f-a165-70867728950e";
        for raw in [
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            "0F8FAD5B-D9CB-469F-A165-70867728950E",
            "uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
            "UUID:0F8FAD5B-D9CB-469F-A165-70867728950E",
            "{0f8fad5b-d9cb-469f-a165-70867728950e}",
            "0f8fad5bd9cb469fa16570867728950e",
            " 0f8fad5b-d9cb-469f-a165-70867728950e ",
        ] {
            assert_eq!(super::normalize_uuid(raw), want, "{raw}");
        }
        // Not a UUID: kept as the export's own key.
        assert_eq!(super::normalize_uuid("abc-12"), "abc-12");
        assert_eq!(super::normalize_uuid("uuid:b"), "b");
    }

    use super::*;

    #[test]
    fn likert() {
        assert_eq!(Likert4::parse_opt("3").unwrap(), Likert4::new(3));
        assert_eq!(Likert4::parse_opt(" ").unwrap(), None);
        assert_eq!(Likert4::parse_opt("4.0").unwrap(), Likert4::new(4));
        assert!(Likert4::parse_opt("7").is_err());
        assert!(Likert4::parse_opt("0").is_err());
        assert!(Likert4::parse_opt("2,5").is_err());
        assert!(Likert4::parse_opt("baik").is_err());
    }

    #[test]
    fn words() {
        assert_eq!(Kelompok::parse("Intervensi").unwrap(), Kelompok::Intervensi);
        assert_eq!(Gender::parse("Perempuan").unwrap(), Gender::P);
        assert_eq!(Arah::parse("TURUN").unwrap(), Arah::Turun);
        assert!(Kelompok::parse("x").is_err());
    }
}
