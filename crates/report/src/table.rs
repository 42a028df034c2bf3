//! Plain tables for download: CSV the way Indonesian Excel opens it
//! (UTF-8 BOM, `;`, every field quoted, CRLF, as KoboToolbox exports) and
//! XLSX with typed cells, a bold frozen header and a filter.

/// A cell: text, a number, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        v.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Cell {
        v.map_or(Cell::Empty, |n| Cell::Num(n as f64))
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Text as a spreadsheet will not run it: a cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is a formula to Excel and
/// LibreOffice (`=HYPERLINK(…)` from an anonymous citizen's free text), so
/// it gets a leading `'` (OWASP, CSV injection). Numbers are `Cell::Num` and
/// never pass here, so a negative number stays a number.
pub fn neutralise_formula(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// Numbers unrounded, with a decimal point (machine output).
fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

pub fn csv(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(";") + "\r\n";
    out.push_str(&line(
        headers
            .iter()
            .map(|h| quote(&neutralise_formula(h)))
            .collect(),
    ));
    for r in rows {
        out.push_str(&line(
            r.iter()
                .map(|c| match c {
                    Cell::Text(t) => quote(&neutralise_formula(t)),
                    Cell::Num(n) => quote(&num(*n)),
                    Cell::Empty => quote(""),
                })
                .collect(),
        ));
    }
    out
}

pub fn xlsx(sheet: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    // Sheet names: at most 31 characters, none of []:*?/\
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(&name).map_err(e)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(e)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, cell) in r.iter().enumerate() {
            match cell {
                Cell::Text(t) => {
                    ws.write_string(row, c as u16, t).map_err(e)?;
                }
                Cell::Num(n) => {
                    ws.write_number(row, c as u16, *n).map_err(e)?;
                }
                Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(e)?;
    if !headers.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)
            .map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}

/// A workbook of text sheets (an XLSForm, for instance): `(name, rows)`,
/// the first row bold.
pub fn xlsx_text_sheets(sheets: &[(&str, &[Vec<String>])]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).map_err(e)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                if r == 0 {
                    ws.write_string_with_format(r as u32, c as u16, v, &bold)
                        .map_err(e)?;
                } else {
                    ws.write_string(r as u32, c as u16, v).map_err(e)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_quoted_semicolon_crlf_with_bom() {
        let out = csv(
            &["a", "b"],
            &[
                vec![Cell::Text("x;\"y\"".into()), Cell::Num(2.5)],
                vec![Cell::Empty, Cell::Num(3.0)],
            ],
        );
        assert_eq!(
            out,
            "\u{feff}\"a\";\"b\"\r\n\"x;\"\"y\"\"\";\"2.5\"\r\n\"\";\"3\"\r\n"
        );
    }

    #[test]
    fn csv_cells_that_spreadsheets_would_run_are_neutralised() {
        let hostile = [
            "=HYPERLINK(\"http://x\",\"klik\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\tTAB",
            "\rCR",
        ];
        let rows: Vec<Vec<Cell>> = hostile
            .iter()
            .map(|t| vec![Cell::Text((*t).to_string()), Cell::Num(-4.5)])
            .collect();
        let out = csv(&["=h", "b"], &rows);
        let lines: Vec<&str> = out.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "\"'=h\";\"b\"");
        for (line, t) in lines[1..].iter().zip(hostile) {
            let want = format!("\"'{}\";\"-4.5\"", t.replace('"', "\"\""));
            assert_eq!(*line, want);
        }
        // Ordinary text, and text with a sign inside, is left alone.
        assert_eq!(neutralise_formula("Baik - cepat"), "Baik - cepat");
        assert_eq!(neutralise_formula(""), "");
    }
}
