//! Issue 7, read as a reviewer reads the PDF: every claim of the report
//! (each result, constraint and recommendation, with its figure, test and
//! n) is whole on one page, and Ringkasan Eksekutif fills one page of its
//! own. The text of each page comes from the typeset document itself.
#![cfg(feature = "pdf")]

use monev_domain::Lang;
use monev_eval::{Config, Jenis};

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn each_claim_is_whole_on_one_page_and_the_summary_has_its_own() {
    let data = monev_demo::generate(monev_demo::SEED);
    let e = monev_eval::evaluate(&data, &Config::default());
    assert!(e.temuan.len() >= 8);
    for lang in [Lang::Id, Lang::En] {
        let blocks = monev_report::doc::numbered(&monev_report::document(&e, lang), lang);
        let pages: Vec<String> = monev_report::pdf::page_texts(&blocks, lang, &e.program.nama)
            .unwrap()
            .iter()
            .map(|p| squash(p))
            .collect();
        assert!(pages.len() > 10, "{} pages", pages.len());
        for f in &e.temuan {
            let claim = squash(&f.render(lang));
            let on: Vec<usize> = (0..pages.len())
                .filter(|&i| pages[i].contains(&claim))
                .collect();
            assert!(
                !on.is_empty(),
                "{lang:?} {}: not whole on any page: {}",
                f.kode,
                f.render(lang)
            );
        }

        let heading = squash(lang.pick("Ringkasan Eksekutif", "Executive Summary"));
        let next = squash(lang.pick("1. Latar Belakang", "1. Background"));
        // The page that opens with the summary (not the contents page).
        let summary = pages
            .iter()
            .position(|p| p.starts_with(&heading))
            .expect("the summary starts a page");
        let page = &pages[summary];
        assert!(
            !page.contains(&next),
            "{lang:?}: Latar Belakang on the summary page"
        );
        assert!(pages[summary + 1].starts_with(&next), "{lang:?}");
        for f in e
            .temuan
            .iter()
            .filter(|f| f.jenis != Jenis::Rekomendasi || f.prioritas == Some(1))
        {
            assert!(
                page.contains(&squash(f.title(lang))),
                "{lang:?}: {} not in the summary",
                f.kode
            );
        }
    }
}

/// The programme's logo (uploaded on /program/laporan) is on the PDF's cover
/// as an image, and the document still typesets.
#[test]
fn the_logo_is_an_image_on_the_pdf_cover() {
    let data = monev_demo::generate(monev_demo::SEED);
    let mut e = monev_eval::evaluate(&data, &Config::default());
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#1f4e79"/></svg>"##;
    let (png, _, _) = monev_report::raster::png(svg, 1.0).unwrap();
    let plain = monev_report::pdf::pdf(&e, Lang::Id).unwrap();
    e.program.laporan.logo = Some(monev_domain::Logo::parse(png).unwrap());
    let pdf = monev_report::pdf::pdf(&e, Lang::Id).unwrap();
    let images = |b: &[u8]| {
        let doc = lopdf::Document::load_mem(b).unwrap();
        doc.objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
            .count()
    };
    assert!(pdf.starts_with(b"%PDF-"));
    // The logo and, for a PNG, its alpha mask (Typst's SMask); the charts
    // are vector drawings.
    assert_eq!(images(&plain), 0);
    assert!((1..=2).contains(&images(&pdf)), "{}", images(&pdf));
}
