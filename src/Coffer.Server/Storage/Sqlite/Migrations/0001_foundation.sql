-- The seal: one row, readable while sealed (type, shares, threshold); the keyring inside is encrypted.
CREATE TABLE seal_config (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    deployment_id    BLOB    NOT NULL,
    seal_type        TEXT    NOT NULL,
    secret_shares    INTEGER NOT NULL,
    secret_threshold INTEGER NOT NULL,
    sealed_keyring   BLOB    NOT NULL,
    wrapped_root_key BLOB,
    keyring_version  INTEGER NOT NULL,
    initialized_at   INTEGER NOT NULL
);

-- Tokens: only an HMAC verifier of the token is stored; the accessor names the token.
CREATE TABLE tokens (
    accessor         BLOB    PRIMARY KEY,
    verifier         BLOB    NOT NULL UNIQUE,
    parent           BLOB,
    entity_id        TEXT    NOT NULL,
    policies         TEXT    NOT NULL,
    sealed_details   BLOB    NOT NULL,
    bound_cidrs      TEXT    NOT NULL DEFAULT '',
    creation_time    INTEGER NOT NULL,
    renewal_time     INTEGER,
    expire_time      INTEGER,
    ttl_seconds      INTEGER NOT NULL,
    explicit_max_end INTEGER,
    renewable        INTEGER NOT NULL,
    num_uses         INTEGER NOT NULL
);
CREATE INDEX tokens_by_parent ON tokens (parent) WHERE parent IS NOT NULL;
CREATE INDEX tokens_by_expiry ON tokens (expire_time) WHERE expire_time IS NOT NULL;
CREATE INDEX tokens_by_entity ON tokens (entity_id);
