#!/usr/bin/env bash
# Runs every test, stopping at the first failure: format, lints (host and wasm32), native tests,
# browser tests (wasm-bindgen-test in headless Chromium), the release build, end-to-end tests
# (Playwright against the release build on loopback), then the size report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh all
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (host: the core, the intake service, and what of the widget builds natively)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo clippy (wasm32: the widget, the PDF worker and the assessor's app)"
cargo clippy -p sxsh_widget -p sxsh_pdf_worker -p sxsh_assessor --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "cargo clippy (wasm32: the widget as the release page build splits it)"
cargo clippy -p sxsh_widget --lib --bins --locked --target wasm32-unknown-unknown --features split -- -D warnings

step "native tests (the core with its reports, the intake service over HTTP + SQLite)"
cargo test --workspace --locked

step "browser tests (wasm-bindgen-test, headless Chromium)"
cargo test -p sxsh_widget --locked --target wasm32-unknown-unknown --test web

step "release build (trunk: the widget, then the assessor's app into dist/assessor/)"
trunk build --release
trunk build --release --config crates/assessor/Trunk.toml

step "intake service binary for the end-to-end tests"
cargo build -p sxsh_server --locked

step "end-to-end tests (Playwright + Chromium against dist/ and the intake service with SQLite)"
node --test --test-concurrency=1 e2e/

step "size report (the widget, then the assessor's app)"
scripts/size-report.sh dist
scripts/size-report.sh dist/assessor
