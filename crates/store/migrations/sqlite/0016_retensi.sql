-- Retention (`monev retensi`, `serve --retensi-hari`): when a questionnaire's
-- free text was last emptied. A purge reads only answers not yet purged, so
-- a daily run costs what arrived since the day before, not the whole history.
ALTER TABLE kiriman ADD COLUMN teks_diretensi TEXT;
