//! Embedded migrations, applied in one transaction; the version lives in `user_version`.

use rusqlite::Connection;

use crate::{DbError, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_import.sql"),
    include_str!("../migrations/0003_meeting.sql"),
    include_str!("../migrations/0004_points.sql"),
    include_str!("../migrations/0005_points_import.sql"),
    include_str!("../migrations/0006_house.sql"),
    include_str!("../migrations/0007_house_attachment.sql"),
    include_str!("../migrations/0008_talent.sql"),
    include_str!("../migrations/0009_member_contact.sql"),
    include_str!("../migrations/0010_user.sql"),
    include_str!("../migrations/0011_org_edit.sql"),
    include_str!("../migrations/0012_deadline_as_written.sql"),
    include_str!("../migrations/0013_audit_place.sql"),
    include_str!("../migrations/0014_scope.sql"),
    include_str!("../migrations/0015_grid.sql"),
    include_str!("../migrations/0016_appeal.sql"),
    include_str!("../migrations/0017_dispute.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn run(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(DbError::NewerVersion {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tracing::info!(version = i + 1, "applying migration");
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}
