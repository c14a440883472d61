-- Finding secrets by name is paginated by id: the index carries id so a page is one index range.
DROP INDEX secrets_by_project_key;
CREATE INDEX secrets_by_project_key ON secrets (project_id, key_index, id);
