-- monev schema (PostgreSQL), version 23: the evaluator's decisions on masks in quotes.
-- A word or phrase is always masked as a name (`samarkan`) or never masked
-- as one (`biarkan`); one decision per phrase (compared ignoring case).
CREATE TABLE keputusan_samaran (
    program_id BIGINT NOT NULL REFERENCES program (id),
    teks TEXT NOT NULL,
    tindakan TEXT NOT NULL CHECK (tindakan IN ('samarkan', 'biarkan')),
    oleh TEXT NOT NULL,
    waktu BIGINT NOT NULL,
    PRIMARY KEY (program_id, teks)
);
