-- 矛盾纠纷排查化解: each dispute with how it ended, and its 调解 sessions.

CREATE TABLE dispute (
    id              INTEGER PRIMARY KEY,
    -- 纠纷编号: TJ年月-序号, the office's own.
    number          TEXT NOT NULL,
    found_on        TEXT NOT NULL,
    source          TEXT NOT NULL,
    community_id    INTEGER REFERENCES org_unit(id),
    grid_id         INTEGER REFERENCES org_unit(id),
    kind            TEXT NOT NULL,
    risk            TEXT NOT NULL,
    party_a         TEXT NOT NULL,
    party_a_id      TEXT NOT NULL DEFAULT '',
    party_a_phone   TEXT NOT NULL DEFAULT '',
    party_a_address TEXT NOT NULL DEFAULT '',
    party_b         TEXT NOT NULL,
    party_b_id      TEXT NOT NULL DEFAULT '',
    party_b_phone   TEXT NOT NULL DEFAULT '',
    party_b_address TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL,
    mediator        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    -- 调解成功: the 人民调解协议书's matters, terms and how they are performed.
    matters         TEXT NOT NULL DEFAULT '',
    terms           TEXT NOT NULL DEFAULT '',
    performance     TEXT NOT NULL DEFAULT '',
    -- 调解不成: why, and where the parties were sent.
    failed_reason   TEXT NOT NULL DEFAULT '',
    -- The day it was settled or given up.
    ended_on        TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    deleted_by      TEXT
) STRICT;
CREATE UNIQUE INDEX dispute_number ON dispute(number);
CREATE INDEX dispute_found ON dispute(found_on);
CREATE INDEX dispute_community ON dispute(community_id, status);

-- 调解 sessions, in order.
CREATE TABLE mediation (
    id         INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES dispute(id),
    held_on    TEXT NOT NULL,
    mediators  TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    process    TEXT NOT NULL,
    actor      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX mediation_dispute ON mediation(dispute_id, held_on);
