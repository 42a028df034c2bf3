-- monev schema, version 24: the review of submissions (tinjauan). Every SKM
-- questionnaire and every ASN questionnaire answered through monev
-- (kiriman) is received, then approved, marked as having issues or
-- rejected, with the reviewer's comment (required for the last two), who
-- and when (Unix seconds). A rejected answer is kept and never counted;
-- answers not yet approved count unless the programme says otherwise
-- (program.hitung_belum_ditinjau = 0). Every change is in the audit log.
ALTER TABLE skm ADD COLUMN tinjauan TEXT NOT NULL DEFAULT 'diterima'
    CHECK (tinjauan IN ('diterima', 'disetujui', 'bermasalah', 'ditolak'));
ALTER TABLE skm ADD COLUMN tinjauan_catatan TEXT;
ALTER TABLE skm ADD COLUMN tinjauan_oleh TEXT;
ALTER TABLE skm ADD COLUMN tinjauan_waktu BIGINT;
ALTER TABLE kiriman ADD COLUMN tinjauan TEXT NOT NULL DEFAULT 'diterima'
    CHECK (tinjauan IN ('diterima', 'disetujui', 'bermasalah', 'ditolak'));
ALTER TABLE kiriman ADD COLUMN tinjauan_catatan TEXT;
ALTER TABLE kiriman ADD COLUMN tinjauan_oleh TEXT;
ALTER TABLE kiriman ADD COLUMN tinjauan_waktu BIGINT;
ALTER TABLE program ADD COLUMN hitung_belum_ditinjau INTEGER NOT NULL DEFAULT 1;
-- The grouped figures read the review state from the covering index too.
DROP INDEX skm_instansi_tanggal_unsur;
CREATE INDEX skm_instansi_tanggal_unsur
    ON skm (program_id, instansi, tanggal, u1, u2, u3, u4, u5, u6, u7, u8, u9, tinjauan);
-- An ASN questionnaire's unit, for reviewing by unit: the unit of the ASN
-- who answered (or was rated), as tokens.rs now records it.
UPDATE kiriman SET instansi = (SELECT a.instansi FROM alasan_nonpeserta a
    WHERE a.kiriman_id = kiriman.id LIMIT 1) WHERE instansi IS NULL;
UPDATE kiriman SET instansi = (SELECT s.instansi FROM reaksi r
    JOIN asn s ON s.program_id = r.program_id AND s.nip = r.nip
    WHERE r.kiriman_id = kiriman.id LIMIT 1) WHERE instansi IS NULL;
UPDATE kiriman SET instansi = (SELECT s.instansi FROM kinerja r
    JOIN asn s ON s.program_id = r.program_id AND s.nip = r.nip
    WHERE r.kiriman_id = kiriman.id LIMIT 1) WHERE instansi IS NULL;
