-- A household's address as single characters (西 关 社 区 2 1 号 楼), filled by the step after
-- this one and written with the row (`household::write`), for the address index of migration 24.
ALTER TABLE household ADD COLUMN address_chars TEXT NOT NULL DEFAULT '';
