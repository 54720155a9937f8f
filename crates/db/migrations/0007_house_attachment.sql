-- Photos and scanned documents (鉴定报告, 告知单回执) of a house, kept inside the database so
-- the one file holds the whole register and every backup carries them.
CREATE TABLE house_attachment (
    id         INTEGER PRIMARY KEY,
    house_id   INTEGER NOT NULL REFERENCES house(id),
    -- the file's name as it was added, e.g. '东侧外墙裂缝.jpg'
    name       TEXT NOT NULL,
    -- image/jpeg, image/png or application/pdf, from the content
    mime       TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    added_at   TEXT NOT NULL,
    deleted_at TEXT,
    deleted_by TEXT
) STRICT;
CREATE INDEX house_attachment_house ON house_attachment(house_id);
