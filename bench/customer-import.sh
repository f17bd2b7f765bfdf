#!/usr/bin/env bash
# Customer import benchmark: a messy 100,000-row xlsx imported through the real HTTP endpoint into a fresh
# SQLite database, with wall time and the app's peak memory.
#
#   bench/customer-import.sh [DATA_DIR]
#
# Builds Release, writes the sheet with `Pipewright.Bench import-sheet` (title row, the company's own header
# words, full-width characters, phones as Excel numbers, ~1% bad phones / bad credit codes / repeated
# customers, a second contact on every third customer), starts the app on an empty data folder, takes a token
# for admin, then POSTs the file to /api/v1/customers/import twice: a dry run (reads and checks everything,
# writes nothing) and the import. For each it prints the wall time curl measured and the counts; at the end
# the app's peak resident memory (VmHWM) and its resident memory after start-up. The app's CPU seconds are
# printed too: on a shared machine the wall time says more about the neighbours than about the import. Everything it starts, it stops.
# docs/performance.md has the figures and the command that produced them.
#
# Knobs: ROWS (100000), SEED (1), PORT (5198), NO_BUILD=1 to reuse the last Release build.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$PWD"
ROWS="${ROWS:-100000}"
SEED="${SEED:-1}"
PORT="${PORT:-5198}"
ADMIN_PASSWORD="Bench2026admin"
BASE="http://127.0.0.1:$PORT"
BENCH_DLL="$REPO/bench/Pipewright.Bench/bin/Release/net10.0/Pipewright.Bench.dll"
APP_DLL="$REPO/src/Pipewright/bin/Release/net10.0/Pipewright.dll"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

say() { printf '\n=== %s\n' "$*"; }
die() { printf '!!! %s\n' "$*" >&2; exit 1; }

for tool in curl jq; do
    command -v "$tool" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y "$tool" >/dev/null; } \
        || die "$tool is not installed (apt-get install -y $tool)"
done

if [ -n "${1:-}" ]; then
    DATA="$(mkdir -p "$1" && cd "$1" && pwd)"
    KEEP_DATA=1
else
    DATA="$(mktemp -d /tmp/pipewright-import-bench.XXXXXX)"
    KEEP_DATA=0
fi
rm -f "$DATA/pipewright.db" "$DATA/pipewright.db-wal" "$DATA/pipewright.db-shm"

APP_PID=""
cleanup() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    if [ "$KEEP_DATA" = 0 ]; then rm -rf "$DATA"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${NO_BUILD:-0}" != 1 ]; then
    say "build (Release)"
    timeout 600 dotnet build "$REPO/bench/Pipewright.Bench/Pipewright.Bench.csproj" -c Release -v quiet -nologo \
        || die "build failed"
fi
[ -f "$APP_DLL" ] && [ -f "$BENCH_DLL" ] || die "no Release build at $APP_DLL"

SHEET="$DATA/customers-$ROWS.xlsx"
say "write the sheet ($ROWS rows, seed $SEED)"
timeout 300 dotnet "$BENCH_DLL" import-sheet --out "$SHEET" --rows "$ROWS" --seed "$SEED"

say "start the app (Release, Production) on $BASE, empty database"
cd "$(dirname "$APP_DLL")"
ASPNETCORE_ENVIRONMENT=Production \
Storage__Root="$DATA" \
Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    dotnet "$APP_DLL" --urls "$BASE" >"$DATA/app.log" 2>&1 &
APP_PID=$!
cd "$REPO"
for i in $(seq 1 120); do
    if curl -fsS "$BASE/health" >/dev/null 2>&1; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { cat "$DATA/app.log" >&2; die "the app exited"; }
    [ "$i" = 120 ] && { cat "$DATA/app.log" >&2; die "no /health after 60 s"; }
    sleep 0.5
done
rss() { awk -v k="$1:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status"; }
START_RSS="$(rss VmRSS)"
echo "healthy (pid $APP_PID), $START_RSS MiB resident"

TOKEN="$(curl -fsS -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -er .accessToken)" || die "no token"

cpu() { # CPU seconds the app has used so far (user + system): a figure that other work on the machine does not inflate
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$APP_PID/stat"
}
run() { # dryRun → prints wall seconds, the app's CPU seconds and the counts
    local out="$DATA/import-$1.json" seconds before
    before="$(cpu)"
    seconds="$(curl -sS -o "$out" -w '%{time_total}' -X POST "$BASE/api/v1/customers/import" \
        -H "Authorization: Bearer $TOKEN" -F "file=@$SHEET" -F "dryRun=$1")"
    jq -e '.created' "$out" >/dev/null || { cat "$out" >&2; die "import (dryRun=$1) failed"; }
    printf '%-8s %8.1f s wall, %6.1f s app CPU  rows %s, created %s (contacts %s), duplicates %s, errors %s\n' "dryRun=$1" "$seconds" \
        "$(awk -v a="$(cpu)" -v b="$before" 'BEGIN {print a - b}')" \
        "$(jq .totalRows "$out")" "$(jq .created "$out")" "$(jq .createdContacts "$out")" \
        "$(jq .skippedDuplicates "$out")" "$(jq .errorCount "$out")"
}
say "import ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg))"
run true
run false
echo "peak resident memory of the app: $(rss VmHWM) MiB (after start-up: $START_RSS MiB)"
echo "sheet: $(du -k "$SHEET" | cut -f1) KiB; database: $(du -k "$DATA/pipewright.db" | cut -f1) KiB (+ WAL $(du -k "$DATA/pipewright.db-wal" 2>/dev/null | cut -f1 || echo 0) KiB)"
echo "target: 100,000 rows in <= 20 s"
[ "$KEEP_DATA" = 1 ] && echo "data, sheet and app log: $DATA"
exit 0
