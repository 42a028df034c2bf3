//! A CSV package where one table (chosen by the first byte) is the fuzzer's
//! and the others are the reference package's: every table's parser and
//! the cross-table checks must answer Ok or located errors, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

const TABLES: &[(&str, &str)] = &[
    (
        "program.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/program.csv"),
    ),
    (
        "instansi.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/instansi.csv"),
    ),
    (
        "asn.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/asn.csv"),
    ),
    (
        "pelatihan.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/pelatihan.csv"),
    ),
    (
        "peserta.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/peserta.csv"),
    ),
    (
        "skm.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/skm.csv"),
    ),
    (
        "layanan.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/layanan.csv"),
    ),
    (
        "anggaran.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/anggaran.csv"),
    ),
    (
        "indikator.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/indikator.csv"),
    ),
    (
        "kinerja.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/kinerja.csv"),
    ),
    (
        "reaksi.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/reaksi.csv"),
    ),
    (
        "reaksi_item.csv",
        include_str!("../../crates/cli/tests/fixtures/paket-koma/reaksi_item.csv"),
    ),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let dir = common::scratch().join("paket");
    let _ = std::fs::create_dir_all(&dir);
    let chosen = pick as usize % TABLES.len();
    for (i, (name, text)) in TABLES.iter().enumerate() {
        let bytes = if i == chosen { body } else { text.as_bytes() };
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    let _ = monev_ingest::read_all(&dir);
});
