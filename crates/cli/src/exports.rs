//! `taizhang template` and `taizhang export`: a register's import template, and the register
//! written out as a workbook (or into a higher level's form).

use std::path::PathBuf;

use clap::Args;
use taizhang_app::{export, registers, AppError, Ctx, Db};

use crate::day;

#[derive(Args)]
pub struct TemplateArgs {
    /// 台账：party-members、volunteers、service-records、houses、talents
    register: String,
    out: PathBuf,
}

#[derive(Args)]
pub struct ExportArgs {
    /// 台账：party-members、volunteers、service-records、houses、talents
    register: String,
    out: PathBuf,
    /// 只导出检索到的记录
    #[arg(long, default_value = "")]
    search: String,
    /// 导出完整身份证号和电话，并写明原因（记入访问记录），如 --unmasked 上级核对
    #[arg(long, value_name = "REASON")]
    unmasked: Option<String>,
    /// 填入上级发来的模板（.xlsx）：保留其标题、表头、合并单元格和样式，数据写在表头下方
    #[arg(long, value_name = "TEMPLATE.xlsx")]
    into: Option<PathBuf>,
    /// 年龄、党龄按这一天计算，如 2026-12-31（默认今天）
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

/// `taizhang template REGISTER OUT`.
pub fn template(db: &Db, ctx: &Ctx, args: TemplateArgs) -> Result<(), AppError> {
    let TemplateArgs { register, out } = args;
    let register = registers::Register::from_cli_name(&register)?;
    registers::import_template(db, ctx, register, &out)?;
    println!("已生成导入模板：{}", out.display());
    Ok(())
}

/// `taizhang export REGISTER OUT …`.
pub fn export(db: &mut Db, ctx: &Ctx, args: ExportArgs) -> Result<(), AppError> {
    let ExportArgs {
        register,
        out,
        search,
        unmasked,
        into,
        as_of,
    } = args;
    let register = registers::Register::from_cli_name(&register)?;
    let as_of = as_of.map(|d| day("as_of", &d)).transpose()?;
    let request = export::Request {
        search: &search,
        unmasked: unmasked.as_deref(),
        template: into.as_deref(),
        as_of,
    };
    let done = registers::export(db, ctx, register, &out, request)?;
    println!(
        "已导出 {} 条到 {}{}",
        done.rows,
        done.path,
        if done.masked {
            "（身份证号、电话、住址已隐去部分；需要完整信息请加 --unmasked 原因）"
        } else {
            ""
        }
    );
    if let Some(sheet) = &done.sheet {
        println!("已填入模板的工作表“{sheet}”");
    }
    if !done.filled_in.is_empty() {
        println!("表中已填写：{}", done.filled_in.join("；"));
    }
    if !done.unknown_columns.is_empty() {
        println!(
            "模板中这些列台账没有对应字段，留空：{}",
            done.unknown_columns.join("、")
        );
    }
    Ok(())
}
