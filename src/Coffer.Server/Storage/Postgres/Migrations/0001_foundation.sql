-- The seal: one row, readable while sealed (type, shares, threshold); the keyring inside is encrypted.
CREATE TABLE seal_config (
    id               integer PRIMARY KEY CHECK (id = 1),
    deployment_id    uuid    NOT NULL,
    seal_type        text    NOT NULL,
    secret_shares    integer NOT NULL,
    secret_threshold integer NOT NULL,
    sealed_keyring   bytea   NOT NULL,
    wrapped_root_key bytea,
    keyring_version  bigint  NOT NULL,
    initialized_at   bigint  NOT NULL
);

-- Tokens: only an HMAC verifier of the token is stored; the accessor names the token.
CREATE TABLE tokens (
    accessor         uuid    PRIMARY KEY,
    verifier         bytea   NOT NULL UNIQUE,
    parent           uuid,
    entity_id        text    NOT NULL,
    policies         text    NOT NULL,
    sealed_details   bytea   NOT NULL,
    bound_cidrs      text    NOT NULL DEFAULT '',
    creation_time    bigint  NOT NULL,
    renewal_time     bigint,
    expire_time      bigint,
    ttl_seconds      bigint  NOT NULL,
    explicit_max_end bigint,
    renewable        boolean NOT NULL,
    num_uses         integer NOT NULL
);
CREATE INDEX tokens_by_parent ON tokens (parent) WHERE parent IS NOT NULL;
CREATE INDEX tokens_by_expiry ON tokens (expire_time) WHERE expire_time IS NOT NULL;
CREATE INDEX tokens_by_entity ON tokens (entity_id);
