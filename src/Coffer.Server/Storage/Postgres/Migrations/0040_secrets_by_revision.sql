-- Sync asks whether any secret a machine account can read changed since a date: a range probe per granted
-- project, so creating or editing a secret need not touch every machine account row (a hot row under load).
CREATE INDEX secrets_by_project_revision ON secrets (project_id, revision_date);
