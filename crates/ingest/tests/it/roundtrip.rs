//! Export → import gives the same data: any demo programme (any seed),
//! written as a package in either spelling (`,` with decimal points, `;`
//! with decimal commas as Indonesian Excel writes), reads back equal, row
//! for row and value for value.

use monev_ingest::{Delimiter, read_all, write_package};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn a_written_package_reads_back_the_same(seed in any::<u64>(), semicolon in any::<bool>()) {
        let data = monev_demo::generate(seed);
        let dir = tempfile::tempdir().unwrap();
        let delimiter = if semicolon { Delimiter::Semicolon } else { Delimiter::Comma };
        write_package(&data, dir.path(), delimiter).unwrap();
        let back = read_all(dir.path()).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        prop_assert_eq!(&back.asn, &data.asn);
        prop_assert_eq!(&back.peserta, &data.peserta);
        prop_assert_eq!(&back.skm, &data.skm);
        prop_assert_eq!(&back.layanan, &data.layanan);
        prop_assert_eq!(&back.kinerja, &data.kinerja);
        prop_assert_eq!(&back.reaksi, &data.reaksi);
        prop_assert_eq!(&back.anggaran, &data.anggaran);
        prop_assert_eq!(back, data);
    }
}
