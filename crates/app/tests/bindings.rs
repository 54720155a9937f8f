//! The UI's TypeScript types and its client are generated from Rust; this fails when a committed
//! file is stale.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::path::PathBuf;

fn check(file: &str, fresh: String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/api")
        .join(file);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/api/{file} is stale: run `UPDATE_BINDINGS=1 cargo test -p taizhang-app --test bindings` and commit it"
    );
}

#[test]
fn typescript_bindings_are_up_to_date() {
    check("bindings.ts", taizhang_app::bindings::typescript());
}

#[test]
fn the_pages_client_is_up_to_date() {
    check("client.ts", taizhang_app::bindings::client());
}
