//! The built-in instruments as XForms: every question has its node, bind
//! and control, every text its itext in each language. ODK Validate's
//! verdict on them and on every XLSForm fixture is in
//! `ingest/tests/it/xform.rs` (it reads the workbooks).

use monev_survey::{Instrument, Item, builtin, xform};

fn builtins() -> Vec<Instrument> {
    vec![
        builtin::skm(),
        builtin::reaksi(&[]),
        builtin::kinerja(&[]),
        builtin::nonpeserta(),
    ]
}

fn question_names(items: &[Item], out: &mut Vec<String>) {
    for item in items {
        match item {
            Item::Question(q) => out.push(q.name.clone()),
            Item::Group(g) => question_names(&g.items, out),
        }
    }
}

#[test]
fn every_question_has_its_node_bind_control_and_texts() {
    for ins in builtins() {
        let xml = xform::write(&ins);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{}: {e}", ins.kode));
        let all: Vec<roxmltree::Node> = doc.descendants().collect();
        let named = |tag: &'static str| {
            all.iter()
                .filter(move |n| n.is_element() && n.tag_name().name() == tag)
                .copied()
        };
        let binds: Vec<&str> = named("bind")
            .filter_map(|b| b.attribute("nodeset"))
            .collect();
        let refs: Vec<&str> = named("select1")
            .chain(named("select"))
            .chain(named("input"))
            .filter_map(|c| c.attribute("ref"))
            .collect();
        let ids: Vec<&str> = named("text").filter_map(|t| t.attribute("id")).collect();
        let translations: Vec<&str> = named("translation")
            .filter_map(|t| t.attribute("lang"))
            .collect();
        assert_eq!(translations, ["id", "en"], "{}", ins.kode);
        let mut names = Vec::new();
        question_names(&ins.items, &mut names);
        assert!(!names.is_empty());
        for name in &names {
            let path = format!("/data/{name}");
            assert!(
                binds.contains(&path.as_str()),
                "{}: no bind for {path}",
                ins.kode
            );
            assert!(
                refs.contains(&path.as_str()),
                "{}: no control for {path}",
                ins.kode
            );
            // In both translations.
            let label = format!("{path}:label");
            assert_eq!(
                ids.iter().filter(|i| **i == label).count(),
                2,
                "{}: {label}",
                ins.kode
            );
        }
        assert!(binds.contains(&"/data/meta/instanceID"));
        // Every itext reference points at a text.
        for n in &all {
            for a in n.attributes() {
                if let Some(id) = a
                    .value()
                    .strip_prefix("jr:itext('")
                    .and_then(|r| r.strip_suffix("')"))
                {
                    assert!(ids.contains(&id), "{}: {id} has no text", ins.kode);
                }
            }
        }
        // The root names the form and its version.
        let data = named("data").next().unwrap();
        assert_eq!(data.attribute("id"), Some(ins.kode.as_str()));
    }
}

#[test]
fn constraints_are_xpath_over_the_instance() {
    let xml = xform::write(&builtin::skm());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let bind = |path: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == "bind" && n.attribute("nodeset") == Some(path))
            .unwrap()
    };
    let usia = bind("/data/usia");
    assert_eq!(usia.attribute("type"), Some("int"));
    assert_eq!(usia.attribute("constraint"), Some(". >= 15 and . <= 100"));
    assert_eq!(
        usia.attribute(("http://openrosa.org/javarosa", "constraintMsg")),
        Some("jr:itext('/data/usia:jr:constraintMsg')")
    );
    assert_eq!(bind("/data/u1").attribute("required"), Some("true()"));
    let itemset = doc
        .descendants()
        .find(|n| n.tag_name().name() == "itemset")
        .unwrap();
    assert_eq!(
        itemset.attribute("nodeset"),
        Some("instance('jenis_kelamin')/root/item")
    );
}
