-- Userpass users. The password hash (Argon2id) is also encrypted by the keyring.
CREATE TABLE users (
    name              text   PRIMARY KEY,
    entity_id         text   NOT NULL UNIQUE,
    sealed_password   bytea  NOT NULL,
    policies          text   NOT NULL,
    token_ttl         bigint,
    token_max_ttl     bigint,
    token_bound_cidrs text   NOT NULL DEFAULT '',
    created_at        bigint NOT NULL,
    updated_at        bigint NOT NULL
);
