-- monev schema (PostgreSQL), version 5: SKM responses that arrive as survey submissions
-- (a public web form, a KoboToolbox or ODK Central export) carry the
-- submission's UUID, so a resubmission or a re-imported export is never a
-- duplicate, and their source. A package's skm.csv replaces only the rows
-- that came in packages (uuid NULL): submissions are never lost to it.
ALTER TABLE skm ADD COLUMN uuid TEXT;
ALTER TABLE skm ADD COLUMN sumber TEXT;
CREATE UNIQUE INDEX skm_uuid ON skm (program_id, uuid);
