#!/usr/bin/env bash
# npm run test:pcsc: the reference profile through the real PC/SC path (pcscd + vsmartcard vpcd +
# card-sim served into the virtual reader) on ONE card that keeps its state, as a real sample does:
# twice in a row with 0 FAIL, with a wrong-PIN profile between them (refused with exit 2 after one
# VERIFY, no scenario run, the counter exactly one lower), and a second run on the busy reader refused;
# then a card pulled for 8 s mid-run and waited for; then the terminal suite with the test cards and
# the PSAM in the two virtual readers. Installs nothing: .ci/run does.
# Starts pcscd and the card in their own network namespace with quickack on loopback when it can
# (0.1 ms per APDU instead of 48, spec-notes pcsc.md §7), stops everything it started by PID.
set -uo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
OUT=out/test-pcsc
PACKAGES="pcscd libpcsclite-dev vsmartcard-vpcd"

PCSC_NAME=test:pcsc
. scripts/pcsc-stack.sh
missing=()
pcsc_check_packages
pcsc_require_packages "the PC/SC path" "$PACKAGES"
pcsc_isolate "$SELF"

mkdir -p "$OUT"
CARD2_PID=""
RUN_PID=""
cleanup() {
  if [ -n "$RUN_PID" ]; then kill "$RUN_PID" 2>/dev/null; wait "$RUN_PID" 2>/dev/null; fi
  if [ -n "$CARD2_PID" ]; then kill "$CARD2_PID" 2>/dev/null; wait "$CARD2_PID" 2>/dev/null; fi
  pcsc_stop_stack
}
# Interrupted: stop (the EXIT trap then stops what was started); runs are waited for with `wait`,
# which a signal interrupts, so that the trap runs at once.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export OUT
pcsc_start_stack 'node bin/sscc.js sim serve --image reference-t1 --latency "${LATENCY:-0}"' || exit 1

counts() { [ -f "$1/report.json" ] || { echo '{"pass":0,"fail":1,"inconclusive":0,"na":0}'; return; }; node -e "const r=require('./$1/report.json');const n=v=>r.cases.filter(c=>c.verdict===v).length;console.log(JSON.stringify({pass:n('PASS'),fail:n('FAIL')+n('ERROR'),inconclusive:n('INCONCLUSIVE'),na:n('NOT_APPLICABLE')}))"; }
PROBLEMS=0
problem() { echo "test:pcsc: PROBLEM: $*"; PROBLEMS=$((PROBLEMS+1)); }

# 1. The whole reference profile through PC/SC, on the card that keeps its state.
rm -rf "$OUT/suite" "$OUT/suite2" "$OUT/wrong-pin" "$OUT/busy" # counts below must come from these runs
node bin/sscc.js run --profile profiles/pcsc-reference.yaml --out "$OUT/suite" --quiet --force &
RUN_PID=$!
wait $RUN_PID
SUITE=$?
RUN_PID=""
SUITE_COUNTS=$(counts "$OUT/suite")
echo "test:pcsc: suite through PC/SC, persistent card, 1st run: $SUITE_COUNTS (exit $SUITE)"

# 2. A profile with a wrong PIN: refused by the pre-flight with exit 2 after one VERIFY; no scenario runs.
sed 's/^  pin: .*/  pin: "654321"/' profiles/pcsc-reference.yaml > "$OUT/wrong-pin.yaml"
node bin/sscc.js run --profile "$OUT/wrong-pin.yaml" --out "$OUT/wrong-pin" --quiet --force > "$OUT/wrong-pin.log" 2>&1 &
RUN_PID=$!
wait $RUN_PID
WRONG=$?
RUN_PID=""
echo "test:pcsc: wrong PIN: exit $WRONG: $(grep -m1 'keys.pin' "$OUT/wrong-pin.log")"
[ "$WRONG" -eq 2 ] || problem "the wrong-PIN run exited $WRONG, not 2"
if [ -f "$OUT/wrong-pin/messages.ndjson" ] && grep -q '"testCaseStarted"' "$OUT/wrong-pin/messages.ndjson"; then problem "the wrong-PIN run ran scenarios"; fi

# 3. The same card again: 0 FAIL; its pre-flight sees the PIN counter exactly one lower (3 → 2), and its
#    VERIFY with the right PIN gives the try back.
node bin/sscc.js run --profile profiles/pcsc-reference.yaml --out "$OUT/suite2" --quiet --force &
RUN_PID=$!
# 4. Meanwhile a second run on the busy reader: refused at once (exit 2), naming the reader.
for _ in $(seq 1 400); do
  n=$(grep -c '"testCaseFinished"' "$OUT/suite2/messages.ndjson" 2>/dev/null); [ "${n:-0}" -ge 5 ] && break
  kill -0 "$RUN_PID" 2>/dev/null || break
  sleep 0.05
done
BUSY_T0=$(date +%s%N)
node bin/sscc.js run --profile profiles/pcsc-reference.yaml --out "$OUT/busy" --quiet --force > "$OUT/busy.log" 2>&1
BUSY=$?
BUSY_MS=$(( ($(date +%s%N) - BUSY_T0) / 1000000 ))
echo "test:pcsc: second run on the busy reader: exit $BUSY in $BUSY_MS ms: $(grep -m1 -o 'reader.*in use[^;]*' "$OUT/busy.log")"
[ "$BUSY" -eq 2 ] || problem "the run on the busy reader exited $BUSY, not 2"
grep -q 'Virtual PCD 00 00' "$OUT/busy.log" || problem "the refusal does not name the reader"
if [ -f "$OUT/busy/messages.ndjson" ] && grep -q '"testCaseStarted"' "$OUT/busy/messages.ndjson"; then problem "the run on the busy reader ran scenarios"; fi
wait $RUN_PID
SUITE2=$?
RUN_PID=""
SUITE2_COUNTS=$(counts "$OUT/suite2")
PIN_AT_START=$(node -e "const e=require('./$OUT/suite2/environment.json');process.stdout.write(String(e.card?.start?.ssse?.pinTriesLeft))")
echo "test:pcsc: suite through PC/SC, same card, 2nd run: $SUITE2_COUNTS (exit $SUITE2); SSSE PIN tries at its start: $PIN_AT_START"
[ "$PIN_AT_START" = "2" ] || problem "after the wrong-PIN run the card's PIN counter is $PIN_AT_START, not exactly one lower (2)"
[ "$SUITE2_COUNTS" = "$SUITE_COUNTS" ] || problem "the 2nd run's verdicts $SUITE2_COUNTS differ from the 1st run's $SUITE_COUNTS"

# 5. The card pulled for 8 s mid-run, target.timeoutSeconds 20: a slow card (5 ms) in place of the first,
#    the areas dual-app and iso7816 (61 scenarios that apply: the card time of the whole plan at 5 ms
#    would prove nothing more), SIGUSR2 to it once 20 scenarios have finished; the scenario in flight is INCONCLUSIVE, the run waits
#    for the card and goes on (0 ERROR, exit 0 or 1), the others PASS.
kill "$(cat "$OUT/card.pid")" 2>/dev/null; sleep 0.3
in_stack_net node bin/sscc.js sim serve --image reference-t1 --latency 5 --pull-for 8 > "$OUT/card2.log" 2>&1 &
CARD2_PID=$!
sleep 1.5
rm -rf "$OUT/removal"
sed 's/^  timeoutSeconds: .*/  timeoutSeconds: 20/' profiles/pcsc-reference.yaml > "$OUT/removal.yaml"
node bin/sscc.js run --profile "$OUT/removal.yaml" --area dual-app,iso7816 --out "$OUT/removal" --quiet --force &
RUN_PID=$!
finished() { local n; n=$(grep -c '"testCaseFinished"' "$OUT/removal/messages.ndjson" 2>/dev/null); echo "${n:-0}"; }
for _ in $(seq 1 600); do
  [ "$(finished)" -ge 20 ] && break
  kill -0 "$RUN_PID" 2>/dev/null || break
  sleep 0.05
done
kill -USR2 "$CARD2_PID" # the card leaves during the next command APDU: a scenario is in flight
wait $RUN_PID
REMOVAL=$?
RUN_PID=""
REMOVAL_COUNTS=$(counts "$OUT/removal")
echo "test:pcsc: card pulled for 8 s mid-run (timeoutSeconds 20): $REMOVAL_COUNTS (exit $REMOVAL)"
OK_REMOVAL=$(node -e "const c=$REMOVAL_COUNTS;process.stdout.write(c.inconclusive===1&&c.fail===0&&c.pass>=1&&($REMOVAL===0||$REMOVAL===1)?'yes':'no')")

# 3. The terminal suite through PC/SC: sscc serves each test card into 'Virtual PCD 00 00' and the PSAM
#    into 'Virtual PCD 00 01'; the example terminal program reaches them through pcscd.
kill "$CARD2_PID" 2>/dev/null; wait "$CARD2_PID" 2>/dev/null; CARD2_PID=""; sleep 0.3
rm -rf "$OUT/terminal"
in_stack_net node bin/sscc.js run --profile profiles/terminal-pcsc.yaml --out "$OUT/terminal" --quiet --force &
RUN_PID=$!
wait $RUN_PID
TERMINAL=$?
RUN_PID=""
TERMINAL_COUNTS=$(counts "$OUT/terminal")
echo "test:pcsc: terminal suite through PC/SC: $TERMINAL_COUNTS (exit $TERMINAL)"
OK_TERMINAL=$(node -e "const c=$TERMINAL_COUNTS;process.stdout.write(c.fail===0&&c.inconclusive===0&&c.pass>=40?'yes':'no')")

# 6. Two readers at once (--reader 0,1: one cucumber worker per reader), a fresh card in each, the iso7816
#    area: every scenario that applies runs and passes; none is left unstarted (a worker that cannot start
#    leaves its cases unstarted, which a run that ended by itself reports as ERROR, exit 3).
rm -rf "$OUT/two-readers"
in_stack_net node bin/sscc.js sim serve --image reference-t1 --fresh --slot 0 > "$OUT/card-slot0.log" 2>&1 &
SLOT0_PID=$!
in_stack_net node bin/sscc.js sim serve --image reference-t1 --fresh --slot 1 > "$OUT/card-slot1.log" 2>&1 &
SLOT1_PID=$!
sleep 1.5
node bin/sscc.js run --profile profiles/pcsc-reference.yaml --reader 0,1 --area iso7816 --out "$OUT/two-readers" --quiet --force > "$OUT/two-readers.log" 2>&1 &
RUN_PID=$!
wait $RUN_PID
TWO=$?
RUN_PID=""
kill "$SLOT0_PID" "$SLOT1_PID" 2>/dev/null; wait "$SLOT0_PID" "$SLOT1_PID" 2>/dev/null
TWO_COUNTS=$(counts "$OUT/two-readers")
echo "test:pcsc: two readers at once, iso7816: $TWO_COUNTS (exit $TWO)"
OK_TWO=$(node -e "const c=$TWO_COUNTS;process.stdout.write(c.fail===0&&c.inconclusive===0&&c.pass>=30&&$TWO===0?'yes':'no')")

PASSED=$(node -e "process.stdout.write(String($SUITE_COUNTS.pass+$SUITE2_COUNTS.pass))")
FAILED=$(node -e "process.stdout.write(String($SUITE_COUNTS.fail+$SUITE_COUNTS.inconclusive+$SUITE2_COUNTS.fail+$SUITE2_COUNTS.inconclusive+$PROBLEMS))")
[ "$OK_TERMINAL" = "yes" ] || { echo "test:pcsc: the terminal suite through PC/SC did not pass"; FAILED=$((FAILED+1)); }
[ "$OK_REMOVAL" = "yes" ] || { echo "test:pcsc: the 8 s card removal did not give INCONCLUSIVE for the scenario in flight with the others PASS and exit 0/1"; FAILED=$((FAILED+1)); }
[ "$OK_TWO" = "yes" ] || { echo "test:pcsc: the run on two readers at once did not pass every iso7816 scenario (exit $TWO; $OUT/two-readers.log)"; FAILED=$((FAILED+1)); }
echo "$PASSED passed, $FAILED failed"
[ "$SUITE" -eq 0 ] && [ "$SUITE2" -eq 0 ] && [ "$FAILED" -eq 0 ] && [ "$PASSED" -ge 100 ]
