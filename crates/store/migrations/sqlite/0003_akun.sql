-- monev schema, version 3: accounts, sessions, login throttling and the audit log.
-- Sessions and throttling live in the database so that several server
-- processes can share them.

CREATE TABLE pengguna (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    nama TEXT NOT NULL,
    peran TEXT NOT NULL CHECK (peran IN ('admin', 'evaluator', 'operator', 'enumerator', 'pimpinan')),
    -- An operator belongs to one instansi (of any programme with that code).
    instansi TEXT,
    password_hash TEXT NOT NULL,
    aktif INTEGER NOT NULL DEFAULT 1,
    dibuat TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (peran <> 'operator' OR instansi IS NOT NULL)
);

-- The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sesi (
    token_hash TEXT PRIMARY KEY,
    pengguna_id INTEGER NOT NULL REFERENCES pengguna (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    dibuat INTEGER NOT NULL,
    terakhir INTEGER NOT NULL
);
CREATE INDEX sesi_pengguna ON sesi (pengguna_id);

-- Failed logins per key (an account or an address) within a window.
CREATE TABLE gagal_masuk (
    kunci TEXT NOT NULL,
    waktu INTEGER NOT NULL
);
CREATE INDEX gagal_masuk_kunci ON gagal_masuk (kunci, waktu);

-- Who did what, when, with the values before and after. No route updates
-- or deletes these rows.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    waktu TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    pengguna_id INTEGER,
    username TEXT NOT NULL,
    aksi TEXT NOT NULL,
    objek TEXT NOT NULL,
    sebelum TEXT,
    sesudah TEXT
);
