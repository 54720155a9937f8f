//! 档案: the office's registers as one .zip to keep or to move to another PC — a manifest
//! (versions, counts, SHA-256 of every file), every register as .xlsx in its own import layout
//! (full IDs, so another PC can merge by 身份证号), the per-record PDFs (一人一档, 一户一档, meeting
//! minutes), the houses' attachments and, for the whole office, a consistent snapshot of the
//! database. Reading one back is `archive/import.rs`.

mod import;

use std::{io::Write, path::Path};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use taizhang_core::{
    audit::AuditAction,
    progress::{Progress, Stage},
};
use taizhang_db::{backup::Summary, meeting::MeetingQuery, Db};
use taizhang_disk as disk;
use ts_rs::TS;
use zip::{write::SimpleFileOptions, CompressionMethod, ZipWriter};

pub use import::{import, verify, ArchiveImport, Mode, RegisterMerge};

/// Whether the archive at `path` is sealed with a password (ask for it before importing).
pub fn is_sealed(path: &Path) -> bool {
    crate::sealed::is_sealed(path)
}

use crate::{
    export, files, house, meeting,
    print::{self, PrintRequest},
    registers::Register,
    AppError, Ctx, ErrorCode, Result,
};

/// What `manifest.json` says its archive is.
const FORMAT: &str = "taizhang-archive";
const FORMAT_VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";
const DATABASE: &str = "database/taizhang.db";
/// The audit trail's name for archives.
const ENTITY: &str = "档案";

/// One file of an archive, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ManifestFile {
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256, hex.
    pub sha256: String,
}

/// `manifest.json`: what the archive holds and how to check it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The Taizhang version that wrote it.
    pub app_version: String,
    pub schema_version: i64,
    pub office_name: String,
    pub created_at: String,
    pub created_by: String,
    /// The registers exported as .xlsx, by their command-line names.
    pub registers: Vec<String>,
    /// Whether the whole office is in it (then with a database snapshot to replace from).
    pub whole_office: bool,
    /// Records per register when the archive was written.
    pub counts: Vec<(String, i64)>,
    pub files: Vec<ManifestFile>,
}

/// Writes the archive's files into a zip, hashing each as it goes.
struct Packer<W: Write + std::io::Seek> {
    zip: ZipWriter<W>,
    files: Vec<ManifestFile>,
}

impl<W: Write + std::io::Seek> Packer<W> {
    fn add(&mut self, path: &str, bytes: &[u8], compress: bool) -> Result<()> {
        let method = if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(bytes.len() > u32::MAX as usize / 2);
        self.zip
            .start_file(path, options)
            .and_then(|()| self.zip.write_all(bytes).map_err(Into::into))
            .map_err(zip_error)?;
        self.files.push(ManifestFile {
            path: path.to_owned(),
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        });
        Ok(())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn zip_error(e: zip::result::ZipError) -> AppError {
    let why = match e {
        zip::result::ZipError::Io(io) => disk::write_reason(&io),
        other => other.to_string(),
    };
    AppError::new(ErrorCode::Io, format!("档案写入失败：{why}"))
}

/// What an archive export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArchiveExported {
    /// Sealed with a password (asked for on import).
    pub sealed: bool,
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
    pub manifest: Manifest,
}

/// How an archive travels. It holds full ID numbers, so from an encrypted database it must be
/// sealed with a password the clerk types (asked again on import), unless the clerk says, in so
/// many words, that it may travel plain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "password", rename_all = "lowercase")]
pub enum Travel {
    Sealed(String),
    Plain,
}

/// `taizhang archive export OUT.zip [--registers …]`: the whole office when `registers` is empty.
/// `travel` None: plain from a plain database, refused from an encrypted one.
pub fn export(
    db: &mut Db,
    ctx: &Ctx,
    out: &Path,
    registers: &[Register],
    travel: Option<Travel>,
    progress: &dyn Progress,
) -> Result<ArchiveExported> {
    db.writable()?;
    let seal = match travel {
        Some(Travel::Sealed(p)) => {
            if p.chars().count() < taizhang_core::user::MIN_PASSWORD {
                return Err(AppError::field(
                    "password",
                    format!(
                        "档案密码至少 {} 位",
                        taizhang_core::user::MIN_PASSWORD
                    ),
                ));
            }
            Some(age::secrecy::SecretString::from(p))
        }
        Some(Travel::Plain) => None,
        None if db.key().is_some() => {
            return Err(AppError::field(
                "password",
                "台账已加密，而档案中是完整的身份证号等信息：请设一个档案密码（导入时要输入），或明确选择“不加密”",
            ))
        }
        None => None,
    };
    let sealed = seal.is_some();
    let whole = registers.is_empty();
    let registers: Vec<Register> = if whole {
        Register::ALL.to_vec()
    } else {
        registers.to_vec()
    };
    let work = crate::workdir::create(db.path())?;
    let manifest = disk::write_whole(out, |part| -> Result<Manifest> {
        // A sealed archive is packed in the working folder first, then sealed into place.
        let packed = match seal {
            Some(_) => work.path().join("archive.zip"),
            None => part.to_owned(),
        };
        let file = std::fs::File::create(&packed)
            .map_err(|e| AppError::new(ErrorCode::Io, disk::write_reason(&e)))?;
        let mut packer = Packer {
            zip: ZipWriter::new(std::io::BufWriter::new(file)),
            files: Vec::new(),
        };
        let summary = pack(
            db,
            ctx,
            &mut packer,
            work.path(),
            whole,
            &registers,
            progress,
        )?;
        let manifest = Manifest {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            schema_version: summary.schema_version,
            office_name: summary.office_name,
            created_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            created_by: ctx.actor.clone(),
            registers: registers.iter().map(|r| r.cli_name().to_owned()).collect(),
            whole_office: whole,
            counts: summary.counts,
            files: std::mem::take(&mut packer.files),
        };
        let json = serde_json::to_vec_pretty(&manifest)
            .map_err(|e| AppError::conflict(format!("清单无法生成：{e}")))?;
        packer.add(MANIFEST, &json, true)?;
        packer
            .zip
            .finish()
            .map_err(zip_error)?
            .into_inner()
            .map_err(|e| zip_error(e.into_error().into()))?
            .sync_all()
            .map_err(|e| AppError::new(ErrorCode::Io, disk::write_reason(&e)))?;
        if let Some(password) = &seal {
            crate::sealed::encrypt(&packed, part, password)?;
        }
        Ok(manifest)
    })
    .map_err(|e| AppError {
        message: format!("{}（{}）", e.message, out.display()),
        ..e
    })?;
    db.write(|tx| {
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Export,
            ENTITY,
            0,
            format!(
                "导出档案 {}：{}（含完整身份证号，{}）",
                files::file_name(out),
                manifest.registers.join("、"),
                if sealed { "已加密" } else { "未加密" }
            ),
        )
    })?;
    Ok(ArchiveExported {
        sealed,
        path: out.display().to_string(),
        size: std::fs::metadata(out).map(|m| m.len()).unwrap_or(0),
        manifest,
    })
}

fn pack<W: Write + std::io::Seek>(
    db: &mut Db,
    ctx: &Ctx,
    packer: &mut Packer<W>,
    work: &Path,
    whole: bool,
    registers: &[Register],
    progress: &dyn Progress,
) -> Result<Summary> {
    let snapshot = work.join("taizhang.db");
    db.plain_snapshot(&snapshot)?;
    // An archive travels as plain files (its registers are plain .xlsx too): the database
    // password, the backups' password and this PC's folder stay behind.
    crate::backup::forget_settings(&snapshot, None)?;
    let summary = taizhang_db::backup::summary(&snapshot, None, &crate::registers::counted())?;
    if whole {
        packer.add(DATABASE, &files::read(&snapshot)?, true)?;
    }
    for r in registers {
        let path = work.join(format!("{}.xlsx", r.title()));
        crate::registers::export(
            db,
            ctx,
            *r,
            &path,
            export::Request {
                unmasked: Some("导出档案包（供另一台电脑按身份证号合并）"),
                ..Default::default()
            },
        )?;
        packer.add(
            &format!("registers/{}.xlsx", r.title()),
            &files::read(&path)?,
            false,
        )?;
    }
    // The per-record PDFs (masked, as every print is).
    let mut pdfs: Vec<(String, PrintRequest)> = Vec::new();
    if whole {
        for (id, name, number) in taizhang_db::person::names(db.conn())? {
            // The ID's last four tell two 王芳 apart; a person without ID goes by number.
            let tail = match number {
                Some(n) => n.chars().skip(14).collect(),
                None => format!("{id}"),
            };
            pdfs.push((
                format!("pdf/一人一档/{}-{tail}.pdf", crate::files::safe_name(&name)),
                PrintRequest::PersonArchive { person_id: id },
            ));
        }
        for m in meeting::list(db, ctx, &MeetingQuery::default())? {
            pdfs.push((
                format!(
                    "pdf/会议记录/{} {}-{}.pdf",
                    m.held_at,
                    crate::files::safe_name(&m.title),
                    m.id
                ),
                PrintRequest::Minutes { meeting_id: m.id },
            ));
        }
    }
    let houses = if whole || registers.contains(&Register::Houses) {
        house::houses(db, ctx, &Default::default())?
    } else {
        Vec::new()
    };
    for h in &houses {
        pdfs.push((
            format!(
                "pdf/一户一档/{}-{}.pdf",
                crate::files::safe_name(&h.input.address),
                h.id
            ),
            PrintRequest::HouseArchive { house_id: h.id },
        ));
    }
    let total = pdfs.len();
    for (i, (path, request)) in pdfs.iter().enumerate() {
        if progress.stop_at(Stage::Write, i, total) {
            return Err(AppError::cancelled());
        }
        packer.add(path, &print::request(db, ctx, request)?.bytes, false)?;
    }
    for h in &houses {
        use taizhang_db::attachment::{self, Owner};
        for a in attachment::of(db.conn(), Owner::House, h.id)? {
            let (_, bytes) = attachment::get(db.conn(), Owner::House, a.id)?;
            packer.add(
                &format!(
                    "attachments/house-{}/{}-{}",
                    h.id,
                    a.id,
                    crate::files::safe_name(&a.name)
                ),
                &bytes,
                false,
            )?;
        }
    }
    Ok(summary)
}
