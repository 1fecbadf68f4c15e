// npm run test:stateful: the reference profile twice in a row on ONE simulated card kept between the
// runs (`sscc run --state FILE`), as a lab's sample is: both runs 0 FAIL and 0 ERROR, and the second
// starts from the first one's end (ATC, PIN counters). Prints "N passed, N failed" last.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'sscc-stateful-'));
const state = join(dir, 'card.state');
const runs = [];
let problems = 0;
for (const n of [1, 2]) {
  const out = join(dir, `run${n}`);
  const r = spawnSync(process.execPath, ['bin/sscc.js', 'run', '--profile', 'profiles/sim-reference.yaml', '--state', state, '--out', out, '--quiet'], {
    encoding: 'utf8',
  });
  process.stderr.write(r.stderr);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  runs.push(report);
  const s = report.summary;
  console.log(`test:stateful: run ${n} on the kept card: ${s.pass} PASS, ${s.fail} FAIL, ${s.error} ERROR, ${s.inconclusive} INCONCLUSIVE (exit ${r.status})`);
  if (r.status !== 0 || s.fail || s.error || s.inconclusive) problems++;
}
const [a, b] = runs.map((r) => r.environment.card);
const endAtc = a?.end?.pboc?.atc;
const startAtc = b?.start?.pboc?.atc;
console.log(`test:stateful: ATC at the end of run 1: ${endAtc}; at the start of run 2: ${startAtc}`);
if (endAtc === undefined || endAtc === 0 || startAtc !== endAtc) problems++;
rmSync(dir, { recursive: true, force: true });
const passed = runs.reduce((n, r) => n + r.summary.pass, 0);
console.log(`${passed} passed, ${problems} failed`);
process.exit(problems ? 1 : 0);
