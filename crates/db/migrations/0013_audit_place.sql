-- Which PC an action came from: another PC's address on the office network (共享模式), empty
-- for the PC that holds the database (the window, the command line).
ALTER TABLE audit_log ADD COLUMN place TEXT NOT NULL DEFAULT '';
