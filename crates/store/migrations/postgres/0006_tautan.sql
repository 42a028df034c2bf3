-- monev schema (PostgreSQL), version 6: public form links. Each instrument × instansi of
-- a programme gets a short code (/f/{kode}) printed as a QR code at the
-- counter. A link whose instansi has left the roster simply stops working.
CREATE TABLE tautan_formulir (
    kode TEXT PRIMARY KEY,
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    instrumen TEXT NOT NULL,
    instansi TEXT NOT NULL,
    aktif BIGINT NOT NULL DEFAULT 1,
    dibuat TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
    UNIQUE (program_id, instrumen, instansi)
);
