//! The one open database, shared by the commands; work on it runs off the async runtime.

use std::{
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex, RwLock,
    },
    time::{Duration, Instant},
};

use taizhang_app::{
    backup,
    core::{
        backup::Reason,
        progress::{Progress, Tick},
        user::{Role, IDLE_MINUTES},
    },
    setup,
    user::{self, Session},
    AppError, Ctx, Db, ErrorCode,
};

/// Idle this long, the session ends (the window locks itself a little earlier).
const IDLE: Duration = Duration::from_secs(IDLE_MINUTES as u64 * 60 + 30);

fn locked(message: &str) -> AppError {
    AppError::new(ErrorCode::Forbidden, message)
}
use tauri::ipc::Channel;

type Opened = Result<Arc<Mutex<Db>>, AppError>;

pub struct AppState {
    path: PathBuf,
    /// The database, or why it could not be opened (shown to the clerk on every call; an
    /// encrypted one waits for [`AppState::unlock`]).
    db: RwLock<Opened>,
    /// Set by the cancel button; read by the long task that is running.
    cancel: Arc<AtomicBool>,
    /// Who is logged in, and when they last did something; consulted only when the office has
    /// named users.
    session: Arc<Mutex<Option<(Session, Instant)>>>,
}

/// Takes a backup of `db` now (see [`AppState::backup`]).
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

/// A long task's progress, sent to the window at most every 100 ms.
pub struct ChannelProgress {
    channel: Channel<Tick>,
    cancel: Arc<AtomicBool>,
    last: Mutex<Option<Instant>>,
}

impl Progress for ChannelProgress {
    fn report(&self, tick: Tick) {
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        let due = last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
        if due || tick.done == tick.total {
            *last = Some(Instant::now());
            // A window that has gone away no longer needs to know.
            let _ = self.channel.send(tick);
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

impl AppState {
    fn opened(path: &Path, key: Option<&str>) -> Opened {
        let db = setup::open(path, key).map(|db| Arc::new(Mutex::new(db)));
        if let Err(e) = &db {
            tracing::error!(error = %e.message, "the database could not be opened");
        }
        db
    }

    pub fn open(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            db: RwLock::new(Self::opened(path, None)),
            cancel: Arc::default(),
            session: Arc::default(),
        }
    }

    fn db(&self) -> Opened {
        self.db
            .read()
            .map_err(|_| AppError::new(ErrorCode::Database, "数据库连接异常，请重启台账"))?
            .clone()
    }

    /// Opens the encrypted database with its password (the unlock screen), then takes the
    /// day's backup; a wrong password leaves it locked.
    pub async fn unlock(&self, password: String) -> Result<(), AppError> {
        if self.db().is_ok() {
            return Ok(());
        }
        let path = self.path.clone();
        let opened =
            tauri::async_runtime::spawn_blocking(move || Self::opened(&path, Some(&password)))
                .await
                .map_err(|e| AppError::new(ErrorCode::Database, format!("后台任务失败：{e}")))?;
        let db = opened.clone()?;
        if let Ok(mut held) = self.db.write() {
            *held = opened;
        }
        tauri::async_runtime::spawn_blocking(move || backup_now(&db, true));
        Ok(())
    }

    /// Takes a backup now, on this thread (at start-up for the day, and on exit); a failure is
    /// logged, never shown: the window is not there to show it.
    pub fn backup(&self, daily: bool) {
        if let Ok(db) = self.db() {
            backup_now(&db, daily);
        }
    }

    /// Starts a long task's progress; an earlier cancel no longer counts.
    pub fn progress(&self, channel: Channel<Tick>) -> ChannelProgress {
        self.cancel.store(false, Ordering::Relaxed);
        ChannelProgress {
            channel,
            cancel: self.cancel.clone(),
            last: Mutex::new(None),
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Runs a use case on a blocking thread as the logged-in user (a 查看 user's writes are
    /// refused by the database). With named users and nobody logged in — or idle too long — it
    /// refuses. The lock is taken and released there, never held across an await.
    pub async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Db, &Ctx) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let session = self.session.clone();
        self.unguarded(move |db, ctx| {
            if !user::any(db)? {
                db.set_read_only(false);
                return f(db, ctx);
            }
            let mut guard = session
                .lock()
                .map_err(|_| locked("台账已锁定，请重新登录"))?;
            let Some((who, last)) = guard.as_mut() else {
                return Err(locked("台账已锁定，请登录"));
            };
            if last.elapsed() > IDLE {
                *guard = None;
                return Err(locked("长时间未操作，台账已锁定，请重新登录"));
            }
            // The role as the database holds it now: a user removed (or gone with a restore)
            // is logged out, a changed role applies at once.
            let Some(role) = user::current_role(db, &who.name)? else {
                *guard = None;
                return Err(locked("该用户已不存在，请重新登录"));
            };
            *last = Instant::now();
            let ctx = Ctx {
                actor: who.name.clone(),
                ..ctx.clone()
            };
            db.set_read_only(role == Role::Viewer);
            drop(guard);
            f(db, &ctx)
        })
        .await
    }

    /// Runs a use case on a blocking thread whoever is (or is not) logged in: the set-up status,
    /// logging in.
    pub async fn unguarded<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Db, &Ctx) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let db = self.db()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut db = db
                .lock()
                .map_err(|_| AppError::new(ErrorCode::Database, "数据库连接异常，请重启台账"))?;
            // Whoever used it last (a 查看 user, say) does not bind this call; `blocking` sets
            // the flag again for the logged-in user's own calls.
            db.set_read_only(false);
            f(&mut db, &Ctx::now())
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Database, format!("后台任务失败：{e}")))?
    }

    /// Starts a session for a user who gave the right password.
    pub fn log_in(&self, who: Session) {
        if let Ok(mut s) = self.session.lock() {
            *s = Some((who, Instant::now()));
        }
    }

    /// Ends the session (the lock button, or the window's idle timer).
    pub fn lock(&self) {
        if let Ok(mut s) = self.session.lock() {
            *s = None;
        }
    }

    pub fn session(&self) -> Option<Session> {
        self.session
            .lock()
            .ok()
            .and_then(|s| s.as_ref().map(|(who, _)| who.clone()))
    }
}
