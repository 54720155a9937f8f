//! What the window plugs into the service for the office network — the server behind the 共享
//! switch, the link to another PC's host — and what they tell the page. The server crate
//! implements them; this crate never depends on it. The switch and the link's commands are
//! [`crate::share`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Result;

/// What the window shows while sharing: what to give colleagues and what they compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Sharing {
    /// The address colleagues open, `https://192.168.1.20:8443/`.
    pub address: String,
    /// The certificate's SHA-256 fingerprint, which a colleague's browser shows the first time.
    pub fingerprint: String,
}

/// What serves the database to the office network: installed by the window.
pub trait Sharer: Send + Sync {
    /// Starts serving (or tells where it already does); returns once it listens.
    fn start(&self) -> Result<Sharing>;
    /// Stops serving; colleagues' pages lose the connection.
    fn stop(&self);
    /// Where it serves, while it does.
    fn status(&self) -> Option<Sharing>;
}

/// Where the window goes for the office's data instead of its own database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Connection {
    /// `https://192.168.1.20:8443/`.
    pub address: String,
    /// The SHA-256 fingerprint the host's certificate must have.
    pub fingerprint: String,
}

/// What connects the window to another PC's host: installed by the window.
pub trait Connector: Send + Sync {
    /// Checks that the host answers with the certificate `fingerprint` names, then uses it
    /// from now on (and when the window opens again).
    fn connect(&self, address: &str, fingerprint: &str) -> Result<Connection>;
    /// Goes back to this PC's own database.
    fn disconnect(&self) -> Result<()>;
    /// The host in use, if any.
    fn connection(&self) -> Option<Connection>;
}
