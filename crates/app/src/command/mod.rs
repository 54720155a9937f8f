//! Every command the window can give, declared once: its name, arguments, result, permission and
//! the use case it calls. The desktop shell dispatches through [`dispatch`]; the page's client
//! (`ui/src/api/client.ts`) is generated from [`ALL`] by [`typescript`], so a command renamed or
//! reshaped here fails the page's type check. Nothing here knows the transport.
//!
//! A group's commands live in the module of the same name: `talents.list` is `talents::LIST`
//! below, `api.talents.list(…)` in the page, and `talents_list` on the wire.

mod access;
mod appeals;
mod archives;
mod audit;
mod backups;
mod dict;
mod disputes;
mod encryption;
mod exports;
mod grid;
mod home;
mod houses;
mod imports;
mod meetings;
mod org;
mod party_members;
mod persons;
mod points;
mod print;
mod recycle_bin;
mod session;
mod setup;
mod share;
mod talents;
mod users;

use serde::Serialize;
use serde_json::Value;
use taizhang_core::progress::{Quiet, Tick};
use ts_rs::{Config, TS};

use crate::{
    files::{SaveAs, Upload},
    service::{Permission, Seat, Service},
    AppError, Ctx, Db, ErrorCode, Result,
};

/// What a command answers: JSON, or raw bytes (a PDF to preview, a photo).
#[derive(Debug)]
pub enum Reply {
    Json(String),
    Bytes(Vec<u8>),
}

/// A command's result of raw bytes (`ArrayBuffer` in the page).
#[derive(TS)]
pub struct Bytes(#[ts(type = "ArrayBuffer")] pub Vec<u8>);

/// How a command's result becomes a [`Reply`].
pub trait IntoReply {
    fn into_reply(self) -> Result<Reply>;
}

impl<T: Serialize> IntoReply for T {
    fn into_reply(self) -> Result<Reply> {
        serde_json::to_string(&self)
            .map(Reply::Json)
            .map_err(|e| AppError::new(ErrorCode::Database, format!("结果无法发送：{e}")))
    }
}

impl IntoReply for Bytes {
    fn into_reply(self) -> Result<Reply> {
        Ok(Reply::Bytes(self.0))
    }
}

/// What a command's body is given.
pub struct Call<'a> {
    pub db: &'a mut Db,
    pub ctx: &'a Ctx,
    /// Where a long task reports and looks for the cancel button (nowhere for the others).
    pub progress: &'a dyn taizhang_core::progress::Progress,
}

/// How a command runs.
#[derive(Clone, Copy)]
pub enum Run {
    /// On the database, as the seat's user.
    Db(fn(Call<'_>, Value) -> Result<Reply>),
    /// On the service itself, without the database's lock (logging in, the cancel button).
    Service(fn(&Service, &Seat, Value) -> Result<Reply>),
}

/// What a command says of itself beyond its permission (`Read + ThisPc + Community`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Only from the PC that holds the database: it acts on that PC itself (its printer, its
    /// folders, its fonts). Without it, also from any browser on the office network.
    ThisPc,
    /// A 社区 user may give it (数据权限): it answers and changes only what the user's
    /// community holds (or holds nothing of any community). Without it, only the 街道's users.
    Community,
    /// The window answers it itself, also while it uses another PC's host (its connection to
    /// that host). Without it, a connected window sends the command to the host.
    Window,
}

/// One command.
pub struct Command {
    /// Its group in the page's client (`talents`).
    pub group: &'static str,
    /// Its name in the group (`list`).
    pub action: &'static str,
    pub doc: &'static str,
    pub permission: Permission,
    pub marks: &'static [Mark],
    /// Whether it reports progress (the client then takes an `onTick`).
    pub streams: bool,
    /// Its arguments in order: name (snake_case) and TypeScript type.
    pub args: fn(&Config) -> Vec<(&'static str, String)>,
    /// Its result's TypeScript type.
    pub output: fn(&Config) -> String,
    pub run: Run,
}

/// A command's argument that names a file ([`crate::files`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileArg {
    /// [`Upload`]: a file the command reads.
    Upload,
    /// [`SaveAs`]: a file the command writes.
    SaveAs,
}

impl Command {
    /// The name on the wire: `talents_list`.
    pub fn name(&self) -> String {
        format!("{}_{}", self.group, self.action)
    }

    /// Whether it carries `mark`.
    pub fn is(&self, mark: Mark) -> bool {
        self.marks.contains(&mark)
    }

    /// Whether it is refused outright, whatever its arguments, to another PC on the office
    /// network (`remote`: what acts on this PC) or to a community's user (`community`: what
    /// does not keep to the community). [`dispatch`] refuses these; the page hides them.
    pub fn refused_to(&self, remote: bool, community: bool) -> bool {
        (remote && self.is(Mark::ThisPc))
            || (community
                && matches!(self.run, Run::Db(_))
                && self.permission != Permission::Open
                && !self.is(Mark::Community))
    }

    /// Its arguments that name files, by their camelCase names (as the page sends them).
    pub fn file_args(&self) -> Vec<(String, FileArg)> {
        let cfg = Config::default();
        let (upload, save_as) = (Upload::name(&cfg), SaveAs::name(&cfg));
        (self.args)(&cfg)
            .into_iter()
            .filter_map(|(name, ts)| {
                let ts = ts.strip_suffix(" | null").unwrap_or(&ts);
                let kind = if ts == upload {
                    FileArg::Upload
                } else if ts == save_as {
                    FileArg::SaveAs
                } else {
                    return None;
                };
                Some((camel(name), kind))
            })
            .collect()
    }
}

/// The names of the commands refused outright to another PC (`remote`) or a community's user
/// (`community`): [`Command::refused_to`].
pub fn refused(remote: bool, community: bool) -> Vec<String> {
    all()
        .filter(|c| c.refused_to(remote, community))
        .map(Command::name)
        .collect()
}

/// The command named `name` on the wire.
pub fn find(name: &str) -> Result<&'static Command> {
    all().find(|c| c.name() == name).ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            format!("没有 {name} 这个命令；请把台账更新到最新版本"),
        )
    })
}

/// Reads a command's arguments, an object keyed by their names; a page that sends the wrong
/// shape is a programming error, told plainly.
pub fn args<T: serde::de::DeserializeOwned>(name: &str, args: Value) -> Result<T> {
    let wrong = |why: String| {
        AppError::new(
            ErrorCode::Validation,
            format!("命令 {name} 的参数不对：{why}"),
        )
    };
    if !args.is_object() {
        return Err(wrong(format!("应当是一个对象，而不是 {args}")));
    }
    serde_json::from_value(args).map_err(|e| wrong(in_chinese(&e)))
}

/// What serde found wrong with a command's arguments, in Chinese (its own words kept for a value
/// of the wrong type, which name the type expected).
fn in_chinese(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let quoted = text.split('`').nth(1).unwrap_or_default();
    if text.starts_with("missing field") {
        format!("缺少参数 {quoted}")
    } else if text.starts_with("unknown field") {
        format!("没有名为 {quoted} 的参数")
    } else if text.starts_with("invalid type") || text.starts_with("invalid value") {
        format!("参数的类型或取值不对（{text}）")
    } else {
        text
    }
}

/// Declares one command; see the group modules for its use.
///
/// `group.action(arg: Type, …) -> Output, Permission, |db, ctx| body` runs on the database;
/// `|db, ctx, progress| body` also reports progress; `service |service, seat| body` runs on the
/// service without the database's lock. `Permission + Mark …` adds its [`Mark`]s.
macro_rules! command {
    (@meta $(#[doc = $doc:literal])* $group:ident . $action:ident ($($arg:ident : $ty:ty),*) -> $out:ty, $perm:ident $(+ $mark:ident)*, $streams:expr, $run:expr) => {
        $crate::command::Command {
            group: stringify!($group),
            action: stringify!($action),
            doc: concat!($($doc, "\n"),*),
            permission: $crate::service::Permission::$perm,
            marks: &[$($crate::command::Mark::$mark),*],
            streams: $streams,
            args: |_cfg| vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(_cfg))),*],
            output: |cfg| <$out as ts_rs::TS>::name(cfg),
            run: $run,
        }
    };
    (@args $name:expr, $value:ident, $($arg:ident : $ty:ty),*) => {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        struct Args { $($arg: $ty),* }
        let Args { $($arg),* } = $crate::command::args($name, $value)?;
    };
    ($(#[doc = $doc:literal])* $group:ident . $action:ident ($($arg:ident : $ty:ty),* $(,)?) -> $out:ty, $perm:ident $(+ $mark:ident)*,
        service |$service:pat_param, $seat:pat_param| $body:expr) => {
        $crate::command::command!(@meta $(#[doc = $doc])* $group.$action($($arg: $ty),*) -> $out, $perm $(+ $mark)*, false,
            $crate::command::Run::Service(|service, seat, value| {
                $crate::command::command!(@args stringify!($group.$action), value, $($arg: $ty),*);
                let ($service, $seat) = (service, seat);
                let out: $crate::Result<$out> = $body;
                $crate::command::IntoReply::into_reply(out?)
            }))
    };
    ($(#[doc = $doc:literal])* $group:ident . $action:ident ($($arg:ident : $ty:ty),* $(,)?) -> $out:ty, $perm:ident $(+ $mark:ident)*,
        |$db:pat_param, $ctx:pat_param $(, $progress:pat_param)?| $body:expr) => {
        $crate::command::command!(@meta $(#[doc = $doc])* $group.$action($($arg: $ty),*) -> $out, $perm $(+ $mark)*,
            // A body that names a third argument (`|db, ctx, progress|`) streams progress.
            !<[&str]>::is_empty(&[$(stringify!($progress))?]),
            $crate::command::Run::Db(|call, value| {
                $crate::command::command!(@args stringify!($group.$action), value, $($arg: $ty),*);
                let $crate::command::Call { db: $db, ctx: $ctx, progress: _progress } = call;
                $(let $progress = _progress;)?
                let out: $crate::Result<$out> = $body;
                $crate::command::IntoReply::into_reply(out?)
            }))
    };
}
pub(crate) use command;

/// Every command, group by group.
pub fn all() -> impl Iterator<Item = &'static Command> {
    [
        setup::ALL,
        session::ALL,
        encryption::ALL,
        org::ALL,
        dict::ALL,
        party_members::ALL,
        recycle_bin::ALL,
        audit::ALL,
        imports::ALL,
        exports::ALL,
        home::ALL,
        persons::ALL,
        talents::ALL,
        users::ALL,
        share::ALL,
        access::ALL,
        archives::ALL,
        backups::ALL,
        houses::ALL,
        grid::ALL,
        appeals::ALL,
        disputes::ALL,
        meetings::ALL,
        points::ALL,
        print::ALL,
    ]
    .into_iter()
    .flatten()
}

/// Runs the command `name` with `args` (a JSON object keyed by the arguments' camelCase names)
/// for `seat`'s user. `ticks`, when given, receives the progress of a long task. Blocks: a
/// transport calls it off its event loop.
pub fn dispatch(
    service: &Service,
    seat: &Seat,
    name: &str,
    args: Value,
    ticks: Option<&(dyn Fn(Tick) + Sync)>,
) -> Result<Reply> {
    let command = find(name)?;
    if command.refused_to(seat.address().is_some(), false) {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "这项操作只能在存放数据的那台电脑上进行",
        ));
    }
    match command.run {
        Run::Service(run) => run(service, seat, args),
        Run::Db(run) => service.as_seat(
            seat,
            (command.permission, command.is(Mark::Community)),
            |db, ctx| match ticks {
                Some(sink) if command.streams => {
                    seat.with_progress(sink, |progress| run(Call { db, ctx, progress }, args))
                }
                _ => run(
                    Call {
                        db,
                        ctx,
                        progress: &Quiet,
                    },
                    args,
                ),
            },
        ),
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Names a TypeScript type uses that `bindings.ts` declares (not the language's own).
fn named_types(ts: &str, into: &mut std::collections::BTreeSet<String>) {
    const BUILTIN: &[&str] = &[
        "Array",
        "ArrayBuffer",
        "Record",
        "string",
        "number",
        "boolean",
        "null",
        "unknown",
    ];
    for word in ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        if word.starts_with(|c: char| c.is_ascii_alphabetic()) && !BUILTIN.contains(&word) {
            into.insert(word.to_owned());
        }
    }
}

/// The page's client, `ui/src/api/client.ts`: `api.group.action(…)` for every command.
pub fn typescript(cfg: &Config) -> String {
    let mut types = std::collections::BTreeSet::from(["Tick".to_owned()]);
    let mut body = String::from("export const api = {\n");
    let mut group = "";
    for c in all() {
        if c.group != group {
            if !group.is_empty() {
                body.push_str("  },\n");
            }
            group = c.group;
            body.push_str(&format!("  {}: {{\n", camel(group)));
        }
        let doc: Vec<&str> = c.doc.lines().map(str::trim).collect();
        if !doc.is_empty() {
            body.push_str(&format!("    /** {} */\n", doc.join(" ")));
        }
        let args = (c.args)(cfg);
        let output = (c.output)(cfg);
        named_types(&output, &mut types);
        // Trailing optional arguments may be left out.
        let optional_from = args
            .iter()
            .rposition(|(_, ts)| !ts.ends_with(" | null"))
            .map_or(0, |i| i + 1);
        let mut params: Vec<String> = args
            .iter()
            .enumerate()
            .map(|(i, (name, ts))| {
                named_types(ts, &mut types);
                let default = if i >= optional_from { " = null" } else { "" };
                format!("{}: {ts}{default}", camel(name))
            })
            .collect();
        let keys: Vec<String> = args.iter().map(|(name, _)| camel(name)).collect();
        let mut tail = String::new();
        if c.streams {
            params.push("onTick: (t: Tick) => void".to_owned());
            tail.push_str(", onTick");
        }
        let keys = if keys.is_empty() {
            "{}".to_owned()
        } else {
            format!("{{ {} }}", keys.join(", "))
        };
        body.push_str(&format!(
            "    {}: ({}) => call<{output}>('{}', {keys}{tail}),\n",
            camel(c.action),
            params.join(", "),
            c.name(),
        ));
    }
    body.push_str("  },\n}\n");
    let commands: Vec<String> = all().map(|c| format!("'{}'", c.name())).collect();
    body.push_str(&format!(
        "\n/** Every command's name (what `session.start` lists as `refused`). */\nexport type CommandName =\n  | {}\n",
        commands.join("\n  | ")
    ));
    let names: Vec<String> = types.into_iter().collect();
    format!(
        "// Generated from the command table (`crates/app/src/command`) by\n// `UPDATE_BINDINGS=1 cargo test -p taizhang-app --test bindings`. Do not edit by hand.\n\nimport {{ call }} from './call'\nimport type {{ {} }} from './bindings'\n\n{body}",
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    // An unwrap below is an assertion: a test fails loudly on purpose.
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn every_command_has_its_own_name() {
        let mut names: Vec<String> = all().map(Command::name).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn argument_names_cross_as_the_page_writes_them() {
        assert_eq!(camel("page_size"), "pageSize");
        assert_eq!(camel("party_members"), "partyMembers");
        assert_eq!(camel("list"), "list");
    }
}
