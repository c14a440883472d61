CREATE TABLE policies (
    name       text   PRIMARY KEY,
    document   text   NOT NULL,
    updated_at bigint NOT NULL
);
