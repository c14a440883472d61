-- Organizations hold a 64-byte organization key, encrypted by the keyring.
CREATE TABLE organizations (
    id            BLOB    PRIMARY KEY,
    name          TEXT    NOT NULL,
    sealed_key    BLOB    NOT NULL,
    created_at    INTEGER NOT NULL,
    revision_date INTEGER NOT NULL
);

-- Project names and secret fields are Bitwarden EncStrings (type 2) under the organization key.
CREATE TABLE projects (
    id              BLOB    PRIMARY KEY,
    organization_id BLOB    NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    revision_date   INTEGER NOT NULL
);
CREATE INDEX projects_by_organization ON projects (organization_id, id);

-- key_index: HMAC of the plaintext key under a key derived from the organization key, so a secret
-- can be found by name without storing the name in the clear.
CREATE TABLE secrets (
    id              BLOB    PRIMARY KEY,
    organization_id BLOB    NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id      BLOB    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    key             TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    note            TEXT    NOT NULL,
    key_index       BLOB    NOT NULL,
    version         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    revision_date   INTEGER NOT NULL
);
CREATE INDEX secrets_by_project_key ON secrets (project_id, key_index);
CREATE INDEX secrets_by_organization ON secrets (organization_id, id);
CREATE INDEX secrets_by_project ON secrets (project_id, id);

CREATE TABLE secret_versions (
    secret_id  BLOB    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (secret_id, version)
);

CREATE TABLE machine_accounts (
    id              BLOB    PRIMARY KEY,
    organization_id BLOB    NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    revision_date   INTEGER NOT NULL
);
CREATE INDEX machine_accounts_by_organization ON machine_accounts (organization_id, id);

CREATE TABLE machine_account_grants (
    machine_account_id BLOB    NOT NULL REFERENCES machine_accounts (id) ON DELETE CASCADE,
    project_id         BLOB    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    can_write          INTEGER NOT NULL,
    PRIMARY KEY (machine_account_id, project_id)
);
CREATE INDEX grants_by_project ON machine_account_grants (project_id);

-- Access tokens: never the token, only an HMAC verifier of its client secret and the encrypted payload.
CREATE TABLE access_tokens (
    id                 BLOB    PRIMARY KEY,
    machine_account_id BLOB    NOT NULL REFERENCES machine_accounts (id) ON DELETE CASCADE,
    name               TEXT    NOT NULL,
    secret_verifier    BLOB    NOT NULL,
    encrypted_payload  TEXT    NOT NULL,
    expires_at         INTEGER,
    created_at         INTEGER NOT NULL,
    revision_date      INTEGER NOT NULL,
    last_used_at       INTEGER
);
CREATE INDEX access_tokens_by_machine_account ON access_tokens (machine_account_id, id);
