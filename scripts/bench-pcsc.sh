#!/usr/bin/env bash
# The PC/SC figures of npm run bench (issue 21 items 5 and 6): pcscd and vpcd in a namespace of their
# own (the same stack as npm run test:pcsc, scripts/pcsc-stack.sh), then bench/pcsc-stack.ts serves the
# cards it needs and prints one JSON line (harness / bare loop at 0 and 2 ms, 2 readers, a 10 ms card,
# a card that keeps its state against a fresh one). BENCH_ARGS: --quick, --runs N.
# Never part of npm test. Installs nothing.
set -uo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
OUT=out/bench-pcsc
PCSC_NAME=bench:pcsc
. scripts/pcsc-stack.sh
missing=()
pcsc_check_packages
pcsc_require_packages "the PC/SC bench" "pcscd libpcsclite-dev vsmartcard-vpcd"
pcsc_isolate "$SELF"
mkdir -p "$OUT"
trap pcsc_stop_stack EXIT
export OUT
pcsc_start_stack 'node bin/sscc.js sim serve --image reference' >&2 || exit 1
in_stack_net node --import tsx bench/pcsc-stack.ts ${BENCH_ARGS:-} &
wait $!
