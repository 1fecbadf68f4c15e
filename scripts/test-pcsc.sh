#!/usr/bin/env bash
# npm run test:pcsc: the reference profile through the real PC/SC path (pcscd + vsmartcard vpcd +
# card-sim served into the virtual reader), then a card pulled mid-run. Installs nothing: .ci/run does.
# Starts pcscd and the card in their own network namespace with quickack on loopback when it can
# (0.1 ms per APDU instead of 48, spec-notes pcsc.md §7), stops everything it started by PID.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=out/test-pcsc
PACKAGES="pcscd libpcsclite-dev vsmartcard-vpcd"

missing=()
command -v pcscd >/dev/null 2>&1 || missing+=(pcscd)
[ -e /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || missing+=(vsmartcard-vpcd)
node -e "import('smartcard').then(()=>process.exit(0),()=>process.exit(1))" 2>/dev/null || missing+=("libpcsclite-dev (then npm ci to build the smartcard binding)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "test:pcsc: missing: ${missing[*]}. Install: apt-get install --no-install-recommends $PACKAGES && npm ci"
  if [ "${CI:-}" = "true" ]; then echo "test:pcsc: FAILED (CI must run the PC/SC path; .ci/run installs the packages)"; exit 1; fi
  echo "test:pcsc: SKIPPED (not in CI)"; exit 0
fi
if pgrep -x -r R,S,D,T pcscd >/dev/null 2>&1; then
  echo "test:pcsc: another pcscd runs (pid $(pgrep -x -r R,S,D,T pcscd | tr '\n' ' ')); only one can run per machine. Stop it (or run against it: sscc sim serve + sscc run --profile profiles/pcsc-reference.yaml)."
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "test:pcsc: SKIPPED (not in CI)"; exit 0
fi

mkdir -p "$OUT"
STACK_PID=""
cleanup() {
  # By PID: what this script started (pcscd, the card, the shell around them), then wait for pcscd to go.
  for f in "$OUT/card.pid" "$OUT/pcscd.pid"; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"; done
  if [ -n "$STACK_PID" ]; then
    kill -- -"$STACK_PID" 2>/dev/null || kill "$STACK_PID" 2>/dev/null
    wait "$STACK_PID" 2>/dev/null
  fi
  for _ in $(seq 1 50); do pgrep -x -r R,S,D,T pcscd >/dev/null || break; sleep 0.1; done
}
trap cleanup EXIT INT TERM

# The stack: pcscd in the foreground and the card, in one process group (killed together).
STACK='pcscd -f > "$OUT/pcscd.log" 2>&1 & echo $! > "$OUT/pcscd.pid"; node bin/sscc.js sim serve --image reference-t1 --fresh --latency "${LATENCY:-0}" ${PULL_AT:+--pull-at $PULL_AT} > "$OUT/card.log" 2>&1 & echo $! > "$OUT/card.pid"; wait'
NETNS='ip link set lo up && ip route replace local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1 && ip route replace local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1'
start_stack() {
  if unshare -n true 2>/dev/null && command -v ip >/dev/null 2>&1; then
    MODE="own network namespace, quickack"
    NETNS_ON=1
    setsid unshare -n bash -c "$NETNS && $STACK" &
  else
    MODE="host network (slower: about 48 ms per APDU)"
    NETNS_ON=0
    setsid bash -c "$STACK" &
  fi
  STACK_PID=$!
  for _ in $(seq 1 50); do
    if node bin/sscc.js readers --json 2>/dev/null | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.exit(JSON.parse(s||'[]').some(r=>r.name.includes('Virtual PCD 00 00')&&r.cardPresent)?0:1))"; then
      echo "test:pcsc: pcscd and the card are up ($MODE)"; return 0
    fi
    sleep 0.2
  done
  echo "test:pcsc: the virtual card did not appear in 'Virtual PCD 00 00'; see $OUT/pcscd.log and $OUT/card.log"; return 1
}
export OUT
start_stack || exit 1

# 1. The whole reference profile through PC/SC.
node bin/sscc.js run --profile profiles/pcsc-reference.yaml --out "$OUT/suite" --quiet --force
SUITE=$?
counts() { node -e "const r=require('./$1/report.json');const n=v=>r.cases.filter(c=>c.verdict===v).length;console.log(JSON.stringify({pass:n('PASS'),fail:n('FAIL')+n('ERROR'),inconclusive:n('INCONCLUSIVE'),na:n('NOT_APPLICABLE')}))"; }
SUITE_COUNTS=$(counts "$OUT/suite")
echo "test:pcsc: suite through PC/SC: $SUITE_COUNTS (exit $SUITE)"

# 2. The card pulled mid-run: a fresh stack whose card, instead of answering its 300th APDU, leaves the
#    reader for 1.5 s. The run must finish with a report: that scenario INCONCLUSIVE, the others PASS.
cleanup; STACK_PID=""
PULL_AT=300 start_stack || exit 1
node bin/sscc.js run --profile profiles/pcsc-reference.yaml --out "$OUT/removal" --quiet --force
REMOVAL=$?
REMOVAL_COUNTS=$(counts "$OUT/removal")
echo "test:pcsc: card pulled mid-run: $REMOVAL_COUNTS (exit $REMOVAL)"
OK_REMOVAL=$(node -e "const c=$REMOVAL_COUNTS;process.stdout.write(c.inconclusive>=1&&c.fail===0&&c.pass>=1?'yes':'no')")

PASSED=$(node -e "process.stdout.write(String($SUITE_COUNTS.pass))")
FAILED=$(node -e "process.stdout.write(String($SUITE_COUNTS.fail+$SUITE_COUNTS.inconclusive))")
[ "$OK_REMOVAL" = "yes" ] || { echo "test:pcsc: the card removal did not give INCONCLUSIVE for the scenario in flight with the others PASS"; FAILED=$((FAILED+1)); }
echo "$PASSED passed, $FAILED failed"
[ "$SUITE" -eq 0 ] && [ "$FAILED" -eq 0 ] && [ "$PASSED" -ge 50 ]
