-- 网格化管理: the grid's people, its households and their members, the care tags' visit
-- frequencies, and the visits (民情日志).

-- 网格长, 网格员 and 微网格员: a person serving a unit (a 网格, a 微网格 or a 社区) in a role.
CREATE TABLE grid_worker (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id),
    unit_id    INTEGER NOT NULL REFERENCES org_unit(id),
    role       TEXT NOT NULL,
    area       TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    deleted_by TEXT
) STRICT;
-- One entry per person and unit, so a deleted one is restored, not re-added.
CREATE UNIQUE INDEX grid_worker_person_unit ON grid_worker(person_id, unit_id);
CREATE INDEX grid_worker_unit ON grid_worker(unit_id);

-- 户: where a household lives. `address` is the parts as one line, kept for search and sort.
CREATE TABLE household (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER REFERENCES org_unit(id),
    grid_id      INTEGER REFERENCES org_unit(id),
    estate       TEXT NOT NULL DEFAULT '',
    building     TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    room         TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    deleted_by   TEXT
) STRICT;
CREATE INDEX household_grid ON household(grid_id, address);
CREATE INDEX household_community ON household(community_id, address);
CREATE INDEX household_address ON household(address);

-- Who lives there, in the order the household lists them.
CREATE TABLE household_member (
    household_id INTEGER NOT NULL REFERENCES household(id),
    person_id    INTEGER NOT NULL REFERENCES person(id),
    relation     TEXT,
    residence    TEXT,
    note         TEXT NOT NULL DEFAULT '',
    sort         INTEGER NOT NULL,
    PRIMARY KEY (household_id, person_id)
) STRICT;
CREATE INDEX household_member_person ON household_member(person_id);

-- 关爱类别 of a member (entries of the dictionary 关爱类别), in the order given.
CREATE TABLE member_care (
    household_id INTEGER NOT NULL,
    person_id    INTEGER NOT NULL,
    tag          TEXT NOT NULL,
    sort         INTEGER NOT NULL,
    PRIMARY KEY (household_id, person_id, tag),
    FOREIGN KEY (household_id, person_id) REFERENCES household_member(household_id, person_id)
        ON UPDATE CASCADE ON DELETE CASCADE
) STRICT;
CREATE INDEX member_care_tag ON member_care(tag, household_id);

-- The days between visits each care tag asks for; NULL: none. A tag without a row has none.
CREATE TABLE care_tag (
    tag        TEXT PRIMARY KEY,
    visit_days INTEGER CHECK (visit_days > 0)
) STRICT;

-- 走访 (民情日志).
CREATE TABLE visit (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES household(id),
    worker_id    INTEGER NOT NULL REFERENCES grid_worker(id),
    visited_on   TEXT NOT NULL,
    way          TEXT NOT NULL,
    found        TEXT NOT NULL DEFAULT '',
    need         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    deleted_at   TEXT,
    deleted_by   TEXT
) STRICT;
CREATE INDEX visit_household ON visit(household_id, visited_on);
CREATE INDEX visit_day ON visit(visited_on);
CREATE INDEX visit_worker ON visit(worker_id, visited_on);
