# Sourced by the PC/SC test scripts (test-pcsc.sh, test-vicc.sh): their own pcscd and a card served to
# the vsmartcard virtual reader, in a mount and network namespace of their own with quickack on
# loopback (0.1 ms per APDU instead of 48, spec-notes pcsc.md §7), everything stopped by PID.
# The caller sets PCSC_NAME (the prefix of its messages) and OUT (where the logs go).

# Its own mount and network namespace, with a private /run/pcscd: pcscd allows one instance per
# /run/pcscd, so without this a second run on the machine (another worktree, the system's pcscd) meets
# the first one's pcscd and the two runs reset each other's cards. Re-executes the calling script
# ($1, its absolute path) inside; returns when it is already inside or cannot be.
pcsc_isolate() {
  if [ -z "${SSCC_PCSC_ISOLATED:-}" ] && unshare -m -n --propagation private true 2>/dev/null && command -v ip >/dev/null 2>&1; then
    exec env SSCC_PCSC_ISOLATED=1 unshare -m -n --propagation private \
      bash -c 'mkdir -p /run/pcscd && mount -t tmpfs -o mode=0755 sscc-pcscd /run/pcscd && exec bash "$0"' "$1"
  fi
  ISOLATED="${SSCC_PCSC_ISOLATED:-}"
  if [ -z "$ISOLATED" ] && pgrep -x pcscd >/dev/null 2>&1; then
    echo "$PCSC_NAME: another pcscd runs (pid $(pgrep -x pcscd | tr '\n' ' ')); only one can run per machine. Stop it (or run against it: sscc sim serve + sscc run --profile profiles/pcsc-reference.yaml)."
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    echo "$PCSC_NAME: SKIPPED (not in CI)"; exit 0
  fi
}

# The PC/SC stack's packages: appends what is missing to the caller's array `missing`.
pcsc_check_packages() {
  command -v pcscd >/dev/null 2>&1 || missing+=(pcscd)
  [ -e /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || missing+=(vsmartcard-vpcd)
  node -e "import('smartcard').then(()=>process.exit(0),()=>process.exit(1))" 2>/dev/null || missing+=("libpcsclite-dev (then npm ci to build the smartcard binding)")
}

# With packages missing: a failure in CI (.ci/run installs them), else SKIPPED; $1 what CI must run, $2 the packages.
pcsc_require_packages() {
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$PCSC_NAME: missing: ${missing[*]}. Install: apt-get install --no-install-recommends $2 && npm ci"
    if [ "${CI:-}" = "true" ]; then echo "$PCSC_NAME: FAILED (CI must run $1; .ci/run installs the packages)"; exit 1; fi
    echo "$PCSC_NAME: SKIPPED (not in CI)"; exit 0
  fi
}

STACK_PID=""
# Stops the stack (pcscd and the card: one process group).
pcsc_stop_stack() {
  if [ -n "$STACK_PID" ]; then
    kill -- -"$STACK_PID" 2>/dev/null || kill "$STACK_PID" 2>/dev/null
    # Nothing of the stack outlives the test: a member still there 3 s after SIGTERM is killed.
    for _ in 1 2 3 4 5 6; do kill -0 -- -"$STACK_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- -"$STACK_PID" 2>/dev/null
    wait "$STACK_PID" 2>/dev/null
  fi
}

NETNS='ip link set lo up && ip route replace local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1 && ip route replace local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1'
# The stack: pcscd in the foreground and the card (the command line $1, evaluated by bash; its PID in
# $OUT/card.pid), in one process group (killed together). Waits for a card in 'Virtual PCD 00 00'.
# Sets STACK_PID, MODE and NETNS_ON (1: the stack has a network namespace of its own, see in_stack_net).
pcsc_start_stack() {
  local stack="pcscd -f > \"\$OUT/pcscd.log\" 2>&1 & $1 > \"\$OUT/card.log\" 2>&1 & echo \$! > \"\$OUT/card.pid\"; wait"
  if [ -n "$ISOLATED" ]; then
    # Already in a namespace of its own (see pcsc_isolate): quickack on its loopback, then the stack.
    MODE="own mount and network namespace, quickack"
    NETNS_ON=0
    bash -c "$NETNS" || { echo "$PCSC_NAME: could not set up the loopback of the namespace"; return 1; }
    setsid bash -c "$stack" &
  elif unshare -n true 2>/dev/null && command -v ip >/dev/null 2>&1; then
    MODE="own network namespace, quickack"
    NETNS_ON=1
    setsid unshare -n bash -c "$NETNS && $stack" &
  else
    MODE="host network (slower: about 48 ms per APDU)"
    NETNS_ON=0
    setsid bash -c "$stack" &
  fi
  STACK_PID=$!
  for _ in $(seq 1 50); do
    if node bin/sscc.js readers --json 2>/dev/null | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.exit(JSON.parse(s||'[]').some(r=>r.name.includes('Virtual PCD 00 00')&&r.cardPresent)?0:1))"; then
      echo "$PCSC_NAME: pcscd and the card are up ($MODE)"; return 0
    fi
    sleep 0.2
  done
  echo "$PCSC_NAME: the virtual card did not appear in 'Virtual PCD 00 00'; see $OUT/pcscd.log and $OUT/card.log"; return 1
}

# A program that talks to vpcd over TCP runs in the stack's network namespace when it has one of its own.
# Only ever started with & : the exec makes $! the program itself, so that signals reach it.
in_stack_net() { if [ "$NETNS_ON" = 1 ]; then exec nsenter -t "$STACK_PID" -n "$@"; else exec "$@"; fi; }
