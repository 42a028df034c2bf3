//! REFI-QDA projects and codebooks (first byte chooses: a .qdpx archive, a
//! .qdc codebook, or the bytes as the project.qde of an archive): the
//! evidence or located errors, never a panic.
#![no_main]
use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let bawaan = monev_qda::Bawaan::default();
    match pick % 3 {
        0 => {
            let _ = monev_qda::read_project(body, &bawaan);
        }
        1 => {
            let _ = monev_qda::read_codebook(body);
        }
        _ => {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            if zip
                .start_file("project.qde", zip::write::SimpleFileOptions::default())
                .is_ok()
                && zip.write_all(body).is_ok()
                && let Ok(out) = zip.finish()
            {
                let _ = monev_qda::read_project(&out.into_inner(), &bawaan);
            }
        }
    }
});
