-- monev schema, version 13: what several servers on one database must share.
-- An upload checked on one server is saved on whichever server the next
-- request reaches, so it is kept here, bound to the account that sent it;
-- the public forms' per-address allowance is counted here too.
CREATE TABLE unggahan (
    id TEXT PRIMARY KEY,
    jenis TEXT NOT NULL,
    pengguna_id INTEGER NOT NULL REFERENCES pengguna (id) ON DELETE CASCADE,
    ext TEXT NOT NULL,
    isi BLOB NOT NULL,
    dibuat INTEGER NOT NULL
);
CREATE INDEX unggahan_dibuat ON unggahan (dibuat);

CREATE TABLE batas_kiriman (
    alamat TEXT NOT NULL,
    jendela INTEGER NOT NULL,
    jumlah INTEGER NOT NULL,
    PRIMARY KEY (alamat, jendela)
);
CREATE INDEX batas_kiriman_jendela ON batas_kiriman (jendela);
