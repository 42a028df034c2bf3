//! Issue 18: what readers get, pinned before the presentation layer is
//! rebuilt. The demo's report in both languages as HTML, as the DOCX's
//! `word/document.xml`, as the text of the typeset PDF and as the annex's
//! cells (with their types: a number stays a number). A change to any of
//! them shows as a diff in `tests/it/snapshots/` to be reviewed and named in
//! the commit message (`INSTA_UPDATE=always cargo test` writes the new ones;
//! `git diff` shows them).
//!
//! Markup is cut into lines for review only: between tags (`><`) for HTML,
//! before each paragraph, table row and cell for the DOCX. Whitespace between
//! tags is dropped first, so a template's indentation is no change.

use std::io::Read;

use monev_domain::Lang;
use monev_eval::{Config, Evaluasi};

fn demo() -> Evaluasi {
    monev_eval::evaluate(&monev_demo::generate(monev_demo::SEED), &Config::default())
}

/// Whitespace between tags dropped, then a line per `split` boundary.
fn lines(markup: &str, split: &[&str]) -> String {
    let mut squeezed = String::with_capacity(markup.len());
    let mut pending = String::new();
    let mut after_tag = false;
    for c in markup.chars() {
        if after_tag && c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if c != '<' {
            squeezed.push_str(&pending);
        }
        pending.clear();
        squeezed.push(c);
        after_tag = c == '>';
    }
    let mut out = squeezed;
    for s in split {
        out = out.replace(s, &format!("\n{s}"));
    }
    out
}

#[test]
fn the_html_report() {
    let e = demo();
    for lang in [Lang::Id, Lang::En] {
        let html = lines(&monev_report::html(&e, lang), &["<"]);
        insta::assert_snapshot!(format!("html_{}", lang.code()), html);
    }
}

#[test]
fn the_docx_document() {
    let e = demo();
    for lang in [Lang::Id, Lang::En] {
        let bytes = monev_report::docx::docx(&e, lang).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut names: Vec<String> = z.file_names().map(|n| n.unwrap().into_owned()).collect();
        names.sort();
        let mut xml = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let doc = format!(
            "{}\n\n{}",
            names.join("\n"),
            lines(
                &xml,
                &["<w:p>", "<w:p ", "<w:tbl>", "<w:tr>", "<w:tr ", "<w:tc>"]
            )
        );
        insta::assert_snapshot!(format!("docx_{}", lang.code()), doc);
    }
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_text() {
    let e = demo();
    for lang in [Lang::Id, Lang::En] {
        let bytes = monev_report::pdf::pdf(&e, lang).unwrap();
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
        let text: Vec<String> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let body: Vec<&str> = p
                    .lines()
                    .map(str::trim_end)
                    .filter(|l| !l.is_empty())
                    .collect();
                format!("=== {} ===\n{}", i + 1, body.join("\n"))
            })
            .collect();
        insta::assert_snapshot!(format!("pdf_{}", lang.code()), text.join("\n"));
    }
}

#[test]
fn the_annex_cells() {
    use calamine::{Data, Reader, Xlsx};
    let e = demo();
    for lang in [Lang::Id, Lang::En] {
        let bytes = monev_report::annex::xlsx(&e, lang).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = String::new();
        for name in book.sheet_names() {
            out.push_str(&format!("=== {name} ===\n"));
            let range = book.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, row) in range.rows().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let shown = match cell {
                        Data::Empty => continue,
                        Data::String(s) => format!("{s:?}"),
                        Data::Float(f) => format!("{f:?} (angka)"),
                        Data::Int(i) => format!("{i} (angka)"),
                        other => format!("{other:?}"),
                    };
                    out.push_str(&format!(
                        "{}{}: {shown}\n",
                        column(c0 as usize + c),
                        r0 as usize + r + 1
                    ));
                }
            }
        }
        insta::assert_snapshot!(format!("xlsx_{}", lang.code()), out);
    }
}

/// A, B, …, Z, AA, …
fn column(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}
