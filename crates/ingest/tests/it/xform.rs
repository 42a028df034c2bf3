//! ODK Validate (the javarosa engine ODK Collect runs, shipped inside
//! pyxform's package) accepts the XForm monev writes for every built-in
//! instrument and for every XLSForm fixture that imports, and refuses a
//! broken one (so a pass means something). It needs `java` and pyxform
//! (`pip install -r reference/requirements.txt`); without them the test
//! says so and passes, unless MONEV_REQUIRE_ODK_VALIDATE=1 (`.ci/run` sets
//! it and installs both).

#[path = "../../../survey/tests/support/odk_validate.rs"]
mod odk_validate;

use std::path::{Path, PathBuf};
use std::process::Command;

use odk_validate::{odk_validate, validate};

use monev_ingest::read_xlsform;
use monev_survey::{builtin, xform};

/// The XLSForm fixtures that monev imports, with their instruments.
fn imported_fixtures() -> Vec<(PathBuf, monev_survey::Instrument)> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pyxform");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("xlsx") {
            continue;
        }
        if let Ok(p) = read_xlsform(&path) {
            out.push((path, p.instrument));
        }
    }
    out
}

#[test]
fn odk_validate_accepts_every_instrument_monev_writes() {
    let Some(jar) = odk_validate() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut forms = vec![
        builtin::skm(),
        builtin::reaksi(&[]),
        builtin::kinerja(&[]),
        builtin::nonpeserta(),
    ];
    let imported = imported_fixtures();
    assert!(
        imported.len() >= 8,
        "the fixtures that import: {}",
        imported.len()
    );
    forms.extend(imported.into_iter().map(|(_, ins)| ins));
    for (i, ins) in forms.iter().enumerate() {
        let file = dir.path().join(format!("{i}-{}.xml", ins.kode));
        std::fs::write(&file, xform::write(ins)).unwrap();
        if let Err(why) = validate(&jar, &file) {
            panic!("{}: ODK Validate refused it:\n{why}", ins.kode);
        }
    }

    // A form whose control names a question that is not there is refused.
    let broken = xform::write(&builtin::skm()).replace(
        "<input ref=\"/data/usia\"",
        "<input ref=\"/data/tidak_ada\"",
    );
    assert!(broken.contains("/data/tidak_ada"));
    let file = dir.path().join("broken.xml");
    std::fs::write(&file, broken).unwrap();
    assert!(
        validate(&jar, &file).is_err(),
        "ODK Validate refuses a broken form"
    );
}

/// What a form asks, as the two writers must agree on it: per question (by
/// name: pyxform writes some groups flat, with their relevance on each
/// question) its type and which of required/relevant/constraint/readonly
/// it has, relevance counted from the question or a group around it; per
/// select control its choice values.
#[derive(Debug, PartialEq)]
struct Shape {
    binds: std::collections::BTreeMap<String, (String, [bool; 4])>,
    choices: std::collections::BTreeMap<String, Vec<String>>,
}

fn shape(xml: &str) -> Shape {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let controls: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("input") || n.has_tag_name("select1") || n.has_tag_name("select")
        })
        .filter_map(|n| n.attribute("ref"))
        .collect();
    let all: Vec<(&str, roxmltree::Node)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("bind"))
        .filter_map(|b| Some((b.attribute("nodeset")?, b)))
        .collect();
    let has = |b: &roxmltree::Node, a: &str| b.attribute(a).is_some_and(|v| v != "false()");
    let mut binds = std::collections::BTreeMap::new();
    for (path, b) in &all {
        if path.contains("/meta/") || !controls.contains(path) {
            continue;
        }
        let relevant = all
            .iter()
            .any(|(p, g)| (p == path || path.starts_with(&format!("{p}/"))) && has(g, "relevant"));
        let name = path.rsplit('/').next().unwrap_or(path);
        binds.insert(
            name.to_string(),
            (
                b.attribute("type").unwrap_or("string").to_string(),
                [
                    has(b, "required"),
                    relevant,
                    has(b, "constraint"),
                    has(b, "readonly"),
                ],
            ),
        );
    }
    let instance_items = |id: &str| -> Vec<String> {
        doc.descendants()
            .find(|n| n.has_tag_name("instance") && n.attribute("id") == Some(id))
            .map(|i| {
                i.descendants()
                    .filter(|n| n.has_tag_name("item"))
                    .filter_map(|item| {
                        item.children()
                            .find(|c| c.has_tag_name("name"))
                            .and_then(|c| c.text())
                            .map(str::to_string)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut choices = std::collections::BTreeMap::new();
    for c in doc
        .descendants()
        .filter(|n| n.has_tag_name("select1") || n.has_tag_name("select"))
    {
        let Some(path) = c.attribute("ref") else {
            continue;
        };
        let path = path.rsplit('/').next().unwrap_or(path);
        let mut values: Vec<String> = c
            .children()
            .filter(|n| n.has_tag_name("item"))
            .filter_map(|i| i.children().find(|v| v.has_tag_name("value")))
            .filter_map(|v| v.text().map(str::to_string))
            .collect();
        if let Some(set) = c.children().find(|n| n.has_tag_name("itemset"))
            && let Some(id) = set
                .attribute("nodeset")
                .and_then(|n| n.strip_prefix("instance('"))
                .and_then(|n| n.split('\'').next())
        {
            values.extend(instance_items(id));
        }
        choices.insert(path.to_string(), values);
    }
    Shape { binds, choices }
}

#[test]
fn the_xforms_of_monev_and_pyxform_ask_the_same() {
    if odk_validate().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for (path, instrument) in imported_fixtures() {
        let theirs_file = dir.path().join("pyxform.xml");
        let out = Command::new("python3")
            .args(["-m", "pyxform.xls2xform", "--skip_validate"])
            .arg(&path)
            .arg(&theirs_file)
            .output()
            .unwrap();
        if !out.status.success() {
            // pyxform refuses some fixtures monev imports (or the reverse):
            // nothing to compare.
            continue;
        }
        let theirs = shape(&std::fs::read_to_string(&theirs_file).unwrap());
        let ours = shape(&xform::write(&instrument));
        // Every question monev keeps, as pyxform binds it; monev leaves out
        // what it names as left out (calculations, repeats, …).
        for (node, bind) in &ours.binds {
            assert_eq!(
                theirs.binds.get(node),
                Some(bind),
                "{path:?}: {node} (type, required, relevant, constraint, readonly)"
            );
        }
        for (node, values) in &ours.choices {
            assert_eq!(theirs.choices.get(node), Some(values), "{path:?}: {node}");
        }
        compared += 1;
    }
    assert!(compared >= 6, "forms compared: {compared}");
}
