//! The report's annex as a workbook: every table of the report on a sheet of
//! its own (named by its number, titled by its caption), the key figures on
//! the first; figures written as numbers with the number format they are
//! shown in (decimals, per cent, rupiah), so Excel can sum and chart them;
//! merged header cells kept. Unrounded figures are in `evaluasi.json`.

use monev_domain::Lang;
use monev_eval::Evaluasi;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::doc::{Block, Table, plain};

fn sheet_name(caption: Option<&str>, n: usize, lang: Lang, taken: &[String]) -> String {
    // "Tabel 3. Hasil …" → "Tabel 3"
    let base = caption
        .and_then(|c| c.split_once('.').map(|(a, _)| a.trim().to_string()))
        .filter(|a| a.len() <= 20 && a.chars().any(|c| c.is_ascii_digit()))
        .unwrap_or_else(|| format!("{} {n}", lang.pick("Lampiran", "Annex")));
    let clean: String = base
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{clean} ({k})");
        k += 1;
    }
    name
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
}

fn write_table(ws: &mut Worksheet, t: &Table, title: &str, st: &Styles) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, title, &st.title)?;
    let (cols, rows) = t.layout();
    let mut width = vec![8.0f64; cols];
    let first = 2u32;
    for (r, cells) in rows.iter().enumerate() {
        let row = first + r as u32;
        for p in cells {
            let Some(c) = p.cell else { continue };
            let text = plain(&c.content);
            let col = p.col as u16;
            let header = p.header || c.header;
            let last_row = row + c.rowspan.max(1) as u32 - 1;
            let last_col = col + p.span as u16 - 1;
            if header {
                if last_row > row || last_col > col {
                    ws.merge_range(row, col, last_row, last_col, &text, &st.header)?;
                } else {
                    ws.write_string_with_format(row, col, &text, &st.header)?;
                }
                continue;
            }
            match &c.value {
                Some(v) => {
                    let f = Format::new().set_num_format(&v.format);
                    ws.write_number_with_format(row, col, v.value, &f)?;
                }
                _ => {
                    ws.write_string_with_format(row, col, &text, &st.text)?;
                }
            }
            if p.span == 1 {
                let w = text.chars().count().min(48) as f64 + 2.0;
                width[p.col] = width[p.col].max(w);
            }
        }
    }
    for (c, w) in width.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let header_rows = t.head.len() as u32;
    if header_rows > 0 {
        ws.set_freeze_panes(first + header_rows, 0)?;
    }
    Ok(())
}

/// The annex of the report: one sheet per table, the key figures first.
pub fn xlsx(e: &Evaluasi, lang: Lang) -> Result<Vec<u8>, String> {
    let blocks = crate::doc::numbered(&crate::document(e, lang), lang);
    write(&blocks, lang).map_err(|e| format!("XLSX: {e}"))
}

/// Writes the tables of `blocks` as a workbook.
pub fn write(blocks: &[Block], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let st = Styles {
        title: Format::new().set_bold().set_font_size(12),
        header: Format::new()
            .set_bold()
            .set_background_color("E8EEF4")
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(rust_xlsxwriter::FormatBorder::Thin),
        text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    };
    let mut book = Workbook::new();
    let mut taken: Vec<String> = Vec::new();
    // Key figures.
    if let Some(cards) = blocks.iter().find_map(|b| match b {
        Block::Cards { cards, .. } => Some(cards),
        _ => None,
    }) {
        let name = lang.pick("Angka kunci", "Key figures").to_string();
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        ws.write_string_with_format(0, 0, &name, &st.title)?;
        for (i, c) in cards.iter().enumerate() {
            let row = 2 + i as u32;
            match &c.value {
                Some(v) => {
                    let f = Format::new().set_num_format(&v.format);
                    ws.write_number_with_format(row, 0, v.value, &f)?;
                }
                None => {
                    ws.write_string(row, 0, &c.figure)?;
                }
            }
            ws.write_string(row, 1, &c.label)?;
        }
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 60)?;
        taken.push(name);
    }
    for (i, t) in Table::all(blocks).into_iter().enumerate() {
        let name = sheet_name(t.caption.as_deref(), i + 1, lang, &taken);
        let title = t.caption.clone().unwrap_or_else(|| name.clone());
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        write_table(ws, t, &title, &st)?;
        taken.push(name);
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_annex_holds_every_table_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let data = monev_demo::generate(monev_demo::SEED);
        let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
        for lang in [Lang::Id, Lang::En] {
            let bytes = xlsx(&e, lang).unwrap();
            let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
            let names = book.sheet_names().to_vec();
            let tables = crate::doc::Table::all(&crate::document(&e, lang)).len();
            assert_eq!(names.len(), tables + 1, "{names:?}");
            let first = lang.pick("Tabel 1", "Table 1");
            assert!(names.iter().any(|n| n == first), "{names:?}");
            let t1 = book.worksheet_range(first).unwrap();
            // The row of the Kantor Camat: ASN and participants as numbers,
            // participation as a fraction shown in per cent.
            let row = t1
                .rows()
                .find(|r| r.first() == Some(&Data::String("Kantor Camat Ampenan".into())))
                .expect("the Kantor Camat row");
            let p = e
                .partisipasi
                .per_instansi
                .iter()
                .find(|i| i.nama == "Kantor Camat Ampenan")
                .unwrap();
            assert_eq!(row[2], Data::Float(p.asn as f64));
            // Unrounded: the evaluation's own value, not the one shown.
            assert_eq!(row[4], Data::Float(p.persen / 100.0));
        }
    }
}
