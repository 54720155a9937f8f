-- 数据权限. A user of a 社区/村 sees and changes only that community's part of the registers
-- (NULL: the 街道, all of it). A party organisation says which community it serves, so a
-- community's members are found by their branch as well as by their grid.
ALTER TABLE app_user ADD COLUMN unit_id INTEGER REFERENCES org_unit(id);
ALTER TABLE org_unit ADD COLUMN serves_id INTEGER REFERENCES org_unit(id);
