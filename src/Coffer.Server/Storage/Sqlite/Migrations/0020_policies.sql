CREATE TABLE policies (
    name       TEXT    PRIMARY KEY,
    document   TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
