-- monev schema, version 10: documents analysed (reports, SK, budget papers,
-- minutes) with their extracted text; scans without a text layer are refused
-- before they get here.
CREATE TABLE dokumen (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    judul TEXT NOT NULL,
    jenis TEXT NOT NULL CHECK (jenis IN ('laporan', 'sk', 'anggaran', 'notulen', 'lainnya')),
    berkas TEXT NOT NULL,
    halaman INTEGER NOT NULL,
    halaman_tanpa_teks TEXT NOT NULL,
    teks TEXT NOT NULL,
    dibuat TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (program_id, kode)
);
