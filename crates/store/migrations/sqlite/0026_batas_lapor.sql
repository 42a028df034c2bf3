-- monev schema, version 26: the days after a period's end its figures
-- are due (completeness and timeliness, eval::kelengkapan); NULL: ten.
ALTER TABLE program ADD COLUMN batas_lapor_hari INTEGER;
