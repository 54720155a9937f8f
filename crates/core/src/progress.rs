//! How far a long task (an import, an export) has got, for a progress bar, and whether the user
//! asked to stop it. Long loops report every few hundred rows and look at `cancelled` as often.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The parts of a long task, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Opening the file (no count: one step).
    Read,
    /// Checking rows against the register's fields and comparing each with the record already
    /// there (one pass: a row is compared as soon as it is checked).
    Check,
    /// Writing records.
    Write,
}

/// One report: `done` of `total` units of `stage` are finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Tick {
    /// The part of the task.
    pub stage: Stage,
    /// Units finished.
    pub done: u64,
    /// Units in all.
    pub total: u64,
}

/// Where a long task reports, and learns whether to stop.
pub trait Progress: Sync {
    /// How far the task has got.
    fn report(&self, tick: Tick);
    /// Whether the user asked to stop; work stops at its next look and undoes what it wrote.
    fn cancelled(&self) -> bool;

    /// For a loop over `total` items at item `i`: reports every [`EVERY`] items, and says
    /// whether to stop.
    fn stop_at(&self, stage: Stage, i: usize, total: usize) -> bool {
        if !i.is_multiple_of(EVERY) {
            return false;
        }
        self.report(Tick {
            stage,
            done: i as u64,
            total: total as u64,
        });
        self.cancelled()
    }
}

/// Nobody is watching and nobody can cancel: the command line and tests.
pub struct Quiet;

impl Progress for Quiet {
    fn report(&self, _: Tick) {}

    fn cancelled(&self) -> bool {
        false
    }
}

/// How many rows a loop handles between two reports.
pub const EVERY: usize = 500;
