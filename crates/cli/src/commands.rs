//! The subcommands. Each reads its inputs, calls the library crates, and
//! prints what a person needs: paths written, counts, or located errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use monev_domain::{Lang, ProgramData, format::number};
use monev_eval::{BobotIkm, Cells, Config, Ikm, IkmAcc};
use monev_ingest::{PackageError, RowError};
use monev_store::{ImportOptions, Store, StoreError};
use serde::Serialize;

use crate::Format;

/// Prints a line to stdout, ignoring a closed pipe (`monev … | head` must
/// not panic).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// A failure, as the user sees it.
pub enum CliError {
    /// The input was refused; nothing was written.
    Data {
        errors: Vec<RowError>,
        total: usize,
    },
    Other(String),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Data { .. } => 1,
            CliError::Other(_) => 2,
        }
    }

    pub fn print(&self) {
        match self {
            CliError::Data { errors, total } => {
                eprintln!(
                    "monev: data ditolak, tidak ada yang disimpan; {total} kesalahan (data refused, nothing written; {total} errors):"
                );
                for e in errors {
                    eprintln!("  {e}");
                }
                if *total > errors.len() {
                    eprintln!(
                        "  … dan {} kesalahan lagi (and {} more)",
                        total - errors.len(),
                        total - errors.len()
                    );
                }
            }
            CliError::Other(m) => eprintln!("monev: {m}"),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Package(p) => p.into(),
            other => CliError::Other(other.to_string()),
        }
    }
}

impl From<PackageError> for CliError {
    fn from(e: PackageError) -> Self {
        match e {
            PackageError::Invalid { errors, total } => CliError::Data { errors, total },
            PackageError::Open(m) => CliError::Other(m),
        }
    }
}

type Result<T> = std::result::Result<T, CliError>;

fn io(path: &Path) -> impl Fn(std::io::Error) -> CliError + '_ {
    move |e| CliError::Other(format!("{}: {e}", path.display()))
}

fn spinner() -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

async fn import_into(
    store: &Store,
    path: &Path,
    program: Option<String>,
    scope: Option<String>,
) -> Result<monev_store::ImportSummary> {
    let pb = spinner();
    pb.set_message(format!("mengimpor {} (importing)", path.display()));
    let report = |table: &str, n: u64| {
        pb.set_message(format!(
            "{table}: {} baris (rows)",
            number(n as f64, 0, Lang::Id)
        ))
    };
    let result = store
        .import(
            path,
            ImportOptions {
                program,
                progress: Some(&report),
                dry_run: false,
                scope,
            },
        )
        .await;
    pb.finish_and_clear();
    Ok(result?)
}

pub async fn import(
    path: &Path,
    db: &str,
    program: Option<String>,
    instansi: Option<String>,
) -> Result<()> {
    let started = Instant::now();
    let store = Store::open(db).await?;
    let summary = import_into(&store, path, program, instansi).await?;
    store.close().await;
    say!(
        "Program {} {} di {db} ({:.1} s):",
        summary.program,
        if summary.created {
            "ditambahkan (added)"
        } else {
            "diperbarui (updated)"
        },
        started.elapsed().as_secs_f64()
    );
    for t in &summary.tables {
        say!(
            "  {:<10} {:>10} baris",
            t.table,
            number(t.rows as f64, 0, Lang::Id)
        );
    }
    for n in &summary.notes {
        say!("  catatan: {n}");
    }
    Ok(())
}

/// The SKM and ticket rows of a package, straight into [`Cells`] as they
/// are read: never held.
#[derive(Default)]
struct IntoCells(Option<Cells>);

impl monev_ingest::LargeTables for IntoCells {
    fn begin(&mut self, program: Option<&monev_domain::Program>) {
        // Without a valid program.csv the read fails; the rows are still
        // checked, into cells nobody will read.
        let ti = program.map(|p| p.tanggal_intervensi);
        self.0 = Some(Cells::new(
            ti.unwrap_or(monev_domain::Date::from_days_since_epoch(0)),
        ));
    }
    fn skm(&mut self, r: monev_domain::SkmResponse) {
        if let Some(c) = &mut self.0 {
            c.add_skm(&r.instansi, r.tanggal, &r.jawaban);
        }
    }
    fn ticket(&mut self, l: monev_domain::Layanan) {
        if let Some(c) = &mut self.0 {
            c.add_ticket(
                &l.instansi,
                l.waktu_datang,
                l.waktu_dipanggil,
                l.waktu_selesai.is_some(),
            );
        }
    }
}

/// A programme's data, its SKM and tickets as [`Cells`].
async fn load(
    data: Option<PathBuf>,
    db: Option<String>,
    program: Option<String>,
) -> Result<(ProgramData, Cells)> {
    if let Some(path) = data {
        let (mut skm, mut tickets) = (IntoCells::default(), IntoCells::default());
        let d = monev_ingest::read_with(&path, &mut skm, &mut tickets)?;
        let mut cells = skm
            .0
            .unwrap_or_else(|| Cells::new(d.program.tanggal_intervensi));
        if let Some(t) = tickets.0 {
            cells.merge(t);
        }
        cells.sort_waits();
        return Ok((d, cells));
    }
    let store = open_existing(db).await?;
    let kode = store.resolve_program(program.as_deref()).await?;
    let loaded = monev_web::load_grouped(&store, &kode).await?;
    store.close().await;
    Ok(loaded)
}

/// The store at `db` (`monev.db` by default), which must exist: reading
/// never creates an empty database.
async fn open_existing(db: Option<String>) -> Result<Store> {
    let db = db.unwrap_or_else(|| "monev.db".to_string());
    if !db.contains(':') && !Path::new(&db).exists() {
        return Err(CliError::Other(format!(
            "{db} tidak ada; impor paket dulu (`monev import PAKET`) atau pakai --data PAKET (no such database)"
        )));
    }
    Ok(Store::open(&db).await?)
}

/// The period named, or the latest with an answer or a ticket in `sources`.
fn period_or_latest(
    periode: Option<&str>,
    sources: &[monev_eval::wilayah::Sumber<'_>],
) -> Result<monev_domain::Periode> {
    match periode {
        Some(p) => monev_domain::Periode::parse(p)
            .map_err(|e| CliError::Other(format!("--periode {p:?}: {}", e.0))),
        None => monev_eval::wilayah::latest_period(sources).ok_or_else(|| {
            CliError::Other(
                "belum ada jawaban SKM atau tiket antrean (no answers or tickets yet)".into(),
            )
        }),
    }
}

/// A report format `monev evaluate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Html,
    Docx,
    Pdf,
    Xlsx,
}

/// A report monev writes in every format: the evaluation or a period's
/// monitoring report.
trait Report {
    /// The machine-readable file's name and text.
    fn json(&self) -> (String, String);
    /// The report files' stem ("laporan") and the workbook's ("lampiran").
    fn stems(&self) -> (String, String);
    fn html(&self, lang: Lang) -> String;
    fn docx(&self, lang: Lang) -> std::result::Result<Vec<u8>, String>;
    fn pdf(&self, lang: Lang) -> std::result::Result<Vec<u8>, String>;
    fn xlsx(&self, lang: Lang) -> std::result::Result<Vec<u8>, String>;
}

impl Report for monev_eval::Evaluasi {
    fn json(&self) -> (String, String) {
        ("evaluasi.json".into(), monev_report::json(self))
    }
    fn stems(&self) -> (String, String) {
        ("laporan".into(), "lampiran".into())
    }
    fn html(&self, lang: Lang) -> String {
        monev_report::html(self, lang)
    }
    fn docx(&self, lang: Lang) -> std::result::Result<Vec<u8>, String> {
        monev_report::docx::docx(self, lang)
    }
    fn pdf(&self, lang: Lang) -> std::result::Result<Vec<u8>, String> {
        monev_report::pdf::pdf(self, lang)
    }
    fn xlsx(&self, lang: Lang) -> std::result::Result<Vec<u8>, String> {
        monev_report::annex::xlsx(self, lang)
    }
}

impl Report for monev_eval::monitoring::Monitoring {
    fn json(&self) -> (String, String) {
        (
            format!("monitoring-{}.json", self.periode),
            monev_report::monitoring::json(self),
        )
    }
    fn stems(&self) -> (String, String) {
        let stem = format!("laporan-monitoring-{}", self.periode);
        (stem.clone(), stem)
    }
    fn html(&self, lang: Lang) -> String {
        monev_report::monitoring::html(self, lang)
    }
    fn docx(&self, lang: Lang) -> std::result::Result<Vec<u8>, String> {
        monev_report::monitoring::docx(self, lang)
    }
    fn pdf(&self, lang: Lang) -> std::result::Result<Vec<u8>, String> {
        monev_report::monitoring::pdf(self, lang)
    }
    fn xlsx(&self, lang: Lang) -> std::result::Result<Vec<u8>, String> {
        monev_report::monitoring::xlsx(self, lang)
    }
}

/// Writes the report in each format and language (the JSON once: its
/// figures have no language); returns the paths. The first language's
/// files are `STEM.ext`, the others' `STEM.LANG.ext`.
fn write_reports(
    e: &dyn Report,
    out: &Path,
    langs: &[Lang],
    formats: &[ReportFormat],
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).map_err(io(out))?;
    let mut written = Vec::new();
    if formats.contains(&ReportFormat::Json) {
        let (name, text) = e.json();
        let json = out.join(name);
        std::fs::write(&json, text).map_err(io(&json))?;
        written.push(json);
    }
    let (stem, annex) = e.stems();
    for (i, lang) in langs.iter().enumerate() {
        let name = |stem: &str, ext: &str| {
            if i == 0 {
                format!("{stem}.{ext}")
            } else {
                format!("{stem}.{}.{ext}", lang_code(*lang))
            }
        };
        let mut put = |path: PathBuf, bytes: std::result::Result<Vec<u8>, String>| {
            let bytes = bytes.map_err(CliError::Other)?;
            std::fs::write(&path, bytes).map_err(io(&path))?;
            written.push(path);
            Ok::<(), CliError>(())
        };
        if formats.contains(&ReportFormat::Html) {
            put(
                out.join(name(&stem, "html")),
                Ok(e.html(*lang).into_bytes()),
            )?;
        }
        if formats.contains(&ReportFormat::Docx) {
            put(out.join(name(&stem, "docx")), e.docx(*lang))?;
        }
        if formats.contains(&ReportFormat::Pdf) {
            put(out.join(name(&stem, "pdf")), e.pdf(*lang))?;
        }
        if formats.contains(&ReportFormat::Xlsx) {
            put(out.join(name(&annex, "xlsx")), e.xlsx(*lang))?;
        }
    }
    Ok(written)
}

fn lang_code(l: Lang) -> &'static str {
    match l {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

/// What `monev evaluate` writes, and by which rules.
pub struct ReportOptions<'a> {
    pub out: &'a Path,
    pub lang: Lang,
    pub bobot: BobotIkm,
    pub formats: &'a [ReportFormat],
    /// Recommendation rules file; the shipped rules when `None`.
    pub aturan: Option<&'a Path>,
}

pub async fn evaluate(
    data: Option<PathBuf>,
    db: Option<String>,
    program: Option<String>,
    o: ReportOptions<'_>,
) -> Result<()> {
    let ReportOptions {
        out,
        lang,
        bobot,
        formats,
        aturan,
    } = o;
    let rules = rules(aturan)?;
    let (d, cells) = load(data, db, program).await?;
    let cfg = Config {
        bobot_ikm: bobot,
        ..Config::default()
    };
    let e = monev_eval::evaluate_cells(&d, &cells, &cfg, &rules);
    if let Some(path) = aturan {
        let missing = rules.unresolved(&e);
        if let Some((kode, name)) = missing.first() {
            return Err(CliError::Other(format!(
                "{}: {kode}: placeholder {{{name}}} tidak diisi oleh [nilai] aturan ini maupun oleh temuan dasarnya (no value fills it){}",
                path.display(),
                if missing.len() > 1 {
                    format!("; dan {} lainnya", missing.len() - 1)
                } else {
                    String::new()
                }
            )));
        }
    }
    for p in write_reports(&e, out, &[lang], formats)? {
        say!("{}", p.display());
    }
    Ok(())
}

#[derive(Serialize)]
struct SkmOut {
    key: Option<String>,
    n: u64,
    nrr: [f64; 9],
    ikm: f64,
    mutu: Option<monev_eval::Mutu>,
    kinerja: Option<&'static str>,
}

impl SkmOut {
    fn of(key: Option<String>, i: Ikm) -> SkmOut {
        SkmOut {
            key,
            n: i.n,
            nrr: i.nrr,
            ikm: i.ikm,
            mutu: i.mutu,
            kinerja: i.kinerja,
        }
    }
}

pub fn skm(
    file: &Path,
    by: Option<&str>,
    format: Format,
    bobot: BobotIkm,
    lang: Lang,
) -> Result<()> {
    let rows = monev_ingest::read_skm_file(file, by)?;
    let mut groups: BTreeMap<String, IkmAcc> = BTreeMap::new();
    let mut all = IkmAcc::default();
    for r in &rows {
        if let Some(k) = &r.key {
            groups.entry(k.clone()).or_default().add(&r.jawaban);
        }
        all.add(&r.jawaban);
    }
    let groups: Vec<SkmOut> = groups
        .into_iter()
        .map(|(k, a)| SkmOut::of(Some(k), a.result(bobot)))
        .collect();
    let overall = SkmOut::of(None, all.result(bobot));
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                groups: &'a [SkmOut],
                overall: OverallOut<'a>,
            }
            #[derive(Serialize)]
            struct OverallOut<'a> {
                n: u64,
                nrr: &'a [f64; 9],
                ikm: f64,
                mutu: Option<monev_eval::Mutu>,
                kinerja: Option<&'static str>,
            }
            let doc = Doc {
                groups: &groups,
                overall: OverallOut {
                    n: overall.n,
                    nrr: &overall.nrr,
                    ikm: overall.ikm,
                    mutu: overall.mutu,
                    kinerja: overall.kinerja,
                },
            };
            say!(
                "{}",
                serde_json::to_string_pretty(&doc).map_err(|e| CliError::Other(e.to_string()))?
            );
        }
        Format::Table => {
            let head = match lang {
                Lang::Id => ["Kelompok", "n", "IKM", "Mutu", "Kinerja"],
                Lang::En => ["Group", "n", "IKM", "Grade", "Performance"],
            };
            say!(
                "{:<32} {:>7} {:>7}  {:<5} {}",
                head[0],
                head[1],
                head[2],
                head[3],
                head[4]
            );
            let line = |label: &str, s: &SkmOut| {
                let kinerja = s
                    .mutu
                    .map(|m| lang.pick(m.kinerja().0, m.kinerja().1))
                    .unwrap_or("–");
                say!(
                    "{:<32} {:>7} {:>7}  {:<5} {}",
                    label,
                    number(s.n as f64, 0, lang),
                    number(s.ikm, 2, lang),
                    s.mutu
                        .map(|m| format!("{m:?}"))
                        .unwrap_or_else(|| "–".into()),
                    kinerja
                );
            };
            for g in &groups {
                line(g.key.as_deref().unwrap_or(""), g);
            }
            line(lang.pick("Keseluruhan", "Overall"), &overall);
        }
    }
    Ok(())
}

/// The demo programme's emblem: a shield with a star, drawn here.
const DEMO_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="112" viewBox="0 0 96 112"><path d="M48 4 L90 18 L90 56 C90 84 70 100 48 108 C26 100 6 84 6 56 L6 18 Z" fill="#1f4e79" stroke="#0b2740" stroke-width="3"/><path d="M48 24 L55 44 L76 44 L59 57 L66 78 L48 65 L30 78 L37 57 L20 44 L41 44 Z" fill="#f2c14e"/><rect x="18" y="86" width="60" height="6" rx="3" fill="#f2c14e"/></svg>"##;

/// `monev demo --provinsi`: the province generator's package, imported.
pub async fn demo_province(out: &Path, package_only: bool) -> Result<()> {
    let started = Instant::now();
    let data =
        monev_demo::generate_province(monev_demo::SEED, monev_demo::ProvinceShape::BENCHMARK);
    let paket = out.join("paket-provinsi");
    monev_ingest::write_package(&data, &paket, monev_ingest::Delimiter::Comma)
        .map_err(io(&paket))?;
    say!(
        "{}: {} instansi, {} skm, {} layanan ({:.1} s)",
        paket.display(),
        data.instansi.len(),
        data.skm.len(),
        data.layanan.len(),
        started.elapsed().as_secs_f64()
    );
    if package_only {
        return Ok(());
    }
    drop(data);
    let db = out.join("monev.db");
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).map_err(io(&p))?;
        }
    }
    let store = Store::open(&db.display().to_string()).await?;
    import_into(&store, &paket, None, None).await?;
    store.close().await;
    say!(
        "{} ({:.1} s)",
        db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// How large a demo to make, and how much of it.
pub struct DemoShape {
    /// Multiples of the demo's SKM questionnaires and of its queue tickets.
    pub skm: u32,
    pub tickets: u32,
    /// Only the package's CSV files (benchmarks), no database or report.
    pub package_only: bool,
}

pub async fn demo(out: &Path, shape: DemoShape) -> Result<()> {
    let started = Instant::now();
    let data = monev_demo::generate_shaped(monev_demo::SEED, shape.skm, shape.tickets);
    let paket = out.join("paket");
    monev_ingest::write_package(&data, &paket, monev_ingest::Delimiter::Comma)
        .map_err(io(&paket))?;
    // The same programme in a second kecamatan of Kota Mataram.
    let second = out.join("paket-sekarbela");
    if !shape.package_only {
        monev_ingest::write_package(
            &monev_demo::generate_second(monev_demo::SEED),
            &second,
            monev_ingest::Delimiter::Comma,
        )
        .map_err(io(&second))?;
    }
    if shape.package_only {
        say!("{}", paket.display());
        return Ok(());
    }
    let zipped = out.join("paket.zip");
    zip_folder(&paket, &zipped).map_err(io(&zipped))?;
    let db = out.join("monev.db");
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).map_err(io(&p))?;
        }
    }
    let db_s = db.display().to_string();
    let store = Store::open(&db_s).await?;
    let summary = import_into(&store, &paket, None, None).await?;
    import_into(&store, &second, None, None).await?;
    // A made-up emblem (not any real government's) on the cover, so the
    // demo shows where a programme's logo goes.
    let (png, _, _) = monev_report::raster::png(DEMO_LOGO, 2.0)
        .map_err(|e| CliError::Other(format!("logo demo: {e}")))?;
    let logo = monev_domain::Logo::parse(png).map_err(|e| CliError::Other(e.to_string()))?;
    store.set_logo(&summary.program, Some(&logo)).await?;
    demo_review(&store, &summary.program).await?;
    demo_approvals(&store, &summary.program).await?;
    let loaded = store.load_program(&summary.program).await?;
    store.close().await;
    let e = monev_eval::evaluate(&loaded, &Config::default());
    let laporan = out.join("laporan");
    let all = [
        ReportFormat::Json,
        ReportFormat::Html,
        ReportFormat::Docx,
        ReportFormat::Pdf,
        ReportFormat::Xlsx,
    ];
    let mut written = write_reports(&e, &laporan, &[Lang::Id, Lang::En], &all)?;
    // The quarterly monitoring report of the latest period with a
    // realisation.
    let periode = monitoring_period(&loaded, None)?;
    written.extend(write_monitoring(
        &loaded,
        &monev_eval::berkala::Deret::of(&loaded),
        periode,
        monev_eval::capaian::Ambang::default(),
        &laporan,
        &[Lang::Id, Lang::En],
        &all,
    )?);
    say!(
        "Demo Ampenan selesai dalam {:.1} s (demo finished):",
        started.elapsed().as_secs_f64()
    );
    say!(
        "  paket data   {}  (untuk unggah di web: {})",
        paket.display(),
        zipped.display()
    );
    say!(
        "  paket kedua  {}  (Kecamatan Sekarbela: monev wilayah --db {})",
        second.display(),
        db.display()
    );
    say!("  basis data   {}", db.display());
    for p in written {
        say!("  laporan      {}", p.display());
    }
    let rows: Vec<String> = summary
        .tables
        .iter()
        .map(|t| format!("{} {}", t.table, number(t.rows as f64, 0, Lang::Id)))
        .collect();
    say!("  diimpor      {}", rows.join(", "));
    Ok(())
}

/// The demo's review of its SKM questionnaires: the evaluator has approved
/// those of the first three triwulan, except one unit's last week, whose
/// answers came in outside service hours and wait for the unit's word (has
/// issues); the fourth triwulan's are still received, so the report calls
/// its figures provisional. No answer is rejected, so the demo's figures
/// are those of its package.
async fn demo_review(store: &Store, program: &str) -> Result<()> {
    use monev_store::{JenisKiriman, SaringanTinjauan, Tinjau};
    let waktu = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let act = |status, catatan| Tinjau {
        status,
        catatan,
        oleh: "Tim Evaluasi BKPSDM Kota Mataram",
        waktu,
    };
    let through_t3 = SaringanTinjauan {
        sampai: Some("2025-09-30".into()),
        ..SaringanTinjauan::of(JenisKiriman::Skm)
    };
    store
        .review(
            program,
            &through_t3,
            None,
            &act(monev_domain::StatusTinjauan::Disetujui, ""),
            None,
        )
        .await?;
    let late_week = SaringanTinjauan {
        instansi: Some("KEL-BAN".into()),
        dari: Some("2025-09-24".into()),
        ..through_t3
    };
    store
        .review(
            program,
            &late_week,
            None,
            &act(
                monev_domain::StatusTinjauan::Bermasalah,
                "diisi di luar jam layanan; menunggu konfirmasi unit",
            ),
            None,
        )
        .await?;
    Ok(())
}

/// The demo's approvals of its units' figures: every unit's first three
/// triwulan submitted by its operator, approved by the kecamatan's
/// evaluator and the kota's, except two units of the third: KEL-BAN's
/// waits at the kecamatan (its last week's answers are in question) and
/// PKM-PJR's was sent back; of the fourth only the kantor camat's is
/// submitted. Each unit submits on the seventh day after its period, except
/// Kantor Lurah Dayan Peken's second triwulan, submitted on the thirtieth
/// (late: figures are due on the tenth); approvals follow the same day, and
/// each unit publishes its approved SKM results the day after (the kantor
/// camat with its follow-up actions: `/hasil/ASN-AMPENAN-2025/KEC-AMP`).
async fn demo_approvals(store: &Store, program: &str) -> Result<()> {
    use monev_domain::{Periode, Tahap};
    use monev_store::{Ajuan, Pelaku};
    let data = store.load_program(program).await?;
    let deret = monev_eval::berkala::Deret::of(&data);
    let bobot = Config::default().bobot_ikm;
    let kecamatan = Pelaku {
        user: None,
        nama: "Evaluator Kecamatan Ampenan",
    };
    let kota = Pelaku {
        user: None,
        nama: "Evaluator BKPSDM Kota Mataram",
    };
    let bad = |e: monev_domain::ParseError| CliError::Other(e.to_string());
    for (periode, only) in [
        ("2025-T1", None),
        ("2025-T2", None),
        ("2025-T3", None),
        ("2025-T4", Some("KEC-AMP")),
    ] {
        let periode = Periode::parse(periode).map_err(bad)?;
        for unit in &data.instansi {
            // Kantor Lurah Dayan Peken reports its second triwulan three
            // weeks late; every other unit on the seventh day.
            let late = periode.to_string() == "2025-T2" && unit.kode == "KEL-DYP";
            let day = periode.selesai().add_days(if late { 30 } else { 7 });
            let at = |hour: i64| (day.days_since_epoch() * 86_400) + hour * 3600 - 8 * 3600;
            if only.is_some_and(|o| o != unit.kode) {
                continue;
            }
            let Some(angka) =
                monev_eval::persetujuan::angka_unit(&data, &deret, &unit.kode, periode, bobot)
            else {
                continue;
            };
            let json = serde_json::to_string(&angka).map_err(|e| CliError::Other(e.to_string()))?;
            let operator = format!("Operator {}", unit.kode);
            let versi = store
                .submit_figures(
                    program,
                    &Ajuan {
                        instansi: &unit.kode,
                        periode,
                        angka: &json,
                        alasan: "",
                        waktu: at(9),
                    },
                    Pelaku {
                        user: None,
                        nama: &operator,
                    },
                )
                .await?;
            if only.is_some() || (periode.to_string() == "2025-T3" && unit.kode == "KEL-BAN") {
                continue;
            }
            if periode.to_string() == "2025-T3" && unit.kode == "PKM-PJR" {
                store
                    .return_figures(
                        program,
                        &unit.kode,
                        periode,
                        versi,
                        "realisasi anggaran triwulan belum dilampiri SPJ",
                        kecamatan,
                        at(11),
                    )
                    .await?;
                continue;
            }
            store
                .approve_figures(
                    program,
                    &unit.kode,
                    periode,
                    versi,
                    Tahap::Kecamatan,
                    kecamatan,
                    at(11),
                )
                .await?;
            store
                .approve_figures(
                    program,
                    &unit.kode,
                    periode,
                    versi,
                    Tahap::Kota,
                    kota,
                    at(14),
                )
                .await?;
            // Each unit publishes its approved SKM results the next day,
            // the kantor camat with its follow-up actions.
            let unit_operator = Pelaku {
                user: None,
                nama: &operator,
            };
            if unit.kode == "KEC-AMP" {
                store
                    .set_follow_up(
                        program,
                        &unit.kode,
                        periode,
                        "Menambah kursi dan kipas angin di ruang tunggu (U9 Sarana dan Prasarana)\nMemasang papan alur dan persyaratan layanan di loket (U1, U2)\nMembuka kotak dan nomor WhatsApp pengaduan yang dijawab setiap hari kerja (U8)",
                        unit_operator,
                        at(24 + 9),
                    )
                    .await?;
            }
            store
                .publish(program, &unit.kode, periode, unit_operator, at(24 + 10))
                .await?;
        }
    }
    Ok(())
}

/// The recommendation rules: the file given (checked, with located
/// errors), else the shipped ones.
pub fn rules(path: Option<&Path>) -> Result<monev_eval::recommend::Rules> {
    let Some(path) = path else {
        return Ok(monev_eval::recommend::Rules::baku().clone());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Other(format!("{}: {e}", path.display())))?;
    monev_eval::recommend::Rules::parse(&text, &path.display().to_string())
        .map_err(|e| CliError::Other(e.to_string()))
}

/// `monev tautan`: the public form links, one line each (code, instansi,
/// address), tab-separated for scripts.
pub async fn links(db: &str, program: Option<String>, instrumen: &str, base: &str) -> Result<()> {
    let store = Store::open(db).await?;
    let program = store.resolve_program(program.as_deref()).await?;
    let links = monev_web::form_links(&store, &program, instrumen).await;
    store.close().await;
    for l in links? {
        say!(
            "{}\t{}\t{}/f/{}",
            l.kode,
            l.instansi,
            base.trim_end_matches('/'),
            l.kode
        );
    }
    Ok(())
}

/// `monev subjek NIP`: what is held about one ASN; `--ekspor` writes it as
/// JSON, `--hapus` erases it (audited under a digest of the NIP).
pub async fn subject(db: &str, raw: &str, export: Option<&Path>, erase: bool) -> Result<()> {
    let nip =
        monev_domain::Nip::parse(raw).map_err(|e| CliError::Other(format!("NIP '{raw}': {e}")))?;
    let store = Store::open(db).await?;
    let result: Result<()> = async {
        let data = store.subject_data(nip.as_str()).await?;
        if data.is_empty() {
            say!("  tidak ada data untuk NIP {} (nothing held)", nip.as_str());
            return Ok(());
        }
        for (table, rows) in &data {
            say!("  {table:<13} {} baris (rows)", rows.len());
        }
        if let Some(path) = export {
            let text = monev_store::subject::export_document(nip.as_str(), &data);
            std::fs::write(path, text).map_err(io(path))?;
            say!("  diekspor     {}", path.display());
        }
        if erase {
            let gone = store.forget_subject(nip.as_str(), None).await?;
            let total: u64 = gone.values().sum();
            say!(
                "  dihapus      {total} baris (rows erased); evaluasi dihitung ulang tanpa ASN ini"
            );
        }
        Ok(())
    }
    .await;
    store.close().await;
    result
}

/// `monev retensi --hari N`: empties free text older than N days in every
/// programme (the "other reason" of non-participants, free-text answers of
/// uploaded instruments); counts, scores and choices stay.
pub async fn retention(db: &str, days: u32) -> Result<()> {
    let store = Store::open(db).await?;
    let pass = store.apply_retention(days).await;
    store.close().await;
    let pass = pass?;
    for (program, purged) in &pass.programs {
        say!(
            "  {program}: {} alasan lain dan {} jawaban teks sebelum {} dikosongkan (free text emptied)",
            purged.alasan_lain,
            purged.jawaban_teks,
            pass.cutoff
        );
    }
    Ok(())
}

/// `monev audit verify`: walks the audit log's hash chain.
pub async fn audit_verify(db: &str, anchor: Option<&str>) -> Result<()> {
    let store = Store::open(db).await?;
    let check = store.verify_audit_from(anchor.map(str::trim)).await;
    store.close().await;
    let mut check = check?;
    if check.unchained > 0 {
        say!(
            "  {} entri dari sebelum rantai hash (entries from before the chain, not verifiable)",
            check.unchained
        );
    }
    if let Some((id, hash)) = &check.head {
        say!(
            "  kepala rantai (chain head): entri {id} {hash}\n  catat di luar server; `monev audit verify --kepala {hash}` nanti membuktikan tidak ada entri yang dipotong dari ujung log"
        );
    }
    if check.anchor_found == Some(false) {
        check.broken.push((
            check.head.as_ref().map_or(0, |h| h.0),
            format!(
                "kepala {} tidak ada lagi dalam rantai: entri dipotong dari ujung log atau log diganti (the noted head is gone: the log's tail was cut or the log replaced)",
                anchor.unwrap_or_default().trim()
            ),
        ));
    }
    if check.broken.is_empty() {
        say!(
            "  audit utuh: {} entri, rantai hash tidak putus (the chain holds){}",
            check.chained,
            if check.anchor_found == Some(true) {
                "; kepala yang dicatat masih ada (the noted head is still there)"
            } else {
                ""
            }
        );
        return Ok(());
    }
    for (id, why) in &check.broken {
        say!("  entri {id}: {why}");
    }
    Err(CliError::Other(format!(
        "log audit tidak utuh: {} kerusakan dari {} entri (the audit log was tampered with)",
        check.broken.len(),
        check.chained
    )))
}

/// `monev backup FILE`: a consistent copy of the SQLite database.
pub async fn backup(db: &str, file: &Path) -> Result<()> {
    if monev_store::backup::sqlite_path(db).is_some_and(|p| !p.exists()) {
        return Err(CliError::Other(format!(
            "{db}: basis data tidak ada (no such database)"
        )));
    }
    let store = Store::open(db).await?;
    let pb = spinner();
    pb.set_message(format!("mencadangkan ke {} (backing up)", file.display()));
    let summary = store.backup_to(file).await;
    pb.finish_and_clear();
    store.close().await;
    let summary = summary?;
    say!(
        "  dicadangkan  {} ({} KB, skema {}, program: {})",
        file.display(),
        number(summary.bytes as f64 / 1024.0, 0, Lang::Id),
        summary.schema,
        summary.programs.join(", ")
    );
    Ok(())
}

/// `monev restore FILE`: the backup replaces the database.
pub async fn restore(file: &Path, db: &str) -> Result<()> {
    let summary = monev_store::backup::restore(file, db).await?;
    say!(
        "  dipulihkan   {db} dari {} (skema {}, program: {})",
        file.display(),
        summary.schema,
        summary.programs.join(", ")
    );
    if let Some(p) = monev_store::backup::sqlite_path(db) {
        let mut kept = p.into_os_string();
        kept.push(".sebelum-pulih");
        if Path::new(&kept).exists() {
            say!(
                "  disimpan     {} (basis data sebelumnya, the database replaced)",
                Path::new(&kept).display()
            );
        }
    }
    Ok(())
}

pub async fn serve(
    addr: &str,
    db: &str,
    settings: monev_web::Settings,
    aturan: Option<&Path>,
) -> Result<()> {
    let rules = aturan.map(|a| rules(Some(a))).transpose()?;
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let store = Store::open(db).await?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        CliError::Other(format!(
            "{addr}: tidak dapat membuka alamat (cannot listen): {e}"
        ))
    })?;
    let local = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| addr.to_string());
    tracing::info!(addr = %local, db, "monev serve");
    say!("monev berjalan di http://{local} (Ctrl+C untuk berhenti)");
    let settings = monev_web::Settings {
        rules: rules.map(std::sync::Arc::new),
        ..settings
    };
    let shutdown = async {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
            let term = async {
                match term.as_mut() {
                    Some(t) => {
                        t.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! { _ = ctrl_c => {}, _ = term => {} }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("shutting down");
    };
    let app = monev_web::App::new(store, settings)
        .with_pdf(monev_report::pdf::pdf)
        .with_monitoring_pdf(monev_report::monitoring::pdf);
    monev_web::serve(listener, app, shutdown)
        .await
        .map_err(|e| CliError::Other(format!("server: {e}")))
}

pub async fn user_add(
    db: &str,
    username: &str,
    role: &str,
    nama: Option<String>,
    instansi: Option<String>,
    wilayah: Option<String>,
) -> Result<()> {
    use std::io::{BufRead, IsTerminal, Write};
    let role = monev_store::Role::parse(role)
        .ok_or_else(|| CliError::Other(format!("peran tidak dikenal: {role}")))?;
    let password = match std::env::var("MONEV_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            if std::io::stdin().is_terminal() {
                eprint!("Kata sandi untuk {username} (password): ");
                std::io::stderr().flush().ok();
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| CliError::Other(format!("stdin: {e}")))?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if password.chars().count() < 10 {
        return Err(CliError::Other(
            "kata sandi minimal 10 karakter (password needs 10+ characters)".into(),
        ));
    }
    let hash = tokio::task::spawn_blocking(move || monev_web::hash_password(&password))
        .await
        .map_err(|e| CliError::Other(e.to_string()))?
        .map_err(CliError::Other)?;
    let store = Store::open(db).await?;
    if let Some(w) = wilayah.as_deref() {
        store.check_region(w).await?;
    }
    let user = store
        .create_user(
            &username.to_lowercase(),
            nama.as_deref().unwrap_or(username),
            role,
            instansi.as_deref(),
            &hash,
        )
        .await?;
    if let Some(w) = wilayah.as_deref() {
        store.set_user_region(&user.username, Some(w)).await?;
    }
    store
        .audit(
            None,
            "tambah_pengguna",
            &format!("pengguna:{}", user.username),
            None,
            Some(role.code()),
        )
        .await?;
    store.close().await;
    say!(
        "Akun {} ({}) dibuat di {db} (account created).",
        user.username,
        role.code()
    );
    Ok(())
}

/// What `monev user token` does.
pub enum TokenAction {
    /// Issue a token for this purpose; printed once.
    Issue(String),
    /// List the account's tokens.
    List,
    /// Revoke the account's token with this id.
    Revoke(String),
}

pub async fn user_token(db: &str, username: &str, action: TokenAction) -> Result<()> {
    let username = username.to_lowercase();
    let store = Store::open(db).await?;
    let owner = || async {
        store
            .users()
            .await
            .map(|all| all.into_iter().find(|(u, _)| u.username == username))
    };
    match action {
        TokenAction::Issue(nama) => {
            let (user, token) = monev_web::issue_api_token(&store, &username, &nama).await?;
            eprintln!(
                "Token API untuk {} ({}); simpan sekarang, tidak akan ditampilkan lagi (store it now, it is not shown again):",
                user.username,
                user.role.code()
            );
            say!("{token}");
        }
        TokenAction::List => {
            let Some((user, _)) = owner().await? else {
                return Err(CliError::Other(format!(
                    "pengguna '{username}' tidak ada (no such user)"
                )));
            };
            let held = store.api_tokens(Some(user.id)).await?;
            if held.is_empty() {
                say!("{username}: belum ada token (no tokens).");
            }
            for k in held {
                say!("{}\t{}\t{}", k.id, k.dibuat, k.nama);
            }
        }
        TokenAction::Revoke(id) => {
            let Some((user, _)) = owner().await? else {
                return Err(CliError::Other(format!(
                    "pengguna '{username}' tidak ada (no such user)"
                )));
            };
            let Some(revoked) = store.revoke_api_token(&id, Some(user.id)).await? else {
                return Err(CliError::Other(format!(
                    "token '{id}' milik {username} tidak ada; lihat monev user token {username} --daftar (no such token of this user)"
                )));
            };
            store
                .audit(
                    None,
                    "cabut_token_api",
                    &format!("pengguna:{username}"),
                    Some(&format!("{} ({})", revoked.nama, revoked.id)),
                    None,
                )
                .await?;
            say!(
                "Token {} ({}) milik {username} dicabut (revoked).",
                revoked.id,
                revoked.nama
            );
        }
    }
    store.close().await;
    Ok(())
}

/// Zips the CSV files of a package folder (for uploading in the browser).
fn zip_folder(dir: &Path, to: &Path) -> std::io::Result<()> {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to)?);
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .map_err(std::io::Error::other)?;
        std::io::copy(&mut std::fs::File::open(path)?, &mut zip)?;
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}

/// `monev form`: parse an XLSForm and say what monev makes of it.
pub fn form(path: &Path, format: Format) -> Result<()> {
    use monev_ingest::FormError;
    use monev_survey::{Kind, Purpose};
    let parsed = monev_ingest::read_xlsform(path).map_err(|e| match e {
        FormError::Open(m) => CliError::Other(m),
        FormError::Invalid { file, errors } => CliError::Data {
            total: errors.len(),
            errors: errors
                .into_iter()
                .map(|l| RowError {
                    file: format!("{file}[{}]", l.sheet),
                    line: l.row as u64,
                    column: if l.letter.is_empty() {
                        l.column
                    } else {
                        format!("{}{} {}", l.letter, l.row, l.column)
                    },
                    value: l.value,
                    reason: l.reason,
                    forbidden: false,
                })
                .collect(),
        },
    })?;
    let i = &parsed.instrument;
    if matches!(format, Format::Json) {
        let out = serde_json::json!({
            "instrumen": i,
            "tidak_diimpor": parsed.skipped.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "catatan": parsed.notes.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(());
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for (q, _) in i.questions() {
        let k = match &q.kind {
            Kind::SelectOne { .. } => "select_one".to_string(),
            Kind::SelectMultiple { .. } => "select_multiple".to_string(),
            other => other.code(),
        };
        *kinds.entry(k).or_default() += 1;
    }
    let mut langs: Vec<&str> = i
        .questions()
        .iter()
        .flat_map(|(q, _)| q.label.languages().collect::<Vec<_>>())
        .map(|l| if l.is_empty() { "(tanpa bahasa)" } else { l })
        .collect();
    langs.sort_unstable();
    langs.dedup();
    say!(
        "Formulir {} \"{}\"{} — dapat diimpor (importable)",
        i.kode,
        i.judul.get("id").unwrap_or(&i.kode),
        if i.versi.is_empty() {
            String::new()
        } else {
            format!(", versi {}", i.versi)
        }
    );
    say!(
        "  {} pertanyaan (questions): {}",
        i.questions().len(),
        kinds
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    say!("  bahasa label (label languages): {}", langs.join(", "));
    say!(
        "  kegunaan (purpose): {}",
        match i.purpose {
            Purpose::Skm => "SKM — u1…u9 terpetakan ke unsur, masuk ke IKM (feeds the IKM)",
            Purpose::Other => "lainnya (other): disimpan dan diekspor",
        }
    );
    if !parsed.skipped.is_empty() {
        say!("  tidak diimpor (left out), {}:", parsed.skipped.len());
        for s in &parsed.skipped {
            say!("    {s}");
        }
    }
    if !parsed.notes.is_empty() {
        say!("  catatan (notes), {}:", parsed.notes.len());
        for n in &parsed.notes {
            say!("    {n}");
        }
    }
    Ok(())
}

/// `monev kobo`: add the SKM submissions of a Kobo or ODK export.
pub async fn kobo(
    file: &Path,
    db: &str,
    program: Option<String>,
    instrumen: Option<&Path>,
    instansi: Option<String>,
    dry_run: bool,
    peta: &[String],
) -> Result<()> {
    use monev_survey::kobo::{Column, skm_response};
    let instrument = match instrumen {
        Some(p) => {
            monev_ingest::read_xlsform(p)
                .map_err(|e| CliError::Other(e.to_string()))?
                .instrument
        }
        None => monev_survey::builtin::skm(),
    };
    // The programme's local date, for submissions without a time; times
    // are dated in its zone.
    let store = Store::open(db).await?;
    let kode = store.resolve_program(program.as_deref()).await?;
    let zona = store.zona_waktu(&kode).await?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let today = monev_domain::Date::local(secs, zona).to_string();
    let mut by_hand = Vec::new();
    for p in peta {
        let Some((col, q)) = p.rsplit_once('=') else {
            return Err(CliError::Other(format!(
                "--peta {p:?}: tulis KOLOM=PERTANYAAN (write COLUMN=QUESTION)"
            )));
        };
        if q.trim() != "-" && instrument.question(q.trim()).is_none() {
            return Err(CliError::Other(format!(
                "--peta {p:?}: instrumen {} tidak punya pertanyaan {:?} (no such question)",
                instrument.kode,
                q.trim()
            )));
        }
        by_hand.push((col.trim().to_string(), q.trim().to_string()));
    }
    let export = monev_ingest::read_export_mapped(file, &instrument, &today, zona, &by_hand)?;
    let m = &export.mapped;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for s in &m.submissions {
        match skm_response(&instrument, s, instansi.as_deref()) {
            Ok(Some(response)) => rows.push(monev_store::SkmSubmission {
                line: s.line,
                response,
                uuid: s.uuid.clone(),
                review: s.review,
            }),
            // No unsur answered: not an SKM respondent.
            Ok(None) => {}
            Err(reason) => errors.push(RowError {
                file: export.file.clone(),
                line: s.line,
                column: String::new(),
                value: String::new(),
                reason,
                forbidden: false,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(CliError::Data {
            total: errors.len(),
            errors,
        });
    }
    let odk = m
        .columns
        .iter()
        .any(|(h, _)| h == "SubmissionDate" || h == "KEY");
    let added = store
        .add_skm_submissions(
            Some(&kode),
            &export.file,
            if odk { "odk" } else { "kobo" },
            &rows,
            dry_run,
        )
        .await?;
    store.close().await;
    let unknown: Vec<&str> = m
        .columns
        .iter()
        .filter(|(_, c)| *c == Column::Unknown)
        .map(|(h, _)| h.as_str())
        .collect();
    say!(
        "{} kiriman dibaca (submissions read): {} {}, {} sudah ada (already held); {} ganda dalam ekspor (duplicates), {} ditolak peninjau (rejected) tidak diikutkan.",
        number(m.submissions.len() as f64, 0, Lang::Id),
        number(added.added as f64, 0, Lang::Id),
        if dry_run {
            "akan ditambahkan (would be added)"
        } else {
            "ditambahkan (added)"
        },
        number(added.already as f64, 0, Lang::Id),
        number(m.duplicates as f64, 0, Lang::Id),
        number(m.rejected as f64, 0, Lang::Id),
    );
    if !unknown.is_empty() {
        say!(
            "Kolom tidak dipetakan, diabaikan (unmapped columns): {}",
            unknown.join(", ")
        );
    }
    let mut groups: BTreeMap<String, IkmAcc> = BTreeMap::new();
    let mut all = IkmAcc::default();
    for r in &rows {
        groups
            .entry(r.response.instansi.clone())
            .or_default()
            .add(&r.response.jawaban);
        all.add(&r.response.jawaban);
    }
    for (k, a) in groups.into_iter().chain([("Semua (all)".to_string(), all)]) {
        let o = SkmOut::of(Some(k), a.result(BobotIkm::Tepat));
        say!(
            "  {:<28} n {:>6}  IKM {:>6}  {}",
            o.key.clone().unwrap_or_default(),
            o.n,
            number(o.ikm, 2, Lang::Id),
            o.mutu.map(|m| format!("{m:?}")).unwrap_or_default()
        );
    }
    Ok(())
}

/// `monev dokumen`: extract and keep documents, all or none.
pub async fn dokumen(
    files: &[PathBuf],
    jenis: &str,
    db: &str,
    program: Option<&str>,
) -> Result<()> {
    let kind = monev_dokumen::Jenis::parse(jenis).ok_or_else(|| {
        CliError::Other(format!(
            "--jenis {jenis:?}: laporan, sk, anggaran, notulen atau lainnya"
        ))
    })?;
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match monev_dokumen::extract_file(f) {
            Ok(d) => docs.push((f, d)),
            Err(e) => errors.push(RowError {
                file: f.display().to_string(),
                line: 0,
                column: String::new(),
                value: String::new(),
                reason: e
                    .to_string()
                    .trim_start_matches(&format!("{}: ", f.display()))
                    .to_string(),
                forbidden: false,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(CliError::Data {
            total: errors.len(),
            errors,
        });
    }
    let store = Store::open(db).await?;
    for (f, d) in &docs {
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("dokumen")
            .to_string();
        let new = store
            .save_document(
                program,
                &monev_store::NewDocument {
                    kode: stem.clone(),
                    judul: stem.replace(['_', '-'], " "),
                    jenis: kind.code().to_string(),
                    berkas: f.display().to_string(),
                    halaman: d.halaman as i64,
                    halaman_tanpa_teks: d.halaman_tanpa_teks.clone(),
                    teks: d.teks.clone(),
                },
            )
            .await?;
        say!(
            "{} {}: {} halaman, {} karakter{}",
            if new {
                "ditambahkan (added)"
            } else {
                "diperbarui (updated)"
            },
            f.display(),
            d.halaman,
            number(d.teks.chars().count() as f64, 0, Lang::Id),
            if d.halaman_tanpa_teks.is_empty() {
                String::new()
            } else {
                format!(
                    "; halaman tanpa teks (pindaian?): {}",
                    d.halaman_tanpa_teks
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    }
    store.close().await;
    Ok(())
}

/// `monev saran-kode`: suggestions per interview and document, from the
/// programme's lexicon (the built-in one until it has its own), and how
/// often coders confirmed them.
pub async fn suggest_codes(db: &str, program: Option<String>, only: Option<&str>) -> Result<()> {
    let store = Store::open(db).await?;
    let kode = store.resolve_program(program.as_deref()).await?;
    let data = store.load_program(&kode).await?;
    let held = store.lexicon(&kode).await?;
    store.close().await;
    if data.wawancara.is_empty() && data.dokumen.is_empty() {
        say!("Belum ada wawancara atau dokumen (no interviews or documents yet).");
        return Ok(());
    }
    let codes: Vec<String> = if data.kode_kualitatif.is_empty() {
        monev_domain::KODE_BAKU
            .iter()
            .map(|(k, _, _)| k.to_string())
            .collect()
    } else {
        data.kode_kualitatif
            .iter()
            .map(|k| k.kode.clone())
            .collect()
    };
    let lexicon = monev_kualitatif::Lexicon::held_or_baku(&held);
    let sources = data
        .wawancara
        .iter()
        .map(|w| {
            (
                monev_domain::Sumber::Wawancara(w.kode.clone()),
                &w.transkrip,
            )
        })
        .chain(
            data.dokumen
                .iter()
                .map(|d| (monev_domain::Sumber::Dokumen(d.kode.clone()), &d.teks)),
        );
    // Per code: (suggested, confirmed by a coder's segment of that code overlapping it).
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (source, text) in sources {
        let suggestions = lexicon.suggest(text, Some(&codes));
        for s in &suggestions {
            let confirmed = data.kutipan.iter().any(|k| {
                k.sumber == source && k.kode == s.kode && k.mulai < s.selesai && s.mulai < k.selesai
            });
            let t = tally.entry(s.kode.clone()).or_default();
            t.0 += 1;
            t.1 += usize::from(confirmed);
            if only == Some(source.kode()) {
                let passage: String = text
                    .chars()
                    .skip(s.mulai)
                    .take(s.selesai - s.mulai)
                    .collect();
                say!(
                    "{} {}..{} {}{}\n    “{}”\n    pemicu (triggers): {}",
                    source.kode(),
                    s.mulai,
                    s.selesai,
                    s.kode,
                    if confirmed { " ✓" } else { "" },
                    passage,
                    s.pemicu.join(", ")
                );
            }
        }
    }
    say!(
        "{:<28} {:>8} {:>12} {:>8}",
        "kode",
        "saran",
        "dikonfirmasi",
        "%"
    );
    for (k, (n, ok)) in &tally {
        say!(
            "{:<28} {:>8} {:>12} {:>8}",
            k,
            n,
            ok,
            number(*ok as f64 / *n as f64 * 100.0, 0, Lang::Id)
        );
    }
    Ok(())
}

/// What `monev wawancara` is told about an interview.
pub struct InterviewMeta {
    pub kode: Option<String>,
    pub kelompok: String,
    pub instansi: String,
    pub tanggal: String,
    pub pewawancara: String,
    pub persetujuan: bool,
}

/// `monev wawancara`: one transcript from a file.
pub async fn interview(
    file: &Path,
    meta: InterviewMeta,
    db: &str,
    program: Option<&str>,
) -> Result<()> {
    let bad = |what: &str, e: String| CliError::Other(format!("--{what}: {e}"));
    let kelompok = monev_domain::KelompokResponden::parse(&meta.kelompok)
        .map_err(|e| bad("kelompok", e.to_string()))?;
    let tanggal =
        monev_domain::Date::parse(&meta.tanggal).map_err(|e| bad("tanggal", e.to_string()))?;
    if !meta.persetujuan {
        return Err(CliError::Other(
            "tanpa --persetujuan transkrip tidak disimpan: catat persetujuan responden dulu (no consent recorded)".into(),
        ));
    }
    let text = monev_dokumen::extract_file(file).map_err(|e| CliError::Other(e.to_string()))?;
    let kode = meta.kode.unwrap_or_else(|| {
        file.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("wawancara")
            .to_string()
    });
    let store = Store::open(db).await?;
    store
        .add_interview(
            program,
            &monev_domain::Wawancara {
                kode: kode.clone(),
                tanggal,
                pewawancara: meta.pewawancara,
                kelompok,
                instansi: meta.instansi,
                persetujuan: true,
                transkrip: text.teks.clone(),
            },
        )
        .await?;
    store.close().await;
    say!(
        "Wawancara {kode} disimpan (saved): {} karakter. Kodekan dengan kutipan_kode.csv; saran: monev saran-kode --wawancara {kode}",
        number(text.teks.chars().count() as f64, 0, Lang::Id)
    );
    Ok(())
}

/// What a REFI-QDA project's sources lack is taken to be (the import's options).
pub struct QdaDefaults {
    pub kelompok: Option<String>,
    pub instansi: Option<String>,
    pub persetujuan: bool,
    pub tanggal: Option<String>,
    pub pengkode: Option<String>,
}

fn read_file(file: &Path) -> Result<Vec<u8>> {
    std::fs::read(file).map_err(|e| CliError::Other(format!("{}: {e}", file.display())))
}

fn qda_errors(file: &Path, errors: Vec<monev_qda::QdaError>) -> CliError {
    let name = file.display().to_string();
    let errors: Vec<RowError> = errors
        .into_iter()
        .map(|e| RowError {
            file: format!("{name}/{}", e.file),
            line: u64::from(e.line),
            column: if e.line == 0 {
                String::new()
            } else {
                format!("kolom {}", e.column)
            },
            value: e.value,
            reason: e.reason,
            forbidden: false,
        })
        .collect();
    CliError::Data {
        total: errors.len(),
        errors,
    }
}

/// A store's refusal of a project's evidence, one error per reason.
fn qda_refused(file: &Path, e: StoreError) -> CliError {
    match e {
        StoreError::Invalid(why) => {
            let errors: Vec<RowError> = why
                .split("; ")
                .map(|r| RowError::file(&file.display().to_string(), r))
                .collect();
            CliError::Data {
                total: errors.len(),
                errors,
            }
        }
        other => other.into(),
    }
}

/// `monev qda import`: a REFI-QDA project's interviews, documents, codes
/// and segments, all or nothing.
pub async fn qda_import(
    file: &Path,
    d: QdaDefaults,
    db: &str,
    program: Option<&str>,
) -> Result<()> {
    let bad = |what: &str, e: String| CliError::Other(format!("--{what}: {e}"));
    let store = open_existing(Some(db.to_string())).await?;
    let program = store.resolve_program(program).await?;
    let units: Vec<String> = store
        .units(&program)
        .await?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let bawaan = monev_qda::Bawaan {
        kelompok: d
            .kelompok
            .as_deref()
            .map(monev_domain::KelompokResponden::parse)
            .transpose()
            .map_err(|e| bad("kelompok", e.to_string()))?,
        instansi: d.instansi,
        persetujuan: d.persetujuan.then_some(true),
        tanggal: d
            .tanggal
            .as_deref()
            .map(monev_domain::Date::parse)
            .transpose()
            .map_err(|e| bad("tanggal", e.to_string()))?,
        pengkode: d.pengkode,
        instansi_dikenal: units,
    };
    let read =
        monev_qda::read_project(&read_file(file)?, &bawaan).map_err(|e| qda_errors(file, e))?;
    let p = read.proyek;
    let added = store
        .add_qualitative(
            &program,
            &monev_store::QualitativeAddition {
                wawancara: p.wawancara,
                dokumen: p.dokumen,
                kode: p.kode,
                kutipan: p.kutipan,
                berkas: file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("project.qdpx")
                    .to_string(),
            },
        )
        .await
        .map_err(|e| qda_refused(file, e))?;
    store
        .audit(
            None,
            "impor_qda",
            &format!("program:{program}"),
            None,
            Some(&format!(
                "{}: {} wawancara, {} dokumen, {} kode baru, {} segmen",
                file.display(),
                added.wawancara,
                added.dokumen,
                added.kode,
                added.kutipan
            )),
        )
        .await?;
    store.close().await;
    say!(
        "Proyek {} diimpor (imported): {} wawancara, {} dokumen, {} kode baru, {} segmen berkode.",
        file.display(),
        added.wawancara,
        added.dokumen,
        added.kode,
        added.kutipan
    );
    for c in read.catatan {
        say!("catatan: {c}");
    }
    Ok(())
}

/// The programme's qualitative evidence as a REFI-QDA project.
async fn qda_project(store: &Store, program: &str) -> Result<monev_qda::Proyek> {
    let data = store.load_program(program).await?;
    Ok(monev_qda::Proyek {
        nama: data.program.nama.clone(),
        kode: store.codebook(program).await?,
        wawancara: data.wawancara,
        dokumen: data.dokumen,
        kutipan: data.kutipan,
    })
}

/// `monev qda export`.
pub async fn qda_export(out: &Path, db: &str, program: Option<&str>) -> Result<()> {
    let store = open_existing(Some(db.to_string())).await?;
    let program = store.resolve_program(program).await?;
    let p = qda_project(&store, &program).await?;
    let bytes = monev_qda::write_project(&p);
    std::fs::write(out, &bytes).map_err(|e| CliError::Other(format!("{}: {e}", out.display())))?;
    store
        .audit(
            None,
            "ekspor_qda",
            &format!("program:{program}"),
            None,
            Some(&out.display().to_string()),
        )
        .await?;
    store.close().await;
    say!(
        "{} ditulis (written): {} wawancara, {} dokumen, {} kode, {} segmen. Transkrip memuat data pribadi: simpan berkas ini dengan aman.",
        out.display(),
        p.wawancara.len(),
        p.dokumen.len(),
        p.kode.len(),
        p.kutipan.len()
    );
    Ok(())
}

/// `monev qda import-kode`: the codes of a .qdc the codebook lacks.
pub async fn qda_import_codebook(file: &Path, db: &str, program: Option<&str>) -> Result<()> {
    let codes = monev_qda::read_codebook(&read_file(file)?).map_err(|e| qda_errors(file, e))?;
    let store = open_existing(Some(db.to_string())).await?;
    let program = store.resolve_program(program).await?;
    let added = store
        .add_qualitative(
            &program,
            &monev_store::QualitativeAddition {
                kode: codes,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| qda_refused(file, e))?;
    store
        .audit(
            None,
            "impor_buku_kode",
            &format!("program:{program}"),
            None,
            Some(&format!("{}: {} kode baru", file.display(), added.kode)),
        )
        .await?;
    store.close().await;
    say!(
        "Buku kode {} diimpor: {} kode baru (new codes).",
        file.display(),
        added.kode
    );
    Ok(())
}

/// `monev qda export-kode`.
pub async fn qda_export_codebook(out: &Path, db: &str, program: Option<&str>) -> Result<()> {
    let store = open_existing(Some(db.to_string())).await?;
    let program = store.resolve_program(program).await?;
    let codes = store.codebook(&program).await?;
    std::fs::write(out, monev_qda::write_codebook(&codes))
        .map_err(|e| CliError::Other(format!("{}: {e}", out.display())))?;
    store.close().await;
    say!("{} ditulis (written): {} kode.", out.display(), codes.len());
    Ok(())
}

/// The early warning's words.
fn status_label(s: monev_eval::capaian::Status, lang: Lang) -> String {
    monev_report::monitoring::status_label(s, lang).to_lowercase()
}

/// `monev monitor`: realisation against plan in one reporting period.
/// What `monev monitor` shows or writes.
pub struct MonitorOptions<'a> {
    pub periode: Option<&'a str>,
    pub ambang: monev_eval::capaian::Ambang,
    /// On the terminal, when no report is written.
    pub format: Format,
    pub lang: Lang,
    /// Write the monitoring report here instead.
    pub out: Option<&'a Path>,
    pub formats: &'a [ReportFormat],
}

/// The programme and its answers and tickets as per-day series (what the
/// monitoring report needs): from a package's rows, or grouped by the
/// database.
async fn load_series(
    data: Option<PathBuf>,
    db: Option<String>,
    program: Option<String>,
) -> Result<(ProgramData, monev_eval::berkala::Deret)> {
    if let Some(path) = data {
        let d = monev_ingest::read_all(&path)?;
        let deret = monev_eval::berkala::Deret::of(&d);
        return Ok((d, deret));
    }
    let store = open_existing(db).await?;
    let kode = store.resolve_program(program.as_deref()).await?;
    let loaded = monev_web::load_series(&store, &kode).await?;
    store.close().await;
    Ok(loaded)
}

/// The period asked for, or the latest with a realisation.
fn monitoring_period(d: &ProgramData, periode: Option<&str>) -> Result<monev_domain::Periode> {
    monev_eval::monitoring::resolve_period(d, periode, None)
        .map_err(|e| CliError::Other(format!("--{e}")))
}

/// The monitoring report of a period, written in `formats` and `langs`.
fn write_monitoring(
    d: &ProgramData,
    deret: &monev_eval::berkala::Deret,
    periode: monev_domain::Periode,
    ambang: monev_eval::capaian::Ambang,
    out: &Path,
    langs: &[Lang],
    formats: &[ReportFormat],
) -> Result<Vec<PathBuf>> {
    let m = monev_eval::monitoring::monitoring(d, deret, periode, ambang, &Config::default());
    write_reports(&m, out, langs, formats)
}

pub async fn monitor(
    data: Option<PathBuf>,
    db: Option<String>,
    program: Option<String>,
    o: MonitorOptions<'_>,
) -> Result<()> {
    let MonitorOptions {
        periode,
        ambang,
        format,
        lang,
        out,
        formats,
    } = o;
    if let Some(out) = out {
        let (d, deret) = load_series(data, db, program).await?;
        let periode = monev_eval::monitoring::resolve_period(
            &d,
            periode,
            monev_eval::monitoring::default_period(&d, &deret),
        )
        .map_err(|e| CliError::Other(format!("--{e}")))?;
        for p in write_monitoring(&d, &deret, periode, ambang, out, &[lang], formats)? {
            say!("{}", p.display());
        }
        return Ok(());
    }
    let (d, _) = load(data, db, program).await?;
    let periode = monitoring_period(&d, periode)?;
    let r = monev_eval::capaian::realisasi(&d, periode, ambang);
    match format {
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| CliError::Other(e.to_string()))?
        ),
        Format::Table => {
            let pct = |v: Option<f64>| v.map_or("–".to_string(), |v| number(v, 1, lang));
            let before = |s: Option<monev_eval::capaian::Status>| {
                s.map_or("–".to_string(), |s| status_label(s, lang))
            };
            let unit = |u: &Option<String>| {
                u.clone()
                    .unwrap_or_else(|| lang.pick("program", "programme").to_string())
            };
            say!(
                "{} {} ({} {})",
                lang.pick("Realisasi", "Realisation"),
                r.periode,
                lang.pick("sebelumnya", "previous"),
                r.sebelumnya
            );
            say!("");
            say!(
                "{:<44} {:<10} {:>10} {:>10}  {:<17} {}",
                lang.pick("Kegiatan", "Budget line"),
                lang.pick("Unit", "Unit"),
                lang.pick("Keuangan %", "Money %"),
                lang.pick("Fisik %", "Physical %"),
                lang.pick("Status", "Status"),
                lang.pick("Sebelumnya", "Previous"),
            );
            for a in &r.anggaran {
                let name: String = a.kegiatan.chars().take(44).collect();
                say!(
                    "{:<44} {:<10} {:>10} {:>10}  {:<17} {}",
                    name,
                    unit(&a.instansi),
                    pct(a.capaian_keuangan_persen),
                    pct(a.capaian_fisik_persen),
                    status_label(a.status, lang),
                    before(a.status_sebelumnya)
                );
            }
            say!("");
            say!(
                "{:<16} {:<10} {:>10} {:>10} {:>10}  {:<17} {}",
                lang.pick("Indikator", "Indicator"),
                lang.pick("Unit", "Unit"),
                lang.pick("Target", "Target"),
                lang.pick("Realisasi", "Actual"),
                lang.pick("Capaian %", "Achieved %"),
                lang.pick("Status", "Status"),
                lang.pick("Sebelumnya", "Previous"),
            );
            for i in &r.indikator {
                say!(
                    "{:<16} {:<10} {:>10} {:>10} {:>10}  {:<17} {}",
                    i.indikator,
                    unit(&i.instansi),
                    pct(i.target),
                    pct(i.realisasi),
                    pct(i.capaian_persen),
                    status_label(i.status, lang),
                    before(i.status_sebelumnya)
                );
            }
            say!("");
            say!(
                "{}",
                lang.pick(
                    &format!(
                        "Peringatan dini: capaian ≥ {} sesuai rencana, ≥ {} tertinggal, di bawahnya jauh tertinggal.",
                        number(r.ambang.tertinggal, 0, lang),
                        number(r.ambang.jauh_tertinggal, 0, lang)
                    ),
                    &format!(
                        "Early warning: capaian ≥ {} on track, ≥ {} behind, below that far behind.",
                        number(r.ambang.tertinggal, 0, lang),
                        number(r.ambang.jauh_tertinggal, 0, lang)
                    ),
                )
            );
        }
    }
    Ok(())
}

/// Every programme of the store (or those named, in that order) as series.
async fn load_all_series(
    db: Option<String>,
    only: &[String],
) -> Result<Vec<(ProgramData, monev_eval::berkala::Deret)>> {
    let store = open_existing(db).await?;
    let codes = store.program_codes().await?;
    let wanted: Vec<String> = if only.is_empty() {
        codes
    } else {
        for k in only {
            if !codes.contains(k) {
                return Err(CliError::Other(format!(
                    "--program {k}: tidak ada di basis data (no such programme)"
                )));
            }
        }
        only.to_vec()
    };
    let mut loaded = Vec::new();
    for k in wanted {
        loaded.push(monev_web::load_series(&store, &k).await?);
    }
    store.close().await;
    Ok(loaded)
}

/// `monev banding`: programmes side by side in one period.
pub async fn banding(
    db: Option<String>,
    program: Vec<String>,
    periode: Option<&str>,
    format: Format,
    lang: Lang,
) -> Result<()> {
    let loaded = load_all_series(db, &program).await?;
    if loaded.len() < 2 {
        return Err(CliError::Other(
            "banding perlu dua program atau lebih (comparing needs two programmes or more)".into(),
        ));
    }
    let sources: Vec<monev_eval::wilayah::Sumber<'_>> = loaded
        .iter()
        .map(|(data, deret)| monev_eval::wilayah::Sumber { data, deret })
        .collect();
    let periode = period_or_latest(periode, &sources)?;
    let b = monev_eval::banding::banding(&sources, periode, BobotIkm::Tepat);
    match format {
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&b).map_err(|e| CliError::Other(e.to_string()))?
        ),
        Format::Table => {
            let opt =
                |v: Option<f64>, d: usize| v.map_or("–".to_string(), |v| number(v, d, lang));
            let ci = |v: Option<[f64; 2]>, d: usize| {
                v.map_or("–".to_string(), |[l, h]| {
                    format!("{}–{}", number(l, d, lang), number(h, d, lang))
                })
            };
            say!(
                "{} {}",
                lang.pick("Banding program", "Programmes side by side"),
                b.periode
            );
            say!(
                "{:<22} {:>6} {:>7} {:>13} {:>7} {:>7} {:>11} {:>7} {:>11}",
                lang.pick("Program", "Programme"),
                "SKM",
                "IKM",
                lang.pick("selang 95%", "95% CI"),
                lang.pick("tiket", "tickets"),
                lang.pick("tunggu", "wait"),
                lang.pick("selang 95%", "95% CI"),
                lang.pick("ikut %", "took part"),
                lang.pick("selang 95%", "95% CI"),
            );
            for p in &b.program {
                say!(
                    "{:<22} {:>6} {:>7} {:>13} {:>7} {:>7} {:>11} {:>7} {:>11}",
                    p.kode,
                    p.skm,
                    opt(p.ikm, 2),
                    ci(p.selang_ikm_95, 1),
                    p.tiket,
                    opt(p.tunggu_rata_menit, 1),
                    ci(p.selang_tunggu_95, 1),
                    opt(p.partisipasi_persen, 1),
                    ci(p.selang_partisipasi_95, 1),
                );
            }
            say!("");
            for s in &b.selisih {
                use monev_eval::banding::Ukuran;
                let measure = match s.ukuran {
                    Ukuran::Ikm => "IKM",
                    Ukuran::TungguRataMenit => {
                        lang.pick("waktu tunggu rata-rata (menit)", "mean wait (minutes)")
                    }
                    Ukuran::PartisipasiPersen => lang.pick("partisipasi (%)", "participation (%)"),
                };
                say!(
                    "{} − {}, {measure}: {} ({}), p Holm {}{}",
                    s.b,
                    s.a,
                    number(s.selisih, 2, lang),
                    ci(Some(s.selang_95), 2),
                    number(s.p_holm, 3, lang),
                    if s.bermakna {
                        lang.pick(" — bermakna", " — significant")
                    } else {
                        ""
                    }
                );
            }
        }
    }
    Ok(())
}

/// `monev wilayah`: every level of the region tree in one period, from
/// every programme in the store.
pub async fn wilayah(
    db: Option<String>,
    periode: Option<&str>,
    kode: Option<&str>,
    format: Format,
    lang: Lang,
) -> Result<()> {
    let loaded = load_all_series(db, &[]).await?;
    let sources: Vec<monev_eval::wilayah::Sumber<'_>> = loaded
        .iter()
        .map(|(data, deret)| monev_eval::wilayah::Sumber { data, deret })
        .collect();
    let periode = period_or_latest(periode, &sources)?;
    let mut r = monev_eval::wilayah::rekap(&sources, periode, BobotIkm::Tepat);
    if let Some(k) = kode {
        if r.find(k).is_none() {
            return Err(CliError::Other(format!(
                "--kode {k}: wilayah tidak dikenal atau tanpa unit (unknown region, or none of its units has data)"
            )));
        }
        let keep: Vec<bool> = r.simpul.iter().map(|s| r.within(&s.kode, k)).collect();
        let mut it = keep.into_iter();
        r.simpul.retain(|_| it.next().unwrap_or(false));
    }
    match format {
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| CliError::Other(e.to_string()))?
        ),
        Format::Table => {
            let opt =
                |v: Option<f64>, d: usize| v.map_or("–".to_string(), |v| number(v, d, lang));
            say!(
                "{} {}",
                lang.pick("Rekap wilayah", "Regional roll-up"),
                r.periode
            );
            for s in &r.simpul {
                say!("");
                let name = if s.kode.is_empty() {
                    lang.pick("Semua wilayah", "All regions").to_string()
                } else {
                    format!("{} {}", s.kode, s.nama)
                };
                say!(
                    "{name}: {} {}, SKM {}, IKM {}, {} {}, {} {}",
                    s.angka.instansi,
                    lang.pick("unit", "units"),
                    s.angka.skm,
                    opt(s.angka.ikm, 2),
                    lang.pick("tiket", "tickets"),
                    s.angka.tiket,
                    lang.pick("median tunggu", "median wait"),
                    opt(s.angka.tunggu_median_menit, 1),
                );
                for a in &s.anak {
                    say!(
                        "  {:<12} {:<36} {:>6} {:>7} {:>15} {:>7} {:>6}",
                        a.kode,
                        a.nama.chars().take(36).collect::<String>(),
                        a.angka.skm,
                        opt(a.angka.ikm, 2),
                        a.angka.selang_95.map_or("–".to_string(), |[l, h]| format!(
                            "{}–{}",
                            number(l, 1, lang),
                            number(h, 1, lang)
                        )),
                        a.angka.tiket,
                        opt(a.angka.tunggu_median_menit, 1),
                    );
                }
            }
        }
    }
    Ok(())
}

/// `monev tinjau`'s arguments.
pub struct TinjauArgs {
    pub status: Option<String>,
    pub catatan: String,
    pub oleh: String,
    pub jenis: String,
    pub instansi: Option<String>,
    pub dari_status: Option<String>,
    pub sumber: Option<String>,
    pub dari: Option<String>,
    pub sampai: Option<String>,
    pub id: Vec<String>,
    pub hitung_belum_ditinjau: Option<String>,
    pub db: String,
    pub program: Option<String>,
}

fn review_state(s: &str) -> Result<monev_domain::StatusTinjauan> {
    monev_domain::StatusTinjauan::parse(s).ok_or_else(|| {
        CliError::Other(format!(
            "status {s:?} tidak dikenal: diterima, disetujui, bermasalah atau ditolak (unknown review state)"
        ))
    })
}

fn review_date(s: Option<String>) -> Result<Option<String>> {
    s.map(|d| {
        monev_domain::Date::parse(&d)
            .map(|d| d.to_string())
            .map_err(|e| CliError::Other(format!("tanggal {d:?}: {e}")))
    })
    .transpose()
}

/// `3,7,10-20` as ids.
fn review_ids(parts: &[String]) -> Result<Vec<i64>> {
    let bad = |p: &str| {
        CliError::Other(format!(
            "--id {p:?}: bukan nomor atau rentang nomor (not an id or a range)"
        ))
    };
    let mut out = Vec::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        match p.split_once('-') {
            Some((a, b)) => {
                let (a, b): (i64, i64) = (
                    a.trim().parse().map_err(|_| bad(p))?,
                    b.trim().parse().map_err(|_| bad(p))?,
                );
                if b < a || b - a > 10_000_000 {
                    return Err(bad(p));
                }
                out.extend(a..=b);
            }
            None => out.push(p.parse().map_err(|_| bad(p))?),
        }
    }
    Ok(out)
}

/// `monev tinjau`: lists submissions, reviews them, or sets whether answers
/// not yet approved count.
pub async fn tinjau(a: TinjauArgs) -> Result<()> {
    use monev_store::{JenisKiriman, SaringanTinjauan};
    let store = open_existing(Some(a.db.clone())).await?;
    let program = store.resolve_program(a.program.as_deref()).await?;
    let f = SaringanTinjauan {
        jenis: JenisKiriman::parse(&a.jenis),
        instansi: a.instansi.clone(),
        status: a.dari_status.as_deref().map(review_state).transpose()?,
        sumber: a.sumber.clone(),
        dari: review_date(a.dari.clone())?,
        sampai: review_date(a.sampai.clone())?,
    };
    if let Some(h) = &a.hitung_belum_ditinjau {
        let count = match h.trim().to_lowercase().as_str() {
            "ya" | "yes" | "true" | "1" => true,
            "tidak" | "no" | "false" | "0" => false,
            _ => {
                return Err(CliError::Other(format!(
                    "--hitung-belum-ditinjau {h:?}: ya atau tidak (yes or no)"
                )));
            }
        };
        store.set_count_unreviewed(&program, count, None).await?;
        say!(
            "{program}: jawaban yang belum disetujui {} (answers not yet approved {}).",
            if count { "dihitung" } else { "tidak dihitung" },
            if count { "count" } else { "do not count" }
        );
    }
    if let Some(s) = &a.status {
        let status = review_state(s)?;
        let ids = review_ids(&a.id)?;
        let act = monev_store::Tinjau {
            status,
            catatan: &a.catatan,
            oleh: &a.oleh,
            waktu: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        };
        let n = store
            .review(
                &program,
                &f,
                (!a.id.is_empty()).then_some(ids.as_slice()),
                &act,
                None,
            )
            .await?;
        say!(
            "{n} kiriman kini {} ({n} now {}).",
            status.code(),
            status.label(monev_domain::Lang::En)
        );
    } else if a.hitung_belum_ditinjau.is_none() {
        let page = store
            .submissions(&program, &f, monev_store::MAX_PAGE, 0)
            .await?;
        say!("id\tinstansi\ttanggal\tsumber\tstatus\tcatatan");
        for b in &page.baris {
            say!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                b.id,
                b.instansi.as_deref().unwrap_or(""),
                b.tanggal,
                b.sumber,
                b.status.code(),
                b.catatan.as_deref().unwrap_or("")
            );
        }
        if page.total as usize > page.baris.len() {
            say!(
                "… {} dari {} (of {}); saring dengan --instansi, --dari, --sampai.",
                page.baris.len(),
                page.total,
                page.total
            );
        }
    }
    let r = store.review_summary(&program).await?;
    store.close().await;
    let n = |v: u64| number(v as f64, 0, Lang::Id);
    for (what, h) in [("SKM", &r.skm), ("ASN", &r.asn)] {
        say!(
            "{what}: {} diterima, {} disetujui, {} bermasalah, {} ditolak.",
            n(h.diterima),
            n(h.disetujui),
            n(h.bermasalah),
            n(h.ditolak)
        );
    }
    Ok(())
}

/// `monev kelengkapan`: a period's completeness and timeliness, and the
/// reminder list.
pub async fn kelengkapan(
    db: Option<String>,
    program: Option<&str>,
    periode: Option<&str>,
    format: Format,
    lang: Lang,
    pengingat: Option<&Path>,
) -> Result<()> {
    use monev_eval::kelengkapan::{BATAS_HARI_BAKU, Butir};
    let store = open_existing(db).await?;
    let kode = store.resolve_program(program).await?;
    let (data, deret) = monev_web::load_series(&store, &kode).await?;
    let users = store.users().await?;
    store.close().await;
    let periode = monev_eval::monitoring::resolve_period(
        &data,
        periode,
        monev_eval::monitoring::default_period(&data, &deret),
    )
    .map_err(|e| CliError::Other(format!("--{e}")))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let today = monev_domain::Date::local(now, data.program.zona_waktu);
    let k = monev_eval::kelengkapan::kelengkapan(
        &data,
        &deret,
        periode,
        data.batas_lapor_hari.unwrap_or(BATAS_HARI_BAKU),
        today,
    );
    if let Some(path) = pengingat {
        let list =
            monev_eval::kelengkapan::pengingat(&k, lang, |u| monev_web::operators(&users, u));
        std::fs::write(path, monev_web::reminder_csv(&list)).map_err(io(path))?;
        say!(
            "{}: {} {}",
            path.display(),
            list.len(),
            lang.pick("unit perlu diingatkan", "units to remind")
        );
    }
    match format {
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&k).map_err(|e| CliError::Other(e.to_string()))?
        ),
        Format::Table => {
            // `ada/diharapkan`, `!` when short; a queue log is a count.
            let item = |b: &Option<Butir>| match b {
                None => "–".to_string(),
                Some(b) => format!(
                    "{}{}{}",
                    number(b.ada as f64, 0, lang),
                    b.diharapkan
                        .filter(|e| *e > 1)
                        .map(|e| format!("/{}", number(e as f64, 0, lang)))
                        .unwrap_or_default(),
                    if b.lengkap { "" } else { " !" }
                ),
            };
            say!(
                "{} {} ({} {}): {} / {} {}, {} {}",
                lang.pick("Kelengkapan", "Completeness"),
                k.periode,
                lang.pick("tenggat", "due"),
                k.batas,
                k.unit_lengkap,
                k.unit,
                lang.pick("unit lengkap", "units complete"),
                k.unit_tepat_waktu,
                lang.pick("tepat waktu", "on time")
            );
            say!("unit\tskm\tantrean\tindikator\tanggaran\tlengkap\ttepat_waktu");
            for b in &k.baris {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    b.instansi.as_deref().unwrap_or("(program)"),
                    item(&b.skm),
                    item(&b.antrean),
                    item(&b.indikator),
                    item(&b.anggaran),
                    if b.lengkap { "ya" } else { "tidak" },
                    match (b.tepat_waktu, b.terlambat_hari) {
                        (Some(true), _) => "ya".to_string(),
                        (Some(false), Some(d)) => format!("tidak ({d} hari)"),
                        (Some(false), None) => "tidak".to_string(),
                        (None, _) => "–".to_string(),
                    }
                );
            }
        }
    }
    Ok(())
}
