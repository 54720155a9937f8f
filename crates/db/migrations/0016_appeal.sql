-- 诉求与事件: what a resident asks for or a grid worker finds, and each step of its loop.

CREATE TABLE appeal (
    id           INTEGER PRIMARY KEY,
    -- 诉求编号: the office's own (SQ202612-0001) or a 12345 工单编号; one live 诉求 per number.
    number       TEXT NOT NULL,
    source       TEXT NOT NULL,
    received_on  TEXT NOT NULL,
    community_id INTEGER REFERENCES org_unit(id),
    grid_id      INTEGER REFERENCES org_unit(id),
    address      TEXT NOT NULL DEFAULT '',
    household_id INTEGER REFERENCES household(id),
    house_id     INTEGER REFERENCES house(id),
    visit_id     INTEGER REFERENCES visit(id),
    reporter     TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    content      TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT '',
    urgency      TEXT,
    status       TEXT NOT NULL,
    handler      TEXT NOT NULL DEFAULT '',
    deadline     TEXT,
    result       TEXT NOT NULL DEFAULT '',
    finished_on  TEXT,
    satisfaction TEXT,
    closed_on    TEXT,
    -- How many times a 回访 not satisfied sent it back.
    reopened     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    deleted_by   TEXT
) STRICT;
CREATE INDEX appeal_number ON appeal(number);
CREATE INDEX appeal_status ON appeal(status, deadline);
CREATE INDEX appeal_received ON appeal(received_on);
CREATE INDEX appeal_grid ON appeal(grid_id);
CREATE INDEX appeal_visit ON appeal(visit_id);

-- Each step of the loop, in order: 研判, 派单, a progress note, 办结, 回访, going back.
-- Append-only: the work order prints them as its history.
CREATE TABLE appeal_step (
    id           INTEGER PRIMARY KEY,
    appeal_id    INTEGER NOT NULL REFERENCES appeal(id),
    on_day       TEXT NOT NULL,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    satisfaction TEXT,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX appeal_step_appeal ON appeal_step(appeal_id, id);
CREATE TRIGGER appeal_step_append_only_update BEFORE UPDATE ON appeal_step BEGIN
    SELECT RAISE(ABORT, 'appeal_step is append-only');
END;
CREATE TRIGGER appeal_step_append_only_delete BEFORE DELETE ON appeal_step BEGIN
    SELECT RAISE(ABORT, 'appeal_step is append-only');
END;
