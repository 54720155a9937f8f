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
