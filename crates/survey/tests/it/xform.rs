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

#[test]
fn a_served_form_keeps_the_fixed_unit_hidden_and_records_when_it_was_opened() {
    let ins = builtin::skm();
    let served = xform::Served {
        id: "skm-7KQ2M3XA".into(),
        title: "SKM · Kantor Lurah Ampenan Selatan".into(),
        version: "abc123".into(),
        fixed: [("instansi".to_string(), "KEL-AMS".to_string())].into(),
        time_start: true,
    };
    let xml = xform::write_served(&ins, &served);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let data = doc
        .descendants()
        .find(|n| n.tag_name().name() == "data")
        .unwrap();
    assert_eq!(data.attribute("id"), Some("skm-7KQ2M3XA"));
    assert_eq!(data.attribute("version"), Some("abc123"));
    let instansi = data
        .children()
        .find(|n| n.tag_name().name() == "instansi")
        .unwrap();
    assert_eq!(instansi.text(), Some("KEL-AMS"));
    let bind = |path: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == "bind" && n.attribute("nodeset") == Some(path))
            .unwrap()
    };
    assert_eq!(bind("/data/instansi").attribute("readonly"), Some("true()"));
    assert_eq!(bind("/data/instansi").attribute("required"), None);
    let start = bind("/data/meta/timeStart");
    assert_eq!(start.attribute("type"), Some("dateTime"));
    assert_eq!(
        start.attribute(("http://openrosa.org/javarosa", "preloadParams")),
        Some("start")
    );
    // No control and no text for the fixed unit; every other question asked.
    assert!(!xml.contains("ref=\"/data/instansi\""));
    assert!(!xml.contains("/data/instansi:label"));
    assert!(xml.contains("ref=\"/data/u9\""));
    assert!(xml.contains("<h:title>SKM · Kantor Lurah Ampenan Selatan</h:title>"));
    // The instrument as it is: no timeStart, its own id.
    let plain = xform::write(&ins);
    assert!(!plain.contains("timeStart") && plain.contains("id=\"skm\""));
}

#[test]
fn a_filled_instance_is_read_with_where_each_answer_stands() {
    let xml = "<?xml version='1.0' ?>\n<data xmlns:orx=\"http://openrosa.org/xforms\" id=\"skm-7KQ2M3XA\" version=\"abc123\">\n  <instansi>KEL-AMS</instansi>\n  <grup><u1>4</u1><u2/></grup>\n  <orx:meta><orx:timeStart>2026-12-05T09:30:00.000+08:00</orx:timeStart><orx:instanceID>uuid:5f0c3a51-2b7e-4c1d-9a8e-0d6f1b2c3e4f</orx:instanceID><orx:deprecatedID>uuid:x</orx:deprecatedID></orx:meta>\n</data>";
    let i = xform::read_instance(xml).unwrap();
    assert_eq!(i.form_id, "skm-7KQ2M3XA");
    assert_eq!(i.version, "abc123");
    assert_eq!(i.instance_id, "uuid:5f0c3a51-2b7e-4c1d-9a8e-0d6f1b2c3e4f");
    assert_eq!(
        i.time_start.as_deref(),
        Some("2026-12-05T09:30:00.000+08:00")
    );
    let names: Vec<(&str, &str, &str, u32)> = i
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.path.as_str(), f.value.as_str(), f.line))
        .collect();
    assert_eq!(
        names,
        [
            ("instansi", "/data/instansi", "KEL-AMS", 3),
            ("u1", "/data/grup/u1", "4", 4),
            ("u2", "/data/grup/u2", "", 4),
        ]
    );
    assert_eq!(i.fields[1].column, 9);

    let broken = xform::read_instance("<data id=\"x\">\n<u1>4</data>").unwrap_err();
    assert_eq!(broken.line, 2);
    let no_id = xform::read_instance("<data><meta><instanceID>uuid:1</instanceID></meta></data>")
        .unwrap_err();
    assert!(no_id.reason.contains("id"), "{no_id}");
    let twice = xform::read_instance(
        "<data id=\"x\"><u1>4</u1><u1>3</u1><meta><instanceID>uuid:1</instanceID></meta></data>",
    )
    .unwrap_err();
    assert_eq!((twice.path.as_str(), twice.column), ("/data/u1", 24));
    let no_uuid = xform::read_instance("<data id=\"x\"><u1>4</u1></data>").unwrap_err();
    assert_eq!(no_uuid.path, "/data/meta/instanceID");
}
