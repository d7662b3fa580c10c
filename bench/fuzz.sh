#!/usr/bin/env bash
# Fuzzes each target (crates/core/fuzz/fuzz_targets) with cargo-fuzz and libFuzzer for SECONDS each (default
# 600), starting from the saved corpus, then merges the inputs that reach new code back into
# crates/core/fuzz/corpus/<target> (which crates/core/tests/fuzz_corpus.rs replays in the test command). Prints the
# executions and crashes per target; a crash input is left in crates/core/fuzz/artifacts/<target>/.
#   bench/fuzz.sh [SECONDS] [TARGET...]   (all three targets unless named)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(import_json number checklist_json)
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
# libFuzzer's instrumentation needs unstable flags: a nightly toolchain when the machine has one,
# else the stable compiler with its unstable features unlocked.
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
cd crates/core/fuzz
status=0
for target in "${targets[@]}"; do
  work="$(mktemp -d)"
  cp -r "corpus/$target/." "$work/"
  log="$(mktemp)"
  set +e
  cargo "${toolchain[@]}" fuzz run "$target" "$work" -- -max_total_time="$seconds" -max_len=1048576 \
    -print_final_stats=1 2>"$log"
  code=$?
  set -e
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  crashes="$(find "artifacts/$target" -type f 2>/dev/null | wc -l)"
  echo "$target: ${seconds}s, $runs executions, exit $code, $crashes crash inputs in crates/core/fuzz/artifacts/$target"
  [ "$code" -eq 0 ] || { status=1; tail -40 "$log"; }
  # Keep the small inputs (up to 4 KB) that add coverage (libFuzzer's merge) in the saved corpus,
  # so the replay stays fast and the repository small.
  cargo "${toolchain[@]}" fuzz run "$target" "corpus/$target" "$work" -- -merge=1 -max_len=4096 \
    2>/dev/null || true
  rm -rf "$work" "$log"
done
exit "$status"
