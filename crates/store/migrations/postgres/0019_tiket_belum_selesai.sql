-- monev schema, version 19: tickets never marked finished, per instansi and
-- phase, counted from a small partial index (`Store::unfinished_tickets`)
-- instead of reading the whole table for one column (`waktu_selesai` is in
-- it so that SQLite sees the index as covering).
CREATE INDEX layanan_belum_selesai
    ON layanan (program_id, instansi, waktu_datang, waktu_selesai) WHERE waktu_selesai IS NULL;
