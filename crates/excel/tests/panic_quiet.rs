//! A damaged file that trips a reader's bug is a damaged file to the clerk: the panic is caught,
//! reported in Chinese, and the program's panic hook (which would print English and a
//! backtrace) is not told. Any other panic still reaches the hook. (Its own test binary: it
//! sets the process's panic hook.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use std::sync::atomic::{AtomicUsize, Ordering};

use taizhang_excel::{guarded, ReadError};

static TOLD: AtomicUsize = AtomicUsize::new(0);

#[test]
fn a_panic_inside_a_reader_is_a_damaged_file_and_nothing_is_printed() {
    std::panic::set_hook(Box::new(|_| {
        TOLD.fetch_add(1, Ordering::SeqCst);
    }));
    let read: Result<(), ReadError> = guarded(|| panic!("index out of bounds"));
    assert_eq!(read, Err(ReadError::Corrupt("文件结构无法解析".into())));
    assert_eq!(TOLD.load(Ordering::SeqCst), 0, "the hook was not told");
    // Outside a reader the hook hears of a panic as before.
    let _ = std::panic::catch_unwind(|| panic!("elsewhere"));
    assert_eq!(TOLD.load(Ordering::SeqCst), 1);
}
