-- monev schema, version 15: the audit log chained by hashes. Each entry
-- keeps the previous entry's hash and its own, SHA-256 over that previous
-- hash and its fields (`store/src/accounts.rs`, `audit_hash`), so an entry
-- edited, removed or slipped in is found by `monev audit verify`. Entries
-- written before this version carry no hash and are reported as such.
ALTER TABLE audit ADD COLUMN hash_sebelumnya TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
