#!/usr/bin/env bash
# Installs what building (`setup.sh build`) or testing (`setup.sh test`) needs, skipping
# whatever is already present, so running it twice costs seconds. Needs only rustup/cargo
# and Debian's apt; everything is pinned so every machine builds the same app.
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-build}"
TRUNK_VERSION=0.21.14
# The CLI must equal the crate exactly; Cargo.toml is the one place that says which.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
BINARYEN_VERSION=132.0.0
TERSER_VERSION=5.51.2
# Splits the release wasm into the first load and pages loaded on demand (scripts/split-wasm.sh).
WASM_SPLIT_VERSION=0.2.4
TOOLS="$PWD/.tools"

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# --- Rust side ---------------------------------------------------------------
command -v cc >/dev/null || apt_install build-essential
command -v pkg-config >/dev/null || apt_install pkg-config

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (compiles for several minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # No --locked: the CLI's own lockfile names a crate the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (compiles for a few minutes, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# --- Node side: wasm-opt (binaryen from npm), terser and, for tests, Playwright ------------
node_major=$(node --version 2>/dev/null | sed 's/^v\([0-9]*\).*/\1/' || true)
if [ -z "$node_major" ] || [ "$node_major" -lt 18 ] || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi

# Trunk's own JS minifier cannot parse wasm-bindgen's output; scripts/post-build.sh runs this.
if [ "$("$TOOLS/node_modules/.bin/terser" --version 2>/dev/null)" != "terser $TERSER_VERSION" ]; then
  say "installing terser $TERSER_VERSION (minifies the release JS)"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "terser@$TERSER_VERSION"
fi

if [ "$want" = test ]; then
  # Debian's Chromium and its driver: wasm-bindgen-test-runner and Playwright drive these;
  # no test tool is allowed to download a browser of its own.
  apt_install chromium chromium-driver
  stamp=tests/e2e/node_modules/.installed-lock
  if ! cmp -s tests/e2e/package-lock.json "$stamp" 2>/dev/null; then
    say "installing the end-to-end test packages"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/e2e/package-lock.json "$stamp"
  fi
fi
