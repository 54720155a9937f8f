//! Unguessable names: a browser's session cookie, a download's token, a launch link, the
//! folders of uploads.

use taizhang_app::{AppError, ErrorCode, Result};

/// 32 random bytes from the system, as hex.
pub fn new() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("系统无法提供随机数（{e}）")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
