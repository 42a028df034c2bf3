//! Every XLSForm in pyxform's test suite (copied with its licence in
//! `fixtures/pyxform/SOURCE.md`) imports or is refused with a located
//! message; none panics. What each one must give is pinned here.

use std::path::{Path, PathBuf};

use monev_ingest::{FormError, read_xlsform};
use monev_survey::{Kind, Required};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pyxform")
        .join(name)
}

fn refused(name: &str) -> Vec<String> {
    match read_xlsform(&fixture(name)) {
        Err(FormError::Invalid { errors, .. }) => errors.iter().map(|e| e.to_string()).collect(),
        Err(other) => panic!("{name}: {other}"),
        Ok(p) => panic!("{name} imported: {:?}", p.instrument.kode),
    }
}

#[test]
fn every_pyxform_fixture_imports_or_is_refused_located() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("xlsx") {
            continue;
        }
        seen += 1;
        match read_xlsform(&path) {
            Ok(p) => {
                assert!(!p.instrument.questions().is_empty(), "{path:?}");
                for s in &p.skipped {
                    assert!(s.row > 0 && !s.reason.is_empty(), "{path:?}: {s}");
                }
                // What imports writes out (the XLSForm download) and reads
                // back with the same questions and choices. The fuzzer found
                // choice_filter_test.xlsx's repeated choice names refused on
                // the way back (the setting allowing them was not written).
                let sheets = monev_survey::xlsform::to_sheets(&p.instrument);
                let again = monev_survey::xlsform::parse(&sheets, "f")
                    .unwrap_or_else(|e| panic!("{path:?} written back is refused: {e:?}"));
                let names = |i: &monev_survey::Instrument| {
                    i.questions()
                        .iter()
                        .map(|(q, _)| q.name.clone())
                        .collect::<Vec<_>>()
                };
                assert_eq!(names(&again.instrument), names(&p.instrument), "{path:?}");
                // Choices by name, with their labels in any language order.
                let choices = |i: &monev_survey::Instrument| {
                    i.choices
                        .iter()
                        .map(|(list, cs)| {
                            let cs: Vec<(String, Vec<(String, String)>)> = cs
                                .iter()
                                .map(|c| {
                                    let mut l: Vec<(String, String)> = c
                                        .label
                                        .languages()
                                        .map(|g| {
                                            (
                                                g.to_string(),
                                                c.label.get(g).unwrap_or("").to_string(),
                                            )
                                        })
                                        .collect();
                                    l.sort();
                                    (c.name.clone(), l)
                                })
                                .collect();
                            (list.clone(), cs)
                        })
                        .collect::<Vec<_>>()
                };
                assert_eq!(
                    choices(&again.instrument),
                    choices(&p.instrument),
                    "{path:?}"
                );
            }
            Err(FormError::Invalid { errors, .. }) => {
                assert!(!errors.is_empty());
                for e in &errors {
                    assert!(!e.sheet.is_empty() && !e.reason.is_empty(), "{path:?}: {e}");
                }
            }
            Err(FormError::Open(m)) => panic!("{path:?} could not be opened: {m}"),
        }
    }
    assert_eq!(seen, 14);
}

#[test]
fn duplicate_columns_are_refused_at_the_header() {
    let errors = refused("duplicate_columns.xlsx");
    assert!(
        errors.iter().any(|e| e.starts_with("survey!E1")
            && e.contains("label")
            && e.contains("duplicate column")),
        "{errors:?}"
    );
}

#[test]
fn a_broken_calculation_is_reported_where_it_is() {
    let errors = refused("bad_calc.xlsx");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("survey!D2") && e.contains("calculation")),
        "{errors:?}"
    );
}

#[test]
fn the_spec_form_keeps_what_monev_collects_and_names_the_rest() {
    let p = read_xlsform(&fixture("xlsform_spec_test.xlsx")).unwrap();
    let i = &p.instrument;
    assert_eq!(i.kode, "Spec test");
    assert_eq!(i.judul.get("en"), Some("Spec test"));
    let a = i.question("a_decimal").unwrap();
    assert_eq!(a.kind, Kind::Decimal);
    assert!(a.constraint.is_some());
    let m = i.question("select_multiple_test");
    // Inside the repeat: left out, and the repeat is named.
    assert!(m.is_none());
    assert!(
        p.skipped
            .iter()
            .any(|s| s.value == "repeat_test" && s.reason.contains("repeat")),
        "{:?}",
        p.skipped
    );
    for gone in [
        "geopoint_test",
        "image_test",
        "audio_test",
        "video_test",
        "barcode_test",
        "calculate_test",
        "time_test",
    ] {
        assert!(i.question(gone).is_none(), "{gone}");
        assert!(
            p.skipped.iter().any(|s| s.reason.contains(gone)),
            "{gone} must be named: {:?}",
            p.skipped
        );
    }
    let name = i.question("my_name").unwrap();
    assert_eq!(name.kind, Kind::Text);
    // Group relevance reaches the questions inside.
    let (_, conds) = i
        .questions()
        .into_iter()
        .find(|(q, _)| q.name == "my_name")
        .unwrap();
    assert_eq!(conds.len(), 1);
    // Translations by language column.
    let address = i.question("address").unwrap();
    assert_eq!(address.label.get("chinese"), Some("您好"));
    assert_eq!(address.label.get("en"), Some("Enter an address"));
    assert_eq!(i.question("date_test").unwrap().kind, Kind::Date);
    assert_eq!(i.choices["yes_no"][0].label.get("chinese"), Some("是"));
}

#[test]
fn case_aliases_and_old_spellings() {
    let p = read_xlsform(&fixture("case_insensitivity.xlsx")).unwrap();
    assert_eq!(p.instrument.kode, "YesNo");
    assert_eq!(
        p.instrument.question("q1").unwrap().label.get("en"),
        Some("Are you good?")
    );
    // select_one_external and osm: named, not dropped silently.
    assert!(
        p.skipped.iter().any(|s| s.reason.contains("'q2'")),
        "{:?}",
        p.skipped
    );
    assert!(
        p.skipped.iter().any(|s| s.reason.contains("'q3'")),
        "{:?}",
        p.skipped
    );
    // Sheets monev does not read are noted.
    assert!(p.notes.iter().any(|n| n.sheet == "ENTITIES"));

    let p = read_xlsform(&fixture("yes_or_no_question.xlsx")).unwrap();
    let q = p.instrument.question("good_day").unwrap();
    assert_eq!(
        q.kind,
        Kind::SelectOne {
            list: "yes_or_no".into()
        }
    );
    assert_eq!(q.label.get("en"), Some("have you had a good day today?"));

    let p = read_xlsform(&fixture("specify_other.xlsx")).unwrap();
    assert!(p.instrument.question("sex_other").is_some());
    assert!(
        p.instrument.choices["sexes"]
            .iter()
            .any(|c| c.name == "other")
    );

    let p = read_xlsform(&fixture("group.xlsx")).unwrap();
    assert_eq!(
        p.instrument.question("phone_number").unwrap().kind,
        Kind::Text
    );
    assert_eq!(p.instrument.question("age").unwrap().kind, Kind::Integer);

    let p = read_xlsform(&fixture("choice_filter_test.xlsx")).unwrap();
    assert!(
        p.instrument
            .question("county")
            .unwrap()
            .choice_filter
            .is_some()
    );
    assert_eq!(
        p.instrument.choices["counties"].len(),
        4,
        "duplicates allowed by settings"
    );

    let p = read_xlsform(&fixture("text_and_integer.xlsx")).unwrap();
    assert_eq!(
        p.instrument.question("your_age").unwrap().required,
        Required::No
    );
}

#[test]
fn a_loop_is_named_and_a_bare_name_in_a_filter_is_explained() {
    let p = read_xlsform(&fixture("loop.xlsx")).unwrap();
    assert!(
        p.skipped.iter().any(|s| s.reason.contains("loop")),
        "{:?}",
        p.skipped
    );
    let errors = refused("or_other.xlsx");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("survey!D3") && e.contains("'yes'")),
        "{errors:?}"
    );
}
