-- Address fragments of any length found through an index, as names are (migration 1): a
-- household search used to read every address with LIKE '%…%' (13–33 ms at 5万 households).
-- A fragment is a phrase of single characters; the LIKE then only confirms the few it finds.
CREATE VIRTUAL TABLE household_address_fts USING fts5(
    address_chars, content = 'household', content_rowid = 'id', tokenize = 'unicode61'
);
INSERT INTO household_address_fts(household_address_fts) VALUES ('rebuild');

-- Kept as the name index is: row by row, or in bulk while a batch holds `search_deferred`
-- (migration 22, `db::bulk`).
CREATE TABLE address_pending (
    id        INTEGER PRIMARY KEY,
    old_chars TEXT
) STRICT;
CREATE TRIGGER household_fts_insert AFTER INSERT ON household
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO household_address_fts(rowid, address_chars) VALUES (new.id, new.address_chars);
END;
CREATE TRIGGER household_fts_delete AFTER DELETE ON household
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO household_address_fts(household_address_fts, rowid, address_chars)
    VALUES ('delete', old.id, old.address_chars);
END;
CREATE TRIGGER household_fts_update AFTER UPDATE OF address_chars ON household
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO household_address_fts(household_address_fts, rowid, address_chars)
    VALUES ('delete', old.id, old.address_chars);
    INSERT INTO household_address_fts(rowid, address_chars) VALUES (new.id, new.address_chars);
END;
CREATE TRIGGER household_fts_insert_deferred AFTER INSERT ON household
WHEN EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO address_pending(id, old_chars) SELECT new.id, NULL
    WHERE NOT EXISTS (SELECT 1 FROM address_pending WHERE id = new.id);
END;
CREATE TRIGGER household_fts_delete_deferred AFTER DELETE ON household
WHEN EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO address_pending(id, old_chars) SELECT old.id, old.address_chars
    WHERE NOT EXISTS (SELECT 1 FROM address_pending WHERE id = old.id);
END;
CREATE TRIGGER household_fts_update_deferred AFTER UPDATE OF address_chars ON household
WHEN EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO address_pending(id, old_chars) SELECT old.id, old.address_chars
    WHERE NOT EXISTS (SELECT 1 FROM address_pending WHERE id = old.id);
END;
