// Compares a run's verdicts with an expected-verdicts file (scripts/test-vicc.sh):
//   node scripts/check-verdicts.mjs REPORT.json EXPECTED.json [NAME] [RUN_EXIT]
// EXPECTED: { "verdicts": { "<scenario id>": { "verdict": "PASS|FAIL|NOT_APPLICABLE|INCONCLUSIVE",
//   "clause": "...", "why": "..." } } }; every FAIL and INCONCLUSIVE names a clause and why.
// A scenario with another verdict, an ERROR, a scenario missing from either side, an expected FAIL
// without its clause, or a run that exited other than 0/1 counts as failed. Last line: "N passed, N failed".
import { readFileSync } from 'node:fs';

const [reportPath, expectedPath, name = 'verdicts', runExit] = process.argv.slice(2);
const problems = [];
let passed = 0;
const read = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch (e) {
    problems.push(`cannot read ${p}: ${e.message}`);
    return undefined;
  }
};
const report = read(reportPath);
const expected = read(expectedPath)?.verdicts ?? {};
if (runExit !== undefined && runExit !== '0' && runExit !== '1') problems.push(`the run exited ${runExit} (2: refused by its pre-flight, 3: sscc failed)`);
for (const [id, e] of Object.entries(expected)) {
  if ((e.verdict === 'FAIL' || e.verdict === 'INCONCLUSIVE') && !(e.clause && e.why)) problems.push(`${id}: the expected ${e.verdict} names no clause and why`);
}
const seen = new Set();
for (const c of report?.cases ?? []) {
  seen.add(c.id);
  const e = expected[c.id];
  if (c.verdict === 'ERROR') problems.push(`${c.id}: ERROR: ${c.reason}`);
  else if (!e) problems.push(`${c.id}: ${c.verdict} but not in ${expectedPath}${c.reason ? `: ${c.reason}` : ''}`);
  else if (e.verdict !== c.verdict) problems.push(`${c.id}: ${c.verdict}, expected ${e.verdict}${c.reason ? `: ${c.reason}` : ''}`);
  else passed++;
}
for (const id of Object.keys(expected)) if (report && !seen.has(id)) problems.push(`${id}: expected ${expected[id].verdict}, not in the run`);
if (report && !(report.cases ?? []).length) problems.push('the run has no scenarios');

const tally = {};
for (const c of report?.cases ?? []) tally[c.verdict] = (tally[c.verdict] ?? 0) + 1;
console.log(
  `${name}: verdicts ${
    Object.entries(tally)
      .map(([v, n]) => `${n} ${v}`)
      .join(', ') || 'none'
  }`,
);
for (const c of report?.cases ?? []) {
  const e = expected[c.id];
  if (c.verdict === 'FAIL' && e?.verdict === 'FAIL') console.log(`${name}: expected FAIL ${c.id}: ${e.clause}: ${e.why}`);
}
for (const p of problems) console.log(`${name}: PROBLEM: ${p}`);
console.log(`${passed} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
