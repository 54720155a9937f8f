//! One page of a list, as lists cross to the UI: never the whole register at once.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One page of a list, as lists cross to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Page<T> {
    /// This page's rows.
    pub items: Vec<T>,
    /// All matching rows, not just this page's.
    pub total: i64,
    /// 1-based.
    pub page: u32,
    /// Rows per page.
    pub page_size: u32,
}

/// Paging arguments clamped to sane values: page ≥ 1, 1 ≤ size ≤ 500.
pub fn clamp(page: u32, page_size: u32) -> (u32, u32) {
    (page.max(1), page_size.clamp(1, 500))
}

/// One page of rows already found (a list filtered in Rust), paging clamped as [`clamp`] does.
pub fn of<T>(all: Vec<T>, page: u32, page_size: u32) -> Page<T> {
    let (page, page_size) = clamp(page, page_size);
    let total = all.len() as i64;
    let skip = (page as usize - 1).saturating_mul(page_size as usize);
    Page {
        items: all
            .into_iter()
            .skip(skip)
            .take(page_size as usize)
            .collect(),
        total,
        page,
        page_size,
    }
}
