//! An uploaded XLSForm (.xlsx): the workbook reader and the XLSForm parser
//! (types, choices, relevance and constraint expressions).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let path = common::scratch().join("formulir.xlsx");
    std::fs::write(&path, data).expect("write");
    if let Ok(parsed) = monev_ingest::read_xlsform(&path) {
        // What parses writes back out and parses to the same questions.
        let sheets = monev_survey::xlsform::to_sheets(&parsed.instrument);
        let again = monev_survey::xlsform::parse(&sheets, "f")
            .unwrap_or_else(|e| panic!("a parsed form's own sheets refused: {e:?}"));
        assert_eq!(
            again.instrument.questions().len(),
            parsed.instrument.questions().len()
        );
    }
});
