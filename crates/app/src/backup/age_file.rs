//! Backups encrypted with a password in the age format (scrypt + ChaCha20-Poly1305): the same
//! file the standard `age -d` tool opens.

use std::{
    fs::File,
    io::{BufReader, BufWriter},
    path::Path,
};

use age::secrecy::SecretString;

use super::io_error;
use crate::{files, AppError, ErrorCode, Result};

/// Encrypts the plain database file `plain` into `out`.
pub(super) fn encrypt(plain: &Path, out: &Path, password: &SecretString) -> Result<()> {
    let fail = |e: std::io::Error| io_error(out, &e);
    let mut input = BufReader::new(File::open(plain).map_err(fail)?);
    let output = BufWriter::new(File::create(out).map_err(fail)?);
    let mut writer = age::Encryptor::with_user_passphrase(password.clone())
        .wrap_output(output)
        .map_err(fail)?;
    std::io::copy(&mut input, &mut writer).map_err(fail)?;
    writer
        .finish()
        .and_then(|mut w| std::io::Write::flush(&mut w))
        .map_err(fail)
}

/// Decrypts the backup at `path` into `out`.
pub(super) fn decrypt(path: &Path, out: &Path, password: &SecretString) -> Result<()> {
    let bad = |why: &str| {
        AppError::new(
            ErrorCode::BadFile,
            format!("{}：{why}", files::file_name(path)),
        )
    };
    let input = BufReader::new(File::open(path).map_err(|e| bad(&e.to_string()))?);
    let decryptor =
        age::Decryptor::new_buffered(input).map_err(|_| bad("不是台账的加密备份，或文件已损坏"))?;
    let identity = age::scrypt::Identity::new(password.clone());
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => bad("备份密码不对"),
            _ => bad("加密备份已损坏或不完整"),
        })?;
    let mut output = File::create(out).map_err(|e| io_error(out, &e))?;
    std::io::copy(&mut reader, &mut output).map_err(|_| bad("加密备份已损坏或不完整"))?;
    Ok(())
}
