-- Foundation: settings, organisation tree, dictionaries, persons, the party-member register,
-- the audit trail. Dates are ISO text (YYYY-MM-DD); times are ISO text in local time.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE org_unit (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES org_unit(id),
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    -- '/1/4/9/': ancestors and self, so "this node and everything under it" is one GLOB.
    path       TEXT NOT NULL DEFAULT '',
    sort       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (parent_id, name)
) STRICT;
CREATE INDEX org_unit_path ON org_unit(path);

CREATE TABLE dict_item (
    id      INTEGER PRIMARY KEY,
    dict    TEXT NOT NULL,
    value   TEXT NOT NULL,
    sort    INTEGER NOT NULL DEFAULT 0,
    builtin INTEGER NOT NULL DEFAULT 0,
    UNIQUE (dict, value)
) STRICT;

CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    id_number     TEXT UNIQUE,
    sex           TEXT,
    birth_date    TEXT,
    nation        TEXT NOT NULL DEFAULT '',
    native_place  TEXT NOT NULL DEFAULT '',
    education     TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    grid_id       INTEGER REFERENCES org_unit(id),
    -- search keys, written with the row
    name_initials TEXT NOT NULL DEFAULT '',
    name_pinyin   TEXT NOT NULL DEFAULT '',
    name_chars    TEXT NOT NULL DEFAULT '',
    id_rev        TEXT NOT NULL DEFAULT '',
    phone_rev     TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX person_initials ON person(name_initials);
CREATE INDEX person_pinyin ON person(name_pinyin);
CREATE INDEX person_id_rev ON person(id_rev);
CREATE INDEX person_phone_rev ON person(phone_rev);
CREATE INDEX person_birth ON person(birth_date);

-- Name fragments of any length: `name_chars` holds the name's characters separated by spaces
-- (王 国 民), so each character is a token and a fragment is a phrase query ("国 民").
CREATE VIRTUAL TABLE person_name_fts USING fts5(
    name_chars, content = 'person', content_rowid = 'id', tokenize = 'unicode61'
);
CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_name_fts(rowid, name_chars) VALUES (new.id, new.name_chars);
END;
CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN
    INSERT INTO person_name_fts(person_name_fts, rowid, name_chars)
    VALUES ('delete', old.id, old.name_chars);
END;
CREATE TRIGGER person_fts_update AFTER UPDATE OF name_chars ON person BEGIN
    INSERT INTO person_name_fts(person_name_fts, rowid, name_chars)
    VALUES ('delete', old.id, old.name_chars);
    INSERT INTO person_name_fts(rowid, name_chars) VALUES (new.id, new.name_chars);
END;

CREATE TABLE party_member (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES person(id),
    branch_id           INTEGER NOT NULL REFERENCES org_unit(id),
    group_id            INTEGER REFERENCES org_unit(id),
    category            TEXT NOT NULL,
    applied_on          TEXT,
    activist_on         TEXT,
    candidate_on        TEXT,
    joined_on           TEXT,
    confirmed_on        TEXT,
    work_unit           TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,
    outflow_place       TEXT NOT NULL DEFAULT '',
    dues_paid_to        TEXT,
    is_center_household INTEGER NOT NULL DEFAULT 0,
    note                TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    -- soft delete: a row with deleted_at is in the recycle bin
    deleted_at          TEXT,
    deleted_by          TEXT
) STRICT;
-- One membership per person; named, because the roster's browse query asks for it by name.
CREATE UNIQUE INDEX party_member_person ON party_member(person_id);
CREATE INDEX party_member_branch ON party_member(branch_id);
-- The roster counts and pages active members only.
CREATE INDEX party_member_active ON party_member(branch_id, person_id) WHERE deleted_at IS NULL;

-- 在职党员到社区报到
CREATE TABLE party_member_report (
    id              INTEGER PRIMARY KEY,
    party_member_id INTEGER NOT NULL REFERENCES party_member(id),
    unit            TEXT NOT NULL,
    reported_on     TEXT NOT NULL,
    post            TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX party_member_report_member ON party_member_report(party_member_id);

-- 党员中心户 联系的包联户
CREATE TABLE party_member_household (
    id              INTEGER PRIMARY KEY,
    party_member_id INTEGER NOT NULL REFERENCES party_member(id),
    head_name       TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX party_member_household_member ON party_member_household(party_member_id);

-- 操作日志: who changed what, when; `changes` is {field: [before, after]} with IDs and phones masked.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    summary   TEXT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
