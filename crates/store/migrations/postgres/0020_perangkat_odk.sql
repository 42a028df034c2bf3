-- monev schema, version 20: collecting offline with ODK Collect and
-- KoboCollect (OpenRosa). A device signs in with its own password, made by
-- monev and shown once, never the account's: the server keeps only its
-- HTTP Digest hash (MD5 of username:realm:password, which Digest needs;
-- the password is random, so the hash cannot be guessed back). A Digest
-- nonce is issued by one server and checked by any: it lives here, with
-- the last request count a client used with it, so a replayed request is
-- refused.
ALTER TABLE pengguna ADD COLUMN perangkat_ha1 TEXT;
CREATE TABLE odk_nonce (
    nonce TEXT PRIMARY KEY,
    dibuat BIGINT NOT NULL,
    nc BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX odk_nonce_dibuat ON odk_nonce (dibuat);
