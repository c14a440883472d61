-- Organizations hold a 64-byte organization key, encrypted by the keyring.
CREATE TABLE organizations (
    id            uuid   PRIMARY KEY,
    name          text   NOT NULL,
    sealed_key    bytea  NOT NULL,
    created_at    bigint NOT NULL,
    revision_date bigint NOT NULL
);

-- Project names and secret fields are Bitwarden EncStrings (type 2) under the organization key.
CREATE TABLE projects (
    id              uuid   PRIMARY KEY,
    organization_id uuid   NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            text   NOT NULL,
    created_at      bigint NOT NULL,
    revision_date   bigint NOT NULL
);
CREATE INDEX projects_by_organization ON projects (organization_id, id);

-- key_index: HMAC of the plaintext key under a key derived from the organization key, so a secret
-- can be found by name without storing the name in the clear.
CREATE TABLE secrets (
    id              uuid    PRIMARY KEY,
    organization_id uuid    NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id      uuid    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    key             text    NOT NULL,
    value           text    NOT NULL,
    note            text    NOT NULL,
    key_index       bytea   NOT NULL,
    version         integer NOT NULL,
    created_at      bigint  NOT NULL,
    revision_date   bigint  NOT NULL
);
CREATE INDEX secrets_by_project_key ON secrets (project_id, key_index);
CREATE INDEX secrets_by_organization ON secrets (organization_id, id);
CREATE INDEX secrets_by_project ON secrets (project_id, id);

CREATE TABLE secret_versions (
    secret_id  uuid    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    version    integer NOT NULL,
    key        text    NOT NULL,
    value      text    NOT NULL,
    note       text    NOT NULL,
    created_at bigint  NOT NULL,
    PRIMARY KEY (secret_id, version)
);

CREATE TABLE machine_accounts (
    id              uuid   PRIMARY KEY,
    organization_id uuid   NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            text   NOT NULL,
    created_at      bigint NOT NULL,
    revision_date   bigint NOT NULL
);
CREATE INDEX machine_accounts_by_organization ON machine_accounts (organization_id, id);

CREATE TABLE machine_account_grants (
    machine_account_id uuid    NOT NULL REFERENCES machine_accounts (id) ON DELETE CASCADE,
    project_id         uuid    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    can_write          boolean NOT NULL,
    PRIMARY KEY (machine_account_id, project_id)
);
CREATE INDEX grants_by_project ON machine_account_grants (project_id);

-- Access tokens: never the token, only an HMAC verifier of its client secret and the encrypted payload.
CREATE TABLE access_tokens (
    id                 uuid   PRIMARY KEY,
    machine_account_id uuid   NOT NULL REFERENCES machine_accounts (id) ON DELETE CASCADE,
    name               text   NOT NULL,
    secret_verifier    bytea  NOT NULL,
    encrypted_payload  text   NOT NULL,
    expires_at         bigint,
    created_at         bigint NOT NULL,
    revision_date      bigint NOT NULL,
    last_used_at       bigint
);
CREATE INDEX access_tokens_by_machine_account ON access_tokens (machine_account_id, id);
