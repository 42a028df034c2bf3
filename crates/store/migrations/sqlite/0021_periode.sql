-- monev schema, version 21: monitoring by reporting period. A programme
-- reports by bulan, triwulan (the default) or semester; indicators carry a
-- target and a realisation per period, budget lines a plan and a
-- realisation of money and of physical progress per period (cumulative to
-- the period's end), each for the programme (instansi '') or one unit.
-- The rows name their indicator and budget line by code and name, checked
-- when the package is read: no foreign key to indikator or anggaran, whose
-- rows a package re-import replaces (a cascade would drop these with them).
ALTER TABLE program ADD COLUMN periode TEXT NOT NULL DEFAULT 'triwulan'
    CHECK (periode IN ('bulan', 'triwulan', 'semester'));
CREATE TABLE indikator_periode (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    indikator TEXT NOT NULL,
    periode TEXT NOT NULL,
    instansi TEXT NOT NULL DEFAULT '',
    target REAL NOT NULL,
    realisasi REAL,
    PRIMARY KEY (program_id, indikator, periode, instansi)
);
CREATE TABLE anggaran_periode (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kegiatan TEXT NOT NULL,
    periode TEXT NOT NULL,
    instansi TEXT NOT NULL DEFAULT '',
    rencana_keuangan REAL NOT NULL,
    realisasi_keuangan REAL,
    rencana_fisik_persen REAL NOT NULL,
    realisasi_fisik_persen REAL,
    PRIMARY KEY (program_id, kegiatan, periode, instansi)
);
