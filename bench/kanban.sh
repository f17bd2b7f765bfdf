#!/usr/bin/env bash
# Kanban benchmark: GET /api/v1/opportunities/board (7 open columns × 25 cards, each column's count and sum)
# with 10,000 deals and 50,000 stage history rows on SQLite, measured end to end with wrk against the
# Release build of Pipewright.
#
#   bench/kanban.sh [DATA_DIR]
#
# Builds Release, generates the demo organisation and CUSTOMERS customers (bench `generate`), adds the deals
# and histories (bench `funnel`) into DATA_DIR (a temporary folder when not given; an existing
# DATA_DIR/pipewright.db is reused), starts the app on 127.0.0.1:$PORT and runs wrk per scenario:
#   board-admin     everything (admin sees every deal)
#   board-manager   the regional manager chenjing (华东区: about half the deals)
#   board-rep       the sales rep wanglei (his own deals)
#   board-team      admin, filtered to 宁波组 by teamId (sub-teams included)
# then prints a summary table. Everything it starts, it stops. docs/performance.md has the figures.
#
# Knobs: DURATION (per scenario, default 20s), WARMUP (6s), CONNECTIONS (8), THREADS (2), PORT (5198),
#        CUSTOMERS (5000), OPPORTUNITIES (10000), HISTORY (50000), SEED (1), NO_BUILD=1 to reuse the last
#        Release build, SCENARIOS ("board-admin board-manager board-rep board-team").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$PWD"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-6s}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
PORT="${PORT:-5198}"
CUSTOMERS="${CUSTOMERS:-5000}"
OPPORTUNITIES="${OPPORTUNITIES:-10000}"
HISTORY="${HISTORY:-50000}"
SEED="${SEED:-1}"
SCENARIOS="${SCENARIOS:-board-admin board-manager board-rep board-team}"
ADMIN_PASSWORD="Bench2026admin"   # Generate.DefaultAdminPassword
PASSWORD="Pipewright2026"         # Generate.DefaultPassword
BASE="http://127.0.0.1:$PORT"
LUA="$REPO/bench/kanban.lua"
BENCH_DLL="$REPO/bench/Pipewright.Bench/bin/Release/net10.0/Pipewright.Bench.dll"
APP_DLL="$REPO/src/Pipewright/bin/Release/net10.0/Pipewright.dll"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

say() { printf '\n=== %s\n' "$*"; }
die() { printf '!!! %s\n' "$*" >&2; exit 1; }

for tool in wrk curl jq; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y $tool)"
done

if [ -n "${1:-}" ]; then
    DATA="$(mkdir -p "$1" && cd "$1" && pwd)"
    KEEP_DATA=1
else
    DATA="$(mktemp -d /tmp/pipewright-kanban.XXXXXX)"
    KEEP_DATA=0
fi
RESULTS="$DATA/results"
mkdir -p "$RESULTS"

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

# ---------------------------------------------------------------- build and data
if [ "${NO_BUILD:-0}" != 1 ]; then
    say "build (Release)"
    timeout 600 dotnet build "$REPO/bench/Pipewright.Bench/Pipewright.Bench.csproj" -c Release -v quiet -nologo || die "build failed"
fi
[ -f "$APP_DLL" ] && [ -f "$BENCH_DLL" ] || die "no Release build at $APP_DLL"

if [ -f "$DATA/pipewright.db" ]; then
    say "reusing $DATA/pipewright.db"
else
    say "generate $CUSTOMERS customers, $OPPORTUNITIES deals, $HISTORY history rows (seed $SEED) into $DATA"
    timeout 300 dotnet "$BENCH_DLL" generate --root "$DATA" --customers "$CUSTOMERS" --seed "$SEED"
    timeout 300 dotnet "$BENCH_DLL" funnel --root "$DATA" --opportunities "$OPPORTUNITIES" --history "$HISTORY" --seed "$SEED"
fi

# ---------------------------------------------------------------- the app
say "start the app (Release, Production) on $BASE"
cd "$(dirname "$APP_DLL")"
ASPNETCORE_ENVIRONMENT=Production Storage__Root="$DATA" Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    dotnet "$APP_DLL" --urls "$BASE" >"$DATA/app.log" 2>&1 &
APP_PID=$!
cd "$REPO"
for i in $(seq 1 120); do
    if curl -fsS "$BASE/health" >/dev/null 2>&1; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { cat "$DATA/app.log" >&2; die "the app exited"; }
    [ "$i" = 120 ] && { cat "$DATA/app.log" >&2; die "no /health after 60 s"; }
    sleep 0.5
done
echo "healthy (pid $APP_PID)"

token() {
    curl -fsS -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d "{\"userName\":\"$1\",\"password\":\"$2\"}" | jq -er .accessToken
}
ADMIN_TOKEN="$(token admin "$ADMIN_PASSWORD")" || die "no token for admin"
MANAGER_TOKEN="$(token chenjing "$PASSWORD")" || die "no token for chenjing"
REP_TOKEN="$(token wanglei "$PASSWORD")" || die "no token for wanglei"
NINGBO="$(curl -fsS "$BASE/api/v1/teams" -H "Authorization: Bearer $ADMIN_TOKEN" | jq -er '[.. | objects | select(.name? == "宁波组") | .id][0]')" \
    || die "no team 宁波组"

check() { # token, query: 7 columns with counts, sums and at most 25 cards each
    local body
    body="$(curl -fsS "$BASE/api/v1/opportunities/board?$2" -H "Authorization: Bearer $1")" || die "GET board?$2 failed"
    jq -e '(.columns | length) == 7 and all(.columns[]; (.cards | length) <= 25)' >/dev/null <<<"$body" || die "unexpected answer: $body"
    jq -r '"  " + ([.columns[] | "\(.stageKey) \(.count)/\(.cards | length) ¥\(.amount)"] | join(", "))' <<<"$body"
}
echo "admin:";   check "$ADMIN_TOKEN" "perColumn=25"
echo "chenjing:"; check "$MANAGER_TOKEN" "perColumn=25"
echo "wanglei:";  check "$REP_TOKEN" "perColumn=25"
echo "宁波组:";   check "$ADMIN_TOKEN" "perColumn=25&teamId=$NINGBO"

# ---------------------------------------------------------------- wrk
run_wrk() { # duration, token, query
    timeout 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 10s --latency -s "$LUA" "$BASE" -- "$2" "$3"
}
say "warm-up ($WARMUP: JIT, connection pool, page cache)"
run_wrk "$WARMUP" "$ADMIN_TOKEN" "perColumn=25" >/dev/null
run_wrk "$WARMUP" "$MANAGER_TOKEN" "perColumn=25" >/dev/null

for scenario in $SCENARIOS; do
    case "$scenario" in
        board-admin)   tok="$ADMIN_TOKEN";   query="perColumn=25" ;;
        board-manager) tok="$MANAGER_TOKEN"; query="perColumn=25" ;;
        board-rep)     tok="$REP_TOKEN";     query="perColumn=25" ;;
        board-team)    tok="$ADMIN_TOKEN";   query="perColumn=25&teamId=$NINGBO" ;;
        *) die "unknown scenario $scenario" ;;
    esac
    say "$scenario: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency  (load $(cut -d' ' -f1-3 /proc/loadavg))"
    run_wrk "$DURATION" "$tok" "$query" | tee "$RESULTS/$scenario.txt"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/$scenario.txt"
    if grep -q 'Non-2xx' "$RESULTS/$scenario.txt"; then die "$scenario: some answers were not 2xx"; fi
done

# ---------------------------------------------------------------- summary
ms() { # wrk latency value (123.45us, 1.23ms, 1.20s) → milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'
}
say "summary ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $CONNECTIONS connections, $THREADS threads, $DURATION each)"
printf '%-14s %9s %9s %9s %9s %9s %10s\n' scenario "p50 ms" "p90 ms" "p99 ms" "max ms" "req/s" requests
for scenario in $SCENARIOS; do
    f="$RESULTS/$scenario.txt"
    printf '%-14s %9s %9s %9s %9s %9s %10s\n' "$scenario" \
        "$(ms "$(awk '$1 == "50%" {print $2}' "$f")")" "$(ms "$(awk '$1 == "90%" {print $2}' "$f")")" \
        "$(ms "$(awk '$1 == "99%" {print $2}' "$f")")" "$(ms "$(awk '$1 == "Latency" {print $4; exit}' "$f")")" \
        "$(awk '$1 == "Requests/sec:" {print $2}' "$f")" "$(awk '/requests in/ {print $1}' "$f")"
done
echo "target: p50 <= 30 ms"
[ "$KEEP_DATA" = 1 ] && echo "data, app log and raw wrk output: $DATA"
exit 0
