-- monev schema, version 2: reaction (Kirkpatrick level 1) and performance
-- ratings (level 3).

CREATE TABLE kinerja (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL,
    nip TEXT NOT NULL,
    tanggal TEXT NOT NULL,
    penilai TEXT NOT NULL CHECK (penilai IN ('atasan', 'rekan', 'diri')),
    aspek TEXT NOT NULL,
    skor INTEGER NOT NULL CHECK (skor BETWEEN 1 AND 5),
    FOREIGN KEY (program_id, nip) REFERENCES asn (program_id, nip)
);
CREATE INDEX kinerja_aspek ON kinerja (program_id, aspek);

CREATE TABLE reaksi_item (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    nama TEXT NOT NULL,
    aspek TEXT NOT NULL CHECK (aspek IN ('relevansi', 'materi', 'narasumber', 'fasilitas', 'lainnya')),
    PRIMARY KEY (program_id, kode)
);

-- Long form: one row per answered item; `responden` numbers the questionnaires.
CREATE TABLE reaksi (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL,
    responden INTEGER NOT NULL,
    nip TEXT NOT NULL,
    pelatihan TEXT NOT NULL,
    tanggal TEXT,
    item TEXT NOT NULL,
    skor INTEGER NOT NULL CHECK (skor BETWEEN 1 AND 5),
    FOREIGN KEY (program_id, nip) REFERENCES asn (program_id, nip),
    FOREIGN KEY (program_id, pelatihan) REFERENCES pelatihan (program_id, kode)
);
CREATE INDEX reaksi_pelatihan ON reaksi (program_id, pelatihan);
