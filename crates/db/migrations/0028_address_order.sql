-- Households and houses are listed by address as a clerk reads it, numbers by value (2号楼 before
-- 10号楼, 三组 before 十二组): `address_key` is `core::natural::key(address)`, written with the
-- address (filled for existing rows by the next step, `migrate::key_addresses`). The list's
-- indexes order by it as they ordered by the address.
ALTER TABLE household ADD COLUMN address_key TEXT NOT NULL DEFAULT '';
ALTER TABLE house ADD COLUMN address_key TEXT NOT NULL DEFAULT '';
DROP INDEX household_grid;
DROP INDEX household_community;
DROP INDEX household_address;
CREATE INDEX household_grid ON household(grid_id, address_key);
CREATE INDEX household_community ON household(community_id, address_key);
CREATE INDEX household_address ON household(address_key);
