//! The one open database, shared by the commands; work on it runs off the async runtime.

use std::{
    path::Path,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use taizhang_app::{
    backup,
    core::{
        backup::Reason,
        progress::{Progress, Tick},
    },
    setup, AppError, Ctx, Db, ErrorCode,
};
use tauri::ipc::Channel;

pub struct AppState {
    /// The database, or why it could not be opened (shown to the clerk on every call).
    db: Result<Arc<Mutex<Db>>, AppError>,
    /// Set by the cancel button; read by the long task that is running.
    cancel: Arc<AtomicBool>,
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
    pub fn open(path: &Path) -> Self {
        let db = setup::open(path).map(|db| Arc::new(Mutex::new(db)));
        if let Err(e) = &db {
            tracing::error!(error = %e.message, "the database could not be opened");
        }
        Self {
            db,
            cancel: Arc::default(),
        }
    }

    /// Takes a backup now, on this thread (at start-up for the day, and on exit); a failure is
    /// logged, never shown: the window is not there to show it.
    pub fn backup(&self, daily: bool) {
        let Ok(db) = &self.db else { return };
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

    /// Runs a use case on a blocking thread. The lock is taken and released there, never held
    /// across an await.
    pub async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Db, &Ctx) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let db = self.db.clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut db = db
                .lock()
                .map_err(|_| AppError::new(ErrorCode::Database, "数据库连接异常，请重启台账"))?;
            f(&mut db, &Ctx::now())
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Database, format!("后台任务失败：{e}")))?
    }
}
