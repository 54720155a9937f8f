#!/usr/bin/env bash
# Builds and runs the desktop app on its default database (taizhang.db in the user's data
# folder; --db PATH or TAIZHANG_DB to use another). The first run offers the demo office.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "==> 构建界面"
(cd ui && npx vite build --logLevel warn)
echo "==> 构建并启动台账"
cargo run --quiet -p taizhang-desktop -- "$@"
