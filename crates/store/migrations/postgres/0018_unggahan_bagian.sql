-- Uploads kept in parts of at most 1 MiB, read and written one part at a
-- time, so a 200 MB package never sits whole in a server's memory.
-- `unggahan.isi` stays for uploads kept before this version.
CREATE TABLE unggahan_bagian (
    id TEXT NOT NULL REFERENCES unggahan (id) ON DELETE CASCADE,
    urutan BIGINT NOT NULL,
    isi BYTEA NOT NULL,
    PRIMARY KEY (id, urutan)
);
