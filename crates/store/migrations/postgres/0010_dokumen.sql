-- monev schema (PostgreSQL), version 10: documents analysed (reports, SK, budget papers,
-- minutes) with their extracted text; scans without a text layer are refused
-- before they get here.
CREATE TABLE dokumen (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    judul TEXT NOT NULL,
    jenis TEXT NOT NULL CHECK (jenis IN ('laporan', 'sk', 'anggaran', 'notulen', 'lainnya')),
    berkas TEXT NOT NULL,
    halaman BIGINT NOT NULL,
    halaman_tanpa_teks TEXT NOT NULL,
    teks TEXT NOT NULL,
    dibuat TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
    PRIMARY KEY (program_id, kode)
);
