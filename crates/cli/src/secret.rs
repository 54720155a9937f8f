//! Passwords the command line needs, never taken as arguments (an argument shows in `ps` and in
//! the shell's history): from an environment variable, else typed at a prompt that does not
//! echo. Without a terminal and without the variable, the clerk is told which variable to set.

use std::io::IsTerminal;

use taizhang_app::AppError;

/// The database's password: `TAIZHANG_DB_PASSWORD`.
pub const DB_PASSWORD: &str = "TAIZHANG_DB_PASSWORD";
/// A new database password (`db-password set`): `TAIZHANG_NEW_DB_PASSWORD`.
pub const NEW_DB_PASSWORD: &str = "TAIZHANG_NEW_DB_PASSWORD";
/// A backup's password (`backups settings --password`, restoring an encrypted backup).
pub const BACKUP_PASSWORD: &str = "TAIZHANG_BACKUP_PASSWORD";
/// An archive's password (`archive export --seal`, importing a sealed one).
pub const ARCHIVE_PASSWORD: &str = "TAIZHANG_ARCHIVE_PASSWORD";

/// The value of `var`, else what the clerk types after `prompt`.
pub fn read(var: &str, prompt: &str) -> Result<String, AppError> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        return Err(AppError::field(
            "password",
            format!("需要{prompt}：请在终端中运行以便输入，或设置环境变量 {var}"),
        ));
    }
    rpassword::prompt_password(format!("{prompt}："))
        .map_err(|e| AppError::field("password", format!("无法读取输入的密码（{e}）")))
}

/// A new password, typed twice (or from `var`).
pub fn new(var: &str, prompt: &str) -> Result<String, AppError> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    let first = read(var, prompt)?;
    let again = read(var, "再输入一次")?;
    if first != again {
        return Err(AppError::field("password", "两次输入的密码不一致"));
    }
    Ok(first)
}
