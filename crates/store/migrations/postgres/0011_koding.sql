-- monev schema (PostgreSQL), version 11: documents are coded like transcripts. A coded
-- segment is cut from exactly one interview or one document; coders'
-- answers to assisted-coding suggestions are kept (acceptance rate per code
-- and coder); the keyword lexicon may be edited per programme.
-- PostgreSQL alters the table in place (SQLite has to rebuild it).
ALTER TABLE kutipan_kode ALTER COLUMN wawancara DROP NOT NULL;
ALTER TABLE kutipan_kode ADD COLUMN dokumen TEXT;
ALTER TABLE kutipan_kode ADD CHECK (selesai > mulai);
ALTER TABLE kutipan_kode ADD CHECK ((wawancara IS NULL) <> (dokumen IS NULL));
ALTER TABLE kutipan_kode ADD FOREIGN KEY (program_id, dokumen) REFERENCES dokumen (program_id, kode);
CREATE INDEX kutipan_kode_wawancara ON kutipan_kode (program_id, wawancara);
CREATE INDEX kutipan_kode_dokumen ON kutipan_kode (program_id, dokumen);

-- One coder's answer to one suggestion: the sentence (span), the code, the
-- words that triggered it, accepted or not. Kept when the coder changes
-- their mind (the latest answer counts).
CREATE TABLE saran_kode (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    sumber TEXT NOT NULL CHECK (sumber IN ('wawancara', 'dokumen')),
    sumber_kode TEXT NOT NULL,
    mulai BIGINT NOT NULL,
    selesai BIGINT NOT NULL,
    kode TEXT NOT NULL,
    pengkode TEXT NOT NULL,
    pemicu TEXT NOT NULL,
    diterima BIGINT NOT NULL,
    dijawab TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
    PRIMARY KEY (program_id, sumber, sumber_kode, mulai, kode, pengkode)
);

-- The programme's own lexicon: keywords (roots are matched) per code. No
-- row for a programme: the built-in lexicon.
CREATE TABLE leksikon (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    kata TEXT NOT NULL,
    PRIMARY KEY (program_id, kode, kata)
);
