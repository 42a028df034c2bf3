//! Reads a monev data package (a folder of CSV files, a .zip of them, or one
//! .xlsx workbook with a sheet per table) into domain rows.
//!
//! Every bad cell becomes a [`RowError`] naming file, line, column, value and
//! reason; good rows flow on. Large tables (`peserta`, `skm`, `layanan`) are
//! streamed row by row through [`Rows`]; small dimension tables are read whole
//! because later tables are checked against them (an SKM row naming an
//! unknown instansi is an error). Whether anything is written is the caller's
//! decision: the store writes inside one transaction and rolls back when
//! [`Package::error_total`] is not zero.

mod cells;
mod forms;
mod source;
mod tables;
mod write;

use std::fmt;
use std::path::{Path, PathBuf};

use monev_domain::ProgramData;

pub use cells::{ColumnSpec, Rows};
pub use forms::{
    Export, FormError, read_export, read_export_mapped, read_table_header, read_workbook,
    read_xlsform,
};
pub use source::{NumberStyle, RawTable};
pub use tables::{SkmFileRow, read_skm_file};
pub use write::{Delimiter, write_package};

/// The most errors kept for display; the rest are only counted.
pub const MAX_ERRORS: usize = 200;

/// The tables of a package, in the order they must be read.
pub const TABLES: [&str; 19] = [
    "program",
    "wilayah",
    "instansi",
    "asn",
    "pelatihan",
    "peserta",
    "skm",
    "layanan",
    "anggaran",
    "indikator",
    "indikator_periode",
    "anggaran_periode",
    "kinerja",
    "reaksi_item",
    "reaksi",
    "wawancara",
    "buku_kode",
    "dokumen",
    "kutipan_kode",
];

/// One located problem in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub file: String,
    /// 1-based line (CSV) or row (XLSX); 0 when the whole file is at fault.
    pub line: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
    /// Refused because the row is not the importer's to write (another
    /// instansi's data, a programme-wide table), not because it is malformed.
    pub forbidden: bool,
}

impl RowError {
    pub fn file(file: &str, reason: impl Into<String>) -> RowError {
        RowError {
            file: file.to_string(),
            line: 0,
            column: String::new(),
            value: String::new(),
            reason: reason.into(),
            forbidden: false,
        }
    }

    /// A whole file the importer may not write.
    pub fn forbidden_file(file: &str, reason: impl Into<String>) -> RowError {
        RowError {
            forbidden: true,
            ..RowError::file(file, reason)
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0 is about the whole file.
        if self.line == 0 {
            write!(f, "{}: ", self.file)?;
        } else {
            write!(f, "{}:{}: ", self.file, self.line)?;
        }
        if !self.column.is_empty() {
            write!(f, "{}: {:?}: ", self.column, self.value)?;
        }
        f.write_str(&self.reason)
    }
}

/// Why a package could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("{0}")]
    Open(String),
    #[error("{} kesalahan dalam paket data ({} errors in the package)", .total, .total)]
    Invalid { errors: Vec<RowError>, total: usize },
}

/// A set of keys (instansi codes, NIPs, …), asked once per row of a large
/// table: hashed with FxHash, not the default SipHash (these are not keys
/// an attacker chooses to collide: a package's own dimension tables).
pub type KeySet = rustc_hash::FxHashSet<String>;

/// Keys that rows of later tables may refer to. Seeded from the store when a
/// package updates only some tables of a programme already held.
#[derive(Debug, Default, Clone)]
pub struct Known {
    pub instansi: KeySet,
    pub nip: KeySet,
    pub pelatihan: KeySet,
    /// Keys of dimension rows that were themselves refused: rows referring to
    /// them are dropped without a second error (the first one says it all).
    pub rejected: KeySet,
    /// When an import is limited to one instansi (an operator's): rows of
    /// any other instansi are refused as such.
    pub scope: Option<String>,
    /// NIPs held for other instansi than `scope`: an operator may neither
    /// refer to them nor move them into their own roster.
    pub foreign_nip: KeySet,
    /// Interview transcripts by code, for checking coded segments.
    pub transkrip: std::collections::HashMap<String, String>,
    /// Document texts by code, for checking coded segments.
    pub teks_dokumen: std::collections::HashMap<String, String>,
    /// Codes of the codebook (the default one when the package has none).
    pub kode: KeySet,
    /// Regions and their levels (`wilayah.csv`, or the store's).
    pub wilayah: std::collections::HashMap<String, monev_domain::Tingkat>,
    /// Indicator codes and budget lines, for the per-period tables.
    pub indikator: KeySet,
    pub kegiatan: KeySet,
    /// The programme's period kind and dates, for the per-period tables.
    pub periode: Option<(
        monev_domain::JenisPeriode,
        monev_domain::Date,
        monev_domain::Date,
    )>,
    /// Shared copies of the texts repeated over millions of queue tickets.
    pub texts: monev_domain::Interner,
}

#[derive(Debug, Default)]
pub(crate) struct Errors {
    pub list: Vec<RowError>,
    pub total: usize,
}

impl Errors {
    pub fn push(&mut self, e: RowError) {
        self.total += 1;
        if self.list.len() < MAX_ERRORS {
            self.list.push(e);
        }
    }
}

/// An opened package. Read its tables in [`TABLES`] order.
pub struct Package {
    pub path: PathBuf,
    source: source::Source,
    errors: Errors,
    notes: Vec<String>,
    pub known: Known,
}

impl Package {
    pub fn open(path: &Path) -> Result<Package, PackageError> {
        let source = source::open(path).map_err(PackageError::Open)?;
        let pkg = Package {
            path: path.to_path_buf(),
            source,
            errors: Errors::default(),
            notes: Vec::new(),
            known: Known::default(),
        };
        if !TABLES.iter().any(|t| pkg.has(t)) {
            return Err(PackageError::Open(format!(
                "{}: tidak ada tabel paket (no package tables: expected {}.csv …)",
                path.display(),
                TABLES.join(".csv, ")
            )));
        }
        Ok(pkg)
    }

    pub fn has(&self, table: &str) -> bool {
        self.source.has(table)
    }

    /// A second reader of the same package, knowing what this one knows so
    /// far, to read another table on another thread; `None` for a workbook
    /// (one stream) or when the package cannot be opened again. Give it back
    /// with [`Package::absorb`].
    fn fork(&self) -> Option<Package> {
        if matches!(self.source, source::Source::Xlsx { .. }) {
            return None;
        }
        Some(Package {
            path: self.path.clone(),
            source: source::open(&self.path).ok()?,
            errors: Errors::default(),
            notes: Vec::new(),
            known: self.known.clone(),
        })
    }

    /// Takes the errors and notes of a fork, as if this reader had read its
    /// tables next.
    fn absorb(&mut self, fork: Package) {
        let room = MAX_ERRORS.saturating_sub(self.errors.list.len());
        self.errors
            .list
            .extend(fork.errors.list.into_iter().take(room));
        self.errors.total += fork.errors.total;
        self.notes.extend(fork.notes);
    }

    /// Errors found so far (at most [`MAX_ERRORS`]).
    pub fn errors(&self) -> &[RowError] {
        &self.errors.list
    }

    /// How many errors were found in all.
    pub fn error_total(&self) -> usize {
        self.errors.total
    }

    /// Remarks that are not errors (ignored extra columns).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Records an error the caller found (for instance a reference the store
    /// could not resolve).
    pub fn push_error(&mut self, e: RowError) {
        self.errors.push(e);
    }

    pub fn into_errors(self) -> PackageError {
        PackageError::Invalid {
            errors: self.errors.list,
            total: self.errors.total,
        }
    }
}

/// Where [`read_with`] sends the rows of the two large tables (SKM
/// questionnaires, queue tickets) instead of holding them.
pub trait LargeTables {
    /// Called once, after `program.csv` (`None` when it is missing or
    /// invalid) and before any SKM or ticket row.
    fn begin(&mut self, program: Option<&monev_domain::Program>);
    /// A valid SKM row (rows with errors are reported, not sent).
    fn skm(&mut self, row: monev_domain::SkmResponse);
    /// A valid queue ticket.
    fn ticket(&mut self, row: monev_domain::Layanan);
}

/// Holds every row (for [`read_all`]).
#[derive(Default)]
struct Hold {
    skm: Vec<monev_domain::SkmResponse>,
    layanan: Vec<monev_domain::Layanan>,
}

impl LargeTables for Hold {
    fn begin(&mut self, _: Option<&monev_domain::Program>) {}
    fn skm(&mut self, row: monev_domain::SkmResponse) {
        self.skm.push(row);
    }
    fn ticket(&mut self, row: monev_domain::Layanan) {
        self.layanan.push(row);
    }
}

/// Reads a whole package into memory without a store.
pub fn read_all(path: &Path) -> Result<ProgramData, PackageError> {
    let (mut skm, mut tickets) = (Hold::default(), Hold::default());
    let mut data = read_with(path, &mut skm, &mut tickets)?;
    data.skm = skm.skm;
    data.layanan = tickets.layanan;
    Ok(data)
}

/// Reads a package without a store, for `monev evaluate --data`: every table
/// into memory except SKM and tickets, whose valid rows go one at a time to
/// `skm` and `tickets` (`skm` and `layanan` of the result are empty). All or
/// nothing as [`read_all`]: with any error, the located errors and no data.
///
/// The two large tables are read at the same time on two threads when the
/// package is a folder or a .zip (a workbook is one stream): each sink sees
/// its rows in file order, and the errors come out in the order a single
/// reader finds them (the SKM file's, then the tickets').
pub fn read_with<S: LargeTables + Send>(
    path: &Path,
    skm: &mut S,
    tickets: &mut S,
) -> Result<ProgramData, PackageError> {
    let mut pkg = Package::open(path)?;
    for t in ["program", "instansi", "asn"] {
        if !pkg.has(t) {
            pkg.push_error(RowError::file(
                &path.display().to_string(),
                format!("tabel wajib '{t}' tidak ada (required table missing)"),
            ));
        }
    }
    let program = pkg.program();
    let wilayah = pkg.wilayah().unwrap_or_default();
    let instansi = pkg.instansi().unwrap_or_default();
    let asn = pkg.asn().unwrap_or_default();
    let pelatihan = pkg.pelatihan().unwrap_or_default();
    let peserta = pkg.peserta().map(Iterator::collect).unwrap_or_default();
    skm.begin(program.as_ref());
    tickets.begin(program.as_ref());
    let fork = (pkg.has("skm") && pkg.has("layanan"))
        .then(|| pkg.fork())
        .flatten();
    match fork {
        Some(mut other) => {
            std::thread::scope(|scope| {
                let reader = scope.spawn(|| {
                    if let Some(rows) = other.layanan() {
                        rows.for_each(|r| tickets.ticket(r));
                    }
                });
                if let Some(rows) = pkg.skm() {
                    rows.for_each(|r| skm.skm(r));
                }
                if let Err(panic) = reader.join() {
                    std::panic::resume_unwind(panic);
                }
            });
            pkg.absorb(other);
        }
        None => {
            if let Some(rows) = pkg.skm() {
                rows.for_each(|r| skm.skm(r));
            }
            if let Some(rows) = pkg.layanan() {
                rows.for_each(|r| tickets.ticket(r));
            }
        }
    }
    let anggaran = pkg.anggaran().unwrap_or_default();
    let indikator = pkg.indikator().unwrap_or_default();
    let indikator_periode = pkg.indikator_periode().unwrap_or_default();
    let anggaran_periode = pkg.anggaran_periode().unwrap_or_default();
    let kinerja = pkg.kinerja().map(Iterator::collect).unwrap_or_default();
    let reaksi_item = pkg.reaksi_item().unwrap_or_default();
    let reaksi = pkg.reaksi().map(Iterator::collect).unwrap_or_default();
    let wawancara = pkg.wawancara().unwrap_or_default();
    let kode_kualitatif = pkg.buku_kode().unwrap_or_default();
    if !pkg.has("buku_kode") {
        pkg.known.kode = monev_domain::KODE_BAKU
            .iter()
            .map(|(k, _, _)| k.to_string())
            .collect();
    }
    let dokumen = pkg.dokumen().unwrap_or_default();
    let kutipan = pkg.kutipan_kode().unwrap_or_default();
    match program {
        Some(program) if pkg.error_total() == 0 => Ok(ProgramData {
            program,
            instansi,
            wilayah,
            asn,
            pelatihan,
            peserta,
            skm: Vec::new(),
            layanan: Vec::new(),
            anggaran,
            indikator,
            indikator_periode,
            anggaran_periode,
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
        }),
        _ => Err(pkg.into_errors()),
    }
}
