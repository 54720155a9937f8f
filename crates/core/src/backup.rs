//! Backups as files: why one was taken, how its file is named, and which ones rotation keeps
//! (the newest few, then one per day for 7 days, one per week for 4 weeks, one per month for 12
//! months). Pure rules; `app::backup` takes, lists and restores them.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labelled::labelled_enum;

labelled_enum!(
    /// Why a backup was taken.
    Reason {
        Daily => "每日备份",
        Manual => "手动备份",
        BeforeMigration => "升级前",
        BeforeImport => "导入前",
        BeforeRestore => "恢复前",
        BeforeArchiveImport => "档案导入前",
        OnExit => "退出时",
    }
);

impl Reason {
    /// The reason's word in a file name (file names stay ASCII: USB sticks are often FAT32
    /// written by other PCs).
    fn tag(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Manual => "manual",
            Reason::BeforeMigration => "migrate",
            Reason::BeforeImport => "import",
            Reason::BeforeRestore => "restore",
            Reason::BeforeArchiveImport => "archive",
            Reason::OnExit => "exit",
        }
    }
}

/// The names of backup files start with this.
const PREFIX: &str = "taizhang-";
/// A plain backup is an SQLite file; an encrypted one is that file in the age format.
const PLAIN: &str = ".db";
const ENCRYPTED: &str = ".db.age";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// How many of the newest backups are always kept, whatever their day.
pub const KEEP_NEWEST: usize = 10;
/// One a day is kept for this many days.
pub const KEEP_DAYS: usize = 7;
/// Then one a week for this many weeks.
pub const KEEP_WEEKS: usize = 4;
/// Then one a month for this many months.
pub const KEEP_MONTHS: usize = 12;

/// What a backup's file name says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupName {
    /// When it was taken (local time).
    pub at: NaiveDateTime,
    /// Why it was taken.
    pub reason: Reason,
    /// Sealed with the backup password (`.db.age`).
    pub encrypted: bool,
}

impl BackupName {
    /// `taizhang-20261123-014500-daily.db` (`.db.age` when encrypted).
    pub fn file_name(&self) -> String {
        format!(
            "{PREFIX}{}-{}{}",
            self.at.format(STAMP),
            self.reason.tag(),
            if self.encrypted { ENCRYPTED } else { PLAIN }
        )
    }

    /// The name's parts, or None for a file that is not one of our backups.
    pub fn parse(file_name: &str) -> Option<Self> {
        let rest = file_name.strip_prefix(PREFIX)?;
        let (rest, encrypted) = match rest.strip_suffix(ENCRYPTED) {
            Some(r) => (r, true),
            None => (rest.strip_suffix(PLAIN)?, false),
        };
        let (stamp, tag) = rest.rsplit_once('-')?;
        let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
        let reason = Reason::ALL.iter().copied().find(|r| r.tag() == tag)?;
        Some(Self {
            at,
            reason,
            encrypted,
        })
    }
}

/// The calendar period (day, ISO week or month) a backup falls in.
type Period = fn(&NaiveDateTime) -> (i32, u32);

/// The backups rotation removes, given when each was taken: everything not among the newest
/// [`KEEP_NEWEST`], nor the newest of one of the latest [`KEEP_DAYS`] days, [`KEEP_WEEKS`]
/// weeks or [`KEEP_MONTHS`] months that have backups. Returned as indexes into `taken`.
pub fn to_remove(taken: &[NaiveDateTime]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|a, b| taken[*b].cmp(&taken[*a]));
    let mut keep: HashSet<usize> = order.iter().take(KEEP_NEWEST).copied().collect();
    let periods: [(usize, Period); 3] = [
        (KEEP_DAYS, |t| (t.year(), t.ordinal())),
        (KEEP_WEEKS, |t| (t.iso_week().year(), t.iso_week().week())),
        (KEEP_MONTHS, |t| (t.year(), t.month())),
    ];
    for (count, period) in periods {
        let mut seen = Vec::new();
        for &i in &order {
            let p = period(&taken[i]);
            if !seen.contains(&p) {
                if seen.len() == count {
                    break;
                }
                seen.push(p);
                keep.insert(i);
            }
        }
    }
    let mut out: Vec<usize> = (0..taken.len()).filter(|i| !keep.contains(i)).collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use chrono::{Days, NaiveDate};

    use super::*;

    fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
        day.and_hms_opt(hour, 0, 0).unwrap_or_default()
    }

    #[test]
    fn names_round_trip_and_strangers_are_ignored() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        for reason in Reason::ALL {
            for encrypted in [false, true] {
                let name = BackupName {
                    at: at(day, 9),
                    reason: *reason,
                    encrypted,
                };
                assert_eq!(BackupName::parse(&name.file_name()), Some(name));
            }
        }
        let daily = BackupName {
            at: at(day, 9),
            reason: Reason::Daily,
            encrypted: false,
        };
        assert_eq!(daily.file_name(), "taizhang-20261123-090000-daily.db");
        for stranger in [
            "taizhang.db",
            "taizhang-20261123-090000-daily.db-wal",
            "taizhang-2026-daily.db",
            "taizhang-20261123-090000-weekly.db",
            "照片.jpg",
        ] {
            assert_eq!(BackupName::parse(stranger), None, "{stranger}");
        }
    }

    #[test]
    fn rotation_keeps_the_newest_then_one_per_day_week_and_month() {
        // Two backups a day (morning and evening) for 400 days.
        let start = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap_or_default();
        let taken: Vec<NaiveDateTime> = (0..400u64)
            .flat_map(|d| {
                let day = start + Days::new(d);
                [at(day, 8), at(day, 18)]
            })
            .collect();
        let gone: HashSet<usize> = to_remove(&taken).into_iter().collect();
        let kept: Vec<NaiveDateTime> = (0..taken.len())
            .filter(|i| !gone.contains(i))
            .map(|i| taken[i])
            .collect();
        let last = start + Days::new(399);
        // The newest ten: five days, morning and evening.
        for d in 0..5 {
            for hour in [8, 18] {
                assert!(kept.contains(&at(last - Days::new(d), hour)));
            }
        }
        // Evenings of the last seven days.
        for d in 0..7 {
            assert!(kept.contains(&at(last - Days::new(d), 18)));
        }
        // Mornings older than the newest ten are gone.
        assert!(!kept.contains(&at(last - Days::new(5), 8)));
        // Nothing is kept from 13 months back; twelve months are represented.
        let months: HashSet<(i32, u32)> = kept.iter().map(|t| (t.year(), t.month())).collect();
        assert_eq!(months.len(), KEEP_MONTHS);
        assert!(kept.len() <= KEEP_NEWEST + KEEP_DAYS + KEEP_WEEKS + KEEP_MONTHS);
        assert!(kept.len() >= KEEP_MONTHS + KEEP_NEWEST);
        // Few backups: nothing is removed.
        assert!(to_remove(&taken[..KEEP_NEWEST]).is_empty());
    }
}
