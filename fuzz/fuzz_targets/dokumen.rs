//! Uploaded documents and transcripts (.txt, .docx, .pdf; first byte
//! chooses): the text or a clear error, never a panic that escapes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // monev_dokumen contains pdf-extract's panics with catch_unwind (a
        // broken PDF is an error, not a crash). libFuzzer's hook would abort
        // on them even so; a panic that escapes `extract` still aborts, in
        // libfuzzer-sys's own catch_unwind around this target.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let Some((&pick, body)) = data.split_first() else {
            return;
        };
        let name = ["catatan.txt", "notulen.docx", "laporan.pdf"][pick as usize % 3];
        let _ = monev_dokumen::extract(name, body);
    }
);
