-- The name index kept in bulk. FTS5 writes out its pending terms at every statement of a
-- transaction once it has been written in it, so a 100,000-row import that indexed each person
-- as it was written spent a fifth of its time there. While a batch holds the row of
-- `search_deferred`, the triggers below only note which persons changed (and the indexed text
-- the index still holds for them) in `search_pending`; the batch indexes them in one statement
-- at its end (`db::bulk`). Outside a batch the triggers index each row as before.
CREATE TABLE search_deferred (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;
CREATE TABLE search_pending (
    id        INTEGER PRIMARY KEY,
    -- What the index holds for the person: none for a person new in the batch.
    old_chars TEXT
) STRICT;

DROP TRIGGER person_fts_insert;
DROP TRIGGER person_fts_delete;
DROP TRIGGER person_fts_update;
CREATE TRIGGER person_fts_insert AFTER INSERT ON person
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO person_name_fts(rowid, name_chars) VALUES (new.id, new.name_chars);
END;
CREATE TRIGGER person_fts_delete AFTER DELETE ON person
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO person_name_fts(person_name_fts, rowid, name_chars)
    VALUES ('delete', old.id, old.name_chars);
END;
CREATE TRIGGER person_fts_update AFTER UPDATE OF name_chars ON person
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO person_name_fts(person_name_fts, rowid, name_chars)
    VALUES ('delete', old.id, old.name_chars);
    INSERT INTO person_name_fts(rowid, name_chars) VALUES (new.id, new.name_chars);
END;
-- In a batch the first note of a person wins: it holds what the index had before the batch.
-- (Not INSERT OR IGNORE: a trigger takes the conflict policy of the statement that fired it.)
CREATE TRIGGER person_fts_insert_deferred AFTER INSERT ON person
WHEN EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO search_pending(id, old_chars) SELECT new.id, NULL
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE id = new.id);
END;
CREATE TRIGGER person_fts_delete_deferred AFTER DELETE ON person
WHEN EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO search_pending(id, old_chars) SELECT old.id, old.name_chars
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE id = old.id);
END;
CREATE TRIGGER person_fts_update_deferred AFTER UPDATE OF name_chars ON person
WHEN EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO search_pending(id, old_chars) SELECT old.id, old.name_chars
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE id = old.id);
END;
