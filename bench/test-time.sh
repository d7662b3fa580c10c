#!/usr/bin/env bash
# Times the README's test command warm, in the checkout given (default: this one), which must
# have had one full `scripts/test.sh` run already: (1) with nothing changed; (2) the native test
# step after editing a UI file; (3) the whole command after editing a UI file; (4) the native test
# step after editing a widget file that compiles natively, with the crates it rebuilt. The touched
# files keep their content (only their time changes). Results: BENCHMARKS.md, "Build and test time".
#   bench/test-time.sh [CHECKOUT]
set -uo pipefail
cd "${1:-$(dirname "$0")/..}"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
log="$(mktemp)"
timed() {
  local start end status
  start=$(date +%s.%N)
  "$@" >"$log" 2>&1
  status=$?
  end=$(date +%s.%N)
  printf '%s: %.1f s (exit %d)\n' "$*" "$(echo "$end - $start" | bc)" "$status"
}
rebuilt() { echo "  rebuilt: $(grep -o 'Compiling [a-z_]*' "$log" | cut -d' ' -f2 | tr '\n' ' ')"; }
echo "== $(pwd) at $(git rev-parse --short HEAD)"
timed scripts/test.sh
touch src/ui/results.rs
timed cargo test --workspace --locked
rebuilt
touch src/ui/results.rs
timed scripts/test.sh
touch src/config.rs
timed cargo test --workspace --locked
rebuilt
echo "  test binaries run: $(grep -c '     Running ' "$log")"
rm -f "$log"
