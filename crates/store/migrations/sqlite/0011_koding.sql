-- monev schema, version 11: documents are coded like transcripts. A coded
-- segment is cut from exactly one interview or one document; coders'
-- answers to assisted-coding suggestions are kept (acceptance rate per code
-- and coder); the keyword lexicon may be edited per programme.
CREATE TABLE kutipan_kode_11 (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL,
    wawancara TEXT,
    dokumen TEXT,
    mulai INTEGER NOT NULL,
    selesai INTEGER NOT NULL CHECK (selesai > mulai),
    kode TEXT NOT NULL,
    pengkode TEXT NOT NULL,
    memo TEXT,
    CHECK ((wawancara IS NULL) <> (dokumen IS NULL)),
    FOREIGN KEY (program_id, wawancara) REFERENCES wawancara (program_id, kode),
    FOREIGN KEY (program_id, dokumen) REFERENCES dokumen (program_id, kode)
);
INSERT INTO kutipan_kode_11 (id, program_id, wawancara, mulai, selesai, kode, pengkode, memo)
    SELECT id, program_id, wawancara, mulai, selesai, kode, pengkode, memo FROM kutipan_kode;
DROP TABLE kutipan_kode;
ALTER TABLE kutipan_kode_11 RENAME TO kutipan_kode;
CREATE INDEX kutipan_kode_kode ON kutipan_kode (program_id, kode);
CREATE INDEX kutipan_kode_wawancara ON kutipan_kode (program_id, wawancara);
CREATE INDEX kutipan_kode_dokumen ON kutipan_kode (program_id, dokumen);

-- One coder's answer to one suggestion: the sentence (span), the code, the
-- words that triggered it, accepted or not. Kept when the coder changes
-- their mind (the latest answer counts).
CREATE TABLE saran_kode (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    sumber TEXT NOT NULL CHECK (sumber IN ('wawancara', 'dokumen')),
    sumber_kode TEXT NOT NULL,
    mulai INTEGER NOT NULL,
    selesai INTEGER NOT NULL,
    kode TEXT NOT NULL,
    pengkode TEXT NOT NULL,
    pemicu TEXT NOT NULL,
    diterima INTEGER NOT NULL,
    dijawab TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (program_id, sumber, sumber_kode, mulai, kode, pengkode)
);

-- The programme's own lexicon: keywords (roots are matched) per code. No
-- row for a programme: the built-in lexicon.
CREATE TABLE leksikon (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    kata TEXT NOT NULL,
    PRIMARY KEY (program_id, kode, kata)
);
