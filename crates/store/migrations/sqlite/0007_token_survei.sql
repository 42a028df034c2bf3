-- monev schema, version 7: ASN surveys by one-time token.
-- A token (only its SHA-256 is kept) lets one ASN answer one questionnaire
-- once: the reaction to a module (reaksi), a rating of a colleague's work
-- behaviour (kinerja, by atasan or rekan), or why they did not take part
-- (nonpeserta). Every answered questionnaire is a `kiriman` with the form's
-- UUID, so a resubmission adds nothing; its rows in reaksi and kinerja point
-- back at it and a package re-import leaves them alone.
CREATE TABLE token_survei (
    token_hash TEXT PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    instrumen TEXT NOT NULL CHECK (instrumen IN ('reaksi', 'kinerja', 'nonpeserta')),
    -- The respondent (reaksi, nonpeserta) or the ASN rated (kinerja).
    nip TEXT NOT NULL,
    pelatihan TEXT,
    penilai TEXT CHECK (penilai IS NULL OR penilai IN ('atasan', 'rekan', 'diri')),
    dibuat TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    dipakai TEXT,
    dipakai_uuid TEXT
);
CREATE INDEX token_survei_program ON token_survei (program_id, instrumen);

CREATE TABLE kiriman (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    uuid TEXT NOT NULL,
    instrumen TEXT NOT NULL,
    waktu TEXT NOT NULL,
    UNIQUE (program_id, uuid)
);

ALTER TABLE reaksi ADD COLUMN kiriman_id INTEGER REFERENCES kiriman (id);
ALTER TABLE kinerja ADD COLUMN kiriman_id INTEGER REFERENCES kiriman (id);

-- Why ASN did not take part: kept by unit, never by person.
CREATE TABLE alasan_nonpeserta (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kiriman_id INTEGER NOT NULL REFERENCES kiriman (id),
    instansi TEXT NOT NULL,
    alasan TEXT NOT NULL,
    alasan_lain TEXT,
    minat TEXT
);
