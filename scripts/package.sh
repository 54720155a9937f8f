#!/usr/bin/env bash
# Builds Taizhang's installers and packages into dist/, all on this Debian 12 machine and
# without downloading anything but Debian packages, crates and the zig compiler from PyPI:
#   taizhang-setup-VERSION-x64.exe             Windows 10/11 installer (own NSIS script)
#   taizhang_VERSION_amd64.deb, …_arm64.deb     the window, for Debian 12 / 统信UOS / 麒麟 with WebKitGTK 4.1
#   cn.taizhang.desktop_VERSION_amd64.deb, …    the same in the 统信 app-store layout (/opt/apps/…)
#   taizhang-server_VERSION_amd64.deb, …_arm64  the command line and 浏览器模式, glibc 2.28 and newer
#   taizhang-VERSION-linux-amd64, …-arm64       that program alone (UOS 20, 麒麟 V10 and older systems)
# `scripts/package.sh --check` tries what dist/ holds (scripts/package-check.sh);
# `scripts/package.sh PART…` builds only those parts (windows linux_amd64 linux_arm64).
# CARGO_TARGET_DIR is honoured; the arm64 system root and zig live under it, in package/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt-need.sh
if [ "${1:-}" = "--check" ]; then
  shift
  exec scripts/package-check.sh "$@"
fi

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
work="$target_dir/package"
dist="$PWD/dist"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
vendored=(--features taizhang-app/vendored-openssl)
mkdir -p "$work" "$dist"
started=$(date +%s)
step() { echo "==> [$(( $(date +%s) - started )) s] $*"; }

tools() {
  local packages=(mingw-w64 nsis gcc-aarch64-linux-gnu libc6-dev-arm64-cross debootstrap dpkg-dev python3-venv bc)
  apt_need "${packages[@]}"
  rustup target add x86_64-pc-windows-gnu aarch64-unknown-linux-gnu >/dev/null
  # zig links the old-systems build against glibc 2.28's symbols (cargo-zigbuild drives it).
  if [ ! -x "$work/zig/bin/python" ]; then
    step "安装 zig（PyPI 的 ziglang）"
    python3 -m venv "$work/zig"
    "$work/zig/bin/pip" install --quiet 'ziglang==0.14.1'
  fi
  if ! command -v cargo-zigbuild >/dev/null; then
    step "安装 cargo-zigbuild"
    cargo install cargo-zigbuild --version '^0.20' --locked --quiet
  fi
}

# The arm64 window links against Debian 12's arm64 WebKitGTK: its packages unpacked (not
# installed: nothing arm64 runs) into a system root, which pkg-config and the linker read.
arm64_sysroot() {
  local root="$work/sysroot-arm64"
  # libsoup's .pc names sysprof-capture-4, which debootstrap does not pull in by itself.
  local include=libwebkit2gtk-4.1-dev,libgtk-3-dev,libsoup-3.0-dev,libsysprof-4-dev
  if [ "$(cat "$root/.complete" 2>/dev/null)" != "$include" ]; then
    step "准备 arm64 系统根目录（Debian 12 的 WebKitGTK 4.1 开发包）" >&2
    rm -rf "$root"
    debootstrap --arch=arm64 --foreign --variant=minbase \
      --include="$include" \
      bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap-arm64.log"
    # debootstrap's first stage leaves the packages in the cache: unpack them all.
    for deb in "$root"/var/cache/apt/archives/*.deb; do
      dpkg-deb -x "$deb" "$root"
    done
    rm -f "$root"/var/cache/apt/archives/*.deb
    # Links that name an absolute path (libz.so → /lib/…) would lead the linker to this machine's
    # own amd64 files: point them into the root.
    find "$root" -type l -lname '/*' | while read -r link; do
      ln -sfn "$root$(readlink "$link")" "$link"
    done
    echo "$include" >"$root/.complete"
  fi
  echo "$root"
}

ui() {
  step "构建界面"
  scripts/setup.sh
  (cd ui && npx vite build --logLevel warn)
}

# Tauri's deb bundler, without its own UI build (done once above).
tauri_deb() {
  ui/node_modules/.bin/tauri build --ci --bundles deb -c '{"build":{"beforeBuildCommand":""}}' "$@" -- "${vendored[@]}"
}

# The window's .deb by Tauri's bundler, the server for old systems, and the two .debs made here.
linux_amd64() {
  step "Linux amd64：窗口（.deb）"
  tauri_deb
  cp "$target_dir/release/bundle/deb/taizhang_${version}_amd64.deb" "$dist/"
  server x86_64-unknown-linux-gnu amd64
  server_deb amd64
  uos_deb amd64
}

linux_arm64() {
  local root
  root=$(arm64_sysroot)
  step "Linux arm64：窗口（.deb）"
  PKG_CONFIG_SYSROOT_DIR="$root" \
    PKG_CONFIG_LIBDIR="$root/usr/lib/aarch64-linux-gnu/pkgconfig:$root/usr/share/pkgconfig" \
    PKG_CONFIG_ALLOW_CROSS=1 \
    CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc \
    AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C link-arg=--sysroot=$root -C link-arg=-Wl,-rpath-link,$root/usr/lib/aarch64-linux-gnu:$root/lib/aarch64-linux-gnu" \
    tauri_deb --target aarch64-unknown-linux-gnu
  cp "$target_dir/aarch64-unknown-linux-gnu/release/bundle/deb/taizhang_${version}_arm64.deb" "$dist/"
  server aarch64-unknown-linux-gnu arm64
  server_deb arm64
  uos_deb arm64
}

# The command line and server, linked for glibc 2.28 (统信UOS 20, 麒麟 V10).
server() {
  local triple=$1 arch=$2
  step "Linux $arch：命令行与共享服务（glibc 2.28）"
  PATH="$work/zig/bin:$PATH" cargo zigbuild --release --quiet --target "$triple.2.28" -p taizhang-cli "${vendored[@]}"
  cp "$target_dir/$triple/release/taizhang" "$dist/taizhang-$version-linux-$arch"
}

# A .deb from a folder laid out as installed, with a control file.
deb() {
  local root=$1 out=$2
  find "$root" -type d -exec chmod 0755 {} +
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum >DEBIAN/md5sums)
  dpkg-deb --root-owner-group --build -Zxz "$root" "$out" >/dev/null
}

server_deb() {
  local arch=$1 root="$work/deb-server-$1"
  step "taizhang-server_${version}_$arch.deb"
  rm -rf "$root"
  mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/doc/taizhang-server"
  install -m 0755 "$dist/taizhang-$version-linux-$arch" "$root/usr/bin/taizhang"
  install -m 0644 packaging/linux/taizhang-server.desktop "$root/usr/share/applications/"
  install -m 0644 src-tauri/icons/icon.png "$root/usr/share/icons/hicolor/256x256/apps/taizhang-server.png"
  install -m 0644 packaging/linux/copyright "$root/usr/share/doc/taizhang-server/copyright"
  cat >"$root/DEBIAN/control" <<EOF
Package: taizhang-server
Version: $version
Architecture: $arch
Maintainer: Taizhang <taizhang@localhost>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: libc6 (>= 2.28)
Section: misc
Priority: optional
Description: 台账命令行与共享服务
 街道台账管理的命令行（taizhang），以及在浏览器中使用台账的共享服务：
 taizhang serve --local 供本机浏览器使用，taizhang serve 供本单位其他电脑使用。
 适用于没有 WebKitGTK 4.1 的统信UOS 20、麒麟 V10 等系统。
EOF
  deb "$root" "$dist/taizhang-server_${version}_$arch.deb"
}

# The 统信 app store's layout: everything under /opt/apps/APPID, no install scripts.
uos_deb() {
  local arch=$1 appid=cn.taizhang.desktop
  local root="$work/deb-uos-$arch" from="$dist/taizhang_${version}_$arch.deb"
  step "${appid}_${version}_$arch.deb（统信应用商店目录结构）"
  rm -rf "$root"
  local app="$root/opt/apps/$appid"
  mkdir -p "$root/DEBIAN" "$app/files/bin" "$app/entries/applications" \
    "$app/entries/icons/hicolor/256x256/apps" "$app/files/doc"
  dpkg-deb --fsys-tarfile "$from" | tar -xO usr/bin/taizhang-desktop >"$app/files/bin/taizhang-desktop"
  chmod 0755 "$app/files/bin/taizhang-desktop"
  install -m 0644 src-tauri/icons/icon.png "$app/entries/icons/hicolor/256x256/apps/$appid.png"
  install -m 0644 packaging/linux/copyright "$app/files/doc/copyright"
  sed -e "s|{{exec}}|/opt/apps/$appid/files/bin/taizhang-desktop|; s|{{icon}}|$appid|; s|^StartupWMClass=.*|StartupWMClass=taizhang-desktop|" \
    packaging/linux/taizhang.desktop >"$app/entries/applications/$appid.desktop"
  cat >"$app/info" <<EOF
{
  "appid": "$appid",
  "name": "台账",
  "version": "$version.0",
  "arch": ["$arch"],
  "permissions": {
    "autostart": false, "notification": false, "trayicon": false, "clipboard": true,
    "account": false, "bluetooth": false, "camera": false, "audio_record": false,
    "installed_apps": false
  }
}
EOF
  cat >"$root/DEBIAN/control" <<EOF
Package: $appid
Version: $version
Architecture: $arch
Maintainer: Taizhang <taizhang@localhost>
Installed-Size: $(du -sk "$root/opt" | cut -f1)
Depends: $(dpkg-deb -f "$from" Depends)
Section: misc
Priority: optional
Description: 台账 · 街道台账管理
 $(dpkg-deb -f "$from" Description | tail -n +2 | sed 's/^ //')
EOF
  deb "$root" "$dist/${appid}_${version}_$arch.deb"
}

windows() {
  step "Windows x64：窗口与命令行"
  cargo build --release --quiet --target x86_64-pc-windows-gnu -p taizhang-desktop -p taizhang-cli
  local out="$target_dir/x86_64-pc-windows-gnu/release" stage="$work/windows"
  rm -rf "$stage"
  mkdir -p "$stage"
  cp "$out/taizhang-desktop.exe" "$out/taizhang.exe" src-tauri/icons/icon.ico "$stage/"
  # Microsoft's WebView2 loader, shipped in the webview2-com-sys crate the window links to.
  local loader
  loader=$(ls -t "$out"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll | head -n 1)
  cp "$loader" "$stage/"
  # Notepad on every Windows 10 reads UTF-8 with a byte-order mark and CRLF lines.
  { printf '\xef\xbb\xbf'; sed 's/$/\r/' packaging/windows/browser-mode.txt; } >"$stage/browser-mode.txt"
  step "Windows 安装程序（makensis）"
  makensis -V2 -DVERSION="$version" -DSTAGE="$stage" \
    -DOUTFILE="$dist/taizhang-setup-$version-x64.exe" packaging/windows/taizhang.nsi
}

sizes() {
  step "完成：dist/"
  for f in "$dist"/*; do
    [ -f "$f" ] && printf '  %-44s %6.1f MB\n' "$(basename "$f")" "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)"
  done
  return 0
}

# `scripts/package.sh linux_amd64` builds only that part.
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(windows linux_amd64 linux_arm64)
tools
ui
for part in "${parts[@]}"; do
  case "$part" in
    windows | linux_amd64 | linux_arm64) "$part" ;;
    *) echo "未知的部分：$part（可选：windows linux_amd64 linux_arm64）" >&2; exit 2 ;;
  esac
done
sizes
