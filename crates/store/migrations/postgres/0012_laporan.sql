-- monev schema (PostgreSQL), version 12: what the report's cover and signature block say
-- (set per programme), and the evaluator's decisions on the generated
-- recommendations.
CREATE TABLE pengaturan_laporan (
    program_id BIGINT PRIMARY KEY REFERENCES program (id),
    -- Members of the evaluation team, one per line.
    tim TEXT,
    nomor_sk TEXT,
    tempat TEXT,
    tanggal TEXT,
    penandatangan_nama TEXT,
    penandatangan_jabatan TEXT,
    penandatangan_nip TEXT,
    logo BYTEA,
    logo_mime TEXT CHECK (logo_mime IN ('image/png', 'image/jpeg')),
    CHECK ((logo IS NULL) = (logo_mime IS NULL))
);

-- One decision per generated recommendation (by its rule's code): accepted,
-- accepted with the evaluator's wording, or rejected. `asal` is the generated
-- Indonesian text the evaluator saw, so a report can tell when the figures
-- have changed since.
CREATE TABLE keputusan_rekomendasi (
    program_id BIGINT NOT NULL REFERENCES program (id),
    kode TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('terima', 'ubah', 'tolak')),
    judul_id TEXT NOT NULL,
    judul_en TEXT NOT NULL,
    teks_id TEXT NOT NULL,
    teks_en TEXT NOT NULL,
    asal TEXT NOT NULL,
    oleh TEXT NOT NULL,
    waktu BIGINT NOT NULL,
    PRIMARY KEY (program_id, kode)
);
