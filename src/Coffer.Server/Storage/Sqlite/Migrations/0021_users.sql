-- Userpass users. The password hash (Argon2id) is also encrypted by the keyring.
CREATE TABLE users (
    name              TEXT    PRIMARY KEY,
    entity_id         TEXT    NOT NULL UNIQUE,
    sealed_password   BLOB    NOT NULL,
    policies          TEXT    NOT NULL,
    token_ttl         INTEGER,
    token_max_ttl     INTEGER,
    token_bound_cidrs TEXT    NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
