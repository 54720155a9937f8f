-- Meetings (会议记录): 三会一课, 说事议事 and the rest, with attendance, topics and follow-up tasks.

CREATE TABLE meeting (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    org_id     INTEGER REFERENCES org_unit(id),
    held_at    TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    host       TEXT NOT NULL DEFAULT '',
    recorder   TEXT NOT NULL DEFAULT '',
    observers  TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    deleted_by TEXT
) STRICT;
CREATE INDEX meeting_held ON meeting(held_at);
CREATE INDEX meeting_org ON meeting(org_id, kind, held_at);

CREATE TABLE meeting_attendee (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    sort           INTEGER NOT NULL,
    person_id      INTEGER REFERENCES person(id),
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    present        INTEGER NOT NULL,
    absence_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX meeting_attendee_meeting ON meeting_attendee(meeting_id);
CREATE INDEX meeting_attendee_person ON meeting_attendee(person_id);

CREATE TABLE meeting_topic (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    sort          INTEGER NOT NULL,
    title         TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    proposer      TEXT NOT NULL DEFAULT '',
    discussion    TEXT NOT NULL DEFAULT '',
    votes_agree   INTEGER,
    votes_against INTEGER,
    votes_abstain INTEGER,
    resolution    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX meeting_topic_meeting ON meeting_topic(meeting_id);

-- Follow-up tasks keep their ids when the meeting is edited: progress is tracked on them after
-- the meeting (AUTOINCREMENT: a removed task's id is never given to another, as the audit
-- trail names tasks by id). `topic` is the topic's position in its meeting.
CREATE TABLE meeting_task (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    topic      INTEGER NOT NULL,
    sort       INTEGER NOT NULL,
    content    TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    status     TEXT NOT NULL,
    review     TEXT NOT NULL DEFAULT '',
    closed_on  TEXT,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_task_meeting ON meeting_task(meeting_id);
CREATE INDEX meeting_task_open ON meeting_task(due_on) WHERE status <> '已办结';
