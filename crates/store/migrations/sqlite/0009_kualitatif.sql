-- monev schema, version 9: qualitative evidence. Interviews with their
-- transcripts (only with the respondent's consent), the codebook, and coded
-- segments as character spans of a transcript, one row per coder and code.
CREATE TABLE wawancara (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    tanggal TEXT NOT NULL,
    pewawancara TEXT NOT NULL,
    kelompok TEXT NOT NULL CHECK (kelompok IN ('asn_peserta', 'asn_nonpeserta', 'atasan', 'masyarakat')),
    instansi TEXT NOT NULL,
    persetujuan INTEGER NOT NULL,
    transkrip TEXT NOT NULL,
    PRIMARY KEY (program_id, kode),
    FOREIGN KEY (program_id, instansi) REFERENCES instansi (program_id, kode)
);

CREATE TABLE buku_kode (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    nama TEXT NOT NULL,
    definisi TEXT NOT NULL,
    PRIMARY KEY (program_id, kode)
);

CREATE TABLE kutipan_kode (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL,
    wawancara TEXT NOT NULL,
    mulai INTEGER NOT NULL,
    selesai INTEGER NOT NULL,
    kode TEXT NOT NULL,
    pengkode TEXT NOT NULL,
    memo TEXT,
    FOREIGN KEY (program_id, wawancara) REFERENCES wawancara (program_id, kode)
);
CREATE INDEX kutipan_kode_kode ON kutipan_kode (program_id, kode);
