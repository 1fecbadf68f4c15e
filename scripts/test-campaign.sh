#!/usr/bin/env bash
# npm run test:campaign (issue 22): lab campaigns on a real PostgreSQL server that this script starts in
# a temporary folder (Debian's postgresql: initdb + pg_ctl, Unix socket only, stopped by PID), two
# stations against two served virtual cards (card-sim `sim serve` in slots 0 and 1 through pcscd, 2 ms
# per APDU), one killed with kill -9 mid-run and its job finished on the other; the figures: jobs,
# cases, time with 1 and 2 stations, the history query over 1000 imported runs. Installs nothing
# (.ci/run does); everything it started is stopped by PID.
set -uo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
OUT=out/test-campaign
PCSC_NAME=test:campaign
. scripts/pcsc-stack.sh
missing=()
pcsc_check_packages
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || missing+=(postgresql)
pcsc_require_packages "the campaign stations on PostgreSQL" "postgresql pcscd libpcsclite-dev vsmartcard-vpcd"
pcsc_isolate "$SELF"

rm -rf "$OUT"; mkdir -p "$OUT"
PGDIR=$(mktemp -d /tmp/sscc-pg-XXXXXX)
PG_PID=""
ORCH_PID=""
# initdb refuses to run as root: the server runs as the package's postgres user then.
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDIR"; AS=(runuser -u postgres --); fi
cleanup() {
  if [ -n "$ORCH_PID" ]; then kill "$ORCH_PID" 2>/dev/null; wait "$ORCH_PID" 2>/dev/null; fi
  pcsc_stop_stack
  if [ -n "$PG_PID" ]; then
    kill -TERM "$PG_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$PGDIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

T0=$(date +%s%N)
"${AS[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --no-sync > "$OUT/initdb.log" 2>&1 || { echo "test:campaign: initdb failed, see $OUT/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 30 \
  -o "-k $PGDIR -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" start > "$OUT/pg_ctl.log" 2>&1 \
  || { cp "$PGDIR/server.log" "$OUT/" 2>/dev/null; echo "test:campaign: the PostgreSQL server did not start, see $OUT/server.log"; echo "0 passed, 1 failed"; exit 1; }
PG_PID=$(head -1 "$PGDIR/data/postmaster.pid")
echo "test:campaign: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') up in $(( ($(date +%s%N) - T0) / 1000000 )) ms (pid $PG_PID, socket in $PGDIR)"
export SSCC_TEST_DB="postgresql://postgres@localhost/postgres?host=$PGDIR"

export OUT
pcsc_start_stack 'node bin/sscc.js sim serve --image reference-t1 --latency 2 --slot 1 --quiet & node bin/sscc.js sim serve --image reference-t1 --latency 2 --slot 0 --quiet' || { echo "0 passed, 1 failed"; exit 1; }

node --import tsx scripts/test-campaign.ts &
ORCH_PID=$!
wait $ORCH_PID
RC=$?
ORCH_PID=""
cp "$PGDIR/server.log" "$OUT/" 2>/dev/null
exit $RC
