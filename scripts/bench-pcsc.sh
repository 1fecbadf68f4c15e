#!/usr/bin/env bash
# The PC/SC overhead ratio on its own (issue 21 item 5): pcscd and card-sim's reference image in the
# vpcd virtual reader (the same stack as npm run test:pcsc, scripts/pcsc-stack.sh), card latency
# LATENCY ms (default 0), then bench/pcsc-ratio.ts prints {ratio, harnessUs, bareUs} as JSON.
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
pcsc_start_stack 'node bin/sscc.js sim serve --image reference --latency "${LATENCY:-0}"' >&2 || exit 1
node --import tsx bench/pcsc-ratio.ts ${BENCH_ARGS:-}
