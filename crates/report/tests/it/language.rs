//! Issue 7: switching the report to English changes every word the report
//! writes — headings, sentences, table heads, chart labels — and the number
//! format (1,234.5). What stays Indonesian is data: names of units, modules,
//! activities and indicators, and what respondents and documents said.

use monev_domain::Lang;

/// Indonesian words that never belong in an English sentence of the report.
const INDONESIAN: [&str; 39] = [
    "dan",
    "yang",
    "dari",
    "untuk",
    "dengan",
    "tidak",
    "pada",
    "ini",
    "itu",
    "atau",
    "sebelum",
    "sesudah",
    "belum",
    "sudah",
    "tabel",
    "gambar",
    "rata-rata",
    "menit",
    "kutipan",
    "wawancara",
    "peserta",
    "instansi",
    "bermakna",
    "kelompok",
    "selisih",
    "modul",
    "anggaran",
    "realisasi",
    "sebesar",
    "oleh",
    "dalam",
    "bukti",
    "kendala",
    "rekomendasi",
    "hasil",
    "warga",
    "baru",
    "masih",
    "tercapai",
];

/// The text of the page without the passages that are data.
fn words_of(html: &str, data: &[String]) -> String {
    // Quotes are respondents' and documents' own words; evidence paths are
    // names in evaluasi.json.
    let mut s = html.to_string();
    for (open, close) in [
        ("<blockquote", "</blockquote>"),
        (r#"<span class="kutipan">"#, "</span>"),
        ("<code>", "</code>"),
    ] {
        let mut out = String::new();
        let mut rest = s.as_str();
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            rest = rest[i..]
                .find(close)
                .map_or("", |e| &rest[i + e + close.len()..]);
        }
        out.push_str(rest);
        s = out;
    }
    // Styles and tags out; text of SVG charts stays.
    let no_style = s
        .split("<style>")
        .map(|p| p.split_once("</style>").map_or(p, |(_, b)| b))
        .collect::<Vec<_>>()
        .join(" ");
    let mut text = String::new();
    let mut in_tag = false;
    for c in no_style.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let mut text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    // Names that are data, longest first.
    let mut names: Vec<&String> = data.iter().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        text = text.replace(n.as_str(), " ");
    }
    text
}

#[test]
fn english_changes_every_word_and_the_number_format() {
    let data = monev_demo::generate(monev_demo::SEED);
    let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
    // Names written the way the report writes them (SKM unsur, levels of
    // the regulation) are terms of the field, kept.
    let text = words_of(&monev_report::html(&e, Lang::En), &data_names(&data));
    assert_english(&text, "the English report");
}

/// The names a report shows that are data (Indonesian by nature).
fn data_names(data: &monev_domain::ProgramData) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    names.extend(data.instansi.iter().map(|i| i.nama.clone()));
    names.extend(data.pelatihan.iter().map(|p| p.nama.clone()));
    names.extend(data.anggaran.iter().map(|a| a.kegiatan.clone()));
    names.extend(data.indikator.iter().map(|i| i.nama.clone()));
    names.extend(data.indikator.iter().map(|i| i.ukuran.clone()));
    names.extend(data.dokumen.iter().map(|d| d.judul.clone()));
    names.extend(data.reaksi_item.iter().map(|r| r.nama.clone()));
    names.extend([
        data.program.nama.clone(),
        data.program.wilayah.clone(),
        data.program.evaluator.clone().unwrap_or_default(),
    ]);
    names.extend(data.program.laporan.tim.iter().cloned());
    names
}

#[test]
fn the_english_monitoring_report_has_no_indonesian_sentence() {
    let data = monev_demo::generate(monev_demo::SEED);
    let deret = monev_eval::berkala::Deret::of(&data);
    let periode = monev_eval::monitoring::latest_period(&data).unwrap();
    let m = monev_eval::monitoring::monitoring(
        &data,
        &deret,
        periode,
        monev_eval::capaian::Ambang::default(),
        &monev_eval::Config::default(),
    );
    let text = words_of(
        &monev_report::monitoring::html(&m, Lang::En),
        &data_names(&data),
    );
    assert_english(&text, "the English monitoring report");
}

/// No Indonesian word and no decimal comma in `text`.
fn assert_english(text: &str, what: &str) {
    let mut found: Vec<String> = Vec::new();
    for w in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let lower = w.to_lowercase();
        if INDONESIAN.contains(&lower.as_str()) && !found.contains(&lower) {
            found.push(lower);
        }
    }
    let mut context = Vec::new();
    for f in &found {
        let lower = text.to_lowercase();
        if let Some(i) = lower.find(&format!(" {f} ")) {
            let a = lower[..i]
                .char_indices()
                .rev()
                .nth(60)
                .map_or(0, |(k, _)| k);
            let b = lower[i..]
                .char_indices()
                .nth(60)
                .map_or(lower.len(), |(k, _)| i + k);
            context.push(format!("{f}: …{}…", &text[a..b]));
        }
    }
    assert!(
        found.is_empty(),
        "Indonesian in {what}:\n{}",
        context.join("\n")
    );
    // Decimal commas ("55,8") are Indonesian; English writes 55.8.
    let bytes = text.as_bytes();
    let mut decimal_commas = Vec::new();
    for i in 1..bytes.len().saturating_sub(2) {
        if bytes[i] == b','
            && bytes[i - 1].is_ascii_digit()
            && bytes[i + 1].is_ascii_digit()
            && !(i + 3 < bytes.len()
                && bytes[i + 2].is_ascii_digit()
                && bytes[i + 3].is_ascii_digit()
                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit))
        {
            let a = i.saturating_sub(40);
            let b = (i + 40).min(bytes.len());
            decimal_commas.push(String::from_utf8_lossy(&bytes[a..b]).to_string());
        }
    }
    assert!(
        decimal_commas.is_empty(),
        "decimal commas in {what}:\n{}",
        decimal_commas.join("\n")
    );
}

#[test]
fn the_english_word_document_has_english_furniture() {
    use std::io::Read;
    let data = monev_demo::generate(monev_demo::SEED);
    let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
    let bytes = monev_report::docx::docx(&e, Lang::En).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for part in ["word/document.xml", "word/footer1.xml"] {
        z.by_name(part).unwrap().read_to_string(&mut all).unwrap();
    }
    for id in ["Daftar Isi", "Gambar ", "Tabel ", "Halaman", "Unduh"] {
        assert!(!all.contains(id), "{id:?} in the English DOCX");
    }
    for en in ["Contents", "Figure 1. ", "Table 1. ", "Page"] {
        assert!(all.contains(en), "{en:?} missing from the English DOCX");
    }
}

#[test]
fn figures_are_numbered_once_in_every_format() {
    use std::io::Read;
    let data = monev_demo::generate(monev_demo::SEED);
    let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
    for lang in [Lang::Id, Lang::En] {
        let word = lang.pick("Gambar", "Figure");
        let html = monev_report::html(&e, lang);
        let figures = html.matches("<figure>").count();
        assert!(figures >= 5);
        for n in 1..=figures {
            assert_eq!(
                html.matches(&format!(r#"<span class="nomor">{word} {n}. "#))
                    .count(),
                1,
                "{lang:?} figure {n}"
            );
        }
        let bytes = monev_report::docx::docx(&e, lang).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut doc = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut doc)
            .unwrap();
        for n in 1..=figures {
            assert_eq!(
                doc.matches(&format!("{word} {n}. ")).count(),
                1,
                "{lang:?}: DOCX figure {n} numbered once"
            );
        }
    }
}
