//! XLSForm workbooks: read the sheets as grids (absolute rows and columns,
//! so messages point at the right cell) and hand them to
//! `monev_survey::xlsform`.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Reader as _, Xlsx};
use monev_survey::xlsform::{self, Located, Parsed, Sheet};

/// Why a form could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("{0}")]
    Open(String),
    #[error("{file}: {} kesalahan dalam formulir ({} errors in the form)", .errors.len(), .errors.len())]
    Invalid { file: String, errors: Vec<Located> },
}

/// Every sheet of an XLSX workbook as text grids; row 0 is spreadsheet row 1.
pub fn read_workbook(path: &Path) -> Result<Vec<Sheet>, FormError> {
    let display = path.display().to_string();
    let file = File::open(path).map_err(|e| FormError::Open(format!("{display}: {e}")))?;
    crate::source::check_workbook(path).map_err(FormError::Open)?;
    let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| {
        FormError::Open(format!(
            "{display}: bukan buku kerja XLSX yang sah (not a valid .xlsx workbook; save .xls files as .xlsx): {e}"
        ))
    })?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| FormError::Open(format!("{display}[{name}]: {e}")))?;
        let (r0, c0) = range
            .start()
            .map(|(r, c)| (r as usize, c as usize))
            .unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0];
        for r in range.rows() {
            let mut row = vec![String::new(); c0];
            // A boolean cell reads as the spreadsheet shows it (TRUE/FALSE).
            row.extend(r.iter().map(|c| match c {
                calamine::Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                other => crate::source::cell_text(other),
            }));
            rows.push(row);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// Reads and parses an XLSForm file.
pub fn read_xlsform(path: &Path) -> Result<Parsed, FormError> {
    let sheets = read_workbook(path)?;
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("formulir")
        .to_string();
    xlsform::parse(&sheets, &id).map_err(|errors| FormError::Invalid {
        file: path.display().to_string(),
        errors,
    })
}

/// The header row of a single table (a CSV, or the first sheet of an XLSX).
pub fn read_table_header(path: &Path) -> Result<Vec<String>, crate::PackageError> {
    crate::source::open_single(path)
        .map(|raw| raw.header)
        .map_err(crate::PackageError::Open)
}

/// A KoboToolbox or ODK Central export read against an instrument.
pub struct Export {
    pub file: String,
    pub mapped: monev_survey::kobo::Mapped,
}

/// Reads a Kobo/ODK export (CSV with `;` or `,`, quoted, CRLF, BOM; or the
/// first sheet of an XLSX) and checks every submission against
/// `instrument`. All-or-nothing: any located problem refuses the file.
pub fn read_export(
    path: &Path,
    instrument: &monev_survey::Instrument,
    today: &str,
) -> Result<Export, crate::PackageError> {
    read_export_mapped(path, instrument, today, monev_domain::ZonaWaktu::Wita, &[])
}

/// As [`read_export`] (which dates in WITA), for a programme in `zona`,
/// with some columns mapped by hand: `(header, question)`, or `(header,
/// "-")` to ignore one. `today` (in `zona`) dates submissions without a time.
pub fn read_export_mapped(
    path: &Path,
    instrument: &monev_survey::Instrument,
    today: &str,
    zona: monev_domain::ZonaWaktu,
    by_hand: &[(String, String)],
) -> Result<Export, crate::PackageError> {
    let mut raw = crate::source::open_single(path).map_err(crate::PackageError::Open)?;
    let file = raw.file.clone();
    let mut errors = crate::Errors::default();
    let mut rows = Vec::new();
    while let Some(r) = raw.next_row() {
        match r {
            Ok((line, row)) => rows.push((line, row.iter().map(str::to_string).collect())),
            Err(e) => errors.push(e),
        }
    }
    let mapped = instrument.read_export_mapped(&raw.header, rows, today, zona, by_hand);
    for p in &mapped.problems {
        errors.push(crate::RowError {
            file: file.clone(),
            line: p.line,
            column: p.column.clone(),
            value: p.value.clone(),
            reason: p.reason.clone(),
            forbidden: false,
        });
    }
    if errors.total > 0 {
        return Err(crate::PackageError::Invalid {
            errors: errors.list,
            total: errors.total,
        });
    }
    Ok(Export { file, mapped })
}
