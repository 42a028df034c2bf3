//! Every `project.qde` monev writes, and every project the tests build by
//! the letter of the standard, validates against the published REFI-QDA
//! schema (`schema/Project-mrt2019.xsd`) with libxml2's `xmllint`. Without
//! xmllint a test says so and passes, unless MONEV_REQUIRE_XMLLINT=1
//! (`.ci/run` sets it and installs libxml2-utils).

use std::path::Path;
use std::process::Command;

use monev_qda::{Proyek, write_project};

fn xmllint() -> bool {
    let here = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !here {
        assert!(
            std::env::var("MONEV_REQUIRE_XMLLINT").as_deref() != Ok("1"),
            "xmllint is required (apt-get install libxml2-utils)"
        );
        eprintln!("note: no xmllint here; the REFI-QDA schema is not checked");
    }
    here
}

/// Validates `xml` against the schema; the validator's words when not.
fn validate(xml: &[u8]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, xml).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/Project-mrt2019.xsd");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn the_demos_project_validates_against_the_refi_qda_schema() {
    if !xmllint() {
        return;
    }
    let d = monev_demo::generate(monev_demo::SEED);
    let p = Proyek {
        nama: d.program.nama,
        kode: d.kode_kualitatif,
        wawancara: d.wawancara,
        dokumen: d.dokumen,
        kutipan: d.kutipan,
    };
    let qde = crate::entry(&write_project(&p), "project.qde");
    validate(&qde).unwrap();
    // An empty programme too.
    let empty = crate::entry(&write_project(&Proyek::default()), "project.qde");
    validate(&empty).unwrap();
    // And the validator does refuse what the schema forbids.
    let text = String::from_utf8(qde).unwrap();
    let broken = text.replacen("isCodable=\"true\"", "isCodable=\"maybe\"", 1);
    assert!(validate(broken.as_bytes()).is_err());
}

#[test]
fn the_projects_built_by_the_letter_are_valid_too() {
    if !xmllint() {
        return;
    }
    // The ATLAS.ti-style project of `letter.rs`, read back from its archive.
    let bytes = crate::letter::atlas();
    validate(&crate::entry(&bytes, "project.qde")).unwrap();
}
