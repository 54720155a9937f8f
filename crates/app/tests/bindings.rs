//! The UI's TypeScript types are generated from Rust; this fails when the committed file is stale.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/bindings.ts");
    let fresh = taizhang_app::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/api/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p taizhang-app --test bindings` and commit it"
    );
}
