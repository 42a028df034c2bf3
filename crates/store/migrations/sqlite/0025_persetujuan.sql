-- monev schema, version 25: the approval of a unit's figures for a
-- period. The unit submits them (diajukan), the kecamatan approves
-- (disetujui_kecamatan), then the kota (disetujui_kota); either may send
-- them back with a comment (dikembalikan). Each version keeps the figures
-- as submitted (JSON) and their SHA-256, frozen: a change is a new version
-- with its reason. Who and when at each step; every step is in the audit
-- log too.
CREATE TABLE persetujuan (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    instansi TEXT NOT NULL,
    periode TEXT NOT NULL,
    versi INTEGER NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('diajukan', 'disetujui_kecamatan', 'disetujui_kota', 'dikembalikan')),
    angka TEXT NOT NULL,
    sidik TEXT NOT NULL,
    alasan TEXT,
    diajukan_oleh TEXT NOT NULL,
    diajukan_pengguna INTEGER,
    diajukan_waktu INTEGER NOT NULL,
    kecamatan_oleh TEXT,
    kecamatan_pengguna INTEGER,
    kecamatan_waktu INTEGER,
    kota_oleh TEXT,
    kota_pengguna INTEGER,
    kota_waktu INTEGER,
    catatan TEXT,
    UNIQUE (program_id, instansi, periode, versi)
);
