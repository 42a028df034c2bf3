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
