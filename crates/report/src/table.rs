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

/// A CSV table written a row at a time by the `csv` crate, the way
/// Indonesian Excel opens it: the UTF-8 byte-order mark Excel needs, `;`,
/// every field quoted, CRLF. [`CsvRows::take`] hands over what is written so
/// far, for exports that stream.
pub struct CsvRows {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvRows {
    pub fn new(headers: &[&str]) -> CsvRows {
        let mut writer = CsvRows::writer("\u{feff}".as_bytes().to_vec());
        // Writing to memory cannot fail.
        let _ = writer.write_record(headers.iter().map(|h| neutralise_formula(h).into_owned()));
        CsvRows { writer }
    }

    pub fn push(&mut self, row: &[Cell]) {
        let _ = self.writer.write_record(row.iter().map(|c| match c {
            Cell::Text(t) => neutralise_formula(t).into_owned(),
            Cell::Num(n) => num(*n),
            Cell::Empty => String::new(),
        }));
    }

    fn writer(start: Vec<u8>) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .delimiter(b';')
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(start)
    }

    /// The bytes written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        let done = std::mem::replace(&mut self.writer, CsvRows::writer(Vec::new()));
        done.into_inner().unwrap_or_default()
    }
}

pub fn csv(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = CsvRows::new(headers);
    for r in rows {
        out.push(r);
    }
    // Every field came from a `&str`.
    String::from_utf8(out.take()).unwrap_or_default()
}

/// An XLSX table written a row at a time in rust_xlsxwriter's constant
/// memory mode (each row goes to a temporary file as it is written; text is
/// stored inline), for exports of hundreds of thousands of rows: bold frozen
/// header and a filter, as [`xlsx`].
pub struct XlsxRows {
    book: rust_xlsxwriter::Workbook,
    row: u32,
    columns: u16,
}

impl XlsxRows {
    pub fn new(sheet: &str, headers: &[&str]) -> Result<XlsxRows, String> {
        use rust_xlsxwriter::{Format, Workbook};
        let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
        let mut book = Workbook::new();
        let ws = book.add_worksheet_with_constant_memory().map_err(e)?;
        ws.set_name(sheet_name(sheet)).map_err(e)?;
        let bold = Format::new().set_bold();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)
                .map_err(e)?;
        }
        ws.set_freeze_panes(1, 0).map_err(e)?;
        Ok(XlsxRows {
            book,
            row: 0,
            columns: headers.len() as u16,
        })
    }

    pub fn push(&mut self, cells: &[Cell]) -> Result<(), String> {
        let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
        self.row += 1;
        let ws = self.book.worksheet_from_index(0).map_err(e)?;
        for (c, cell) in cells.iter().enumerate() {
            match cell {
                Cell::Text(t) => {
                    ws.write_string(self.row, c as u16, t).map_err(e)?;
                }
                Cell::Num(n) => {
                    ws.write_number(self.row, c as u16, *n).map_err(e)?;
                }
                Cell::Empty => {}
            }
        }
        Ok(())
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
        if self.columns > 0 {
            let ws = self.book.worksheet_from_index(0).map_err(e)?;
            ws.autofilter(0, 0, self.row, self.columns - 1).map_err(e)?;
        }
        self.book.save_to_buffer().map_err(e)
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(sheet: &str) -> String {
    sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

pub fn xlsx(sheet: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    ws.set_name(sheet_name(sheet)).map_err(e)?;
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
    fn a_table_written_a_row_at_a_time_reads_like_one_written_whole() {
        let rows = vec![
            vec![Cell::Text("KEL-AMS".into()), Cell::Num(3.5), Cell::Empty],
            vec![
                Cell::Text("=1+1".into()),
                Cell::Num(-2.0),
                Cell::Text("x".into()),
            ],
        ];
        let mut s = XlsxRows::new("SKM/2025", &["a", "b", "c"]).unwrap();
        for r in &rows {
            s.push(r).unwrap();
        }
        let streamed = s.finish().unwrap();
        let whole = xlsx("SKM/2025", &["a", "b", "c"], &rows).unwrap();
        let read = |bytes: Vec<u8>| {
            use calamine::{Reader, Xlsx};
            let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
            assert_eq!(book.sheet_names(), ["SKM2025"]);
            let range = book.worksheet_range("SKM2025").unwrap();
            range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert_eq!(read(streamed), read(whole));
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
