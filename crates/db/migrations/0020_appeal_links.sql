-- What a 诉求 is linked to, so it is tracked once: the house it concerns (房屋安全, the column
-- was there) and the 说事议事 task that takes it up. A task removed from its meeting leaves the
-- 诉求 unlinked.
ALTER TABLE appeal ADD COLUMN task_id INTEGER REFERENCES meeting_task(id) ON DELETE SET NULL;
CREATE INDEX appeal_task ON appeal(task_id);
CREATE INDEX appeal_house ON appeal(house_id);
