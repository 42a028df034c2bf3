//! Where a package's tables come from: a folder of CSV files, a .zip of them,
//! or one .xlsx workbook with a sheet per table. Each table is read as a
//! header plus a stream of raw text rows with their line numbers.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader as _, Xlsx};

use crate::RowError;

/// How numbers are written in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1234.5` (comma-delimited CSV).
    Point,
    /// `1.234,5` (semicolon-delimited CSV from Indonesian Excel).
    Comma,
    /// Decide per cell: a comma means decimal comma (XLSX text cells, tab files).
    Auto,
}

/// A raw row: its line (CSV) or row number (XLSX), and its cells as text.
/// A row's line and cells. A `StringRecord` keeps a row's cells in one
/// buffer: two allocations a row, not one per cell (tens of millions of
/// queue-ticket cells).
pub type RawRow = (u64, csv::StringRecord);

/// One table, opened: its display name (for error locations), header and rows.
pub struct RawTable<'a> {
    pub file: String,
    pub header: Vec<String>,
    pub style: NumberStyle,
    pub rows: Box<dyn RawRows + 'a>,
}

/// The rows of a table, read one after another into a record the caller
/// keeps: a table of millions of rows reuses one buffer.
pub trait RawRows: Send {
    /// Reads the next row into `record`: its line (CSV) or row (XLSX), an
    /// error, or `None` after the last row.
    fn read(&mut self, record: &mut csv::StringRecord) -> Option<Result<u64, RowError>>;
}

impl RawTable<'_> {
    /// The next row in a record of its own.
    pub fn next_row(&mut self) -> Option<Result<RawRow, RowError>> {
        let mut record = csv::StringRecord::new();
        let r = self.rows.read(&mut record)?;
        Some(r.map(|line| (line, record)))
    }
}

/// The rows of a sheet, read whole.
struct SheetRows(std::vec::IntoIter<RawRow>);

impl RawRows for SheetRows {
    fn read(&mut self, record: &mut csv::StringRecord) -> Option<Result<u64, RowError>> {
        let (line, row) = self.0.next()?;
        *record = row;
        Some(Ok(line))
    }
}

/// The rows of a CSV stream.
struct CsvRows<R> {
    reader: csv::Reader<R>,
    file: String,
    /// 1 when lines end in CRLF (see [`csv_table_guarded`]).
    crlf: u64,
    done: bool,
}

impl<R: Read + Send> RawRows for CsvRows<R> {
    fn read(&mut self, record: &mut csv::StringRecord) -> Option<Result<u64, RowError>> {
        if self.done {
            return None;
        }
        match self.reader.read_record(record) {
            Ok(true) => Some(Ok(record
                .position()
                .map(|p| p.line() + self.crlf)
                .unwrap_or(0))),
            Ok(false) => None,
            Err(e) => {
                let mut err = csv_error(&self.file, &e);
                if err.line > 1 {
                    err.line += self.crlf;
                }
                // A record with bad UTF-8 was consumed whole; any other error
                // (I/O, a broken zip stream) cannot be resynchronised: stop.
                self.done = !matches!(e.kind(), csv::ErrorKind::Utf8 { .. });
                Some(Err(err))
            }
        }
    }
}

pub(crate) enum Source {
    Dir(PathBuf),
    Zip {
        archive: zip::ZipArchive<BufReader<File>>,
        entries: HashMap<String, String>,
    },
    Xlsx {
        book: Box<Xlsx<BufReader<File>>>,
        sheets: HashMap<String, String>,
    },
}

pub(crate) fn open(path: &Path) -> Result<Source, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_dir() {
        return Ok(Source::Dir(path.to_path_buf()));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    match ext.as_str() {
        "zip" => {
            let archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
                format!(
                    "{}: bukan berkas zip yang sah (not a valid zip): {e}",
                    path.display()
                )
            })?;
            let mut archive = archive;
            check_zip_sizes(
                path,
                &mut archive,
                MAX_ZIP_ENTRY_BYTES,
                16 << 20,
                "kirim paket sebagai folder",
            )?;
            let mut entries = HashMap::new();
            for name in archive.file_names() {
                let Ok(name) = name else { continue };
                if name.ends_with('/') || name.contains("__MACOSX") {
                    continue;
                }
                let base = name.rsplit('/').next().unwrap_or(&name).to_lowercase();
                if let Some(stem) = base.strip_suffix(".csv") {
                    entries.insert(stem.to_string(), name.to_string());
                }
            }
            Ok(Source::Zip { archive, entries })
        }
        "xlsx" | "xlsm" => {
            check_workbook(path)?;
            let book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| {
                format!(
                    "{}: bukan buku kerja XLSX yang sah (not a valid workbook): {e}",
                    path.display()
                )
            })?;
            let sheets = book
                .sheet_names()
                .into_iter()
                .map(|s| (s.trim().to_lowercase(), s))
                .collect();
            Ok(Source::Xlsx {
                book: Box::new(book),
                sheets,
            })
        }
        "csv" => Err(format!(
            "{}: satu berkas CSV bukan paket; berikan foldernya, .zip, atau .xlsx (a package is a folder, .zip or .xlsx)",
            path.display()
        )),
        _ => Err(format!(
            "{}: jenis berkas tidak dikenal (expected a folder, .zip or .xlsx)",
            path.display()
        )),
    }
}

/// The largest part of a workbook read (calamine holds a sheet whole).
pub const MAX_XLSX_PART_BYTES: u64 = 1 << 30;

/// Checks a workbook before calamine opens it: refuses parts that claim
/// more than [`MAX_XLSX_PART_BYTES`], or more than [`MAX_ZIP_RATIO`] times
/// their compressed size (a zip bomb), and XML parts that declare a DTD
/// (entity expansion; see [`monev_domain::xml`]). Every reader of XLSX
/// files goes through here. Headers that understate a part's size do not
/// get it past: the zip reader fails once a part inflates beyond its
/// declared size (pinned by `tests/it/workbooks.rs`).
pub(crate) fn check_workbook(path: &Path) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        // Not a zip: calamine says so in its own words.
        return Ok(());
    };
    check_zip_sizes(
        path,
        &mut zip,
        MAX_XLSX_PART_BYTES,
        64 << 20,
        "kirim data besar sebagai CSV",
    )?;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let name = part.name().unwrap_or_default().to_string();
        drop(part);
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xml") || lower.ends_with(".rels") {
            let mut start = Vec::with_capacity(4096);
            if let Ok(part) = zip.by_index(i) {
                // A part that does not inflate is calamine's to report.
                let _ = part
                    .take(monev_domain::xml::PROLOG_LIMIT as u64)
                    .read_to_end(&mut start);
            }
            monev_domain::xml::check_prolog(&start)
                .map_err(|why| format!("{}: bagian {name} {why}", path.display()))?;
        }
    }
    Ok(())
}

/// Refuses a zip (a package or a workbook) before anything is inflated when
/// one of its entries declares more than `max` bytes, or more than `floor`
/// bytes at over [`MAX_ZIP_RATIO`] times its packed size: one sentence
/// naming the entry, instead of the rows a bomb would spill first. An entry
/// whose header understates its size is stopped by the zip reader at the
/// size declared, and a package's CSV is guarded again while it streams
/// (`Guarded`).
fn check_zip_sizes<R: Read + std::io::Seek>(
    path: &Path,
    zip: &mut zip::ZipArchive<R>,
    max: u64,
    floor: u64,
    advice: &str,
) -> Result<(), String> {
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (part.size(), part.compressed_size());
        if size > max || (size > floor && size > packed.saturating_mul(MAX_ZIP_RATIO)) {
            return Err(format!(
                "{}: {} mengembang menjadi {} MiB dari {} KiB, lebih dari {}× (a zip bomb?); {advice}",
                path.display(),
                part.name().unwrap_or_default(),
                size >> 20,
                packed >> 10,
                MAX_ZIP_RATIO,
            ));
        }
    }
    Ok(())
}

impl Source {
    /// Names of the tables present (lower-case stems / sheet names).
    pub(crate) fn has(&self, table: &str) -> bool {
        match self {
            Source::Dir(dir) => dir_entry(dir, table).is_some(),
            Source::Zip { entries, .. } => entries.contains_key(table),
            Source::Xlsx { sheets, .. } => sheets.contains_key(table),
        }
    }

    pub(crate) fn table(&mut self, table: &str) -> Result<Option<RawTable<'_>>, RowError> {
        match self {
            Source::Dir(dir) => {
                let Some(path) = dir_entry(dir, table) else {
                    return Ok(None);
                };
                let display = path.display().to_string();
                let file =
                    File::open(&path).map_err(|e| RowError::file(&display, e.to_string()))?;
                // Tokenising ahead on a thread of its own was tried and
                // measured slower: the records' buffers then travel between
                // the cores' caches (BENCHMARKS.md, issue 19).
                csv_table(display, Box::new(file)).map(Some)
            }
            Source::Zip { archive, entries } => {
                let Some(name) = entries.get(table).cloned() else {
                    return Ok(None);
                };
                let entry = archive
                    .by_name(&name)
                    .map_err(|e| RowError::file(&name, e.to_string()))?;
                let compressed = entry.compressed_size();
                csv_table_guarded(name, Box::new(entry), Some(compressed)).map(Some)
            }
            Source::Xlsx { book, sheets } => {
                let Some(sheet) = sheets.get(table).cloned() else {
                    return Ok(None);
                };
                xlsx_table(book, &sheet, format!("[{sheet}]")).map(Some)
            }
        }
    }
}

/// Reads one sheet. calamine loads a sheet whole; XLSX caps a sheet at
/// 1 048 576 rows, so memory stays bounded (large data should come as CSV).
fn xlsx_table(
    book: &mut Xlsx<BufReader<File>>,
    sheet: &str,
    display: String,
) -> Result<RawTable<'static>, RowError> {
    let range = book
        .worksheet_range(sheet)
        .map_err(|e| RowError::file(&display, e.to_string()))?;
    let start = range.start().map(|(r, _)| u64::from(r)).unwrap_or(0);
    let mut rows = range.rows();
    let header = rows
        .next()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    let collected: Vec<RawRow> = rows
        .enumerate()
        .map(|(i, r)| {
            let cells: Vec<String> = r.iter().map(cell_text).collect();
            (start + i as u64 + 2, csv::StringRecord::from(cells))
        })
        .collect();
    Ok(RawTable {
        file: display,
        header,
        style: NumberStyle::Auto,
        rows: Box::new(SheetRows(collected.into_iter())),
    })
}

/// Opens one stand-alone table: a CSV file, or the `skm` (else first) sheet of
/// an XLSX workbook.
pub(crate) fn open_single(path: &Path) -> Result<RawTable<'static>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let display = path.display().to_string();
    let file = File::open(path).map_err(|e| format!("{display}: {e}"))?;
    match ext.as_str() {
        "xlsx" | "xlsm" => {
            check_workbook(path)?;
            let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| {
                format!("{display}: bukan buku kerja XLSX yang sah (not a valid workbook): {e}")
            })?;
            let names = book.sheet_names();
            let sheet = names
                .iter()
                .find(|s| s.trim().eq_ignore_ascii_case("skm"))
                .or(names.first())
                .cloned()
                .ok_or_else(|| format!("{display}: buku kerja tanpa lembar (no sheets)"))?;
            xlsx_table(&mut book, &sheet, format!("{display}[{sheet}]")).map_err(|e| e.to_string())
        }
        _ => csv_table(display, Box::new(file)).map_err(|e| e.to_string()),
    }
}

fn dir_entry(dir: &Path, table: &str) -> Option<PathBuf> {
    let want = format!("{table}.csv");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().to_lowercase() == want)
        .map(|e| e.path())
}

/// Opens a CSV stream: strips a UTF-8 BOM, detects `,`, `;` or tab from the
/// header line, and streams the rest without reading it into memory.
/// The longest CSV line accepted (no real record comes near it; a line of
/// gigabytes would otherwise be held whole in memory).
pub const MAX_LINE_BYTES: u64 = 1 << 20;

/// The most a zipped CSV file may grow to, and how many times its
/// compressed size (after the first 16 MiB): real CSV packs 5–30 times,
/// a zip bomb thousands.
pub const MAX_ZIP_ENTRY_BYTES: u64 = 4 << 30;
pub const MAX_ZIP_RATIO: u64 = 200;

/// A reader that refuses a line longer than [`MAX_LINE_BYTES`] and, for a
/// zip entry, more than [`MAX_ZIP_ENTRY_BYTES`] or [`MAX_ZIP_RATIO`] times
/// its compressed size: the CSV of a package is streamed, so these keep a
/// hostile upload from filling memory.
struct Guarded<R> {
    inner: R,
    total: u64,
    since_newline: u64,
    compressed: Option<u64>,
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        match chunk.iter().rposition(|&b| b == b'\n') {
            Some(last) => self.since_newline = (n - last - 1) as u64,
            None => self.since_newline += n as u64,
        }
        self.total += n as u64;
        if self.since_newline > MAX_LINE_BYTES {
            return Err(std::io::Error::other(format!(
                "satu baris lebih dari {} MiB (a line over {} MiB): bukan CSV yang wajar",
                MAX_LINE_BYTES >> 20,
                MAX_LINE_BYTES >> 20
            )));
        }
        if let Some(c) = self.compressed
            && (self.total > MAX_ZIP_ENTRY_BYTES
                || (self.total > 16 << 20 && self.total > c.saturating_mul(MAX_ZIP_RATIO)))
        {
            return Err(std::io::Error::other(format!(
                "isi zip mengembang lebih dari {}× atau {} GiB (a zip bomb?); kirim paket sebagai folder",
                MAX_ZIP_RATIO,
                MAX_ZIP_ENTRY_BYTES >> 30
            )));
        }
        Ok(n)
    }
}

fn csv_table<'a>(
    file: String,
    reader: Box<dyn Read + Send + 'a>,
) -> Result<RawTable<'a>, RowError> {
    csv_table_guarded(file, reader, None)
}

fn csv_table_guarded<'a>(
    file: String,
    reader: Box<dyn Read + Send + 'a>,
    compressed: Option<u64>,
) -> Result<RawTable<'a>, RowError> {
    let reader = Guarded {
        inner: reader,
        total: 0,
        since_newline: 0,
        compressed,
    };
    let mut buf = BufReader::with_capacity(64 * 1024, reader);
    let mut first = Vec::new();
    buf.read_until(b'\n', &mut first)
        .map_err(|e| RowError::file(&file, e.to_string()))?;
    if first.starts_with(&[0xEF, 0xBB, 0xBF]) {
        first.drain(..3);
    }
    let delimiter = sniff_delimiter(&first);
    // csv 1.x reports a record's line one short when lines end in CRLF (the
    // previous terminator's '\n' is consumed only when the next record is
    // read: BurntSushi/rust-csv#395). Windows Excel writes CRLF.
    let crlf = u64::from(first.ends_with(b"\r\n"));
    let style = match delimiter {
        b';' => NumberStyle::Comma,
        b',' => NumberStyle::Point,
        _ => NumberStyle::Auto,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(Cursor::new(first).chain(buf));
    let mut record = csv::StringRecord::new();
    let header = match rdr.read_record(&mut record) {
        Ok(true) => record.iter().map(str::to_string).collect(),
        Ok(false) => Vec::new(),
        Err(e) => return Err(csv_error(&file, &e)),
    };
    Ok(RawTable {
        rows: Box::new(CsvRows {
            reader: rdr,
            file: file.clone(),
            crlf,
            done: false,
        }),
        file,
        header,
        style,
    })
}

fn csv_error(file: &str, e: &csv::Error) -> RowError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let reason = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "teks bukan UTF-8; simpan ulang sebagai 'CSV UTF-8' (not UTF-8)".to_string()
        }
        // The reader's own words, never its Debug form (`Io(Custom { … })`).
        csv::ErrorKind::Io(io) => format!("berkas tidak terbaca (cannot read the file): {io}"),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "baris ini punya {len} kolom, judulnya {expected_len} (the row has {len} fields, the header {expected_len})"
        ),
        _ => format!("CSV rusak (malformed CSV): {e}"),
    };
    RowError {
        file: file.to_string(),
        line,
        column: String::new(),
        value: String::new(),
        reason,
        forbidden: false,
    }
}

fn sniff_delimiter(line: &[u8]) -> u8 {
    let (mut comma, mut semi, mut tab, mut quoted) = (0, 0, 0, false);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semi += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma {
        b'\t'
    } else {
        b','
    }
}

/// Text of an XLSX cell as a person would type it: integral numbers without
/// `.0`, dates as `YYYY-MM-DD` (with ` HH:MM:SS` when there is a time).
pub(crate) fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => float_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        Data::DateTime(d) => excel_serial_text(d.as_f64()),
        Data::DateTimeIso(s) => s.replace('T', " "),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Numbers as text. Integers past 15 digits cannot be trusted (an 18-digit
/// NIP typed into a number cell has lost its last digits): they come out in
/// scientific notation, as Excel shows them, so no parser mistakes them for
/// the original digits.
fn float_text(f: f64) -> String {
    if f.abs() >= 1e15 {
        format!("{f:e}")
    } else if f.fract() == 0.0 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Excel's 1900 date system: serial 1 = 1900-01-01, with the phantom
/// 1900-02-29; counting from 1899-12-30 is right for every serial ≥ 61.
fn excel_serial_text(serial: f64) -> String {
    let days = serial.floor() as i64;
    let secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let (days, secs) = if secs >= 86_400 {
        (days + 1, secs - 86_400)
    } else {
        (days, secs)
    };
    let epoch = monev_domain::Date::new(1899, 12, 30).expect("valid");
    let date = epoch.add_days(days);
    if secs == 0 {
        date.to_string()
    } else {
        format!(
            "{date} {:02}:{:02}:{:02}",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff_delimiter(b"a;b;c\n"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a;x\",b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial_text(45717.0), "2025-03-01");
        assert_eq!(excel_serial_text(45717.5), "2025-03-01 12:00:00");
        assert_eq!(float_text(72.0), "72");
        assert_eq!(float_text(72.5), "72.5");
        assert_eq!(float_text(198503122010011003.0), "1.98503122010011e17");
    }
}
