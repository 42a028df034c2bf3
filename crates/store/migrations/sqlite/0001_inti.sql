-- monev schema, version 1: programmes and their evidence.
-- Portable types only (INTEGER, REAL, TEXT): dates are 'YYYY-MM-DD' text,
-- timestamps are seconds of local wall-clock time since 1970-01-01 00:00.
-- Everything belongs to one programme; codes are unique within it.

CREATE TABLE program (
    id INTEGER PRIMARY KEY,
    kode TEXT NOT NULL UNIQUE,
    nama TEXT NOT NULL,
    wilayah TEXT NOT NULL,
    mulai TEXT NOT NULL,
    selesai TEXT NOT NULL,
    tanggal_intervensi TEXT NOT NULL,
    pagu_anggaran REAL NOT NULL,
    target_partisipasi_persen REAL,
    evaluator TEXT,
    import_seq INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE instansi (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    nama TEXT NOT NULL,
    jenis TEXT NOT NULL,
    kelompok TEXT NOT NULL CHECK (kelompok IN ('intervensi', 'pembanding')),
    import_seq INTEGER NOT NULL,
    PRIMARY KEY (program_id, kode)
);

CREATE TABLE asn (
    program_id INTEGER NOT NULL,
    nip TEXT NOT NULL CHECK (length(nip) = 18),
    nama TEXT NOT NULL,
    instansi TEXT NOT NULL,
    jabatan TEXT NOT NULL,
    golongan TEXT NOT NULL,
    pendidikan TEXT NOT NULL,
    jenis_kelamin TEXT NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    import_seq INTEGER NOT NULL,
    PRIMARY KEY (program_id, nip),
    FOREIGN KEY (program_id, instansi) REFERENCES instansi (program_id, kode)
);
CREATE INDEX asn_instansi ON asn (program_id, instansi);

CREATE TABLE pelatihan (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    nama TEXT NOT NULL,
    bidang TEXT NOT NULL,
    jp REAL NOT NULL,
    biaya_per_peserta REAL NOT NULL,
    import_seq INTEGER NOT NULL,
    PRIMARY KEY (program_id, kode)
);

CREATE TABLE peserta (
    program_id INTEGER NOT NULL,
    nip TEXT NOT NULL,
    pelatihan TEXT NOT NULL,
    tanggal_mulai TEXT,
    tanggal_selesai TEXT,
    kehadiran_persen REAL,
    pre_test REAL,
    post_test REAL,
    PRIMARY KEY (program_id, nip, pelatihan),
    FOREIGN KEY (program_id, nip) REFERENCES asn (program_id, nip),
    FOREIGN KEY (program_id, pelatihan) REFERENCES pelatihan (program_id, kode)
);
CREATE INDEX peserta_pelatihan ON peserta (program_id, pelatihan);

CREATE TABLE skm (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL,
    instansi TEXT NOT NULL,
    tanggal TEXT NOT NULL,
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4),
    u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4),
    u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4),
    u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4),
    u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
    jenis_kelamin TEXT,
    usia INTEGER,
    pendidikan TEXT,
    pekerjaan TEXT,
    jenis_layanan TEXT,
    FOREIGN KEY (program_id, instansi) REFERENCES instansi (program_id, kode)
);
CREATE INDEX skm_instansi_tanggal ON skm (program_id, instansi, tanggal);

CREATE TABLE layanan (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL,
    instansi TEXT NOT NULL,
    jenis_layanan TEXT NOT NULL,
    waktu_datang INTEGER NOT NULL,
    waktu_dipanggil INTEGER NOT NULL,
    waktu_selesai INTEGER,
    FOREIGN KEY (program_id, instansi) REFERENCES instansi (program_id, kode)
);
CREATE INDEX layanan_instansi_datang ON layanan (program_id, instansi, waktu_datang);

CREATE TABLE anggaran (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kegiatan TEXT NOT NULL,
    pagu REAL NOT NULL,
    realisasi REAL NOT NULL
);

CREATE TABLE indikator (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    kode TEXT NOT NULL,
    nama TEXT NOT NULL,
    ukuran TEXT NOT NULL,
    baseline REAL NOT NULL,
    target REAL NOT NULL,
    arah TEXT NOT NULL CHECK (arah IN ('naik', 'turun')),
    realisasi REAL,
    PRIMARY KEY (program_id, kode)
);

-- One row per successful import: what came in, from where, and when.
CREATE TABLE import_log (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    sumber TEXT NOT NULL,
    ringkasan TEXT NOT NULL,
    waktu TEXT NOT NULL
);
