#!/usr/bin/env bash
# Tries what scripts/package.sh put in dist/ (run as `scripts/package.sh --check [PART…]`):
#   1. the old-systems programs: no glibc symbol newer than 2.28 (objdump -T);
#   2. one clerk's day on the command line — a demo office, its integrity check, a roster
#      imported, the roster exported and printed — with the Linux amd64 build, then the same
#      with the Windows build installed by its installer under wine64, and with the arm64 build
#      under qemu-user-static; every output is compared with the amd64 build's;
#   3. the Windows window on a PC without WebView2 (wine has none) opening 浏览器模式, and the
#      uninstaller keeping the office's data;
#   4. the amd64 window's .deb installed with apt-get into a clean Debian 12 made with
#      debootstrap, started there under Xvfb, and a screenshot taken (dist/check/*.png).
# Everything it makes is under dist/check/ and CARGO_TARGET_DIR/package/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt-need.sh

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
work="$target_dir/package"
dist="$PWD/dist"
out="$dist/check"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
mkdir -p "$out" "$work"
started=$(date +%s)
step() { echo "==> [$(( $(date +%s) - started )) s] $*"; }
fail() {
  echo "检查失败：$*" >&2
  exit 1
}

tools() {
  local packages=(wine64 mingw-w64 chromium qemu-user-static debootstrap xvfb x11-apps netpbm poppler-utils python3-openpyxl bc curl)
  apt_need "${packages[@]}"
}

glibc() {
  local bin=$1 newest
  newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
  echo "    $(basename "$bin")：最新的 glibc 符号 $newest"
  [ "$(printf '%s\nGLIBC_2.28\n' "$newest" | sort -V | tail -n 1)" = "GLIBC_2.28" ] ||
    fail "$(basename "$bin") 需要比 2.28 新的 glibc（$newest）"
}

# The window's .deb $1 says which glibc it needs (Tauri's bundler does not): no symbol of its
# program ($2, the path inside) may be newer than that.
declared_glibc() {
  local deb=$1 inside=$2 needs newest bin="$work/declared-glibc"
  needs=$(dpkg-deb -f "$deb" Depends | sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p')
  [ -n "$needs" ] || fail "$(basename "$deb") 没有写明需要的 glibc 版本"
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "$inside" >"$bin"
  newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
  rm -f "$bin"
  echo "    $(basename "$deb")：写明 libc6 (>= $needs)，程序最新的 glibc 符号 $newest"
  [ "$(printf '%s\nGLIBC_%s\n' "$newest" "$needs" | sort -V | tail -n 1)" = "GLIBC_$needs" ] ||
    fail "$(basename "$deb") 需要 $newest，却只写明 libc6 (>= $needs)"
}

# A clerk's day with one build. $1: a folder for its outputs; $2: how paths are written for
# that program ("unix" or "windows"); the rest: how to run the program.
day() {
  local dir=$1 style=$2
  shift 2
  rm -rf "$dir"
  mkdir -p "$dir"
  local p="$dir" fixture="$PWD/tests/fixtures/roster_wps.et"
  if [ "$style" = windows ]; then
    p="Z:$dir"
    fixture="Z:$fixture"
  fi
  "$@" --db "$p/t.db" init --demo >"$dir/init.txt"
  "$@" --db "$p/t.db" check >"$dir/check.txt"
  "$@" --db "$p/t.db" backup "$p/backup.db" >"$dir/backup.txt"
  "$@" --db "$p/t.db" import party-members "$fixture" --add-missing-org --json >"$dir/import.json"
  "$@" --db "$p/t.db" party-members list --json --unmasked 打包检查 >"$dir/list.json"
  "$@" --db "$p/t.db" export party-members "$p/roster.xlsx" --as-of 2026-12-01 >"$dir/export.txt"
  "$@" --db "$p/t.db" print roster "$p/roster.pdf" >"$dir/print.txt"
}

# The outputs of one build against the amd64 build's: the same text, the same cells, the same
# printed words on the same number of pages.
same() {
  local ours="$out/amd64" theirs=$1 name=$2
  # The same words, with each build's own folder named alike.
  for f in check.txt backup.txt list.json; do
    diff <(sed "s|$ours|DIR|g" "$ours/$f") <(sed "s|Z:$theirs|DIR|g; s|$theirs|DIR|g" "$theirs/$f") >/dev/null ||
      fail "$name 的 $f 与 Linux amd64 不同：$(diff "$ours/$f" "$theirs/$f" | head -n 5)"
  done
  python3 - "$ours/import.json" "$theirs/import.json" <<'EOF' || fail "$name 的导入结果不同"
import json, sys
def counts(path):
    data = json.load(open(path, encoding="utf-8"))
    data.pop("batch_id", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)
sys.exit(0 if counts(sys.argv[1]) == counts(sys.argv[2]) else 1)
EOF
  python3 - "$ours/roster.xlsx" "$theirs/roster.xlsx" <<'EOF' || fail "$name 导出的 Excel 内容不同"
import sys, openpyxl
def cells(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    return [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
a, b = cells(sys.argv[1]), cells(sys.argv[2])
print(f"    Excel：{len(a[0])} 行，两份相同" if a == b else "    Excel：不同")
sys.exit(0 if a == b else 1)
EOF
  local pa pb
  pa=$(pdfinfo "$ours/roster.pdf" | sed -n 's/^Pages: *//p')
  pb=$(pdfinfo "$theirs/roster.pdf" | sed -n 's/^Pages: *//p')
  [ "$pa" = "$pb" ] || fail "$name 的花名册 PDF 页数不同（$pa / $pb）"
  pdftotext -layout "$ours/roster.pdf" "$ours/roster.txt"
  pdftotext -layout "$theirs/roster.pdf" "$theirs/roster.txt"
  cmp -s "$ours/roster.txt" "$theirs/roster.txt" || fail "$name 的花名册 PDF 文字不同"
  echo "    $name：检查、导入、名单、Excel、PDF（$pb 页）与 Linux amd64 相同"
}

# Which glibc each Linux program needs.
glibc_all() {
  step "glibc：旧系统版不超过 2.28，窗口版写明所需"
  glibc "$dist/taizhang-$version-linux-amd64"
  glibc "$dist/taizhang-$version-linux-arm64"
  for arch in amd64 arm64; do
    declared_glibc "$dist/taizhang_${version}_$arch.deb" usr/bin/taizhang-desktop
    declared_glibc "$dist/cn.taizhang.desktop_${version}_$arch.deb" \
      ./opt/apps/cn.taizhang.desktop/files/bin/taizhang-desktop
  done
}

# The day every other build is compared with.
linux_day() {
  step "Linux amd64（glibc 2.28 版）"
  day "$out/amd64" unix "$dist/taizhang-$version-linux-amd64"
  echo "    $(head -n 1 "$out/amd64/init.txt")"
  echo "    导入：$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print({k: v for k, v in d.items() if isinstance(v, int)})' "$out/amd64/import.json")"
}

arm64_day() {
  step "Linux arm64，在 qemu-user-static 下"
  day "$out/arm64" unix qemu-aarch64-static -L /usr/aarch64-linux-gnu "$dist/taizhang-$version-linux-arm64"
  same "$out/arm64" "arm64"
  # The window cannot start here (WebKit's helper processes need binfmt_misc, which this machine
  # lacks), but its loader can say whether Debian 12 arm64 holds every library it needs: the
  # system root package.sh linked it against.
  local root="$work/sysroot-arm64" bin="$work/arm64-window" found
  [ -f "$root/.complete" ] || fail "没有 arm64 系统根目录；先运行 scripts/package.sh linux_arm64"
  dpkg-deb --fsys-tarfile "$dist/taizhang_${version}_arm64.deb" | tar -xO usr/bin/taizhang-desktop >"$bin"
  found=$(qemu-aarch64-static -L "$root" "$root/usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1" --list "$bin")
  rm -f "$bin"
  ! grep -q "not found" <<<"$found" || fail "arm64 窗口版缺少库：$(grep "not found" <<<"$found" | tr -d '\t')"
  echo "    arm64 窗口版：所需的 $(grep -c '=> /' <<<"$found") 个库在 Debian 12 arm64 中都能找到"
}

# Debian 12's wine: the 64-bit loader and its server, with no `wine` wrapper.
wine() { /usr/lib/wine/wine64 "$@"; }
wineserver() { /usr/lib/wine/wineserver "$@"; }

windows() {
  step "Windows：安装程序在 wine64 下静默安装"
  # wine links the Windows user's Desktop and Documents to $HOME: an empty one of the check's own.
  export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe=d"
  export HOME="$work/wine-home"
  rm -rf "$WINEPREFIX" "$HOME"
  mkdir -p "$HOME"
  wine wineboot --init >/dev/null 2>&1
  # Windows 10 and 11 have bcryptprimitives.dll; wine 8.0 does not: a stand-in for the check.
  x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    packaging/windows/wine/bcryptprimitives.c packaging/windows/wine/bcryptprimitives.def -ladvapi32
  wine "$dist/taizhang-setup-$version-x64.exe" /S
  local user_dir="$WINEPREFIX/drive_c/users/$(id -un)"
  local inst="$user_dir/AppData/Local/Programs/Taizhang"
  for f in taizhang-desktop.exe taizhang.exe WebView2Loader.dll uninstall.exe 浏览器模式说明.txt; do
    [ -f "$inst/$f" ] || fail "安装后缺少 $f"
  done
  [ -f "$user_dir/Desktop/台账.lnk" ] || fail "桌面上没有“台账”快捷方式"
  local menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/台账"
  for f in 台账.lnk 台账（浏览器模式）.lnk 卸载台账.lnk; do
    [ -f "$menu/$f" ] || fail "开始菜单中没有 $f"
  done
  # (wine's console shows Chinese values garbled: the ASCII ones are compared.)
  local key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Taizhang'
  wine reg query "$key" /v DisplayVersion | grep -q "REG_SZ *$version" &&
    wine reg query "$key" /v QuietUninstallString | grep -q 'uninstall.exe" /S' ||
    fail "“应用和功能”中没有台账"
  echo "    已安装到 $inst：$(ls "$inst" | tr '\n' ' ')"

  step "Windows：命令行（安装的 taizhang.exe）"
  day "$out/windows" windows wine "$inst/taizhang.exe"
  same "$out/windows" "Windows x64"

  step "Windows：没有 WebView2 的电脑上，“台账”打开浏览器模式"
  # The office in the data folder, where the shortcut's program finds it.
  wine "$inst/taizhang.exe" init --demo >/dev/null
  local data="$user_dir/AppData/Roaming/taizhang"
  [ -f "$data/taizhang.db" ] || fail "数据库不在 %APPDATA%\\taizhang"
  wine "$inst/taizhang-desktop.exe" >"$out/windows/desktop.txt" 2>&1 &
  local page="" waited=0
  until page=$(curl -sf --max-time 5 http://127.0.0.1:8443/); do
    sleep 1
    waited=$((waited + 1))
    [ $waited -lt 180 ] || fail "浏览器模式没有启动（$out/windows/desktop.txt）"
  done
  echo "$page" | grep -q "<title>" || fail "浏览器模式的页面不对"
  echo "    taizhang-desktop.exe 启动了 taizhang.exe serve --local：http://127.0.0.1:8443/ 有页面（$waited s）"
  # What the clerk's browser shows: the launch link the console printed, in headless chromium
  # (its virtual time budget ends once the page has settled).
  local link
  link=$(grep -m 1 -o 'http://127.0.0.1:8443/?token=[0-9a-f]*' "$out/windows/desktop.txt") ||
    fail "命令窗口没有显示链接"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chromium" \
    --window-size=1366,860 --virtual-time-budget=15000 \
    --screenshot="$out/windows-browser-mode.png" "$link" >/dev/null 2>&1 ||
    fail "浏览器打不开浏览器模式的链接"
  echo "    截图：$out/windows-browser-mode.png"
  wineserver -k || true
  wait || true

  step "Windows：卸载（静默），数据保留"
  wine "$inst/uninstall.exe" /S
  waited=0
  while [ -e "$inst/taizhang.exe" ]; do
    sleep 1
    waited=$((waited + 1))
    [ $waited -lt 180 ] || fail "卸载没有完成"
  done
  wineserver -w || true
  [ -f "$data/taizhang.db" ] || fail "卸载删除了数据"
  [ ! -e "$user_dir/Desktop/台账.lnk" ] || fail "卸载后桌面快捷方式还在"
  echo "    程序和快捷方式已删除，%APPDATA%\\taizhang\\taizhang.db 保留"
}

# How many colours the screen of X display $1 shows: a window that has drawn its first screen
# shows text (hundreds of shades); one still blank, a handful.
colours() {
  DISPLAY=$1 xwd -root -silent | xwdtopnm 2>/dev/null | python3 -c '
import sys
data = sys.stdin.buffer.read()
fields, at = [], 0
while len(fields) < 4:
    while data[at:at + 1].isspace():
        at += 1
    end = at
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[at:end])
    at = end
pixels = data[at + 1:]
print(len({pixels[i:i + 3] for i in range(0, len(pixels), 3 * 7)}))'
}

# Waits until display $1 shows a drawn screen; prints the seconds since $2 (date +%s.%N).
first_screen() {
  local display=$1 since=$2 tries=0
  until [ "$(colours "$display")" -gt 64 ]; do
    tries=$((tries + 1))
    [ $tries -lt 1200 ] || return 1
  done
  echo "$(date +%s.%N) - $since" | bc
}

# The clean Debian 12, and what is mounted into it while the window runs there.
debian_root="$work/debian12"
mounts=(proc sys dev tmp/.X11-unix)

# Starts Xvfb on display $1 and waits for its socket; prints its process id.
xvfb() {
  local n=${1#:} tries=0
  Xvfb "$1" -screen 0 1366x860x24 -nolisten tcp >/dev/null 2>&1 &
  local pid=$!
  until [ -S "/tmp/.X11-unix/X$n" ]; do
    sleep 0.1
    tries=$((tries + 1))
    [ $tries -lt 300 ] || fail "Xvfb $1 没有启动"
  done
  echo $pid
}

# A clean Debian 12, the .deb installed as a clerk would, the window started and looked at.
debian() {
  local root="$debian_root"
  if [ ! -f "$root/.complete" ]; then
    step "debootstrap：干净的 Debian 12（amd64）"
    rm -rf "$root"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap-debian12.log"
    touch "$root/.complete"
  fi
  step "在干净的 Debian 12 中 apt-get install ./taizhang_${version}_amd64.deb"
  mkdir -p "$root/tmp/.X11-unix"
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  trap 'for m in "${mounts[@]}"; do umount -R "$debian_root/$m" 2>/dev/null || true; done' EXIT
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  cp "$dist/taizhang_${version}_amd64.deb" "$root/tmp/"
  # The root is made once and kept: what an earlier check installed (and its database) goes
  # first, so each check installs into Debian 12 as debootstrap left it.
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq taizhang cn.taizhang.desktop \
    taizhang-server >/dev/null 2>&1 || true
  rm -f "$root"/root/server.db*
  chroot "$root" apt-get update -qq
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/taizhang_${version}_amd64.deb" >"$out/debian12-apt.txt"
  chroot "$root" dpkg -s taizhang | grep -E '^(Status|Version|Depends)' | sed 's/^/    /'
  [ -f "$root/usr/share/applications/taizhang.desktop" ] || fail "没有菜单项 taizhang.desktop"
  # The other two flavours beside it: the 统信 layout and the command line with 浏览器模式.
  cp "$dist/cn.taizhang.desktop_${version}_amd64.deb" "$dist/taizhang-server_${version}_amd64.deb" "$root/tmp/"
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "/tmp/cn.taizhang.desktop_${version}_amd64.deb" "/tmp/taizhang-server_${version}_amd64.deb" >>"$out/debian12-apt.txt"
  local app_dir="$root/opt/apps/cn.taizhang.desktop"
  python3 -c 'import json, sys; info = json.load(open(sys.argv[1])); assert info["appid"] == "cn.taizhang.desktop"' "$app_dir/info" ||
    fail "统信目录结构的 info 不对"
  [ -x "$app_dir/files/bin/taizhang-desktop" ] && [ -f "$app_dir/entries/applications/cn.taizhang.desktop.desktop" ] ||
    fail "统信目录结构不完整"
  chroot "$root" taizhang --db /root/server.db init --demo | sed 's/^/    taizhang-server：/'
  echo "    已安装：taizhang、cn.taizhang.desktop（/opt/apps/cn.taizhang.desktop/）、taizhang-server"

  step "在干净的 Debian 12 中启动窗口（Xvfb），截图"
  local display=:47
  local xvfb
  xvfb=$(xvfb $display)
  rm -rf "$root/root/check"
  chroot "$root" env DISPLAY=$display HOME=/root LANG=zh_CN.UTF-8 \
    taizhang-desktop --db /root/check/taizhang.db >"$out/debian12-app.txt" 2>&1 &
  local app=$!
  first_screen $display "$(date +%s.%N)" >/dev/null || fail "窗口没有显示出来（$out/debian12-app.txt）"
  DISPLAY=$display xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$out/debian12-window.png"
  kill $app 2>/dev/null || true
  kill $xvfb 2>/dev/null || true
  wait 2>/dev/null || true
  echo "    截图：$out/debian12-window.png"
}

# The memory of process $1 and every process under it: resident (RSS) and proportional (PSS,
# each shared page counted once between the processes sharing it), in MB.
memory() {
  local pids=($1) at=0
  while [ $at -lt ${#pids[@]} ]; do
    pids+=($(pgrep -P "${pids[$at]}" || true))
    at=$((at + 1))
  done
  local rss=0 pss=0
  for pid in "${pids[@]}"; do
    rss=$((rss + $(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
    pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "RSS $((rss / 1024)) MB，PSS $((pss / 1024)) MB，${#pids[@]} 个进程"
}

# The release window's cold start on this machine: from starting it to its first screen drawn,
# and what it holds in memory (the program and WebKit's processes) once idle.
startup() {
  step "启动时间与内存（release 窗口，Xvfb）"
  local bin="$work/taizhang-desktop" display=:48
  dpkg-deb --fsys-tarfile "$dist/taizhang_${version}_amd64.deb" | tar -xO usr/bin/taizhang-desktop >"$bin"
  chmod +x "$bin"
  local xvfb
  xvfb=$(xvfb $display)
  for run in 1 2 3; do
    rm -rf "$work/startup"
    local since
    since=$(date +%s.%N)
    DISPLAY=$display "$bin" --db "$work/startup/taizhang.db" >/dev/null 2>&1 &
    local app=$! seconds
    seconds=$(first_screen $display "$since") || fail "窗口没有显示出来"
    sleep 5
    echo "    第 $run 次：${seconds%??????} s 到第一屏；空闲时内存 $(memory $app)（主程序与 WebKit 进程）"
    kill $app
    wait $app 2>/dev/null || true
  done
  kill $xvfb
  wait $xvfb 2>/dev/null || true
}

# `scripts/package-check.sh windows` tries only that part (after the amd64 day it compares with).
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(glibc arm64 windows debian startup)
tools
linux_day
for part in "${parts[@]}"; do
  case "$part" in
    glibc) glibc_all ;;
    arm64) arm64_day ;;
    windows | debian | startup) "$part" ;;
    *) fail "未知的部分：$part（可选：glibc arm64 windows debian startup）" ;;
  esac
done
step "检查通过：${parts[*]}"
