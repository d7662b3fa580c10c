#!/usr/bin/env bash
# Load benchmark (not a test) of the intake service's release build on loopback (issues 21, 23).
#
# For each database size (default 10,000 and then 100,000 stored requests) it:
#   1. fills the database to that size, with the service stopped, by copying a request the
#      service itself stored (python3's sqlite3; new receipts, keys and companies, received over
#      2025–2026), untriaged, and times the service's start, which triages them (issue 23);
#   2. logs in once as a staff account (curl) and runs wrk for SECONDS each on the staff list's
#      first page sorted by triage (GET /staff, the default), by date (GET /staff?sort=date), a
#      filtered page (GET /staff?status=new&sector=textile&key=), its last page (GET
#      /staff?page=LAST, the deepest OFFSET) and a search (GET /staff?q=TERM);
#   3. times one whole CSV export (GET /staff/export.csv) and checks it has a line per row plus
#      the header;
#   4. posts valid requests with wrk, each with a fresh idempotency key, and checks the rows added
#      equal the successful responses (nothing lost, nothing doubled; requests still in flight
#      when wrk stops may add up to CONNECTIONS more).
# It ends with a table of requests/s, p50 and p99 per measure and size (Markdown, for
# bench/history/). wrk runs 2 threads on the same machine as the service.
#
#   bench/load.sh [SECONDS] [CONNECTIONS] [SIZES]
#   bench/load.sh 10 8                  10 s a measure, 8 connections, 10,000 and 100,000 rows
#   bench/load.sh 20 32 10000           only 10,000 rows
#   bench/load.sh 20 8 1                POST on a new database (one row), as before issue 21
#
# The POST run comes last at each size, so it starts from that many rows and adds what it stores.
# Needs Debian's wrk (apt-get install wrk), curl, python3, and about 1 GB free in TMPDIR (a stored
# request is about 8 KB, mostly results_json: 100,000 rows make an 840 MB database).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
connections="${2:-32}"
read -r -a sizes <<< "${3:-10000 100000}"
search="Chân Mây"          # a place in one company name in five (see the seeding below)
password="tải thử 2026 sông Hương"  # must not contain the username, bench

command -v wrk > /dev/null || { echo "needs wrk: sudo apt-get install wrk" >&2; exit 1; }
work="$(mktemp -d)"
server=""
stop() { if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; server=""; fi; }
trap 'stop; rm -rf "$work"' EXIT

cargo build --release --locked -p sxsh_server
binary="${CARGO_TARGET_DIR:-target}/release/sxsh_server"
# What is measured: the commit, and whether the service's sources differ from it (read-only git).
changed=$(GIT_OPTIONAL_LOCKS=0 git status --porcelain -- server crates/core Cargo.lock | wc -l)
echo "commit $(git rev-parse --short HEAD) ($changed files changed in server/, crates/core/), $(nproc) cores" \
  "(load average $(cut -d' ' -f1-3 /proc/loadavg) before the run), ${seconds} s a measure, $connections connections"

# The service's settings: limits raised so they do not interfere.
export SXSH_DATABASE="$work/load.sqlite3" SXSH_DIST=dist \
  SXSH_RATE_PER_MINUTE=100000000 SXSH_LOGINS_PER_MINUTE=100000 \
  SXSH_MAX_CONNECTIONS=$((connections + 200))

start() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  SXSH_LISTEN="127.0.0.1:$port" "$binary" >> "$work/server.log" 2>&1 &
  server=$!
  # Up to five minutes: a start triages the requests stored without triage first.
  for _ in $(seq 3000); do curl -sf "$base/health" > /dev/null && return; sleep 0.1; done
  echo "the service did not start:" >&2; tail "$work/server.log" >&2; exit 1
}

sql() { python3 -c 'import sqlite3,sys; print(*sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone())' "$SXSH_DATABASE" "$1"; }

# The request wrk posts (and curl once, to have a row to copy); KEY is replaced by a fresh key.
cat > "$work/request.json" <<'JSON'
{"kind":"sxsh-assessment-request","version":1,"idempotency_key":"KEY",
"contact":{"name":"Nguyễn Văn An","phone":"0234 3822 000","email":"an@example.vn"},
"consent":{"request":true,"notice_version":"2026-11","given_at":"2026-11-28T08:00:00Z"},
"assessment":{"kind":"sxsh-assessment","version":1,"saved_at":"2026-11-28T08:00:00Z","checklist_version":"2026.11.1",
"draft":{"profile":{"company":"Công ty Tải thử","sector":"textile","electricity":{"kwh":2000000,"cost_vnd":3600000000}},
"answers":{"energy.lighting.led":{"level":"not_yet"},"energy.motors.vfd":{"level":"partly"},"water.water_use.leaks":{"level":"not_yet"}}}}}
JSON

# wrk's report, one line: the POST and GET scripts both load it.
cat > "$work/report.lua" <<'LUA'
function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("requests %d, non-2xx or errors %d, %.0f requests/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
printf 'dofile("%s")\n' "$work/report.lua" > "$work/get.lua"
{ printf 'dofile("%s")\n' "$work/report.lua"; cat <<'LUA'; } > "$work/post.lua"
-- wrk ... -s post.lua URL -- TEMPLATE TAG: keys are TAG-THREAD-COUNTER, fresh in every run.
local template, tag
function init(args)
  local file = assert(io.open(args[1])); template = file:read("*a"); file:close()
  tag = args[2]
end
local ids = 0
function setup(thread) ids = ids + 1; thread:set("id", ids) end
local counter = 0
function request()
  counter = counter + 1
  local key = string.format("%s-%d-%012d", tag, id, counter)
  return wrk.format("POST", "/api/requests", {["Content-Type"] = "application/json"}, (template:gsub("KEY", key)))
end
LUA

# Fills the requests table to a size with copies of the first row the service stored: the
# JSON columns as stored, with a new receipt and key, a company (in the company column only),
# a sector and a status, received at a random moment of 2025–2026 (inside the 24 months the
# purge keeps). Receipts continue each year's numbering, so the UNIQUE receipt, key and (year,
# seq) hold and new submissions go on numbering after them.
cat > "$work/seed.py" <<'PY'
import datetime, random, sqlite3, sys
database, target = sys.argv[1], int(sys.argv[2])
conn = sqlite3.connect(database, isolation_level=None)
conn.execute("PRAGMA busy_timeout = 5000")
have = conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
copied = conn.execute("""SELECT contact_json, consent_json, assessment_json, results_json,
    production_json, body_hash FROM requests ORDER BY id LIMIT 1""").fetchone()
seq = dict(conn.execute("SELECT year, MAX(seq) FROM requests GROUP BY year"))
rng = random.Random(target)
kinds = [("textile", "Dệt may"), ("food_seafood", "Chế biến thủy sản"), ("beverage", "Bia và nước giải khát"),
         ("wood", "Chế biến gỗ"), ("building_materials", "Gạch men"), ("mechanical", "Cơ khí"), ("other", "Bao bì")]
places = ["Huế", "Phú Bài", "Hương Thủy", "Phong Điền", "Chân Mây"]
statuses = ["new"] * 2 + ["contacted", "scheduled", "assessed"] + ["closed"] * 5
start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
span = int((datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc) - start).total_seconds())
rows = []
for n, moment in enumerate(sorted(rng.randrange(span) for _ in range(target - have)), have + 1):
    at = start + datetime.timedelta(seconds=moment)
    seq[at.year] = seq.get(at.year, 0) + 1
    sector, kind = rng.choice(kinds)
    rows.append((f"SXSH-{at.year}-{seq[at.year]:04d}", f"bench-seed-{n:010d}", at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 at.year, seq[at.year], f"Công ty TNHH {kind} {rng.choice(places)} số {n}", sector,
                 rng.choice(statuses), *copied))
conn.execute("BEGIN")
conn.executemany("""INSERT INTO requests (receipt, idempotency_key, received_at, year, seq, company,
    sector, status, contact_json, consent_json, assessment_json, results_json, production_json, body_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
conn.execute("COMMIT")
print(f"seeded {len(rows)} rows: {have} -> {have + len(rows)}")
PY

# One wrk run against a path with the session cookie: prints and returns the report line.
get() {
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$work/get.lua" \
    -H "Cookie: sxsh_staff=$cookie" "$base$1" > "$work/wrk.txt"
  tail -n 1 "$work/wrk.txt"
}

# "requests N, non-2xx or errors E, R requests/s, p50 A ms, p99 B ms" -> a table cell.
cell() {
  sed -E 's/^requests [0-9]+, non-2xx or errors ([0-9]+), ([0-9]+) requests\/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms$/\2\/s, p50 \3 ms, p99 \4 ms|\1/' <<< "$1" |
    awk -F'|' '{ printf "%s%s", $1, ($2 == "0" ? "" : ", " $2 " errors") }'
}

declare -A table
SXSH_NEW_PASSWORD="$password" "$binary" create-staff bench
start
body=$(sed "s/KEY/bench-first-00000000000001/" "$work/request.json")
curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "$body" "$base/api/requests"
stop

for size in "${sizes[@]}"; do
  echo
  echo "== $size rows =="
  python3 "$work/seed.py" "$SXSH_DATABASE" "$size"
  began=$(date +%s.%N)
  start
  took=$(printf '%.1f' "$(echo "$(date +%s.%N) - $began" | bc)")
  echo "start, triaging $(grep -o '"triaged":[0-9]*' "$work/server.log" | tail -n 1 | cut -d: -f2) requests stored without triage: $took s"
  table["start (triage backfill),$size"]="$took s"
  rows=$(sql "SELECT COUNT(*) FROM requests")
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$work/cookies" --data-urlencode username=bench \
    --data-urlencode "password=$password" "$base/staff/login")
  cookie=$(awk -F'\t' '$6 == "sxsh_staff" { print $7 }' "$work/cookies")
  [ "$status" = 303 ] && [ -n "$cookie" ] || { echo "login failed ($status)" >&2; exit 1; }
  last=$(((rows + 49) / 50))
  q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$search")
  for measure in "first page, by triage:/staff" "first page, by date:/staff?sort=date" \
    "filtered page:/staff?status=new&sector=textile" "last page:/staff?page=$last" "search:/staff?q=$q"; do
    name="${measure%%:*}" path="${measure#*:}"
    # Once with curl first: the page must be the list (200, not the login), as wrk counts no 3xx.
    page=$(curl -s -w '\n%{http_code}' -H "Cookie: sxsh_staff=$cookie" "$base$path")
    [ "$(tail -n 1 <<< "$page")" = 200 ] || { echo "GET $path: not 200" >&2; exit 1; }
    echo "GET $path ($name): $(grep -o -E '(Không có yêu cầu|Yêu cầu [0-9])[^<]*' <<< "$page" | head -n 1)"
    line=$(get "$path")
    echo "  $line"
    table["$name,$size"]=$(cell "$line")
  done
  read -r took bytes code < <(curl -s -o "$work/export.csv" -w '%{time_total} %{size_download} %{http_code}\n' \
    -H "Cookie: sxsh_staff=$cookie" "$base/staff/export.csv")
  lines=$(wc -l < "$work/export.csv")
  check=$([ "$code" = 200 ] && [ "$lines" -eq $((rows + 1)) ] && echo "= rows + 1" || echo "≠ rows + 1 ($rows rows, status $code): WRONG")
  took=$(printf '%.3f' "$took")
  echo "GET /staff/export.csv: $took s, $bytes bytes, $lines lines $check"
  table["CSV export,$size"]="$took s, $((bytes / 1024)) KiB, $lines lines $check"

  echo "POST /api/requests for ${seconds} s:"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "$base" -- "$work/request.json" "bench-$size" > "$work/wrk.txt"
  line=$(tail -n 1 "$work/wrk.txt")
  echo "  $line"
  sleep 1
  read -r total receipts keys < <(sql "SELECT COUNT(*), COUNT(DISTINCT receipt), COUNT(DISTINCT idempotency_key) FROM requests")
  added=$((total - rows))
  ok=$(awk -v l="$line" 'BEGIN { split(l, f, /[ ,]+/); print f[2] - f[6] }')
  verdict=$([ "$receipts" = "$total" ] && [ "$keys" = "$total" ] && [ "$added" -ge "$ok" ] &&
    [ "$added" -le $((ok + connections)) ] && echo "ok" || echo "MISMATCH")
  echo "  rows added $added for $ok successful responses; $total rows, $receipts distinct receipts, $keys distinct keys: $verdict"
  table["POST,$size"]="$(cell "$line"); $added rows for $ok answers, $verdict"
  stop
done

echo
echo "Summary: $connections connections, ${seconds} s a measure; search q=$search;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) after the run"
printf '| measure |'; for size in "${sizes[@]}"; do printf ' %s rows |' "$size"; done; echo
printf '|---|'; for _ in "${sizes[@]}"; do printf -- '---|'; done; echo
for name in "start (triage backfill)" "POST" "first page, by triage" "first page, by date" "filtered page" "last page" "search" "CSV export"; do
  printf '| %s |' "$name"; for size in "${sizes[@]}"; do printf ' %s |' "${table[$name,$size]}"; done; echo
done
