//! `taizhang dict …`: the dictionaries (结构类型, 隐患类型, 民族, 学历 …) — list, add.

use clap::Subcommand;
use taizhang_app::{core::dict::Dict, dict, AppError, Ctx, Db};

#[derive(Subcommand)]
pub enum DictCommand {
    /// 列出字典及其各项（不给字典名时列出全部）
    List { dict: Option<String> },
    /// 在字典中新增一项，如 taizhang dict add 结构类型 茅草房
    Add { dict: String, value: String },
}

fn named(name: &str) -> Result<Dict, AppError> {
    Dict::from_label(name).ok_or_else(|| {
        let all: Vec<&str> = Dict::ALL.iter().map(|d| d.label()).collect();
        AppError::field(
            "dict",
            format!("没有名为“{name}”的字典；有：{}", all.join("、")),
        )
    })
}

pub fn run(db: &mut Db, ctx: &Ctx, command: DictCommand) -> Result<(), AppError> {
    match command {
        DictCommand::List { dict: None } => {
            for &d in Dict::ALL {
                println!("{}：{}", d.label(), dict::values(db, d)?.join("、"));
            }
        }
        DictCommand::List { dict: Some(name) } => {
            for v in dict::values(db, named(&name)?)? {
                println!("{v}");
            }
        }
        DictCommand::Add { dict: name, value } => {
            let d = named(&name)?;
            dict::add_value(db, ctx, d, &value)?;
            println!("已在{}字典中新增“{}”", d.label(), value.trim());
        }
    }
    Ok(())
}
