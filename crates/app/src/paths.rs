//! Where the database lives: `--db PATH`, else `TAIZHANG_DB`, else `taizhang.db` in the OS data
//! folder (~/.local/share/taizhang on Linux, %APPDATA%\taizhang on Windows).

use std::path::PathBuf;

pub const ENV_DB: &str = "TAIZHANG_DB";

pub fn database(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os(ENV_DB).map(PathBuf::from))
        .unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("taizhang")
                .join("taizhang.db")
        })
}

/// Where PDFs handed to the system's printing wait to be printed (the desktop's cache folder:
/// ~/.cache/cn.taizhang.desktop/print on Linux); swept after a day.
pub fn print_cache() -> PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("cn.taizhang.desktop")
        .join("print")
}
