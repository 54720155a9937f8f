//! The page is built into the program: say plainly when it has not been built yet, and build
//! again when it changes.

fn main() {
    println!("cargo::rerun-if-changed=../../ui/dist");
    if !std::path::Path::new("../../ui/dist/index.html").exists() {
        println!(
            "cargo::error=ui/dist is missing: build the page first (`cd ui && npm run build`), then build again"
        );
    }
}
