#!/usr/bin/env bash
# Installs what Taizhang needs on Debian 12 (and apt-based 统信UOS/麒麟): system packages, the
# UI's node modules, and — with --test — what the end-to-end tests drive the app with (and
# openpyxl, the second reader they open downloaded workbooks with).
# Quick when everything is already there; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt-need.sh

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=(libwebkit2gtk-4.1-dev build-essential pkg-config file libssl-dev librsvg2-dev fonts-noto-cjk)
[ $want_test = 1 ] && packages+=(xvfb xauth webkit2gtk-driver poppler-utils chromium chromium-driver python3-openpyxl)

apt_need "${packages[@]}"

if ! command -v cargo >/dev/null; then
  echo "错误：未找到 Rust 工具链（cargo 1.85 或更新）。请先用 rustup 安装 Rust，再运行本脚本。" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "错误：需要 Node.js 20.19 或更新（当前：$(node --version 2>/dev/null || echo 未安装)）。" >&2
  exit 1
fi

# Node modules from the lockfile, only when it changed. `npm install`, not `npm ci`: the
# registry these machines reach lacks some other platforms' optional packages (rollup's), so the
# lockfile cannot list them and `npm ci` would refuse it as out of sync.
npm_ci() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    echo "==> npm install（$1，按 package-lock.json）"
    (cd "$1" && npm install --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci ui

if [ $want_test = 1 ]; then
  npm_ci tests/e2e
  if ! command -v tauri-driver >/dev/null; then
    echo "==> 安装 tauri-driver"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
fi
