//! A KoboToolbox/ODK export (CSV, either delimiter, either decimal mark)
//! read against the built-in SKM questionnaire.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

mod common;

fuzz_target!(|data: &[u8]| {
    static SKM: OnceLock<monev_survey::Instrument> = OnceLock::new();
    let skm = SKM.get_or_init(monev_survey::builtin::skm);
    let path = common::scratch().join("ekspor.csv");
    std::fs::write(&path, data).expect("write");
    let _ = monev_ingest::read_export(&path, skm, "2026-11-29");
});
