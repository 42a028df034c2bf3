//! XLSForm: accept what pyxform accepts. `fixtures/pyxform_types.json`
//! holds every question type name of pyxform 4.5 (its `QUESTION_TYPE_DICT`
//! and the aliases of `aliases.py`, BSD-2-Clause) and pyxform's own verdict
//! on a one-question form of that type (`reference/pyxform_types.py`
//! regenerates it). Every type pyxform accepts is imported by monev or named
//! as left out, with its row; none is refused. And the other habits of real
//! forms: typographic quotes, unnamed notes, range parameters, duplicate
//! names among left-out questions, repeats named with what they hold, a
//! form with nothing to collect.

use monev_survey::Kind;
use monev_survey::xlsform::{Sheet, parse};
use serde_json::Value;

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.into(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
    }
}

/// A form with one question of `question_type` (row 2) and a text question
/// beside it, and a choice list `daftar`.
fn form(question_type: &str, parameters: &str) -> Vec<Sheet> {
    vec![
        sheet(
            "survey",
            &[
                &["type", "name", "label", "parameters"],
                &[question_type, "q1", "Q", parameters],
                &["text", "nama", "Nama", ""],
            ],
        ),
        sheet(
            "choices",
            &[&["list_name", "name", "label"], &["daftar", "a", "A"]],
        ),
    ]
}

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/pyxform_types.json")).unwrap()
}

#[test]
fn every_type_pyxform_accepts_is_imported_or_named_as_left_out() {
    let doc = fixture();
    let types = doc["types"].as_array().unwrap();
    assert!(types.len() > 130, "the whole table: {}", types.len());
    let (mut imported, mut left_out) = (0, 0);
    for row in types {
        let t = row["type"].as_str().unwrap();
        let accepted = row["pyxform"] == "ok";
        let got = parse(&form(t, ""), "f");
        if !accepted {
            // pyxform refuses it too (a select without its list, a
            // calculate without its calculation): anything but a panic.
            continue;
        }
        let parsed =
            got.unwrap_or_else(|e| panic!("{t:?}: pyxform accepts it, monev refused: {e:?}"));
        if parsed.instrument.question("q1").is_some() {
            imported += 1;
        } else {
            let named = parsed
                .skipped
                .iter()
                .find(|s| s.row == 2 && s.reason.contains("'q1'"))
                .unwrap_or_else(|| {
                    panic!(
                        "{t:?}: neither imported nor named as left out: {:?}",
                        parsed.skipped
                    )
                });
            assert!(named.reason.contains("tidak diimpor"), "{t:?}: {named:?}");
            left_out += 1;
        }
        assert!(parsed.instrument.question("nama").is_some(), "{t:?}");
    }
    assert!(
        imported >= 30 && left_out >= 70,
        "{imported} imported, {left_out} left out"
    );
}

#[test]
fn selects_in_every_spelling_read_as_selects() {
    for (t, one) in [
        ("select_one daftar", true),
        ("select one daftar", true),
        ("select1 daftar", true),
        ("select one from daftar", true),
        ("add select one prompt using daftar", true),
        ("select_multiple daftar", false),
        ("select all that apply daftar", false),
        ("select all that apply from daftar", false),
        ("add select multiple prompt using daftar", false),
        ("select_one daftar or_other", true),
        ("select one daftar or specify other", true),
    ] {
        let p = parse(&form(t, ""), "f").unwrap_or_else(|e| panic!("{t}: {e:?}"));
        let q = p.instrument.question("q1").unwrap();
        match (&q.kind, one) {
            (Kind::SelectOne { list }, true) | (Kind::SelectMultiple { list }, false) => {
                assert_eq!(list, "daftar", "{t}")
            }
            (k, _) => panic!("{t}: {k:?}"),
        }
    }
    // Bounded integers keep pyxform's bounds as their constraint.
    let p = parse(&form("percentage", ""), "f").unwrap();
    let q = p.instrument.question("q1").unwrap();
    assert_eq!(q.kind, Kind::Integer);
    assert!(q.constraint.is_some());
}

#[test]
fn range_parameters_are_checked_as_pyxform_checks_them() {
    let doc = fixture();
    for row in doc["range"].as_array().unwrap() {
        let params = row["parameters"].as_str().unwrap();
        let got = parse(&form("range", params), "f");
        if row["pyxform"] == "ok" {
            let p = got.unwrap_or_else(|e| panic!("range {params:?}: {e:?}"));
            assert!(p.skipped.iter().any(|s| s.row == 2), "range {params:?}");
        } else {
            let e = got.expect_err(params);
            assert_eq!(e.len(), 1, "{e:?}");
            assert_eq!((e[0].row, e[0].column.as_str()), (2, "parameters"), "{e:?}");
            assert_eq!(e[0].value, params);
        }
    }
}

#[test]
fn typographic_quotes_in_expressions_read_as_straight_ones() {
    let sheets = vec![sheet(
        "survey",
        &[
            &[
                "type",
                "name",
                "label",
                "relevant",
                "constraint",
                "calculation",
            ],
            &["text", "kota", "Kota", "", "", ""],
            &[
                "integer",
                "umur",
                "Umur",
                "${kota} = \u{2018}Mataram\u{2019}",
                ". > \u{201c}17\u{201d}",
                "",
            ],
            &[
                "calculate",
                "dua",
                "",
                "",
                "",
                "concat(\u{2018}a\u{2019}, \u{201c}b\u{201d})",
            ],
        ],
    )];
    let p = parse(&sheets, "f").unwrap_or_else(|e| panic!("{e:?}"));
    let q = p.instrument.question("umur").unwrap();
    assert_eq!(
        q.relevant.as_ref().unwrap().to_string(),
        "${kota} = 'Mataram'"
    );
    assert!(q.constraint.is_some());
}

#[test]
fn an_unnamed_note_gets_a_name_and_duplicates_are_caught_everywhere() {
    let sheets = vec![sheet(
        "survey",
        &[
            &["type", "name", "label"],
            &["note", "", "Terima kasih"],
            &["text", "nama", "Nama"],
        ],
    )];
    let p = parse(&sheets, "f").unwrap();
    assert!(p.instrument.question("generated_note_name_2").is_some());
    // A left-out question named like another, and a group named like a question.
    for (rows, row) in [
        (
            vec![
                vec!["type", "name", "label"],
                vec!["text", "lokasi", "Lokasi"],
                vec!["geopoint", "lokasi", "Titik"],
            ],
            3,
        ),
        (
            vec![
                vec!["type", "name", "label"],
                vec!["text", "profil", "Profil"],
                vec!["begin group", "profil", "Profil"],
                vec!["text", "umur", "Umur"],
                vec!["end group", "", ""],
            ],
            3,
        ),
    ] {
        let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
        let e = parse(&[sheet("survey", &rows)], "f").expect_err("a duplicate");
        assert_eq!((e[0].row, e[0].column.as_str()), (row, "name"), "{e:?}");
        assert!(e[0].reason.contains("nama ganda"), "{e:?}");
    }
}

#[test]
fn a_repeat_is_named_with_its_questions_and_nothing_to_collect_is_one_sentence() {
    let sheets = vec![sheet(
        "survey",
        &[
            &["type", "name", "label"],
            &["text", "nama", "Nama"],
            &["begin repeat", "anggota", "Anggota keluarga"],
            &["text", "nama_anggota", "Nama"],
            &["integer", "umur_anggota", "Umur"],
            &["end repeat", "", ""],
        ],
    )];
    let p = parse(&sheets, "f").unwrap();
    let r = p.skipped.iter().find(|s| s.value == "anggota").unwrap();
    assert!(r.reason.contains("nama_anggota, umur_anggota"), "{r:?}");

    let nothing = vec![sheet(
        "survey",
        &[
            &["type", "name", "label"],
            &["photo", "foto", "Foto loket"],
            &["geopoint", "titik", "Lokasi"],
            &["start", "mulai", ""],
        ],
    )];
    let e = parse(&nothing, "f").expect_err("nothing to collect");
    assert_eq!(e.len(), 1, "{e:?}");
    let why = &e[0].reason;
    assert!(why.contains("tidak berisi satu pun pertanyaan"), "{why}");
    assert!(
        why.contains("'foto' (photo)")
            && why.contains("'titik' (geopoint)")
            && why.contains("'mulai' (start)"),
        "{why}"
    );
}
