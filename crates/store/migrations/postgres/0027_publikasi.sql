-- monev schema (PostgreSQL), version 27: the public SKM results page. A unit
-- publishes a period's figures when it chooses, and only a version the kota
-- approved (publikasi_skm keeps which); its follow-up actions (rencana
-- tindak lanjut) are published beside them.
CREATE TABLE publikasi_skm (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    instansi TEXT NOT NULL,
    periode TEXT NOT NULL,
    versi BIGINT NOT NULL,
    diterbitkan_oleh TEXT NOT NULL,
    diterbitkan_waktu BIGINT NOT NULL,
    PRIMARY KEY (program_id, instansi, periode)
);
CREATE TABLE tindak_lanjut (
    program_id BIGINT NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    instansi TEXT NOT NULL,
    periode TEXT NOT NULL,
    teks TEXT NOT NULL,
    diubah_oleh TEXT NOT NULL,
    diubah_waktu BIGINT NOT NULL,
    PRIMARY KEY (program_id, instansi, periode)
);
