-- monev schema, version 14: the grouped figures (`store/src/aggregate.rs`)
-- read only these indexes, never the tables: each holds every column its
-- query needs (an index-only scan). They replace the narrower indexes with
-- the same leading columns, so every query that used those uses these.
DROP INDEX layanan_instansi_datang;
CREATE INDEX layanan_instansi_datang_dipanggil
    ON layanan (program_id, instansi, waktu_datang, waktu_dipanggil);
DROP INDEX skm_instansi_tanggal;
CREATE INDEX skm_instansi_tanggal_unsur
    ON skm (program_id, instansi, tanggal, u1, u2, u3, u4, u5, u6, u7, u8, u9);
