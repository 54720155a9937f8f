//! How `taizhang` says it failed: a command line clap cannot read, and a panic, each as one
//! Chinese line on stderr with an exit code a script can test.

use std::process::ExitCode;

/// Replaces the panic message (English, with a backtrace) by one Chinese line. A closed pipe
/// (`taizhang … | head`) ends quietly with 141, as shell tools do; output that cannot be
/// written is said as such.
pub fn explain_panics() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if let Some(why) = what.strip_prefix("failed printing to stdout: ") {
            // `taizhang … | head`: the reader has gone, which is no error of ours.
            if why.contains("os error 32") {
                std::process::exit(141);
            }
            eprintln!("错误：无法输出结果（{why}）；若输出到文件，请检查磁盘空间");
            std::process::exit(1);
        }
        eprintln!("错误：程序内部错误（{what}），请把这句话告诉技术支持；未完成的操作没有写入台账");
    }));
}

/// What clap found wrong with the command line, in Chinese (help and version print as usual).
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let said = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::InvalidUtf8 => "命令行中有无法识别的文字（不是 UTF-8 编码）".to_owned(),
        ErrorKind::UnknownArgument => {
            format!("不认识的参数“{}”", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令“{}”", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "缺少要执行的命令".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "参数 {} 的值“{}”无效",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::ArgumentConflict => format!(
            "参数 {} 不能与 {} 同时使用",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {} 的值个数不对", context(ContextKind::InvalidArg))
        }
        _ => "命令行参数有误".to_owned(),
    };
    eprintln!("错误：{said}；用 taizhang --help 查看用法");
    ExitCode::from(2)
}
