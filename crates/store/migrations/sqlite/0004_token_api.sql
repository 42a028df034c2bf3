-- monev schema, version 4: API tokens for integrations. As with sessions,
-- only the SHA-256 of a token is kept.
CREATE TABLE token_api (
    token_hash TEXT PRIMARY KEY,
    pengguna_id INTEGER NOT NULL REFERENCES pengguna (id) ON DELETE CASCADE,
    nama TEXT NOT NULL,
    dibuat TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
