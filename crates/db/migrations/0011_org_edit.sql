-- Real spreadsheets on the first try. The organisation tree is edited after set-up: a unit
-- removed goes to the recycle bin.
ALTER TABLE org_unit ADD COLUMN deleted_at TEXT;
ALTER TABLE org_unit ADD COLUMN deleted_by TEXT;

-- Records an import took in although the file had no column for some field the register
-- requires (待补录): which fields, by key, comma-separated. Cleared when the record is saved
-- complete. One row per record of a register (entity as in the audit trail).
CREATE TABLE incomplete (
    entity    TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    fields    TEXT NOT NULL,
    PRIMARY KEY (entity, record_id)
) STRICT, WITHOUT ROWID;

-- The values a clerk chose for a layout's choice columns ({"field": {"as written": "label"}}),
-- remembered beside its column mapping so the next file of the same shape goes straight in.
ALTER TABLE import_mapping ADD COLUMN choices TEXT NOT NULL DEFAULT '{}';
