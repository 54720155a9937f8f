//! Embedded migrations, applied in one transaction; the version lives in `user_version`.

use rusqlite::{Connection, Transaction};
use taizhang_core::natural;

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
    Step::Sql(include_str!("../migrations/0028_address_order.sql")),
    Step::Data(key_addresses),
];

/// Migration 28: every household's and house's `address_key`, the order it is listed in.
fn key_addresses(tx: &Transaction) -> Result<()> {
    for table in ["household", "house"] {
        let rows: Vec<(i64, String)> = tx
            .prepare(&format!("SELECT id, address FROM {table}"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut write = tx.prepare(&format!(
            "UPDATE {table} SET address_key = ?2 WHERE id = ?1"
        ))?;
        for (id, address) in rows {
            write.execute(rusqlite::params![id, natural::key(&address)])?;
        }
    }
    Ok(())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(tx: &Transaction, steps: &[Step]) -> Result<()> {
        for step in steps {
            match step {
                Step::Sql(sql) => tx.execute_batch(sql)?,
                Step::Data(fix) => fix(tx)?,
            }
        }
        Ok(())
    }

    #[test]
    fn addresses_written_before_migration_28_get_their_order() -> Result<()> {
        let mut conn = Connection::open_in_memory()?;
        let tx = conn.transaction()?;
        // A database as version 27 left it, with a household and a house.
        apply(&tx, &MIGRATIONS[..27])?;
        tx.execute_batch(
            "INSERT INTO household (address, created_at, updated_at) VALUES ('10号楼101', '', '');
             INSERT INTO house (address, owner, structure, created_at, updated_at)
             VALUES ('南山村十二组3号', '刘桂英', '砖木', '', '');",
        )?;
        apply(&tx, &MIGRATIONS[27..])?;
        let keys: Vec<String> = tx
            .prepare("SELECT address_key FROM household UNION ALL SELECT address_key FROM house")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(
            keys,
            [natural::key("10号楼101"), natural::key("南山村12组3号")]
        );
        assert_eq!(keys[0], "0210号楼03101");
        Ok(())
    }
}
