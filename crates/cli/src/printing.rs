//! `taizhang print …`: a document as a PDF file.

use std::path::PathBuf;

use clap::Subcommand;
use taizhang_app::{party_member, print, AppError, Ctx, Db, ErrorCode};

use crate::points;

#[derive(Subcommand)]
pub enum PrintCommand {
    /// 会议记录（公文格式，末尾主持人、记录人签字）
    Minutes { meeting_id: i64, out: PathBuf },
    /// 签到表（会前打印，按应到人员）
    Signin { meeting_id: i64, out: PathBuf },
    /// 说事议事结果公示
    Notice { meeting_id: i64, out: PathBuf },
    /// 党员花名册（横向表格，每页重复表头）
    Roster {
        out: PathBuf,
        #[arg(long, default_value = "")]
        search: String,
    },
    /// 党员信息卡（一人一页）
    Member { id_number: String, out: PathBuf },
    /// 积分存折（账户编号或志愿者编号）
    Passbook { account: String, out: PathBuf },
    /// 出具志愿服务记录证明（编号按年连续）并打印
    Certificate {
        account: String,
        out: PathBuf,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// 出具单位，如 东关社区居民委员会
        #[arg(long)]
        issuer: String,
    },
    /// 月度积分公示和光荣榜，如 2026-11
    PointsNotice { month: String, out: PathBuf },
    /// 一户一档：房屋基本情况、排查与整治记录、人员撤离（房屋编号见 houses list）
    HouseArchive { house_id: i64, out: PathBuf },
    /// 房屋安全隐患整治告知单（公文格式），致产权人
    RectificationNotice { house_id: i64, out: PathBuf },
    /// 一人一档：一个人在各台账中的全部记录（按公民身份号码）
    Person { id_number: String, out: PathBuf },
    /// 诉求办理单：诉求内容、办理结果、办理经过（按诉求编号或12345工单编号）
    Appeal { number: String, out: PathBuf },
    /// 人民调解协议书：调解成功的矛盾纠纷（按纠纷编号，如 TJ202611-0001）
    Agreement { number: String, out: PathBuf },
    /// 走访记录（民情日志）：住户成员和每次走访（住户编号见 grid households --json）
    Visits { household_id: i64, out: PathBuf },
}

/// `taizhang print …`.
pub fn run(db: &mut Db, ctx: &Ctx, command: PrintCommand) -> Result<(), AppError> {
    let (printed, out) = match command {
        PrintCommand::Minutes { meeting_id, out } => (print::minutes(db, ctx, meeting_id)?, out),
        PrintCommand::Signin { meeting_id, out } => (print::signin(db, ctx, meeting_id)?, out),
        PrintCommand::Notice { meeting_id, out } => (print::notice(db, ctx, meeting_id)?, out),
        PrintCommand::Roster { out, search } => {
            let q = party_member::PartyMemberQuery {
                search,
                ..Default::default()
            };
            (print::roster(db, ctx, &q)?, out)
        }
        PrintCommand::Passbook { account, out } => {
            (print::passbook(db, points::account_id(db, &account)?)?, out)
        }
        PrintCommand::Certificate {
            account,
            out,
            from,
            to,
            issuer,
        } => {
            let account = points::account_id(db, &account)?;
            let number =
                taizhang_app::points::issue_certificate(db, ctx, account, &from, &to, &issuer)?;
            (print::certificate(db, &number)?, out)
        }
        PrintCommand::PointsNotice { month, out } => (print::points_notice(db, &month)?, out),
        PrintCommand::Member { id_number, out } => {
            (print::member_with_id_number(db, ctx, &id_number)?, out)
        }
        PrintCommand::HouseArchive { house_id, out } => {
            (print::house_archive(db, ctx, house_id)?, out)
        }
        PrintCommand::RectificationNotice { house_id, out } => {
            (print::rectification_notice(db, ctx, house_id)?, out)
        }
        PrintCommand::Person { id_number, out } => {
            (print::person_with_id_number(db, ctx, &id_number)?, out)
        }
        PrintCommand::Appeal { number, out } => {
            let id = taizhang_app::db::appeal::find_by_number(db.conn(), number.trim())?
                .ok_or_else(|| {
                    AppError::new(ErrorCode::NotFound, format!("没有编号为 {number} 的诉求"))
                })?;
            (print::appeal_sheet(db, ctx, id)?, out)
        }
        PrintCommand::Agreement { number, out } => {
            let q = taizhang_app::dispute::DisputeQuery {
                search: number.trim().to_owned(),
                ..Default::default()
            };
            let found = taizhang_app::dispute::page(db, ctx, &q, (1, 100))?;
            let id = found
                .rows
                .items
                .iter()
                .find(|d| d.number == number.trim())
                .map(|d| d.id)
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NotFound,
                        format!("没有编号为 {number} 的矛盾纠纷"),
                    )
                })?;
            (print::agreement(db, ctx, id)?, out)
        }
        PrintCommand::Visits { household_id, out } => {
            (print::visit_log(db, ctx, household_id)?, out)
        }
    };
    print::save(&printed, &out)?;
    println!(
        "已生成 {}：{} 页，{}",
        printed.title,
        printed.pages,
        out.display()
    );

    Ok(())
}
