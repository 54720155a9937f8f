-- 人才库: one row per person in the pool; categories and skills are tags.
CREATE TABLE talent (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person(id),
    community_id INTEGER REFERENCES org_unit(id),
    major        TEXT NOT NULL DEFAULT '',
    work_place   TEXT NOT NULL DEFAULT '',
    political    TEXT NOT NULL DEFAULT '',
    honours      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    deleted_by   TEXT
) STRICT;
-- One talent record per person, so a deleted one is restored, not re-added.
CREATE UNIQUE INDEX talent_person ON talent(person_id);

-- 人才类别 (kind 'category', from the dictionary) and 特长/技能 (kind 'skill', free tags), in
-- the order they were given.
CREATE TABLE talent_tag (
    talent_id INTEGER NOT NULL REFERENCES talent(id),
    kind      TEXT NOT NULL CHECK (kind IN ('category', 'skill')),
    value     TEXT NOT NULL,
    sort      INTEGER NOT NULL,
    PRIMARY KEY (talent_id, kind, value)
) STRICT;
CREATE INDEX talent_tag_value ON talent_tag(kind, value);
