-- audit_log_entity_at (entity, entity_id, id) answers every lookup audit_log_entity
-- (entity, entity_id) did, so the older index only cost a write per entry (issue 25: an import
-- of 100,000 members writes as many entries).
DROP INDEX audit_log_entity;
