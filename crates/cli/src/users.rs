//! `taizhang users`: who may log in, for a host with no window (a server, or a PC whose system
//! cannot show it); the window's 系统设置 → 用户 does the same.

use clap::Subcommand;
use taizhang_app::{core::user::Role, org, user, AppError, Ctx, Db};

use crate::secret;

/// A new user's password: `TAIZHANG_USER_PASSWORD`.
pub const USER_PASSWORD: &str = "TAIZHANG_USER_PASSWORD";

#[derive(Subcommand)]
pub enum UsersCommand {
    /// 列出用户
    List,
    /// 添加用户（第一个必须是管理员）。密码在终端中输入两次，或取自环境变量 TAIZHANG_USER_PASSWORD
    Add {
        name: String,
        /// 管理员、录入员或查看
        #[arg(long, default_value = "录入员")]
        role: String,
        /// 所属社区/村：只能查看和修改本社区的记录（不给出则为街道，可见全部）
        #[arg(long, value_name = "社区名称")]
        unit: Option<String>,
    },
}

pub fn run(db: &mut Db, ctx: &Ctx, command: UsersCommand) -> Result<(), AppError> {
    match command {
        UsersCommand::List => {
            for u in user::list(db)? {
                let unit = if u.unit.is_empty() { "街道" } else { &u.unit };
                println!("{}\t{}\t{unit}", u.name, u.role.label());
            }
        }
        UsersCommand::Add { name, role, unit } => {
            let role = Role::from_label(&role).ok_or_else(|| {
                AppError::field(
                    "role",
                    format!("角色应为 管理员、录入员 或 查看，而不是“{role}”"),
                )
            })?;
            let unit_id = match &unit {
                Some(named) => Some(org::find(db, named)?.id),
                None => None,
            };
            let password = secret::new(USER_PASSWORD, &format!("{name} 的密码"))?;
            user::add(db, ctx, &name, (role, unit_id), &password)?;
            println!(
                "已添加用户 {name}（{}，{}）",
                role.label(),
                unit.as_deref().unwrap_or("街道")
            );
        }
    }
    Ok(())
}
