-- Photos and scans of a 诉求's handling (the spot before and after, a signed receipt), kept
-- inside the database like a house's, so the one file and every backup hold them.
CREATE TABLE appeal_attachment (
    id         INTEGER PRIMARY KEY,
    appeal_id  INTEGER NOT NULL REFERENCES appeal(id),
    name       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    added_at   TEXT NOT NULL,
    deleted_at TEXT,
    deleted_by TEXT
) STRICT;
CREATE INDEX appeal_attachment_appeal ON appeal_attachment(appeal_id);
