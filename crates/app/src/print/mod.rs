//! Everything the office prints, as PDF: each document is built from the register here and set
//! by the `pdf` crate. Sensitive values are masked as on screen.

mod dispute;
mod grid;
mod house;
mod meeting;
mod party_member;
mod person;
mod points;
mod talent;

pub use dispute::agreement;
pub use grid::{appeal_sheet, visit_log};
pub use house::{house_archive, rectification_notice};
pub use meeting::{minutes, notice, signin};
pub use party_member::{member, member_with_id_number, roster};
pub use person::{person_archive, person_by_id_number, person_with_id_number};
pub use points::{certificate, notice as points_notice, passbook, receipt};
pub use talent::talent_card;

use std::path::Path;

use serde::{Deserialize, Serialize};
use taizhang_db::{setting, Db};
use taizhang_pdf::{Align, Block, Choice, Column, Document, Fonts, Role, Table};
use ts_rs::TS;

use crate::{AppError, Ctx, ErrorCode, Result};
use taizhang_db::party_member::PartyMemberQuery;

/// What the desktop asks to print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintRequest {
    Minutes { meeting_id: i64 },
    Signin { meeting_id: i64 },
    Notice { meeting_id: i64 },
    Roster { query: PartyMemberQuery },
    Member { member_id: i64 },
    Passbook { account_id: i64 },
    Certificate { number: String },
    PointsNotice { month: String },
    Receipt { redemption_id: i64 },
    HouseArchive { house_id: i64 },
    RectificationNotice { house_id: i64 },
    PersonArchive { person_id: i64 },
    TalentCard { talent_id: i64 },
    AppealSheet { appeal_id: i64 },
    VisitLog { household_id: i64 },
    Agreement { dispute_id: i64 },
}

impl PrintRequest {
    /// Whether it prints the points supermarket's papers.
    fn is_points(&self) -> bool {
        matches!(
            self,
            Self::Passbook { .. }
                | Self::Certificate { .. }
                | Self::PointsNotice { .. }
                | Self::Receipt { .. }
        )
    }
}

/// Makes the PDF a request names, of `ctx`'s part of the registers (数据权限).
pub fn request(db: &Db, ctx: &Ctx, request: &PrintRequest) -> Result<Printed> {
    if request.is_points() {
        crate::points::street_only(ctx)?;
    }
    match request {
        PrintRequest::Minutes { meeting_id } => minutes(db, ctx, *meeting_id),
        PrintRequest::Signin { meeting_id } => signin(db, ctx, *meeting_id),
        PrintRequest::Notice { meeting_id } => notice(db, ctx, *meeting_id),
        PrintRequest::Roster { query } => roster(db, ctx, query),
        PrintRequest::Member { member_id } => member(db, ctx, *member_id),
        PrintRequest::Passbook { account_id } => passbook(db, *account_id),
        PrintRequest::Certificate { number } => certificate(db, number),
        PrintRequest::PointsNotice { month } => points_notice(db, month),
        PrintRequest::Receipt { redemption_id } => receipt(db, *redemption_id),
        PrintRequest::HouseArchive { house_id } => house_archive(db, ctx, *house_id),
        PrintRequest::RectificationNotice { house_id } => rectification_notice(db, ctx, *house_id),
        PrintRequest::PersonArchive { person_id } => person_archive(db, ctx, *person_id),
        PrintRequest::TalentCard { talent_id } => talent_card(db, ctx, *talent_id),
        PrintRequest::AppealSheet { appeal_id } => appeal_sheet(db, ctx, *appeal_id),
        PrintRequest::VisitLog { household_id } => visit_log(db, ctx, *household_id),
        PrintRequest::Agreement { dispute_id } => agreement(db, ctx, *dispute_id),
    }
}

/// The largest PDF the page may hand to this PC's printing (a 1,000-page roster is ~20 MB).
const MAX_PRINTED: usize = 200 << 20;

/// Saves a PDF the page shows into the print folder and hands it to the system to print;
/// returns where it was saved. Only a PDF, and one of a sane size, is taken.
pub fn pdf_to_system(title: &str, bytes: Vec<u8>) -> Result<String> {
    if !bytes.starts_with(b"%PDF-") || bytes.len() > MAX_PRINTED {
        return Err(AppError::new(
            ErrorCode::BadFile,
            "要打印的不是 PDF，或超过 200 MB：请重新打开打印预览",
        ));
    }
    let printed = Printed {
        title: title.to_owned(),
        pages: 0,
        bytes,
    };
    let path = save_in(&printed, &crate::paths::print_cache())?;
    hand_to_system(&path)?;
    Ok(path.display().to_string())
}

/// Hands a saved PDF to the system to print, never through a shell: the path is one argument
/// (or one wide string) whatever it holds. On Windows the shell's `print` verb
/// (`ShellExecuteW`), on Linux `lp` (CUPS); where that fails the system's PDF viewer opens it,
/// to print from there.
pub fn hand_to_system(path: &Path) -> Result<()> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    if system_print(&path) {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::Io,
            format!(
                "没有找到可用的打印机或 PDF 阅读器。PDF 已保存在 {}，请用其他程序打开后打印",
                path.display()
            ),
        ))
    }
}

// The one unsafe call in the program: a Win32 function taking wide-string pointers.
#[cfg(windows)]
#[allow(unsafe_code)]
fn system_print(path: &Path) -> bool {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::UI::{Shell::ShellExecuteW, WindowsAndMessaging::SW_HIDE};
    let wide = |s: &std::ffi::OsStr| s.encode_wide().chain([0]).collect::<Vec<u16>>();
    let (verb, file) = (wide("print".as_ref()), wide(path.as_os_str()));
    let open = wide("open".as_ref());
    let run = |verb: &[u16]| {
        // SAFETY: every pointer is to a NUL-terminated wide string that outlives the call;
        // the window, parameters and directory are null, which the API allows.
        let done = unsafe {
            ShellExecuteW(
                std::ptr::null_mut(),
                verb.as_ptr(),
                file.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                SW_HIDE,
            )
        };
        // Above 32 is success (the API's documented convention).
        done as isize > 32
    };
    run(&verb) || run(&open)
}

#[cfg(not(windows))]
fn system_print(path: &Path) -> bool {
    use std::process::Command;
    let ran = |c: &mut Command| c.status().map(|s| s.success()).unwrap_or(false);
    // `--`: what follows is a file, even a name that starts like an option.
    ran(Command::new("lp").arg("--").arg(path)) || ran(Command::new("xdg-open").arg(path))
}

/// Settings naming a font file the office chose for each role (empty: the bundled face), with
/// the role's name and its bundled face as a clerk reads them.
const FONT_SETTINGS: [(Role, &str, &str, &str); 4] = [
    (Role::Body, "print.font.body", "正文", "内置 思源宋体"),
    (
        Role::Title,
        "print.font.title",
        "标题",
        "内置 思源黑体（粗）",
    ),
    (
        Role::Heading1,
        "print.font.heading1",
        "一级标题",
        "内置 思源黑体（粗）",
    ),
    (
        Role::Heading2,
        "print.font.heading2",
        "二级标题",
        "内置 霞鹜文楷",
    ),
];

/// One role's font: the bundled face or one of the PC's own that suit it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FontSetting {
    /// The setting's key, e.g. `print.font.body`.
    pub key: String,
    pub role: String,
    pub bundled: String,
    /// The chosen file; empty for the bundled face.
    pub path: String,
    /// Fonts found on this PC for the role: (name, file).
    pub installed: Vec<(String, String)>,
}

/// Each role's font and what this PC offers for it.
pub fn font_settings(db: &Db) -> Result<Vec<FontSetting>> {
    let found = taizhang_pdf::installed();
    FONT_SETTINGS
        .iter()
        .map(|(role, key, name, bundled)| {
            Ok(FontSetting {
                key: key.to_string(),
                role: name.to_string(),
                bundled: bundled.to_string(),
                path: setting::get(db.conn(), key)?.unwrap_or_default(),
                installed: found
                    .iter()
                    .filter(|(r, _, _)| r == role)
                    .map(|(_, n, p)| (n.to_string(), p.display().to_string()))
                    .collect(),
            })
        })
        .collect()
}

/// Chooses a font file for a role (empty: back to the bundled face); refused unless the file is
/// a font that can be read.
pub fn set_font(db: &mut Db, ctx: &Ctx, key: &str, path: &str) -> Result<()> {
    crate::user::may_configure(db, ctx)?;
    let Some((role, _, name, _)) = FONT_SETTINGS.iter().find(|(_, k, _, _)| *k == key) else {
        return Err(AppError::field("key", format!("没有“{key}”这项字体设置")));
    };
    let path = path.trim();
    if !path.is_empty() {
        let choice = Choice {
            role: *role,
            path: path.into(),
        };
        Fonts::with(&[choice]).map_err(|e| AppError::field("path", e.to_string()))?;
    }
    db.write(|tx| {
        setting::set(tx, key, path)?;
        crate::audit::note(
            tx,
            ctx,
            taizhang_core::audit::AuditAction::Update,
            "打印字体",
            0,
            format!(
                "{name}字体改为{}",
                if path.is_empty() {
                    "内置字体"
                } else {
                    path
                }
            ),
        )
    })
}

/// The faces documents are set in: the bundled ones, with the office's own choices in front.
pub fn fonts(db: &Db) -> Result<Fonts> {
    let mut choices = Vec::new();
    for (role, key, _, _) in FONT_SETTINGS {
        if let Some(path) = setting::get(db.conn(), key)?.filter(|p| !p.is_empty()) {
            choices.push(Choice {
                role,
                path: path.into(),
            });
        }
    }
    Fonts::with(&choices).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))
}

/// A made PDF, in memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Printed {
    pub title: String,
    pub pages: usize,
    #[serde(skip)]
    #[ts(skip)]
    pub bytes: Vec<u8>,
}

/// Sets `document` in the office's fonts.
pub fn make(db: &Db, document: &Document) -> Result<Printed> {
    let pdf = taizhang_pdf::make(document, &fonts(db)?);
    Ok(Printed {
        title: document.title.clone(),
        pages: pdf.pages,
        bytes: pdf.bytes,
    })
}

/// Writes a made PDF to `path` (through a temporary file beside it, so a failed write leaves no
/// half file).
pub fn save(printed: &Printed, path: &Path) -> Result<()> {
    crate::files::write(path, &printed.bytes, "PDF ")
}

/// How long a PDF handed to the printer is kept: the spooler reads it within moments, but a
/// printer that is off may take the rest of the day.
pub const PRINTED_KEPT: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Removes the PDFs in the print folder `folder` older than `kept` (they have been printed);
/// returns how many. A copy of the office's data outlives its printing by a day at most.
pub fn sweep_printed(folder: &Path, kept: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > kept)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Saves `printed` in `folder` under its title, made safe as a file name (titles hold names
/// and addresses from the data), ready for [`hand_to_system`]; returns where.
pub fn save_in(printed: &Printed, folder: &Path) -> Result<std::path::PathBuf> {
    std::fs::create_dir_all(folder).map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!("无法创建打印用的文件夹 {}：{e}", folder.display()),
        )
    })?;
    let path = folder.join(format!("{}.pdf", crate::files::safe_name(&printed.title)));
    save(printed, &path)?;
    Ok(path)
}

/// A form-style paper (portrait, 11 pt) ending with the office's name and today's date: the
/// archives and cards.
pub(crate) fn office_form(
    db: &Db,
    ctx: &Ctx,
    title: String,
    mut blocks: Vec<Block>,
) -> Result<Printed> {
    let office = crate::export::office_name(db)?;
    blocks.push(Block::Blank);
    blocks.push(Block::Right(format!(
        "{office}　{}",
        ctx.today.format("%Y年%m月%d日")
    )));
    make(
        db,
        &Document {
            title,
            author: office,
            setup: taizhang_pdf::PageSetup::portrait(11.0),
            blocks,
        },
    )
}

/// A form's table: the document's columns and rows at form size (10.5 pt).
pub(crate) fn form(columns: Vec<Column>, rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns,
        rows,
        size: 10.5,
        min_row: 7.0,
    })
}

/// Photos placed one after another, captioned with their name and note; scanned PDFs listed by
/// name (they are filed beside the archive, not inside it).
pub(crate) fn attachments(
    db: &Db,
    owner: taizhang_db::attachment::Owner,
    list: &[taizhang_db::attachment::Attachment],
) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    let mut scans = Vec::new();
    for a in list {
        if !a.mime.starts_with("image/") {
            scans.push(a.name.clone());
            continue;
        }
        let (_, bytes) = taizhang_db::attachment::get(db.conn(), owner, a.id)?;
        let caption = if a.note.is_empty() {
            a.name.clone()
        } else {
            format!("{}（{}）", a.note, a.name)
        };
        blocks.push(match taizhang_pdf::Picture::decode(&bytes, &caption) {
            Ok(picture) => Block::Picture(picture),
            Err(e) => Block::Text(format!("{}：{e}", a.name)),
        });
    }
    if !scans.is_empty() {
        blocks.push(Block::Text(format!("另有扫描件：{}。", scans.join("、"))));
    }
    Ok(blocks)
}

/// Labelled values two to a row (项目 | 内容 | 项目 | 内容), as the top of an archive shows a
/// record.
pub(crate) fn form_table(fields: &[(impl AsRef<str>, String)]) -> Block {
    let rows = fields
        .chunks(2)
        .map(|two| {
            let mut row: Vec<String> = two
                .iter()
                .flat_map(|(label, value)| [label.as_ref().to_owned(), value.clone()])
                .collect();
            row.resize(4, String::new());
            row
        })
        .collect();
    form(
        vec![
            Column::new("项目", 1.0, Align::Center),
            Column::new("内容", 2.0, Align::Left),
            Column::new("项目", 1.0, Align::Center),
            Column::new("内容", 2.0, Align::Left),
        ],
        rows,
    )
}

/// "2026-11-20 15:00" as 2026年11月20日 15:00; a date alone as 2026年11月20日.
pub(crate) fn chinese_date(text: &str) -> String {
    let (date, time) = text.split_once(' ').unwrap_or((text, ""));
    let mut parts = date.split('-').filter_map(|p| p.parse::<u32>().ok());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日 {time}").trim_end().to_string(),
        _ => text.to_string(),
    }
}

/// 一, 二, … 二十 for numbered headings.
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers_read_as_an_office_writes_them() {
        assert_eq!(chinese_date("2026-11-05 09:30"), "2026年11月5日 09:30");
        assert_eq!(chinese_date("2026-11-05"), "2026年11月5日");
        assert_eq!(chinese_number(3), "三");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(21), "二十一");
    }
}
