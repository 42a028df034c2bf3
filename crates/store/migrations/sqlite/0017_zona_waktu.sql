-- A programme's time zone (WIB, WITA, WIT): its local dates (form answers,
-- exports, the audit log as shown) are in it; times stay stored in UTC.
-- Programmes held before this migration are in WITA, as monev dated them.
ALTER TABLE program ADD COLUMN zona_waktu TEXT NOT NULL DEFAULT 'WITA';
