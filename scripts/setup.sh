#!/usr/bin/env bash
# Installs whatever the widget's build and tests need and is missing; quick when all is present.
# Needs only Rust (rustup), Node.js with npm, and apt (Debian). Idempotent.
#
#   scripts/setup.sh          everything (build + tests)
#   scripts/setup.sh build    only what building and serving the widget needs
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

TRUNK_VERSION="0.21.14"
WASM_SPLIT_VERSION="0.2.4"
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed | grep -q '^clippy'; then rustup component add clippy; fi
if ! rustup component list --installed | grep -q '^rustfmt'; then rustup component add rustfmt; fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # Without --locked: the CLI's own lockfile names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The page's wasm is split into chunks after linking (scripts/build-page.mjs). The splitter
# speaks the protocol of the `wasm_split_helpers` 0.2 crate that leptos 0.8 uses.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION, about 3 minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# Node tooling (wasm-opt from npm's binaryen, playwright-core, axe-core) from the committed lockfile.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing Node packages from package-lock.json"
  npm ci --no-audit --no-fund
fi

if [ "$mode" = "all" ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  missing=()
  for pkg in chromium chromium-driver poppler-utils qpdf brotli sqlite3; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # The spreadsheet tests read the annual report's XLSX back with openpyxl, in the `python3` the
  # tests run (which may not be Debian's).
  if ! python3 -c 'import openpyxl' 2>/dev/null; then
    say "installing openpyxl for $(command -v python3)"
    # Debian's own Python refuses pip (PEP 668): it takes Debian's package instead.
    python3 -m pip install --quiet --disable-pip-version-check 'openpyxl==3.1.5' 2>/dev/null \
      || DEBIAN_FRONTEND=noninteractive ${sudo_cmd:-} apt-get install -y -qq --no-install-recommends python3-openpyxl
  fi
fi
say "ready"
