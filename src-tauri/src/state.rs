//! The one open database, shared by the commands; work on it runs off the async runtime.

use std::{
    path::Path,
    sync::{Arc, Mutex},
};

use taizhang_app::{setup, AppError, Ctx, Db, ErrorCode};

pub struct AppState {
    /// The database, or why it could not be opened (shown to the clerk on every call).
    db: Result<Arc<Mutex<Db>>, AppError>,
}

impl AppState {
    pub fn open(path: &Path) -> Self {
        let db = setup::open(path).map(|db| Arc::new(Mutex::new(db)));
        if let Err(e) = &db {
            tracing::error!(error = %e.message, "the database could not be opened");
        }
        Self { db }
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
