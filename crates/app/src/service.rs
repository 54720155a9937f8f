//! The open database as every window (or, later, every browser on the office network) shares it:
//! opening and unlocking it, who is logged in at each seat, the cancel button, and the day's
//! backup. Transport-neutral: the desktop shell and any server call [`crate::command::dispatch`]
//! on one [`Service`], each caller with its own [`Seat`].

use std::{
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex, OnceLock, RwLock,
    },
    time::{Duration, Instant},
};

use taizhang_core::{
    backup::Reason,
    progress::{Progress, Tick},
    user::{Role, IDLE_MINUTES},
};
use taizhang_db::{DbError, Readers};

use crate::{
    backup,
    network::{Connector, Sharer},
    scope::Scope,
    setup,
    user::{self, Session},
    AppError, Ctx, Db, ErrorCode, Result,
};

/// Idle this long, the session ends (the window locks itself a little earlier).
const IDLE: Duration = Duration::from_secs(IDLE_MINUTES as u64 * 60 + 30);

/// Progress reaches the window at most this often.
const TICK_EVERY: Duration = Duration::from_millis(100);

type Opened = std::result::Result<Arc<Mutex<Db>>, AppError>;

fn locked(message: &str) -> AppError {
    AppError::new(ErrorCode::Forbidden, message)
}

fn broken() -> AppError {
    AppError::new(ErrorCode::Database, "数据库连接异常，请重启台账")
}

/// What a command may do, checked before it runs (the use cases check again where the command
/// line could reach them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Before anyone logs in: the set-up status, unlocking, logging in.
    Open,
    /// Any logged-in role; the database refuses every write while it runs.
    Read,
    /// 录入员 and 管理员.
    Write,
    /// Settings, users, restores: 管理员 only.
    Configure,
    /// Full IDs, phones and addresses: 管理员 only.
    Reveal,
}

/// One clerk's place at the office's data: the desktop window has one; each browser on the
/// office network has its own. It holds who is logged in there, its cancel button, and where the
/// clerk sits.
#[derive(Default)]
pub struct Seat {
    login: Mutex<Option<(Session, Instant)>>,
    /// Set by this seat's cancel button; read by the long task it runs.
    cancel: Arc<AtomicBool>,
    /// Another PC (a browser on the office network), by its address: it must log in even
    /// before the office names any user, and the audit trail says where each action came from.
    remote: Option<String>,
}

impl Seat {
    /// The seat of the PC that holds the database: the desktop window, or the browser the
    /// host opened on itself. With no named users yet, its clerk acts as 管理员.
    pub fn on_this_pc() -> Self {
        Self::default()
    }

    /// A browser on another PC (or any caller the host cannot vouch for), at `address`.
    pub fn remote(address: String) -> Self {
        Self {
            remote: Some(address),
            ..Self::default()
        }
    }

    /// Where the clerk sits: another PC's address, or `None` on the host itself.
    pub fn address(&self) -> Option<&str> {
        self.remote.as_deref()
    }

    /// Starts a session for a user who gave the right password.
    pub fn log_in(&self, who: Session) {
        if let Ok(mut s) = self.login.lock() {
            *s = Some((who, Instant::now()));
        }
    }

    /// Ends the session (the lock button, or the window's idle timer).
    pub fn lock(&self) {
        if let Ok(mut s) = self.login.lock() {
            *s = None;
        }
    }

    /// Asks this seat's running long task to stop; it stops within a few hundred rows.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the session has been idle too long (a server forgets such seats).
    pub fn idle(&self) -> bool {
        self.login.lock().map_or(true, |s| {
            s.as_ref().is_none_or(|(_, last)| last.elapsed() > IDLE)
        })
    }

    pub fn session(&self) -> Option<Session> {
        self.login
            .lock()
            .ok()
            .and_then(|s| s.as_ref().map(|(who, _)| who.clone()))
    }

    /// Runs `f` with `sink` as its progress and this seat's cancel button; an earlier cancel no
    /// longer counts.
    pub(crate) fn with_progress<T>(
        &self,
        sink: &(dyn Fn(Tick) + Sync),
        f: impl FnOnce(&dyn Progress) -> T,
    ) -> T {
        self.cancel.store(false, Ordering::Relaxed);
        f(&Throttled {
            sink,
            cancel: &self.cancel,
            last: Mutex::new(None),
        })
    }

    /// Who acts for this call, with the role and community the database holds for them now (a
    /// user removed, or gone with a restore, is logged out; a changed role applies at once).
    /// Idle too long, the session ends.
    fn acting(&self, db: &Db, ctx: &Ctx) -> Result<(Ctx, Role)> {
        let mut guard = self
            .login
            .lock()
            .map_err(|_| locked("台账已锁定，请重新登录"))?;
        let Some((who, last)) = guard.as_mut() else {
            return Err(locked("台账已锁定，请登录"));
        };
        if last.elapsed() > IDLE {
            *guard = None;
            return Err(locked("长时间未操作，台账已锁定，请重新登录"));
        }
        let Some((role, unit)) = user::current(db, &who.name)? else {
            *guard = None;
            return Err(locked("该用户已不存在，请重新登录"));
        };
        *last = Instant::now();
        let ctx = Ctx {
            actor: who.name.clone(),
            place: self.remote.clone().unwrap_or_default(),
            scope: unit.map(|id| Scope::of(db, id)).transpose()?,
            ..ctx.clone()
        };
        Ok((ctx, role))
    }
}

/// The one database of the office, or why it could not be opened (told to the clerk on every
/// call; an encrypted one waits for [`Service::unlock`]).
pub struct Service {
    path: PathBuf,
    db: RwLock<Opened>,
    /// How to open readers beside the writer (none until the database is open, or in memory).
    readers: RwLock<Option<Readers>>,
    /// Readers not in use: a read takes one, and gives it back.
    idle: Mutex<Vec<Db>>,
    /// What shares the database with the office network, when the window installed it.
    sharer: OnceLock<Box<dyn Sharer>>,
    /// What connects the window to another PC's host, when the window installed it.
    connector: OnceLock<Arc<dyn Connector>>,
}

/// Readers kept open for the next reads; more are opened while many read at once.
const IDLE_READERS: usize = 8;

/// Takes a backup of `db` now (see [`Service::backup`]).
fn backup_now(db: &Mutex<Db>, daily: bool) {
    let Ok(db) = db.lock() else { return };
    // A database with no office yet has nothing to keep.
    if !setup::status(&db).is_ok_and(|s| s.initialized) {
        return;
    }
    let taken = if daily {
        backup::daily(&db, &Ctx::now())
    } else {
        backup::take(&db, Reason::OnExit)
    };
    if let Err(e) = taken {
        tracing::error!(error = %e.message, "the automatic backup failed");
    }
}

/// A long task's progress, handed to `sink` at most every [`TICK_EVERY`] (and always at the
/// end), with the seat's cancel button.
struct Throttled<'a> {
    sink: &'a (dyn Fn(Tick) + Sync),
    cancel: &'a AtomicBool,
    last: Mutex<Option<Instant>>,
}

impl Progress for Throttled<'_> {
    fn report(&self, tick: Tick) {
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if last.is_none_or(|t| t.elapsed() >= TICK_EVERY) || tick.done == tick.total {
            *last = Some(Instant::now());
            (self.sink)(tick);
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

impl Service {
    fn opened(path: &Path, key: Option<&str>) -> Opened {
        let db = setup::open(path, key).map(|db| Arc::new(Mutex::new(db)));
        if let Err(e) = &db {
            tracing::error!(error = %e.message, "the database could not be opened");
        }
        db
    }

    pub fn open(path: &Path) -> Self {
        let opened = Self::opened(path, None);
        let service = Self {
            path: path.to_owned(),
            db: RwLock::new(Err(broken())),
            readers: RwLock::default(),
            idle: Mutex::default(),
            sharer: OnceLock::new(),
            connector: OnceLock::new(),
        };
        service.hold(opened);
        service
    }

    /// Holds the database just opened (or why it is not), and how to open its readers.
    fn hold(&self, opened: Opened) {
        let readers = opened
            .as_ref()
            .ok()
            .and_then(|db| db.lock().ok().and_then(|db| db.readers()));
        if let Ok(mut held) = self.db.write() {
            *held = opened;
        }
        self.renew_readers(readers);
    }

    /// Forgets the readers open now (the file was replaced, or its key changed) and opens the
    /// next ones by `readers`.
    fn renew_readers(&self, readers: Option<Readers>) {
        if let Ok(mut held) = self.readers.write() {
            *held = readers;
        }
        if let Ok(mut idle) = self.idle.lock() {
            idle.clear();
        }
    }

    /// A reader: an idle one, or a new one; none in memory or when one cannot be opened (the
    /// read then goes to the writer).
    fn reader(&self) -> Option<Db> {
        if let Some(db) = self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            return Some(db);
        }
        let readers = self.readers.read().ok()?.clone()?;
        match readers.open() {
            Ok(db) => Some(db),
            Err(e) => {
                tracing::warn!(error = %e, "a reader could not be opened; reading on the writer");
                None
            }
        }
    }

    fn give_back(&self, mut reader: Db) {
        reader.set_read_only(true);
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < IDLE_READERS {
                idle.push(reader);
            }
        }
    }

    fn db(&self) -> Opened {
        self.db.read().map_err(|_| broken())?.clone()
    }

    /// Opens the encrypted database with its password (the unlock screen), then takes the
    /// day's backup off this thread; a wrong password leaves it locked.
    pub fn unlock(&self, password: &str) -> Result<()> {
        if self.db().is_ok() {
            return Ok(());
        }
        let opened = Self::opened(&self.path, Some(password));
        let db = opened.clone()?;
        self.hold(opened);
        std::thread::spawn(move || backup_now(&db, true));
        Ok(())
    }

    /// Whether other PCs can use this office: it must be set up and have named users (another
    /// PC always logs in). The reason in Chinese when not.
    pub fn shareable(&self) -> Result<()> {
        self.unguarded(|db, _| {
            if !setup::status(db)?.initialized {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    "单位尚未设置：请先在本机打开台账完成设置（或载入演示数据），再共享",
                ));
            }
            if !user::any(db)? {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    "共享前请先添加用户：其他电脑须登录才能使用（系统设置 → 用户，或 taizhang users add）",
                ));
            }
            Ok(())
        })
    }

    /// Installs what shares the database (the window does, once).
    pub fn set_sharer(&self, sharer: Box<dyn Sharer>) {
        let _ = self.sharer.set(sharer);
    }

    /// What shares the database, when installed.
    pub(crate) fn sharer(&self) -> Option<&dyn Sharer> {
        self.sharer.get().map(|s| s.as_ref())
    }

    /// Installs what connects the window to another PC's host (the window does, once).
    pub fn set_connector(&self, connector: Arc<dyn Connector>) {
        let _ = self.connector.set(connector);
    }

    /// What connects the window to another PC's host, when installed.
    pub(crate) fn connector(&self) -> Option<&dyn Connector> {
        self.connector.get().map(|c| c.as_ref())
    }

    /// Takes a backup now, on this thread (at start-up for the day, and on exit); a failure is
    /// logged, never shown: the window is not there to show it.
    pub fn backup(&self, daily: bool) {
        if let Ok(db) = self.db() {
            backup_now(&db, daily);
        }
    }

    /// Runs a use case as `seat`'s user, if their role allows `permission` and, for a
    /// community's user, the use case keeps to the community (`for_community`: the command's
    /// `Community` mark). With no named users the clerk at the PC that holds the database acts
    /// as 管理员; another PC must log in. A 查看 user's — and every [`Permission::Read`]
    /// command's — writes are refused by the database.
    pub(crate) fn as_seat<T>(
        &self,
        seat: &Seat,
        needs: (Permission, bool),
        f: impl FnOnce(&mut Db, &Ctx) -> Result<T>,
    ) -> Result<T> {
        // A read goes to a reader of its own: it never waits for a long import or archive.
        if needs.0 == Permission::Read {
            if let Some(mut reader) = self.reader() {
                let done = Self::guarded(&mut reader, &Ctx::now(), seat, needs, f);
                self.give_back(reader);
                return done;
            }
        }
        let done = self.unguarded(|db, ctx| Self::guarded(db, ctx, seat, needs, f));
        if needs.0 == Permission::Configure {
            // A restore or a new password replaces the file the readers have open.
            let readers = self.db().ok().and_then(|db| db.lock().ok()?.readers());
            self.renew_readers(readers);
        }
        done
    }

    /// [`Service::as_seat`] on `db`, the writer or a reader.
    fn guarded<T>(
        db: &mut Db,
        ctx: &Ctx,
        seat: &Seat,
        (permission, for_community): (Permission, bool),
        f: impl FnOnce(&mut Db, &Ctx) -> Result<T>,
    ) -> Result<T> {
        let owner = seat.remote.is_none();
        let (ctx, role) = if permission == Permission::Open || (owner && !user::any(db)?) {
            (ctx.clone(), Role::Admin)
        } else {
            seat.acting(db, ctx)?
        };
        match permission {
            Permission::Open | Permission::Read => {}
            Permission::Write if role == Role::Viewer => return Err(DbError::ReadOnly.into()),
            Permission::Write => {}
            Permission::Configure => user::may_configure(db, &ctx)?,
            Permission::Reveal => user::may_reveal(db, &ctx)?,
        }
        if let Some(scope) = &ctx.scope {
            if !for_community {
                return Err(AppError::new(
                    ErrorCode::Forbidden,
                    format!(
                        "{}的账号不能使用这项功能：它涉及全街道的数据，请让街道的同事操作",
                        scope.community
                    ),
                ));
            }
        }
        db.set_read_only(permission == Permission::Read || role == Role::Viewer);
        let done = f(db, &ctx);
        db.set_read_only(false);
        done
    }

    /// Runs a use case whoever is (or is not) logged in: the set-up status, logging in.
    pub(crate) fn unguarded<T>(&self, f: impl FnOnce(&mut Db, &Ctx) -> Result<T>) -> Result<T> {
        let db = self.db()?;
        let mut db = db.lock().map_err(|_| broken())?;
        db.set_read_only(false);
        f(&mut db, &Ctx::now())
    }
}
