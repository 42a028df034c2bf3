-- monev schema, version 22: regions above the unit. Regions are shared by
-- every programme (a province's kecamatan are the same whichever
-- programme runs there): provinsi, kabupaten_kota, kecamatan, each with
-- the region it belongs to. An instansi names the region it stands in; an
-- account may be limited to one region and what lies under it.
CREATE TABLE wilayah (
    kode TEXT PRIMARY KEY,
    nama TEXT NOT NULL,
    tingkat TEXT NOT NULL CHECK (tingkat IN ('provinsi', 'kabupaten_kota', 'kecamatan')),
    induk TEXT REFERENCES wilayah (kode)
);
ALTER TABLE instansi ADD COLUMN wilayah TEXT REFERENCES wilayah (kode);
ALTER TABLE pengguna ADD COLUMN wilayah TEXT REFERENCES wilayah (kode);
