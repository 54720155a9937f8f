-- Volunteers imported from a roster can be taken back by undoing the import: such an account
-- (never one with points or service) goes to the recycle bin instead of being deleted.
ALTER TABLE points_account ADD COLUMN deleted_at TEXT;
ALTER TABLE points_account ADD COLUMN deleted_by TEXT;
