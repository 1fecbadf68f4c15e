#!/usr/bin/env bash
# Each known-answer test file must fail when one side takes another reading of the spec (issue 15):
# apply one mutation at a time, run the vector tests, expect the named files to fail and the others to
# pass, restore the file. Not part of npm test (about a minute). Usage: bash scripts/vectors/mutants.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
VECTOR_TESTS="src/crypto/vectors.test.ts card-sim/vectors.test.ts src/pboc/issuer-vectors.test.ts src/pboc/oda-vectors.test.ts src/sscard/psam-vectors.test.ts"
status=0
CURRENT_FILE=""; CURRENT_BACKUP=""
# An interrupted run puts the file back too.
restore() { [ -n "$CURRENT_BACKUP" ] && [ -f "$CURRENT_BACKUP" ] && cp "$CURRENT_BACKUP" "$CURRENT_FILE" && rm -f "$CURRENT_BACKUP"; CURRENT_BACKUP=""; }
trap restore EXIT
trap 'restore; exit 130' INT TERM

# mutate FILE FROM TO "files that must fail"
mutate() {
  local file=$1 from=$2 to=$3 want=$4 backup
  backup=$(mktemp)
  cp "$file" "$backup"
  CURRENT_FILE=$file; CURRENT_BACKUP=$backup
  local before
  before=$(sha256sum < "$file")
  FROM="$from" TO="$to" node -e 'const fs=require("fs");const f=process.argv[1];const s=fs.readFileSync(f,"utf8");if(!s.includes(process.env.FROM)){console.error("mutation not found in "+f);process.exit(3)}fs.writeFileSync(f,s.replace(process.env.FROM,process.env.TO))' "$file" || { status=1; return; }
  local out
  out=$(npx vitest run $VECTOR_TESTS 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
  restore
  [ "$(sha256sum < "$file")" = "$before" ] || { echo "  $file was not restored"; status=1; }
  local failed
  failed=$(printf '%s\n' "$out" | grep -oE '^ FAIL +[^ ]+' | awk '{print $2}' | sort -u | tr '\n' ' ')
  echo "$file: ${from%%$'\n'*} → ${to%%$'\n'*}"
  echo "  failing: ${failed:-none}"
  for w in $want; do [[ " $failed " == *" $w "* ]] || { echo "  MISSED: $w should fail"; status=1; }; done
  for f in $failed; do [[ " $want " == *" $f "* ]] || { echo "  UNEXPECTED: $f fails"; status=1; }; done
}

# SM4 cryptogram: the rightmost instead of the leftmost 8 bytes of H_K (shared by card-sim and the issuer).
mutate src/crypto/pboc.ts $'  return h.slice(0, 8);\n}' $'  return h.slice(8, 16);\n}' "src/crypto/vectors.test.ts card-sim/vectors.test.ts src/pboc/issuer-vectors.test.ts"
# PIN block D1 from the AC UDK (the VIS/pyemv reading): the issuer alone, then card-sim alone.
mutate src/pboc/issuer.ts "pinChangeData(this.udk('enc', pan, psn)" "pinChangeData(this.udk('ac', pan, psn)" "src/pboc/issuer-vectors.test.ts"
mutate card-sim/apps/pboc/pboc.ts "  return pinOfChangeData(udk, d, current);" "  return pinOfChangeData(fromHex(a.udkAc), d, current);" "card-sim/vectors.test.ts"
# SSSE SM4 MAC: the leftmost 4 bytes instead of the four pieces XORed (shared by card-sim and the PSAM terminal).
mutate src/sscard/crypto.ts "  if (alg === '3DES') return last.slice(0, 4);" "  return last.slice(0, 4);" "src/crypto/vectors.test.ts card-sim/vectors.test.ts src/sscard/psam-vectors.test.ts"
# SSSE SM4 authentication data: the left 8 bytes instead of left ⊕ right (part 9 §9.4); card-sim only (the terminal folds the PSAM's CIPHER DATA itself).
mutate src/sscard/crypto.ts "  return xor(e.subarray(0, 8), e.subarray(8, 16));" "  return e.slice(0, 8);" "src/crypto/vectors.test.ts card-sim/vectors.test.ts"
# SSSE level-2 factor: the reader spec's rule for every city code.
mutate src/sscard/keys.ts "  if (rule === 'reader-33' && cityCode.startsWith('33'))" "  if (cityCode.startsWith('33'))" "src/crypto/vectors.test.ts card-sim/vectors.test.ts src/sscard/psam-vectors.test.ts"

[ $status -eq 0 ] && echo "every mutation caught by the expected side" || echo "mutation check FAILED"
exit $status
