//! Every browser the host serves, by its session cookie: its [`Seat`] (who is logged in there,
//! its cancel button) and its files (uploads, and what waits to be downloaded). A browser with no
//! cookie gets a new clerk; clerks idle too long are forgotten, and their files go with them.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant},
};

use taizhang_app::{service::Seat, AppError, ErrorCode, Result};

use crate::{files::Files, token};

/// The cookie that names a browser's clerk.
pub const COOKIE: &str = "taizhang";

/// At most this many browsers at once: each costs a little memory and, with files, disk.
const MAX_CLERKS: usize = 256;

/// A browser that has not logged in (or has logged out) is forgotten after this long.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);

/// One browser.
pub struct Clerk {
    pub seat: Seat,
    files: Mutex<Files>,
    last: Mutex<Instant>,
}

impl Clerk {
    fn new(seat: Seat, db_path: &Path) -> Self {
        Self {
            seat,
            files: Mutex::new(Files::new(db_path)),
            last: Mutex::new(Instant::now()),
        }
    }

    /// Its files (uploads, downloads waiting).
    pub fn files(&self) -> Result<MutexGuard<'_, Files>> {
        self.files.lock().map_err(|_| broken())
    }

    fn seen(&self) {
        if let Ok(mut last) = self.last.lock() {
            *last = Instant::now();
        }
    }

    /// Nobody is logged in here any more and the browser has been quiet for a while.
    fn forgettable(&self) -> bool {
        let quiet = self
            .last
            .lock()
            .map_or(true, |last| last.elapsed() > FORGET_AFTER);
        quiet && self.seat.idle()
    }
}

fn broken() -> AppError {
    AppError::new(ErrorCode::Database, "共享服务内部错误，请重新打开页面")
}

/// The clerks, by cookie.
pub struct Clerks {
    db_path: PathBuf,
    by_cookie: Mutex<HashMap<String, Arc<Clerk>>>,
}

impl Clerks {
    pub fn new(db_path: &Path) -> Self {
        Self {
            db_path: db_path.to_owned(),
            by_cookie: Mutex::new(HashMap::new()),
        }
    }

    /// The clerk whose cookie this is, if the host still knows it.
    pub fn get(&self, cookie: &str) -> Option<Arc<Clerk>> {
        let clerk = self.by_cookie.lock().ok()?.get(cookie).cloned()?;
        clerk.seen();
        Some(clerk)
    }

    /// A new clerk at `seat`, and its cookie. When the host is full, a browser that never logged
    /// in makes room; when every one is in use, the newcomer is told to wait.
    pub fn add(&self, seat: Seat) -> Result<(String, Arc<Clerk>)> {
        let mut map = self.by_cookie.lock().map_err(|_| broken())?;
        if map.len() >= MAX_CLERKS {
            map.retain(|_, c| !c.forgettable());
        }
        if map.len() >= MAX_CLERKS {
            let idle = map
                .iter()
                .filter(|(_, c)| c.seat.session().is_none())
                .min_by_key(|(_, c)| c.last.lock().map(|l| *l).ok())
                .map(|(k, _)| k.clone());
            match idle {
                Some(cookie) => drop(map.remove(&cookie)),
                None => {
                    return Err(AppError::new(
                        ErrorCode::Forbidden,
                        format!("同时使用台账的电脑已达上限（{MAX_CLERKS} 个），请稍后再试"),
                    ))
                }
            }
        }
        let cookie = token::new()?;
        let clerk = Arc::new(Clerk::new(seat, &self.db_path));
        map.insert(cookie.clone(), Arc::clone(&clerk));
        Ok((cookie, clerk))
    }

    /// Ends a browser's clerk (logging out): its files go at once.
    pub fn remove(&self, cookie: &str) {
        if let Ok(mut map) = self.by_cookie.lock() {
            map.remove(cookie);
        }
    }

    /// Forgets the clerks nobody uses any more; returns how many.
    pub fn sweep(&self) -> usize {
        let Ok(mut map) = self.by_cookie.lock() else {
            return 0;
        };
        let before = map.len();
        map.retain(|_, c| !c.forgettable());
        before - map.len()
    }

    /// How many browsers the host knows now.
    pub fn count(&self) -> usize {
        self.by_cookie.lock().map_or(0, |m| m.len())
    }
}

/// The value of the cookie named [`COOKIE`] in a `Cookie` header.
pub fn cookie_in(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Tried = std::result::Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn the_cookie_is_found_among_others() {
        assert_eq!(cookie_in("a=1; taizhang=abc; b=2"), Some("abc"));
        assert_eq!(cookie_in("taizhang2=abc"), None);
        assert_eq!(cookie_in(""), None);
    }

    #[test]
    fn a_full_host_makes_room_from_browsers_that_never_logged_in() -> Tried {
        let folder = tempfile::tempdir()?;
        let clerks = Clerks::new(&folder.path().join("taizhang.db"));
        let (first, _) = clerks.add(Seat::remote("10.0.0.1".into()))?;
        std::thread::sleep(Duration::from_millis(5));
        for _ in 1..MAX_CLERKS {
            clerks.add(Seat::remote("10.0.0.2".into()))?;
        }
        assert_eq!(clerks.count(), MAX_CLERKS);
        clerks.add(Seat::remote("10.0.0.3".into()))?;
        assert_eq!(clerks.count(), MAX_CLERKS, "bounded");
        assert!(
            clerks.get(&first).is_none(),
            "the oldest that never logged in made room"
        );
        Ok(())
    }
}
