//! The window's 共享给本单位其他电脑 switch: the host run on a thread of its own beside the
//! window, over the window's own [`Service`], started and stopped by the switch
//! ([`taizhang_app::share`]).

use std::{
    net::SocketAddr,
    path::PathBuf,
    sync::{Arc, Mutex, Weak},
    thread::JoinHandle,
    time::Duration,
};

use taizhang_app::{
    network::{Sharer, Sharing},
    service::Service,
    AppError, ErrorCode, Result,
};
use tokio::sync::oneshot;

use crate::{serve, Options};

/// How long a stop waits for calls in flight before it leaves them to finish on their own.
const DRAIN: Duration = Duration::from_secs(5);

/// The switch: sharing `service` (the window's) from `database`'s folder on `listen`.
pub struct Switch {
    service: Weak<Service>,
    database: PathBuf,
    listen: SocketAddr,
    running: Mutex<Option<Running>>,
}

struct Running {
    sharing: Sharing,
    stop: oneshot::Sender<()>,
    thread: JoinHandle<()>,
}

impl Switch {
    /// A switch that listens on `listen` (the window's: every network card, on
    /// [`crate::DEFAULT_PORT`]).
    pub fn on(service: &Arc<Service>, database: PathBuf, listen: SocketAddr) -> Self {
        Self {
            service: Arc::downgrade(service),
            database,
            listen,
            running: Mutex::new(None),
        }
    }
}

fn failed(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::Io, format!("共享服务无法启动：{e}"))
}

impl Sharer for Switch {
    fn start(&self) -> Result<Sharing> {
        let mut running = self.running.lock().map_err(failed)?;
        if let Some(r) = running.as_ref().filter(|r| !r.thread.is_finished()) {
            return Ok(r.sharing.clone());
        }
        let service = self
            .service
            .upgrade()
            .ok_or_else(|| failed("窗口正在关闭"))?;
        let options = Options {
            database: self.database.clone(),
            listen: self.listen,
            local: false,
        };
        let (told, heard) = std::sync::mpsc::channel::<Result<Sharing>>();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("share".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => return drop(told.send(Err(failed(e)))),
                };
                let ready = told.clone();
                let served = runtime.block_on(serve(
                    service,
                    options,
                    move |s| {
                        let fingerprint = s.certificate.as_ref().map(|(f, _)| f.clone());
                        drop(ready.send(Ok(Sharing {
                            address: s.address.clone(),
                            fingerprint: fingerprint.unwrap_or_default(),
                        })));
                    },
                    async {
                        let _ = stopped.await;
                    },
                ));
                if let Err(e) = served {
                    drop(told.send(Err(e)));
                }
                runtime.shutdown_timeout(DRAIN);
            })
            .map_err(failed)?;
        let sharing = heard.recv().map_err(failed)??;
        *running = Some(Running {
            sharing: sharing.clone(),
            stop,
            thread,
        });
        Ok(sharing)
    }

    fn stop(&self) {
        let Ok(mut running) = self.running.lock() else {
            return;
        };
        if let Some(r) = running.take() {
            let _ = r.stop.send(());
            drop(r.thread.join());
        }
    }

    fn status(&self) -> Option<Sharing> {
        let running = self.running.lock().ok()?;
        running
            .as_ref()
            .filter(|r| !r.thread.is_finished())
            .map(|r| r.sharing.clone())
    }
}
