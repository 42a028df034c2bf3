-- monev schema, version 8: instruments held by a programme (imported from
-- XLSForm or copied from a built-in and edited), each version kept; and
-- the answers of forms that feed no table of their own, as JSON.
CREATE TABLE instrumen (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    versi INTEGER NOT NULL,
    judul TEXT NOT NULL,
    sumber TEXT NOT NULL,
    definisi TEXT NOT NULL,
    dibuat TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    dibuat_oleh INTEGER REFERENCES pengguna (id),
    UNIQUE (program_id, kode, versi)
);

ALTER TABLE kiriman ADD COLUMN instansi TEXT;
ALTER TABLE kiriman ADD COLUMN versi INTEGER;
ALTER TABLE kiriman ADD COLUMN jawaban TEXT;
