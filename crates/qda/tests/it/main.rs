//! REFI-QDA exchange, against the standard's schema and by its letter.

mod letter;
mod roundtrip;
mod xsd;

use std::io::{Cursor, Write};

/// A `.qdpx` of these entries (path, bytes).
pub fn qdpx(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The entry of a `.qdpx`.
pub fn entry(qdpx: &[u8], name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(Cursor::new(qdpx)).unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut z.by_name(name).unwrap(), &mut out).unwrap();
    out
}
