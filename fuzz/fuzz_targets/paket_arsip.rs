//! A package uploaded as one file: a .zip of CSV files or an .xlsx workbook
//! (first byte chooses). Zip bombs, XML entities and broken archives must
//! end in an error, never a panic or an unbounded allocation.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let name = if pick % 2 == 0 {
        "paket.zip"
    } else {
        "paket.xlsx"
    };
    let path = common::scratch().join(name);
    std::fs::write(&path, body).expect("write");
    let _ = monev_ingest::read_all(&path);
});
