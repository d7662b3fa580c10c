#!/usr/bin/env bash
# Builds the widget and the assessor's app (crates/assessor, into dist/assessor/, served at
# /staff/app/) in release mode and starts the intake service, which serves them (and the demo
# portal page at /demo/) at http://127.0.0.1:8080 and receives requests at /api/requests, with a
# local SQLite file `sxsh.sqlite3`; the service points the page at / to /api/requests as it
# serves it. Ctrl-C stops it. Settings: see server/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
# After the widget's build, which replaces dist/ whole.
trunk build --release --config crates/assessor/Trunk.toml
export SXSH_LISTEN="${SXSH_LISTEN:-127.0.0.1:8080}" SXSH_DATABASE="${SXSH_DATABASE:-sxsh.sqlite3}" SXSH_DIST="${SXSH_DIST:-dist}"
exec cargo run --release --locked -p sxsh_server
