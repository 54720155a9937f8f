-- 流动党员 and 失联党员: each time the branch reaches the member (电话, 微信, 走访…). The home
-- screen's to-do names those not reached for months.
CREATE TABLE party_member_contact (
    id              INTEGER PRIMARY KEY,
    party_member_id INTEGER NOT NULL REFERENCES party_member(id),
    contacted_on    TEXT NOT NULL,
    way             TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX party_member_contact_member ON party_member_contact(party_member_id, contacted_on);
