-- monev schema (PostgreSQL), version 13: what several servers on one database must share.
-- An upload checked on one server is saved on whichever server the next
-- request reaches, so it is kept here, bound to the account that sent it;
-- the public forms' per-address allowance is counted here too.
CREATE TABLE unggahan (
    id TEXT PRIMARY KEY,
    jenis TEXT NOT NULL,
    pengguna_id BIGINT NOT NULL REFERENCES pengguna (id) ON DELETE CASCADE,
    ext TEXT NOT NULL,
    isi BYTEA NOT NULL,
    dibuat BIGINT NOT NULL
);
CREATE INDEX unggahan_dibuat ON unggahan (dibuat);

CREATE TABLE batas_kiriman (
    alamat TEXT NOT NULL,
    jendela BIGINT NOT NULL,
    jumlah BIGINT NOT NULL,
    PRIMARY KEY (alamat, jendela)
);
CREATE INDEX batas_kiriman_jendela ON batas_kiriman (jendela);
