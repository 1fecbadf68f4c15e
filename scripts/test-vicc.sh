#!/usr/bin/env bash
# npm run test:vicc: the iso7816 scenarios through PC/SC against a card nobody here wrote: vicc, the
# vsmartcard project's virtual ISO 7816 card (Debian python3-virtualsmartcard), in the vpcd virtual
# reader, with its own pcscd in a namespace of its own (scripts/pcsc-stack.sh, as test:pcsc).
# Every verdict must be the one profiles/pcsc-vicc.expected.json records (each FAIL there names the
# clause vicc breaks); any other verdict, or an ERROR, fails the test. Installs nothing: .ci/run does.
# vicc is prepared at run time from Debian's package in a temporary folder, never committed:
#  - Debian's python3-pycryptodome provides the module `Cryptodome`; the package imports `Crypto`;
#  - TLVutils.pack ends with b"".join(result) on a bytes result (a TypeError at the first FCI it packs);
#    upstream (frankmorgner/vsmartcard, TLVutils.py) collects the parts in a list and joins them: the
#    copy returns the bytes it built instead, the same result;
#  - a launcher starts a VirtualICC of type iso7816 connected to vpcd (127.0.0.1:35963, reader 00 00)
#    and gives its empty MF the test objects the profile names (a DF, a transparent and a record EF).
set -uo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
OUT=out/test-vicc
PACKAGES="pcscd libpcsclite-dev vsmartcard-vpcd python3-virtualsmartcard python3-pycryptodome"
PYTHON=/usr/bin/python3 # Debian's, which has python3-pycryptodome; not a python earlier on PATH
VICC_PKG=/usr/lib/python3/site-packages/virtualsmartcard/virtualsmartcard
EXPECTED=profiles/pcsc-vicc.expected.json
T0=$(date +%s%N)

PCSC_NAME=test:vicc
. scripts/pcsc-stack.sh
missing=()
pcsc_check_packages
[ -f "$VICC_PKG/VirtualSmartcard.py" ] || missing+=(python3-virtualsmartcard)
[ -x "$PYTHON" ] && "$PYTHON" -c 'import Cryptodome.Cipher.DES3' 2>/dev/null || missing+=(python3-pycryptodome)
pcsc_require_packages "vicc" "$PACKAGES"
pcsc_isolate "$SELF"

mkdir -p "$OUT"
VICC_DIR=""
RUN_PID=""
cleanup() {
  if [ -n "$RUN_PID" ]; then kill "$RUN_PID" 2>/dev/null; wait "$RUN_PID" 2>/dev/null; fi
  pcsc_stop_stack
  if [ -n "$VICC_DIR" ]; then rm -rf "$VICC_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# vicc from Debian's package, patched in a temporary copy.
VICC_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sscc-vicc.XXXXXX")
cp -r "$VICC_PKG" "$VICC_DIR/virtualsmartcard"
find "$VICC_DIR" -name __pycache__ -prune -exec rm -rf {} +
grep -rlE --include='*.py' '^\s*(from|import) Crypto\b' "$VICC_DIR" | xargs -r sed -i -E 's/^(\s*)(from|import) Crypto\b/\1\2 Cryptodome/'
sed -i 's/^    return b"".join(result)$/    return result/' "$VICC_DIR/virtualsmartcard/TLVutils.py"
cat > "$VICC_DIR/launch.py" <<'EOF'
# Starts vicc's ISO 7816 card (virtualsmartcard.VirtualSmartcard.VirtualICC, type iso7816) connected to
# vpcd's first reader; vpcd listens once pcscd has loaded it, so the connection is retried for 10 s.
import logging, sys, time
from virtualsmartcard.VirtualSmartcard import VirtualICC
from virtualsmartcard.TLVutils import pack
assert pack([(0x80, 2, b"\x00\x10")]) == b"\x80\x02\x00\x10", "TLVutils.pack is not patched"
for attempt in range(100):
    try:
        vicc = VirtualICC(None, "iso7816", "127.0.0.1", 35963, logginglevel=logging.INFO)
        break
    except SystemExit:  # VirtualICC exits when vpcd does not answer yet
        time.sleep(0.1)
else:
    sys.exit("vicc: vpcd at 127.0.0.1:35963 never answered")
# The test objects profiles/pcsc-vicc.yaml names (vicc's iso7816 card starts with an empty MF), built
# with vicc's own file classes as a lab loads a sample's files: DF F0 73 73 63 63 01 (fid 1000), in it
# a transparent EF 0001 (SFI 1, 64 bytes 00..3F) and a linear variable SIMPLE-TLV record EF 0002
# (SFI 2, three records with tags 01, 02, 03 as their record identifiers).
from virtualsmartcard.SmartcardFilesystem import DF, TransparentStructureEF, RecordStructureEF, Record
from virtualsmartcard.ConstantDefinitions import FDB
mf = vicc.os.mf
df = DF(parent=mf, fid=0x1000, dfname=bytes.fromhex("F07373636301"))
mf.append(df)
df.append(TransparentStructureEF(parent=df, fid=0x0001, shortfid=1, data=bytes(range(64))))
records = [Record(identifier=t, data=bytes([t, len(v)]) + v) for t, v in ((1, b"ONE"), (2, b"TWO!"), (3, b"3"))]
df.append(RecordStructureEF(parent=df, fid=0x0002, shortfid=2, filedescriptor=FDB["EFSTRUCTURE_LINEAR_VARIABLESIMPLETLV"], records=records))
vicc.run()
EOF
export OUT VICC_DIR PYTHON
pcsc_start_stack 'PYTHONPATH="$VICC_DIR" PYTHONDONTWRITEBYTECODE=1 "$PYTHON" "$VICC_DIR/launch.py"' || { tail -5 "$OUT/card.log"; echo "0 passed, 1 failed"; exit 1; }

rm -rf "$OUT/suite" # the verdicts below must come from this run
node bin/sscc.js run --profile profiles/pcsc-vicc.yaml --area iso7816 --out "$OUT/suite" --quiet --force &
RUN_PID=$!
wait $RUN_PID
SUITE=$?
RUN_PID=""
echo "test:vicc: iso7816 scenarios through PC/SC against vicc: exit $SUITE in $(( ($(date +%s%N) - T0) / 1000000 )) ms (with the stack's start)"
node scripts/check-verdicts.mjs "$OUT/suite/report.json" "$EXPECTED" test:vicc "$SUITE"
