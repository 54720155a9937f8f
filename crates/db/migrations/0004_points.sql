-- 积分超市: accounts, the rules that earn points, service records, an append-only ledger, goods
-- with append-only stock movements, and redemptions. Points are stored in tenths (2.5 分 = 25):
-- service is counted in half hours, so a point can be halved, and sums stay exact.

CREATE TABLE points_account (
    id            INTEGER PRIMARY KEY,
    -- 个人 or 家庭户
    kind          TEXT NOT NULL,
    person_id     INTEGER REFERENCES person(id),
    -- 家庭户: the head of household's name and the address on the 户口本
    household     TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    volunteer_no  TEXT UNIQUE,
    team          TEXT NOT NULL DEFAULT '',
    registered_on TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((kind = '个人' AND person_id IS NOT NULL) OR (kind = '家庭户' AND household <> ''))
) STRICT;
CREATE UNIQUE INDEX points_account_person ON points_account(person_id) WHERE kind = '个人';

-- A rule is never edited: a change ends it (valid_to) and starts a new one, so a record keeps
-- the rule it was earned under.
CREATE TABLE points_rule (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    -- 每次, 每小时, 每月评比
    basis      TEXT NOT NULL,
    points     INTEGER NOT NULL CHECK (points > 0),
    cap_day    INTEGER,
    cap_month  INTEGER,
    cap_year   INTEGER,
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    created_at TEXT NOT NULL
) STRICT;

-- The ledger. Append-only: the database refuses UPDATE and DELETE; a correction is an entry
-- that reverses another (`reverses`, at most once). No entry may take a balance below zero.
CREATE TABLE points_entry (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES points_account(id),
    at         TEXT NOT NULL,
    -- 获得, 兑换, 调整, 过期, 冲正
    kind       TEXT NOT NULL,
    points     INTEGER NOT NULL CHECK (points <> 0),
    reason     TEXT NOT NULL,
    operator   TEXT NOT NULL,
    -- what caused it: service:ID, redemption:ID, wish:ID, or empty
    source     TEXT NOT NULL DEFAULT '',
    reverses   INTEGER UNIQUE REFERENCES points_entry(id)
) STRICT;
CREATE INDEX points_entry_account ON points_entry(account_id, id);
CREATE TRIGGER points_entry_no_update BEFORE UPDATE ON points_entry BEGIN
    SELECT RAISE(ABORT, '积分流水只能追加，不能修改；更正请做冲正');
END;
CREATE TRIGGER points_entry_no_delete BEFORE DELETE ON points_entry BEGIN
    SELECT RAISE(ABORT, '积分流水只能追加，不能删除；更正请做冲正');
END;
CREATE TRIGGER points_entry_not_negative BEFORE INSERT ON points_entry
WHEN NEW.points < 0 AND
     coalesce((SELECT sum(points) FROM points_entry WHERE account_id = NEW.account_id), 0) + NEW.points < 0
BEGIN
    SELECT RAISE(ABORT, '积分余额不足');
END;

CREATE TABLE service_record (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES points_account(id),
    rule_id      INTEGER NOT NULL REFERENCES points_rule(id),
    activity     TEXT NOT NULL,
    served_on    TEXT NOT NULL,
    -- tenths of an hour, in half-hour steps
    hours        INTEGER NOT NULL DEFAULT 0,
    points       INTEGER NOT NULL,
    certified_by TEXT NOT NULL DEFAULT '',
    -- 待审核, 已审核, 已退回
    status       TEXT NOT NULL,
    entry_id     INTEGER REFERENCES points_entry(id),
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX service_record_account ON service_record(account_id, served_on);

CREATE TABLE goods (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    unit       TEXT NOT NULL,
    price      INTEGER NOT NULL CHECK (price > 0),
    low_stock  INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;

-- Stock is the sum of its movements; append-only like the ledger, never below zero.
CREATE TABLE stock_move (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    goods_id      INTEGER NOT NULL REFERENCES goods(id),
    at            TEXT NOT NULL,
    -- 入库, 兑换出库, 冲正入库, 盘点调整
    kind          TEXT NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity <> 0),
    -- 入库: where it came from (捐赠, 采购 …) and its value in yuan (fen)
    source        TEXT NOT NULL DEFAULT '',
    value_fen     INTEGER,
    operator      TEXT NOT NULL,
    redemption_id INTEGER REFERENCES redemption(id)
) STRICT;
CREATE INDEX stock_move_goods ON stock_move(goods_id, id);
CREATE TRIGGER stock_move_no_update BEFORE UPDATE ON stock_move BEGIN
    SELECT RAISE(ABORT, '库存流水只能追加，不能修改');
END;
CREATE TRIGGER stock_move_no_delete BEFORE DELETE ON stock_move BEGIN
    SELECT RAISE(ABORT, '库存流水只能追加，不能删除');
END;
CREATE TRIGGER stock_move_not_negative BEFORE INSERT ON stock_move
WHEN NEW.quantity < 0 AND
     coalesce((SELECT sum(quantity) FROM stock_move WHERE goods_id = NEW.goods_id), 0) + NEW.quantity < 0
BEGIN
    SELECT RAISE(ABORT, '库存不足');
END;

CREATE TABLE redemption (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES points_account(id),
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    total       INTEGER NOT NULL,
    -- set once, when the redemption is reversed (冲正)
    reversed_at TEXT
) STRICT;

CREATE TABLE redemption_item (
    redemption_id INTEGER NOT NULL REFERENCES redemption(id),
    goods_id      INTEGER NOT NULL REFERENCES goods(id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    price         INTEGER NOT NULL,
    PRIMARY KEY (redemption_id, goods_id)
) STRICT;

-- 志愿服务记录证明: numbered per year without gaps (the next number is taken in the issuing
-- transaction; certificates are never deleted).
CREATE TABLE volunteer_certificate (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    number     TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES points_account(id),
    from_day   TEXT NOT NULL,
    to_day     TEXT NOT NULL,
    hours      INTEGER NOT NULL,
    content    TEXT NOT NULL,
    issuer     TEXT NOT NULL,
    issued_on  TEXT NOT NULL,
    operator   TEXT NOT NULL,
    UNIQUE (year, seq)
) STRICT;
CREATE TRIGGER volunteer_certificate_no_delete BEFORE DELETE ON volunteer_certificate BEGIN
    SELECT RAISE(ABORT, '志愿服务证明已出具，不能删除');
END;
CREATE TRIGGER volunteer_certificate_in_sequence BEFORE INSERT ON volunteer_certificate
WHEN NEW.seq <> coalesce((SELECT max(seq) FROM volunteer_certificate WHERE year = NEW.year), 0) + 1
BEGIN
    SELECT RAISE(ABORT, '证明编号必须连续');
END;

-- 微心愿: a resident's small wish, claimed by a volunteer (an account), fulfilled; fulfilling it
-- earns points through a service record under a rule.
CREATE TABLE wish (
    id           INTEGER PRIMARY KEY,
    resident     TEXT NOT NULL,
    content      TEXT NOT NULL,
    posted_on    TEXT NOT NULL,
    -- 待认领, 已认领, 已实现
    status       TEXT NOT NULL,
    account_id   INTEGER REFERENCES points_account(id),
    claimed_on   TEXT,
    fulfilled_on TEXT,
    record_id    INTEGER REFERENCES service_record(id),
    created_at   TEXT NOT NULL
) STRICT;

-- The members of a 家庭户 account (as on the 户口本).
CREATE TABLE points_household_member (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES points_account(id),
    name       TEXT NOT NULL,
    relation   TEXT NOT NULL DEFAULT '',
    UNIQUE (account_id, name)
) STRICT;
