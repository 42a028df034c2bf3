//! `monev`: the command line. Thin: parses arguments, calls the crates, maps
//! errors to messages and exit codes (0 success, 1 the data was refused,
//! 2 any other failure).

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "monev",
    version,
    about = "Monitoring dan evaluasi program peningkatan kualitas ASN (monitoring and evaluation of ASN quality programmes)",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Lang {
    Id,
    En,
}

impl From<Lang> for monev_domain::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Id => monev_domain::Lang::Id,
            Lang::En => monev_domain::Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Bobot {
    /// Exactly 1/9 per unsur (default).
    #[value(name = "1/9")]
    Tepat,
    /// 0,11 per unsur, as in the regulation's worked example.
    #[value(name = "0.11")]
    Regulasi,
}

impl From<Bobot> for monev_eval::BobotIkm {
    fn from(b: Bobot) -> Self {
        match b {
            Bobot::Tepat => monev_eval::BobotIkm::Tepat,
            Bobot::Regulasi => monev_eval::BobotIkm::Regulasi011,
        }
    }
}

/// Report formats of `monev evaluate`.
#[derive(Clone, Copy, ValueEnum)]
pub enum OutFormat {
    Json,
    Html,
    Docx,
    Pdf,
    Xlsx,
}

impl From<OutFormat> for commands::ReportFormat {
    fn from(f: OutFormat) -> commands::ReportFormat {
        match f {
            OutFormat::Json => commands::ReportFormat::Json,
            OutFormat::Html => commands::ReportFormat::Html,
            OutFormat::Docx => commands::ReportFormat::Docx,
            OutFormat::Pdf => commands::ReportFormat::Pdf,
            OutFormat::Xlsx => commands::ReportFormat::Xlsx,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Table,
}

#[derive(Subcommand)]
enum Command {
    /// Impor paket data: folder CSV, .zip, atau .xlsx (import a data package).
    Import {
        /// The package: a folder of CSV files, a .zip of them, or one .xlsx workbook.
        path: PathBuf,
        /// SQLite database file (or sqlite: URL).
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        /// Programme code, when the package has no program.csv or the store holds several.
        #[arg(long)]
        program: Option<String>,
        /// Limit the import to one instansi's data (as an operator's upload):
        /// only asn, peserta, skm and layanan, every row of that instansi,
        /// replacing that instansi's rows only.
        #[arg(long)]
        instansi: Option<String>,
    },
    /// Evaluasi program dan tulis laporan (evaluate a programme and write the report).
    Evaluate {
        /// Evaluate straight from a package, without a database.
        #[arg(long, conflicts_with = "db")]
        data: Option<PathBuf>,
        /// SQLite database file (or sqlite: URL).
        #[arg(long, env = "MONEV_DATABASE_URL")]
        db: Option<String>,
        #[arg(long)]
        program: Option<String>,
        /// Output folder for evaluasi.json, laporan.html, laporan.docx, laporan.pdf and lampiran.xlsx.
        #[arg(long, default_value = "laporan")]
        out: PathBuf,
        /// Formats to write, comma-separated.
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "json,html,docx,pdf,xlsx"
        )]
        format: Vec<OutFormat>,
        /// Report language.
        #[arg(long, value_enum, default_value = "id")]
        lang: Lang,
        /// Weight of each SKM unsur.
        #[arg(long, value_enum, default_value = "1/9")]
        bobot_ikm: Bobot,
        /// Recommendation rules (TOML; `monev aturan` prints the shipped ones).
        #[arg(long, env = "MONEV_ATURAN")]
        aturan: Option<PathBuf>,
    },
    /// Realisasi per periode: capaian, deviasi dan peringatan dini
    /// (realisation against plan in one reporting period, with early warnings).
    Monitor {
        /// Read straight from a package, without a database.
        #[arg(long, conflicts_with = "db")]
        data: Option<PathBuf>,
        /// SQLite database file (or sqlite: URL).
        #[arg(long, env = "MONEV_DATABASE_URL")]
        db: Option<String>,
        #[arg(long)]
        program: Option<String>,
        /// The period, e.g. 2025-T3 (2025-S1, 2025-03 for programmes reporting
        /// by semester or month); the latest with realisations when omitted.
        #[arg(long)]
        periode: Option<String>,
        /// Below this capaian (%), a line is behind (tertinggal).
        #[arg(long, default_value_t = 90.0)]
        ambang_tertinggal: f64,
        /// Below this capaian (%), a line is far behind (jauh tertinggal).
        #[arg(long, default_value_t = 75.0)]
        ambang_jauh: f64,
        /// What to print when no report is written (--out).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[arg(long, value_enum, default_value = "id")]
        lang: Lang,
        /// Write the monitoring report (laporan-monitoring-PERIODE.*) to this folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Report formats to write with --out, comma-separated.
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "json,html,docx,pdf,xlsx"
        )]
        laporan: Vec<OutFormat>,
    },
    /// Rekap wilayah: IKM dan waktu tunggu setiap provinsi, kabupaten/kota,
    /// kecamatan dan unit dalam satu periode, dari semua program
    /// (figures rolled up the regions, from every programme's raw answers).
    Wilayah {
        /// SQLite database file (or sqlite: URL).
        #[arg(long, env = "MONEV_DATABASE_URL")]
        db: Option<String>,
        /// The period, e.g. 2025-T3; the latest with answers or tickets when omitted.
        #[arg(long)]
        periode: Option<String>,
        /// Only this region and what lies under it.
        #[arg(long)]
        kode: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[arg(long, value_enum, default_value = "id")]
        lang: Lang,
    },
    /// Kelengkapan dan ketepatan waktu satu periode: yang diharapkan dari
    /// setiap unit, yang sudah masuk dan kapan, dan apakah angkanya diajukan
    /// sebelum tenggat (completeness and timeliness of a period).
    Kelengkapan {
        #[arg(long, env = "MONEV_DATABASE_URL")]
        db: Option<String>,
        #[arg(long)]
        program: Option<String>,
        /// The period, e.g. 2025-T3; the latest with answers or tickets when omitted.
        #[arg(long)]
        periode: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[arg(long, value_enum, default_value = "id")]
        lang: Lang,
        /// Write the reminder list (late or incomplete units, their operators,
        /// a message) to this CSV file.
        #[arg(long)]
        pengingat: Option<PathBuf>,
    },
    /// Banding program: angka kunci beberapa program berdampingan, dengan
    /// selang 95% dan selisih yang bermakna (programmes side by side).
    Banding {
        /// SQLite database file (or sqlite: URL).
        #[arg(long, env = "MONEV_DATABASE_URL")]
        db: Option<String>,
        /// The programmes, comma-separated, in the table's order; every
        /// programme of the store when omitted.
        #[arg(long, value_delimiter = ',')]
        program: Vec<String>,
        /// The period, e.g. 2025-T3; the latest with answers or tickets when omitted.
        #[arg(long)]
        periode: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[arg(long, value_enum, default_value = "id")]
        lang: Lang,
    },
    /// Cetak aturan rekomendasi bawaan (print the shipped recommendation rules, to copy and edit).
    #[command(visible_alias = "aturan")]
    Rules,
    /// Hitung IKM dari satu berkas SKM (IKM from one SKM response file).
    Skm {
        /// CSV or XLSX with columns u1 … u9.
        file: PathBuf,
        /// Group by this column (e.g. instansi, jenis_layanan).
        #[arg(long)]
        by: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[arg(long, value_enum, default_value = "1/9")]
        bobot_ikm: Bobot,
        #[arg(long, value_enum, default_value = "id")]
        lang: Lang,
    },
    /// Periksa formulir XLSForm (check an XLSForm instrument): what imports,
    /// what is left out, or every located error.
    Form {
        /// The XLSForm workbook (.xlsx).
        file: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Impor ekspor KoboToolbox/ODK Central (import a Kobo or ODK export of
    /// SKM submissions): matched to the instrument by name or label,
    /// duplicates and rejected submissions left out and counted.
    Kobo {
        /// The export: CSV (`;` or `,`) or XLSX.
        file: PathBuf,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
        /// The XLSForm the data were collected with (default: monev's SKM).
        #[arg(long)]
        instrumen: Option<PathBuf>,
        /// The unit, when the form does not ask for it.
        #[arg(long)]
        instansi: Option<String>,
        /// Check and count, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Map a column by hand: `--peta "Kolom=pertanyaan"` (repeatable;
        /// `Kolom=-` ignores a column).
        #[arg(long = "peta", value_name = "KOLOM=PERTANYAAN")]
        peta: Vec<String>,
    },
    /// Simpan dokumen yang dianalisis (keep documents: PDF, DOCX, TXT) with
    /// their text; a scan without a text layer is refused, nothing is kept.
    #[command(visible_alias = "dokumen")]
    Document {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// laporan, sk, anggaran, notulen or lainnya.
        #[arg(long, default_value = "lainnya")]
        jenis: String,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
    },
    /// Tinjau kiriman: setujui, tandai bermasalah atau tolak jawaban SKM dan
    /// kuesioner ASN (review submissions). Without --status it lists them;
    /// a rejected answer is kept and leaves every figure.
    Tinjau {
        /// diterima, disetujui, bermasalah or ditolak (the last two need --catatan).
        #[arg(long)]
        status: Option<String>,
        /// Why (required to mark as having issues or to reject).
        #[arg(long, default_value = "")]
        catatan: String,
        /// The reviewer's name, as the review records it.
        #[arg(long, default_value = "baris perintah")]
        oleh: String,
        /// skm, or an ASN questionnaire: reaksi, kinerja, nonpeserta, an instrument's code.
        #[arg(long, default_value = "skm")]
        jenis: String,
        /// Only this instansi.
        #[arg(long)]
        instansi: Option<String>,
        /// Only this state.
        #[arg(long = "dari-status")]
        dari_status: Option<String>,
        /// SKM only: paket, web, odk or kobo.
        #[arg(long)]
        sumber: Option<String>,
        /// From this date (YYYY-MM-DD), inclusive.
        #[arg(long)]
        dari: Option<String>,
        /// To this date (YYYY-MM-DD), inclusive.
        #[arg(long)]
        sampai: Option<String>,
        /// Only these submissions (their ids as listed): 3,7,10-20.
        #[arg(long, value_delimiter = ',')]
        id: Vec<String>,
        /// Whether answers not yet approved count in the figures: ya or tidak.
        #[arg(long = "hitung-belum-ditinjau")]
        hitung_belum_ditinjau: Option<String>,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
    },
    /// Pertukaran proyek REFI-QDA dengan NVivo, ATLAS.ti, MAXQDA, QualCoder
    /// (REFI-QDA exchange: a .qdpx project, a .qdc codebook).
    Qda {
        #[command(subcommand)]
        action: QdaAction,
    },
    /// Tambah satu wawancara dari berkas transkrip (add one interview from a
    /// transcript: .txt, .docx or a PDF with a text layer).
    #[command(visible_alias = "wawancara")]
    Interview {
        /// The transcript file.
        file: PathBuf,
        /// Interview code (default: the file name).
        #[arg(long)]
        kode: Option<String>,
        /// asn_peserta, asn_nonpeserta, atasan or masyarakat.
        #[arg(long)]
        kelompok: String,
        #[arg(long)]
        instansi: String,
        /// YYYY-MM-DD or DD/MM/YYYY.
        #[arg(long)]
        tanggal: String,
        #[arg(long, default_value = "")]
        pewawancara: String,
        /// The respondent's consent was recorded (required to keep a transcript).
        #[arg(long)]
        persetujuan: bool,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
    },
    /// Saran kode untuk transkrip wawancara (code suggestions for the
    /// interview transcripts), with the words that triggered each, and how
    /// often the coders' own codes confirm them.
    #[command(visible_alias = "saran-kode")]
    SuggestCodes {
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
        /// Show the suggestions of this interview or document (its code).
        #[arg(long, alias = "dokumen")]
        wawancara: Option<String>,
    },
    /// Tautan formulir publik per instansi, dibuat bila belum ada (public form links, one per instansi).
    #[command(visible_alias = "tautan")]
    Links {
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
        /// The instrument: skm, or the code of an uploaded XLSForm.
        #[arg(long, default_value = "skm")]
        instrumen: String,
        /// The address citizens reach the server at.
        #[arg(
            long,
            env = "MONEV_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// Permintaan subjek data: semua data satu NIP, diekspor dan/atau dihapus (a data-subject request).
    #[command(visible_alias = "subjek")]
    Subject {
        /// The ASN's NIP (18 digits; spaces allowed).
        nip: String,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        /// Write everything held about the NIP to this JSON file.
        #[arg(long)]
        ekspor: Option<PathBuf>,
        /// Erase it (after the export, when both are given).
        #[arg(long)]
        hapus: bool,
    },
    /// Kosongkan jawaban teks bebas yang lebih tua dari batas retensi; angka dan pilihan tetap (purge old free text).
    #[command(visible_alias = "retensi")]
    Retention {
        /// Keep free text this many days; older is emptied.
        #[arg(long, default_value_t = 365)]
        hari: u32,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
    },
    /// Log audit (the audit log).
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Cadangkan basis data SQLite ke satu berkas, juga saat server berjalan (back up the database).
    Backup {
        /// The backup file to write (replaced if it exists).
        file: PathBuf,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
    },
    /// Pulihkan basis data dari cadangan; hentikan server dulu (restore a backup; stop the server first).
    Restore {
        /// A file written by `monev backup`.
        file: PathBuf,
        /// The database to replace; the replaced one is kept as DB.sebelum-pulih.
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
    },
    /// Jalankan aplikasi web (run the web application).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        /// Mark session cookies Secure (when served behind TLS).
        #[arg(long)]
        secure_cookies: bool,
        /// The address citizens reach the server at, for form links and QR
        /// codes (`https://monev.mataramkota.go.id`). Unset, links name the
        /// address this server listens on, and the pages say so; never the
        /// request's Host header.
        #[arg(long, env = "MONEV_PUBLIC_URL")]
        public_url: Option<String>,
        /// Recommendation rules (TOML; `monev aturan` prints the shipped ones).
        #[arg(long, env = "MONEV_ATURAN")]
        aturan: Option<PathBuf>,
        /// Address of a reverse proxy whose X-Forwarded-For names the client
        /// (repeat, or comma-separate in MONEV_PROXY).
        #[arg(long = "proxy", env = "MONEV_PROXY", value_delimiter = ',')]
        proxies: Vec<std::net::IpAddr>,
        /// Public form submissions accepted per client address per 10
        /// minutes; 0 = no limit (a load test, or a proxy that limits).
        #[arg(long, env = "MONEV_KIRIMAN_PER_10_MENIT", default_value_t = 30)]
        kiriman_per_10_menit: u32,
        /// Empty free-text answers older than this many days, at start and
        /// daily (counts, scores and choices stay); unset keeps them.
        #[arg(long, env = "MONEV_RETENSI_HARI")]
        retensi_hari: Option<u32>,
        /// While answers stream in, the dashboard recomputes the evaluation
        /// at most once this many seconds and shows the figures held, with
        /// their time, in between (reports and the API are always current).
        #[arg(long, env = "MONEV_HITUNG_ULANG_DETIK", default_value_t = 30)]
        hitung_ulang_detik: u32,
    },
    /// Kelola akun pengguna (manage user accounts).
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Buat paket demo Ampenan, impor, evaluasi, dan tulis laporannya (the Ampenan demo, end to end).
    Demo {
        /// Folder for the package, the database and the reports.
        #[arg(long, default_value = "monev-demo")]
        out: PathBuf,
        /// Multiply the SKM questionnaires and queue tickets (for benchmarks).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
        skala: u32,
        /// Multiply the SKM questionnaires only (overrides --skala for them).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10000))]
        skala_skm: Option<u32>,
        /// Multiply the queue tickets only (overrides --skala for them).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10000))]
        skala_tiket: Option<u32>,
        /// Write the package only (no database, no report): for benchmarks.
        #[arg(long)]
        paket_saja: bool,
        /// A province instead (10 kabupaten/kota × 10 kecamatan × 12 units,
        /// one programme), imported into OUT/monev.db: for the regional
        /// benchmarks.
        #[arg(long)]
        provinsi: bool,
    },
}

#[derive(Subcommand)]
enum QdaAction {
    /// Impor proyek .qdpx: sumber teks menjadi wawancara atau dokumen, kode
    /// menjadi buku kode, seleksi berkode menjadi segmen dengan pengkodenya
    /// (import a project; all or nothing).
    Import {
        /// The .qdpx file.
        file: PathBuf,
        /// For sources without a `kelompok` variable.
        #[arg(long)]
        kelompok: Option<String>,
        /// For sources without an `instansi` variable.
        #[arg(long)]
        instansi: Option<String>,
        /// Consent was recorded for every interview without a `persetujuan` variable.
        #[arg(long)]
        persetujuan: bool,
        /// For sources without a `tanggal` variable (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        tanggal: Option<String>,
        /// The coder of selections that name none.
        #[arg(long)]
        pengkode: Option<String>,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
    },
    /// Ekspor wawancara, dokumen, buku kode dan segmen sebagai proyek .qdpx
    /// (export as a REFI-QDA project). Transcripts name people: keep the file safe.
    Export {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
    },
    /// Impor buku kode .qdc (import a codebook; codes already held are kept).
    ImportKode {
        file: PathBuf,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
    },
    /// Ekspor buku kode sebagai .qdc (export the codebook).
    ExportKode {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        #[arg(long)]
        program: Option<String>,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Periksa rantai hash log audit: entri yang diubah, dihapus atau disisipkan ketahuan (verify the hash chain).
    Verify {
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
        /// A chain head printed by an earlier run (noted outside the
        /// server): it must still be in the chain, or entries were cut from
        /// the end of the log.
        #[arg(long)]
        kepala: Option<String>,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Tambah akun; kata sandi dibaca dari MONEV_PASSWORD atau satu baris stdin (add an account).
    Add {
        username: String,
        #[arg(long, value_parser = ["admin", "evaluator", "operator", "enumerator", "pimpinan"])]
        role: String,
        /// Full name shown in the application.
        #[arg(long)]
        nama: Option<String>,
        /// The instansi code of an operator.
        #[arg(long)]
        instansi: Option<String>,
        /// Limit the account to a region and what lies under it (wilayah.csv kode).
        #[arg(long)]
        wilayah: Option<String>,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
    },
    /// Buat token API untuk integrasi (dicetak sekali), daftar token akun, atau cabut satu (issue an API token, printed once; list; revoke).
    Token {
        username: String,
        /// What the token is for, e.g. "dasbor provinsi" (issuing).
        #[arg(long, required_unless_present_any = ["daftar", "hapus"])]
        nama: Option<String>,
        /// List the account's tokens (id, purpose, issued): never the tokens.
        #[arg(long, conflicts_with_all = ["nama", "hapus"])]
        daftar: bool,
        /// Revoke the token with this id (from --daftar or the /token page).
        #[arg(long, value_name = "ID", conflicts_with = "nama")]
        hapus: Option<String>,
        #[arg(long, env = "MONEV_DATABASE_URL", default_value = "monev.db")]
        db: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server uses every core; the one-shot commands need only one thread.
    let builder = if matches!(cli.command, Command::Serve { .. }) {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let mut builder = builder;
    let runtime = match builder.enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("monev: tidak dapat memulai runtime (cannot start the runtime): {e}");
            return ExitCode::from(2);
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Import {
                path,
                db,
                program,
                instansi,
            } => commands::import(&path, &db, program, instansi).await,
            Command::Evaluate {
                data,
                db,
                program,
                out,
                format,
                lang,
                bobot_ikm,
                aturan,
            } => {
                let formats: Vec<commands::ReportFormat> =
                    format.into_iter().map(Into::into).collect();
                commands::evaluate(
                    data,
                    db,
                    program,
                    commands::ReportOptions {
                        out: &out,
                        lang: lang.into(),
                        bobot: bobot_ikm.into(),
                        formats: &formats,
                        aturan: aturan.as_deref(),
                    },
                )
                .await
            }
            Command::Monitor {
                data,
                db,
                program,
                periode,
                ambang_tertinggal,
                ambang_jauh,
                format,
                lang,
                out,
                laporan,
            } => {
                let formats: Vec<commands::ReportFormat> =
                    laporan.into_iter().map(Into::into).collect();
                commands::monitor(
                    data,
                    db,
                    program,
                    commands::MonitorOptions {
                        periode: periode.as_deref(),
                        ambang: monev_eval::capaian::Ambang {
                            tertinggal: ambang_tertinggal,
                            jauh_tertinggal: ambang_jauh,
                        },
                        format,
                        lang: lang.into(),
                        out: out.as_deref(),
                        formats: &formats,
                    },
                )
                .await
            }
            Command::Wilayah {
                db,
                periode,
                kode,
                format,
                lang,
            } => {
                commands::wilayah(db, periode.as_deref(), kode.as_deref(), format, lang.into())
                    .await
            }
            Command::Kelengkapan {
                db,
                program,
                periode,
                format,
                lang,
                pengingat,
            } => {
                commands::kelengkapan(
                    db,
                    program.as_deref(),
                    periode.as_deref(),
                    format,
                    lang.into(),
                    pengingat.as_deref(),
                )
                .await
            }
            Command::Banding {
                db,
                program,
                periode,
                format,
                lang,
            } => commands::banding(db, program, periode.as_deref(), format, lang.into()).await,
            Command::Rules => {
                print!("{}", monev_eval::recommend::BAKU);
                Ok(())
            }
            Command::Skm {
                file,
                by,
                format,
                bobot_ikm,
                lang,
            } => commands::skm(&file, by.as_deref(), format, bobot_ikm.into(), lang.into()),
            Command::Demo {
                out,
                skala,
                skala_skm,
                skala_tiket,
                paket_saja,
                provinsi,
            } => {
                if provinsi {
                    return commands::demo_province(&out, paket_saja).await;
                }
                let shape = commands::DemoShape {
                    skm: skala_skm.unwrap_or(skala),
                    tickets: skala_tiket.unwrap_or(skala),
                    package_only: paket_saja,
                };
                commands::demo(&out, shape).await
            }
            Command::Form { file, format } => commands::form(&file, format),
            Command::Interview {
                file,
                kode,
                kelompok,
                instansi,
                tanggal,
                pewawancara,
                persetujuan,
                db,
                program,
            } => {
                commands::interview(
                    &file,
                    commands::InterviewMeta {
                        kode,
                        kelompok,
                        instansi,
                        tanggal,
                        pewawancara,
                        persetujuan,
                    },
                    &db,
                    program.as_deref(),
                )
                .await
            }
            Command::Qda { action } => match action {
                QdaAction::Import {
                    file,
                    kelompok,
                    instansi,
                    persetujuan,
                    tanggal,
                    pengkode,
                    db,
                    program,
                } => {
                    commands::qda_import(
                        &file,
                        commands::QdaDefaults {
                            kelompok,
                            instansi,
                            persetujuan,
                            tanggal,
                            pengkode,
                        },
                        &db,
                        program.as_deref(),
                    )
                    .await
                }
                QdaAction::Export { out, db, program } => {
                    commands::qda_export(&out, &db, program.as_deref()).await
                }
                QdaAction::ImportKode { file, db, program } => {
                    commands::qda_import_codebook(&file, &db, program.as_deref()).await
                }
                QdaAction::ExportKode { out, db, program } => {
                    commands::qda_export_codebook(&out, &db, program.as_deref()).await
                }
            },
            Command::SuggestCodes {
                db,
                program,
                wawancara,
            } => commands::suggest_codes(&db, program, wawancara.as_deref()).await,
            Command::Tinjau {
                status,
                catatan,
                oleh,
                jenis,
                instansi,
                dari_status,
                sumber,
                dari,
                sampai,
                id,
                hitung_belum_ditinjau,
                db,
                program,
            } => {
                commands::tinjau(commands::TinjauArgs {
                    status,
                    catatan,
                    oleh,
                    jenis,
                    instansi,
                    dari_status,
                    sumber,
                    dari,
                    sampai,
                    id,
                    hitung_belum_ditinjau,
                    db,
                    program,
                })
                .await
            }
            Command::Document {
                files,
                jenis,
                db,
                program,
            } => commands::dokumen(&files, &jenis, &db, program.as_deref()).await,
            Command::Kobo {
                file,
                db,
                program,
                instrumen,
                instansi,
                dry_run,
                peta,
            } => {
                commands::kobo(
                    &file,
                    &db,
                    program,
                    instrumen.as_deref(),
                    instansi,
                    dry_run,
                    &peta,
                )
                .await
            }
            Command::Links {
                db,
                program,
                instrumen,
                public_url,
            } => commands::links(&db, program, &instrumen, &public_url).await,
            Command::Subject {
                nip,
                db,
                ekspor,
                hapus,
            } => commands::subject(&db, &nip, ekspor.as_deref(), hapus).await,
            Command::Retention { hari, db } => commands::retention(&db, hari).await,
            Command::Audit {
                action: AuditAction::Verify { db, kepala },
            } => commands::audit_verify(&db, kepala.as_deref()).await,
            Command::Backup { file, db } => commands::backup(&db, &file).await,
            Command::Restore { file, db } => commands::restore(&file, &db).await,
            Command::Serve {
                addr,
                db,
                secure_cookies,
                public_url,
                aturan,
                proxies,
                kiriman_per_10_menit,
                retensi_hari,
                hitung_ulang_detik,
            } => {
                commands::serve(
                    &addr,
                    &db,
                    monev_web::Settings {
                        secure_cookies,
                        public_url,
                        trusted_proxies: proxies,
                        submissions_per_10_min: kiriman_per_10_menit,
                        retention_days: retensi_hari,
                        recompute_seconds: hitung_ulang_detik,
                        ..monev_web::Settings::default()
                    },
                    aturan.as_deref(),
                )
                .await
            }
            Command::User {
                action:
                    UserAction::Add {
                        username,
                        role,
                        nama,
                        instansi,
                        wilayah,
                        db,
                    },
            } => commands::user_add(&db, &username, &role, nama, instansi, wilayah).await,
            Command::User {
                action:
                    UserAction::Token {
                        username,
                        nama,
                        daftar,
                        hapus,
                        db,
                    },
            } => {
                let action = match (nama, hapus) {
                    (_, Some(id)) => commands::TokenAction::Revoke(id),
                    (Some(nama), None) if !daftar => commands::TokenAction::Issue(nama),
                    _ => commands::TokenAction::List,
                };
                commands::user_token(&db, &username, action).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.print();
            ExitCode::from(e.exit_code())
        }
    }
}
