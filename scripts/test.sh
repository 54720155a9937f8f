#!/usr/bin/env bash
# Every test Taizhang has, from a clean clone: formatting and lints, Rust unit and integration
# tests (incl. the generated TypeScript bindings' freshness), UI type check and component tests,
# and the end-to-end test of the real app window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh --test

step() { echo; echo "==> $*"; }

step "格式检查 cargo fmt"
cargo fmt --all --check

step "界面类型检查与构建（src-tauri 需要 ui/dist）"
(cd ui && npm run --silent build -- --logLevel warn)

step "Clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "Rust 测试"
cargo test --workspace --exclude taizhang-desktop

step "界面组件测试"
(cd ui && npx vitest run)

step "构建桌面程序"
cargo build -p taizhang-desktop

step "端到端测试（真实窗口，tauri-driver + WebKitWebDriver）"
if [ -n "${DISPLAY:-}" ]; then
  (cd tests/e2e && npm test)
else
  (cd tests/e2e && xvfb-run -a -s "-screen 0 1366x860x24" npm test)
fi
