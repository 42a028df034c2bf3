-- monev schema (PostgreSQL), version 4: API tokens for integrations. As with sessions,
-- only the SHA-256 of a token is kept.
CREATE TABLE token_api (
    token_hash TEXT PRIMARY KEY,
    pengguna_id BIGINT NOT NULL REFERENCES pengguna (id) ON DELETE CASCADE,
    nama TEXT NOT NULL,
    dibuat TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
);
