//! `taizhang party-members|houses|meetings|talents|person …`: each register's list, and one
//! person's file across them.

use clap::Subcommand;
use taizhang_app::{
    core::party_member::label, meeting, party_member, person, print, talent, AppError, Ctx, Db,
};

use crate::{print_json, show};

#[derive(Subcommand)]
pub enum PartyMembersCommand {
    /// 列出党员（姓名片段、拼音首字母、全拼、身份证号或电话尾号检索）
    List {
        #[arg(long, default_value = "")]
        search: String,
        /// 只列出前 N 条
        #[arg(long)]
        limit: Option<u32>,
        /// 输出 JSON 数组
        #[arg(long)]
        json: bool,
        /// 显示完整身份证号和电话，并写明原因（记入访问记录），如 --unmasked 核对身份
        #[arg(long, value_name = "REASON")]
        unmasked: Option<String>,
        /// 只列出待补录的党员（导入时表中缺少必填列，如转正日期、民族）
        #[arg(long)]
        incomplete: bool,
    },
}

#[derive(Subcommand)]
pub enum HousesCommand {
    /// 列出房屋（按地址）：结构、层数、最近排查结论、未完成与逾期的整治
    List {
        /// 只列出有逾期整治的房屋
        #[arg(long)]
        overdue: bool,
        /// 按地址或产权人（拼音首字母亦可）查找
        #[arg(long, default_value = "")]
        search: String,
        #[arg(long)]
        json: bool,
        /// 只列出待补录的房屋（导入时表中没有产权人或结构类型列）
        #[arg(long)]
        incomplete: bool,
    },
}

#[derive(Subcommand)]
pub enum MeetingsCommand {
    /// 列出会议（最新在前）：类型、时间、应到/实到、未办结任务
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TalentsCommand {
    /// 列出人才（按类别、特长技能、姓名或拼音查找）
    List {
        /// 人才类别，如 退役军人
        #[arg(long)]
        category: Option<String>,
        /// 特长技能（包含即可），如 电商
        #[arg(long)]
        skill: Option<String>,
        #[arg(long, default_value = "")]
        search: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum PersonCommand {
    /// 按公民身份号码显示一个人的全部记录：党员、积分、人才、房屋、会议、操作日志
    Show {
        id_number: String,
        #[arg(long)]
        json: bool,
    },
}

/// `taizhang party-members list`.
pub fn party_members(db: &mut Db, ctx: &Ctx, command: PartyMembersCommand) -> Result<(), AppError> {
    match command {
        PartyMembersCommand::List {
            search,
            limit,
            json,
            unmasked,
            incomplete,
        } => {
            let query = party_member::PartyMemberQuery {
                search,
                incomplete,
                ..Default::default()
            };
            list(db, ctx, query, limit, json, unmasked)?
        }
    }
    Ok(())
}

/// `taizhang houses list`.
pub fn houses(db: &Db, ctx: &Ctx, command: HousesCommand) -> Result<(), AppError> {
    match command {
        HousesCommand::List {
            overdue,
            search,
            json,
            incomplete,
        } => {
            let q = taizhang_app::house::HouseQuery {
                search,
                overdue_only: overdue,
                incomplete,
                ..Default::default()
            };
            let rows = taizhang_app::house::houses(db, ctx, &q)?;
            show(json, &rows, |rows| {
                for h in rows {
                    let state = match (&h.conclusion, &h.inspected_on) {
                        (Some(c), Some(on)) => format!("{}（{on} 排查）", c.label()),
                        _ => "未排查".to_owned(),
                    };
                    let late = if h.overdue > 0 {
                        format!("，逾期 {}", h.overdue)
                    } else {
                        String::new()
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t未完成整治 {}{late}",
                        h.id,
                        h.community,
                        h.input.address,
                        h.input.owner,
                        h.input.structure,
                        state,
                        h.open
                    );
                }
                println!("共 {} 处", rows.len());
            });
        }
    }
    Ok(())
}

/// `taizhang meetings list`.
pub fn meetings(db: &Db, ctx: &Ctx, command: MeetingsCommand) -> Result<(), AppError> {
    match command {
        MeetingsCommand::List { json } => {
            let rows = meeting::list(db, ctx, &Default::default())?;
            show(json, &rows, |rows| {
                for r in rows {
                    let quorum = if r.quorum.reached {
                        ""
                    } else {
                        "（未过半数）"
                    };
                    let overdue = if r.overdue_tasks > 0 {
                        format!("，其中逾期 {}", r.overdue_tasks)
                    } else {
                        String::new()
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t应到 {} 实到 {}{quorum}\t未办结任务 {}{overdue}",
                        r.id,
                        r.held_at,
                        r.kind.label(),
                        r.title,
                        r.quorum.expected,
                        r.quorum.present,
                        r.open_tasks
                    );
                }
                println!("共 {} 次会议", rows.len());
            });
        }
    }
    Ok(())
}

/// `taizhang talents list`.
pub fn talents(db: &Db, ctx: &Ctx, command: TalentsCommand) -> Result<(), AppError> {
    match command {
        TalentsCommand::List {
            category,
            skill,
            search,
            json,
        } => {
            let rows = talent::list(
                db,
                ctx,
                &talent::TalentQuery {
                    search,
                    category,
                    skill,
                    community_id: None,
                },
            )?;
            show(json, &rows, |rows| {
                for t in rows {
                    println!(
                        "{}\t{}\t{}\t{}\t类别：{}\t特长：{}\t{}",
                        t.id,
                        t.input.name,
                        t.input.id_number,
                        t.community,
                        t.input.categories.join("、"),
                        t.input.skills.join("、"),
                        t.input.work_place
                    );
                }
                println!("共 {} 人", rows.len());
            });
        }
    }
    Ok(())
}

/// `taizhang person show`.
pub fn person(db: &Db, ctx: &Ctx, command: PersonCommand) -> Result<(), AppError> {
    match command {
        PersonCommand::Show { id_number, json } => {
            let id = print::person_by_id_number(db, &id_number)?;
            let file = person::file(db, ctx, id)?;
            show(json, &file, print_person);
        }
    }
    Ok(())
}

fn list(
    db: &mut Db,
    ctx: &Ctx,
    query: party_member::PartyMemberQuery,
    limit: Option<u32>,
    json: bool,
    unmasked: Option<String>,
) -> Result<(), AppError> {
    let mut rows = Vec::new();
    let mut query = party_member::PartyMemberQuery {
        page: 1,
        page_size: limit.unwrap_or(500).clamp(1, 500),
        ..query
    };
    loop {
        let page = if let Some(reason) = &unmasked {
            party_member::list_unmasked(db, ctx, &query, reason)?
        } else {
            party_member::list(db, ctx, &query)?
        };
        let done = page.items.is_empty() || (query.page * query.page_size) as i64 >= page.total;
        rows.extend(page.items);
        if done || limit.is_some_and(|l| rows.len() >= l as usize) {
            break;
        }
        query.page += 1;
    }
    if let Some(l) = limit {
        rows.truncate(l as usize);
    }
    if json {
        print_json(&rows);
        return Ok(());
    }
    println!(
        "{}\t{}\t年龄\t{}\t{}\t{}\t{}",
        label("name"),
        label("sex"),
        label("id_number"),
        label("branch_id"),
        label("category"),
        label("phone")
    );
    for r in &rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            r.sex,
            r.age.map(|a| a.to_string()).unwrap_or_default(),
            r.id_number,
            r.branch,
            r.category.label(),
            r.phone
        );
    }
    println!("共 {} 名", rows.len());
    Ok(())
}

fn print_person(f: &person::PersonFile) {
    println!(
        "{}\t{}\t{}\t{}\t{}",
        f.name, f.sex, f.id_number, f.phone, f.address
    );
    match &f.membership {
        Some(m) => println!(
            "党员：{}，{}，{}，入党 {}",
            m.branch,
            m.input.category.label(),
            m.input.status.label(),
            m.input.joined_on.as_deref().unwrap_or("—")
        ),
        None => println!("党员：否"),
    }
    match &f.account {
        Some(a) => println!("积分：余额 {} 分（账户 {}）", a.balance, a.id),
        None => println!("积分：无账户"),
    }
    if let Some(t) = &f.talent {
        println!(
            "人才：{}；特长 {}",
            t.input.categories.join("、"),
            t.input.skills.join("、")
        );
    }
    for h in &f.houses {
        println!(
            "房屋：{}（{}，未完成整治 {}，逾期 {}）",
            h.input.address,
            h.conclusion.map_or("未排查", |c| c.label()),
            h.open,
            h.overdue
        );
    }
    println!(
        "会议：{} 次（出席 {} 次）",
        f.meetings.len(),
        f.meetings.iter().filter(|m| m.present).count()
    );
    for e in f.audit.iter().take(10) {
        println!("日志：{}\t{}\t{}\t{}", e.at, e.actor, e.action, e.summary);
    }
}
