-- Import batches (导入批次): what each applied import changed, so it can be undone as a whole,
-- and the column mappings remembered per source layout.

CREATE TABLE import_batch (
    id           INTEGER PRIMARY KEY,
    register     TEXT NOT NULL,         -- the command-line name, e.g. party-members
    file_name    TEXT NOT NULL,
    content_hash TEXT NOT NULL,         -- SHA-256 of the file, hex
    sheets       TEXT NOT NULL,         -- the sheets read, joined by 、
    created      INTEGER NOT NULL,
    changed      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    conflicts    INTEGER NOT NULL,
    errors       INTEGER NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    -- the audit entry written with the batch: any later entry on its records is a later edit
    audit_id     INTEGER NOT NULL,
    undone_at    TEXT,
    undone_by    TEXT
) STRICT;

-- One record a batch created or changed, with the record's full input before and after (JSON),
-- so undo puts back exactly what was there.
CREATE TABLE import_change (
    id        INTEGER PRIMARY KEY,
    batch_id  INTEGER NOT NULL REFERENCES import_batch(id),
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'restore', 'update')),
    before    TEXT,                     -- NULL when the batch created the record
    after     TEXT NOT NULL
) STRICT;
CREATE INDEX import_change_batch ON import_change(batch_id);
CREATE INDEX import_change_entity ON import_change(entity_id);

-- A mapping the user confirmed for a layout: header text → field key ('' = not imported).
CREATE TABLE import_mapping (
    register    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    mapping     TEXT NOT NULL,          -- JSON object
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (register, fingerprint)
) STRICT;

-- A later manual edit is found by entity and id after the batch's audit entry.
CREATE INDEX audit_log_entity_at ON audit_log(entity, entity_id, id);
