//! What the server's tests share.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use serde_json::Value;
use taizhang_app::command::Reply;

/// A command's JSON answer (its bytes are not expected).
pub fn json(reply: Reply) -> Value {
    match reply {
        Reply::Json(text) => serde_json::from_str(&text).unwrap(),
        Reply::Bytes(_) => panic!("bytes where JSON was expected"),
    }
}
