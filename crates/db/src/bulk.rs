//! A batch of writes made as one: an import, its undo, the demo office. Every `*_at` the batch
//! writes is the batch's one moment (the clock is read once), and the search indexes (persons'
//! names, `person_name_fts`; households' addresses, `household_address_fts`) are brought up to
//! date once, at the batch's end: migrations 22 and 24 have the triggers, and why.

use std::cell::RefCell;

use rusqlite::Transaction;

use crate::Result;

thread_local! {
    /// The moment of the batch running on this thread, if one is.
    static MOMENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `write` as a batch: the persons and households it writes are indexed together when it
/// returns, two statements for each index, instead of one by one. On an error nothing is indexed and the caller's
/// transaction, which is rolled back, leaves the index as it was.
pub fn run<T, E: From<crate::DbError>>(
    tx: &Transaction,
    write: impl FnOnce() -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    defer(tx)?;
    let outer = MOMENT.with(|m| m.replace(Some(clock())));
    let done = write();
    MOMENT.with(|m| m.replace(outer));
    let done = done?;
    catch_up(tx)?;
    Ok(done)
}

/// The current local time as stored in `*_at` columns: the batch's moment inside one.
pub(crate) fn now() -> String {
    MOMENT.with(|m| m.borrow().clone()).unwrap_or_else(clock)
}

fn clock() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

fn defer(tx: &Transaction) -> Result<()> {
    tx.execute("INSERT OR IGNORE INTO search_deferred(id) VALUES (1)", [])?;
    Ok(())
}

/// Takes out what the indexes held for the persons and households the batch changed, puts in
/// what they hold now (one deleted in the batch is not found, so only taken out), and ends the
/// deferral.
fn catch_up(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM search_deferred;
         INSERT INTO person_name_fts(person_name_fts, rowid, name_chars)
             SELECT 'delete', id, old_chars FROM search_pending WHERE old_chars IS NOT NULL;
         INSERT INTO person_name_fts(rowid, name_chars)
             SELECT p.id, p.name_chars FROM search_pending q JOIN person p ON p.id = q.id;
         DELETE FROM search_pending;
         INSERT INTO household_address_fts(household_address_fts, rowid, address_chars)
             SELECT 'delete', id, old_chars FROM address_pending WHERE old_chars IS NOT NULL;
         INSERT INTO household_address_fts(rowid, address_chars)
             SELECT h.id, h.address_chars FROM address_pending q JOIN household h ON h.id = q.id;
         DELETE FROM address_pending;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{person, Db, Result};

    fn record(name: &str) -> person::PersonRecord {
        person::PersonRecord {
            name: name.into(),
            ..Default::default()
        }
    }

    /// A batch that adds, renames (twice), and removes persons leaves the index as row-by-row
    /// writes would: each finds exactly what it holds now, and FTS5's own check passes.
    #[test]
    fn a_batch_indexes_what_it_wrote_once_at_its_end() -> Result<()> {
        let mut db = Db::open_in_memory()?;
        let (kept, renamed, removed) = db.write(|tx| {
            Ok::<_, crate::DbError>((
                person::insert(tx, &record("王国民"))?,
                person::insert(tx, &record("李秀英"))?,
                person::insert(tx, &record("赵建军"))?,
            ))
        })?;
        let added = db.write(|tx| {
            super::run(tx, || {
                let added = person::insert(tx, &record("陈秀兰"))?;
                person::update(tx, renamed, &record("李秀芳"))?;
                person::update(tx, renamed, &record("李秀梅"))?;
                person::update(tx, added, &record("陈桂兰"))?;
                tx.execute("DELETE FROM person WHERE id = ?1", [removed])?;
                // Deferred: nothing the batch wrote is found yet.
                assert_eq!(person::search(tx, "秀梅", 10)?, Vec::<i64>::new());
                Ok::<_, crate::DbError>(added)
            })
        })?;
        let found = |text: &str| person::search(db.conn(), text, 10);
        assert_eq!(found("国民")?, vec![kept]);
        assert_eq!(found("秀梅")?, vec![renamed]);
        assert_eq!(found("秀英")?, Vec::<i64>::new());
        assert_eq!(found("秀芳")?, Vec::<i64>::new());
        assert_eq!(found("桂兰")?, vec![added]);
        assert_eq!(found("秀兰")?, Vec::<i64>::new());
        assert_eq!(found("建军")?, Vec::<i64>::new());
        db.conn().execute(
            "INSERT INTO person_name_fts(person_name_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        let left: i64 = db.conn().query_row(
            "SELECT (SELECT count(*) FROM search_pending) + (SELECT count(*) FROM search_deferred)",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(left, 0);
        // After the batch each write is indexed at once again.
        let later = db.write(|tx| person::insert(tx, &record("周志强")))?;
        assert_eq!(person::search(db.conn(), "志强", 10)?, vec![later]);
        Ok(())
    }
}
