#!/usr/bin/env bash
# Load benchmark (not a test) of the intake service on loopback: wrk posts valid requests, each
# with a fresh idempotency key, for a fixed time; then the database must hold one row per
# successful response (nothing lost, nothing doubled). Needs Debian's wrk.
#   bench/load.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
connections="${2:-32}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release --locked -p sxsh_server
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SXSH_LISTEN="127.0.0.1:$port" SXSH_DATABASE="$work/load.sqlite3" SXSH_DIST=dist SXSH_RATE_PER_MINUTE=100000000 \
  target/release/sxsh_server > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.1; done
cat > "$work/post.lua" <<'LUA'
local template = [[{"kind":"sxsh-assessment-request","version":1,"idempotency_key":"KEY",
"contact":{"name":"Nguyễn Văn An","phone":"0234 3822 000","email":"an@example.vn"},
"consent":{"request":true,"notice_version":"2026-11","given_at":"2026-11-28T08:00:00Z"},
"assessment":{"kind":"sxsh-assessment","version":1,"saved_at":"2026-11-28T08:00:00Z","checklist_version":"2026.11.1",
"draft":{"profile":{"company":"Công ty Tải thử","sector":"textile","electricity":{"kwh":2000000,"cost_vnd":3600000000}},
"answers":{"energy.lighting.led":{"level":"not_yet"},"energy.motors.vfd":{"level":"partly"},"water.water_use.leaks":{"level":"not_yet"}}}}}]]
local ids = 0
function setup(thread) ids = ids + 1; thread:set("id", ids) end
local counter = 0
function request()
  counter = counter + 1
  local key = string.format("%08d-0000-4000-8000-%012d", id, counter)
  return wrk.format("POST", "/api/requests", {["Content-Type"] = "application/json"}, (template:gsub("KEY", key)))
end
function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx or errors %d, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port" | tee "$work/wrk.txt"
sleep 1
rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*), count(distinct receipt) from requests').fetchone())" "$work/load.sqlite3")
echo "rows in SQLite (count, distinct receipts): $rows"
