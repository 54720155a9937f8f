-- 房屋安全: houses, their inspections (a history; the latest is the current state), and the
-- rectification of what an inspection found, driven to 已销号.
CREATE TABLE house (
    id              INTEGER PRIMARY KEY,
    address         TEXT NOT NULL,
    community_id    INTEGER REFERENCES org_unit(id),
    grid_id         INTEGER REFERENCES org_unit(id),
    -- 产权人: a person (owner_person_id, found by ID) or a unit (name only)
    owner           TEXT NOT NULL,
    owner_person_id INTEGER REFERENCES person(id),
    phone           TEXT NOT NULL DEFAULT '',
    structure       TEXT NOT NULL,
    storeys         INTEGER,
    -- square metres as written, e.g. '120.5'
    floor_area      TEXT NOT NULL DEFAULT '',
    -- what is known: an exact year, or a decade flagged approximate
    built_year      INTEGER,
    built_approx    INTEGER NOT NULL DEFAULT 0,
    use_kind        TEXT,
    business        INTEGER NOT NULL DEFAULT 0,
    appraised       INTEGER NOT NULL DEFAULT 0,
    appraisal       TEXT,
    appraised_on    TEXT,
    appraiser       TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    deleted_by      TEXT
) STRICT;
CREATE UNIQUE INDEX house_address ON house(address);
CREATE INDEX house_owner ON house(owner_person_id);

CREATE TABLE house_inspection (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    house_id     INTEGER NOT NULL REFERENCES house(id),
    inspected_on TEXT NOT NULL,
    inspectors   TEXT NOT NULL DEFAULT '',
    findings     TEXT NOT NULL DEFAULT '',
    -- 无隐患, 一般隐患, 存在结构倒塌风险
    conclusion   TEXT NOT NULL,
    -- 隐患类型 joined by '、'
    hazards      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX house_inspection_house ON house_inspection(house_id, id);

CREATE TABLE house_rectification (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    house_id      INTEGER NOT NULL REFERENCES house(id),
    inspection_id INTEGER NOT NULL REFERENCES house_inspection(id),
    -- the hazard it answers, or '' for the house as a whole
    hazard        TEXT NOT NULL DEFAULT '',
    measure       TEXT NOT NULL,
    responsible   TEXT NOT NULL DEFAULT '',
    deadline      TEXT NOT NULL,
    -- 待整治, 整治中, 已整治, 已销号
    status        TEXT NOT NULL,
    completed_on  TEXT,
    evidence      TEXT NOT NULL DEFAULT '',
    closed_on     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (status <> '已销号' OR (completed_on IS NOT NULL AND evidence <> ''))
) STRICT;
CREATE INDEX house_rectification_house ON house_rectification(house_id);
CREATE INDEX house_rectification_open ON house_rectification(status, deadline);

-- Residents moved out of a dangerous house, and where they went.
CREATE TABLE house_evacuation (
    id         INTEGER PRIMARY KEY,
    house_id   INTEGER NOT NULL REFERENCES house(id),
    name       TEXT NOT NULL,
    moved_to   TEXT NOT NULL,
    moved_on   TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX house_evacuation_house ON house_evacuation(house_id);
