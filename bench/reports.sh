#!/usr/bin/env bash
# Report benchmark (issue 8): GET /api/v1/reports/funnel and /api/v1/reports/effectiveness over a year, for the whole
# company and for one team (华东区 with its groups), on generated data, against the Release build of Pipewright.
#
#   bench/reports.sh sqlite DATA_DIR                 # S: one company over three years in DATA_DIR/pipewright.db
#   bench/reports.sh postgres DATABASE               # S in that PostgreSQL database (dropped and refilled)
#   COMPANIES=100 bench/reports.sh sqlite DATA_DIR   # L: 100 companies' worth in one database
#
# Generates the data with Pipewright.Bench.ReportsData unless REUSE=1 (then the data must be there; data of an older
# build gets this build's migrations and report totals at the app's first start, minutes at L), then for each
# scenario starts the app afresh, signs in as the general manager zhoujianguo and runs `measure`: the scenario's
# first request after the start (cold: JIT, EF query compilation, connection pool, the database's own caches; the
# OS page cache is not dropped) and WARM more one after the other (p50, p95). Everything it starts, it stops.
#
# Knobs: COMPANIES (1), SEED (1), AS_OF (today, China time), WARM (30), PORT (5197), PG_SERVER (Host=127.0.0.1;
#        Port=55500;Username=postgres;Password=), NO_BUILD=1, REUSE=1, SCENARIOS ("funnel-year funnel-team
#        effectiveness-year effectiveness-team"), NO_SEARCH=1 to leave out the customers' search rows (L).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$PWD"
PROVIDER="${1:?sqlite DATA_DIR | postgres DATABASE}"
WHERE="${2:?sqlite DATA_DIR | postgres DATABASE}"
COMPANIES="${COMPANIES:-1}"
SEED="${SEED:-1}"
WARM="${WARM:-30}"
PORT="${PORT:-5197}"
PG_SERVER="${PG_SERVER:-Host=127.0.0.1;Port=55500;Username=postgres;Password=}"
SCENARIOS="${SCENARIOS:-funnel-year funnel-team effectiveness-year effectiveness-team}"
PASSWORD="Pipewright2026"   # Generate.Password
BASE="http://127.0.0.1:$PORT"
BENCH_DLL="$REPO/bench/Pipewright.Bench.ReportsData/bin/Release/net10.0/Pipewright.Bench.ReportsData.dll"
APP_DLL="$REPO/src/Pipewright/bin/Release/net10.0/Pipewright.dll"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

say() { printf '\n=== %s\n' "$*"; }
die() { printf '!!! %s\n' "$*" >&2; exit 1; }
for tool in curl jq; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

case "$PROVIDER" in
    sqlite)
        DATA="$(mkdir -p "$WHERE" && cd "$WHERE" && pwd)"
        TARGET=(--sqlite "$DATA")
        APP_ENV=(Storage__Root="$DATA")
        LOGS="$DATA" ;;
    postgres)
        CONNECTION="$PG_SERVER;Database=$WHERE"
        TARGET=(--postgres "$CONNECTION")
        LOGS="$(mktemp -d /tmp/pipewright-reports.XXXXXX)"
        APP_ENV=(Database__Provider=Postgres ConnectionStrings__Default="$CONNECTION" Storage__Root="$LOGS") ;;
    *) die "provider is sqlite or postgres, not $PROVIDER" ;;
esac

APP_PID=""
stop_app() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}
trap stop_app EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build and data
if [ "${NO_BUILD:-0}" != 1 ]; then
    say "build (Release)"
    timeout 900 dotnet build "$REPO/bench/Pipewright.Bench.ReportsData/Pipewright.Bench.ReportsData.csproj" -c Release -v quiet -nologo || die "build failed"
fi
[ -f "$APP_DLL" ] && [ -f "$BENCH_DLL" ] || die "no Release build at $APP_DLL"

if [ "${REUSE:-0}" = 1 ]; then
    say "reusing the data in $PROVIDER $WHERE"
else
    if [ "$PROVIDER" = postgres ]; then
        psql "host=127.0.0.1 port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PG_SERVER") user=postgres dbname=postgres" -qc "CREATE DATABASE \"$WHERE\"" 2>/dev/null || true
    fi
    say "generate $COMPANIES company(ies) (seed $SEED) into $PROVIDER $WHERE"
    extra=()
    [ -n "${AS_OF:-}" ] && extra+=(--as-of "$AS_OF")
    [ "${NO_SEARCH:-0}" = 1 ] && extra+=(--no-search)
    /usr/bin/time -f "generator: %e s wall, %M KiB peak" timeout 7200 dotnet "$BENCH_DLL" generate "${TARGET[@]}" \
        --companies "$COMPANIES" --seed "$SEED" --force "${extra[@]}"
fi

# ---------------------------------------------------------------- per scenario: a fresh app, one cold and WARM warm requests
start_app() {
    cd "$(dirname "$APP_DLL")"
    env ASPNETCORE_ENVIRONMENT=Production "${APP_ENV[@]}" dotnet "$APP_DLL" --urls "$BASE" >"$LOGS/app-$1.log" 2>&1 &
    APP_PID=$!
    cd "$REPO"
    for i in $(seq 1 240); do
        if curl -fsS "$BASE/health" >/dev/null 2>&1; then return; fi
        kill -0 "$APP_PID" 2>/dev/null || { cat "$LOGS/app-$1.log" >&2; die "the app exited"; }
        [ "$i" = 240 ] && { cat "$LOGS/app-$1.log" >&2; die "no /health after 120 s"; }
        sleep 0.5
    done
}
token() {
    curl -fsS -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d "{\"userName\":\"$1\",\"password\":\"$2\"}" | jq -er .accessToken
}

TO="$(TZ=Asia/Shanghai date +%F)"
FROM="$(TZ=Asia/Shanghai date -d '1 year ago' +%F)"
say "measure: the year $FROM … $TO; $WARM warm requests each (load $(cut -d' ' -f1-3 /proc/loadavg))"
RESULTS="$LOGS/results-$PROVIDER-$COMPANIES.txt"
: >"$RESULTS"
for scenario in $SCENARIOS; do
    start_app "$scenario"
    TOKEN="$(token zhoujianguo "$PASSWORD")" || die "no token for zhoujianguo"
    EAST="$(curl -fsS "$BASE/api/v1/teams" -H "Authorization: Bearer $TOKEN" | jq -er '[.. | objects | select(.name? == "华东区") | .id][0]')" \
        || die "no team 华东区"
    case "$scenario" in
        funnel-year)        path="/api/v1/reports/funnel?from=$FROM&to=$TO" ;;
        funnel-team)        path="/api/v1/reports/funnel?from=$FROM&to=$TO&teamId=$EAST" ;;
        effectiveness-year) path="/api/v1/reports/effectiveness?from=$FROM&to=$TO" ;;
        effectiveness-team) path="/api/v1/reports/effectiveness?from=$FROM&to=$TO&teamId=$EAST" ;;
        *) die "unknown scenario $scenario" ;;
    esac
    timeout 1800 dotnet "$BENCH_DLL" measure --base "$BASE" --token "$TOKEN" --path "$path" --warm "$WARM" --label "$scenario" | tee -a "$RESULTS"
    stop_app
done

say "summary: $PROVIDER, $COMPANIES company(ies), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$RESULTS"
echo "targets: S p50 <= 50 ms; L cold <= 1500 ms, warm <= 200 ms"
echo "app logs and results: $LOGS"
