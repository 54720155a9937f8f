//! Embedded migrations, applied in one transaction; the version lives in `user_version`.

use rusqlite::{Connection, Transaction};

use crate::{DbError, Result};

/// One step of the schema: SQL, or a fix of the data SQL cannot express.
enum Step {
    Sql(&'static str),
    Data(fn(&Transaction) -> Result<()>),
}

const MIGRATIONS: &[Step] = &[
    Step::Sql(include_str!("../migrations/0001_init.sql")),
    Step::Sql(include_str!("../migrations/0002_import.sql")),
    Step::Sql(include_str!("../migrations/0003_meeting.sql")),
    Step::Sql(include_str!("../migrations/0004_points.sql")),
    Step::Sql(include_str!("../migrations/0005_points_import.sql")),
    Step::Sql(include_str!("../migrations/0006_house.sql")),
    Step::Sql(include_str!("../migrations/0007_house_attachment.sql")),
    Step::Sql(include_str!("../migrations/0008_talent.sql")),
    Step::Sql(include_str!("../migrations/0009_member_contact.sql")),
    Step::Sql(include_str!("../migrations/0010_user.sql")),
    Step::Sql(include_str!("../migrations/0011_org_edit.sql")),
    Step::Sql(include_str!("../migrations/0012_deadline_as_written.sql")),
    Step::Sql(include_str!("../migrations/0013_audit_place.sql")),
    Step::Sql(include_str!("../migrations/0014_scope.sql")),
    Step::Sql(include_str!("../migrations/0015_grid.sql")),
    Step::Sql(include_str!("../migrations/0016_appeal.sql")),
    Step::Sql(include_str!("../migrations/0017_dispute.sql")),
    // Entries a household's form wrote before the trail masked IDs inside its members.
    Step::Data(crate::audit::mask_nested),
    Step::Sql(include_str!("../migrations/0019_month_indexes.sql")),
    Step::Sql(include_str!("../migrations/0020_appeal_links.sql")),
    Step::Sql(include_str!("../migrations/0021_appeal_attachment.sql")),
    Step::Sql(include_str!("../migrations/0022_search_index_in_bulk.sql")),
    Step::Sql(include_str!(
        "../migrations/0023_household_address_column.sql"
    )),
    Step::Data(crate::household::spell_addresses),
    Step::Sql(include_str!(
        "../migrations/0024_household_address_index.sql"
    )),
    Step::Sql(include_str!("../migrations/0026_one_audit_index.sql")),
    Step::Sql(include_str!(
        "../migrations/0027_member_household_index.sql"
    )),
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
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tracing::info!(version = i + 1, "applying migration");
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Data(fix) => fix(&tx)?,
        }
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}
