-- A rectification's deadline as the sweep sheet wrote it, when that was a phrase
-- (“2026年10月底前”) read as a day: kept beside the day so the record says what the sheet said.
ALTER TABLE house_rectification ADD COLUMN deadline_as_written TEXT NOT NULL DEFAULT '';
