//! Files sealed with a password in the age format (scrypt + ChaCha20-Poly1305): encrypted
//! backups and archives. The standard `age -d` tool opens them too.

use std::{
    fs::File,
    io::{BufReader, BufWriter},
    path::Path,
};

use age::secrecy::SecretString;

use crate::{files, AppError, ErrorCode, Result};

/// How every sealed file begins.
const HEADER: &[u8] = b"age-encryption.org/v1";

fn io_error(path: &Path, e: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Io,
        format!("{}：{}", path.display(), taizhang_disk::write_reason(e)),
    )
}

/// Whether the file at `path` is sealed (begins as an age file does).
pub(crate) fn is_sealed(path: &Path) -> bool {
    let mut start = [0u8; HEADER.len()];
    File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
        .is_ok_and(|()| start == HEADER)
}

/// Encrypts the plain file `plain` into `out`.
pub(crate) fn encrypt(plain: &Path, out: &Path, password: &SecretString) -> Result<()> {
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

/// Decrypts the sealed file at `path` into `out`; `what` names it in errors (备份, 档案).
pub(crate) fn decrypt(path: &Path, out: &Path, password: &SecretString, what: &str) -> Result<()> {
    let bad = |why: &str| {
        AppError::new(
            ErrorCode::BadFile,
            format!("{}：{why}", files::file_name(path)),
        )
    };
    let input = BufReader::new(File::open(path).map_err(|e| bad(&e.to_string()))?);
    let decryptor = age::Decryptor::new_buffered(input)
        .map_err(|_| bad(&format!("不是台账的加密{what}，或文件已损坏")))?;
    let identity = age::scrypt::Identity::new(password.clone());
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => bad(&format!("{what}密码不对")),
            _ => bad(&format!("加密{what}已损坏或不完整")),
        })?;
    let mut output = File::create(out).map_err(|e| io_error(out, &e))?;
    std::io::copy(&mut reader, &mut output)
        .map_err(|_| bad(&format!("加密{what}已损坏或不完整")))?;
    Ok(())
}
