#!/usr/bin/env node
// The README's performance table, from one `npm run bench -- --json` line (issue 21 item 7):
//   npm run -s bench -- --json > out/bench.json && node scripts/bench-readme.mjs out/bench.json
// Rewrites what lies between <!-- bench:start --> and <!-- bench:end --> in README.md; nothing else.
// `--check` prints the table instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const README = join(ROOT, 'README.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: node scripts/bench-readme.mjs BENCH.json [--check]\n');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim().startsWith('{'));
const b = JSON.parse(lines.at(-1) ?? '{}');
if (typeof b.scenarios !== 'number') {
  process.stderr.write(`${file}: not the JSON line of npm run bench -- --json\n`);
  process.exit(2);
}

const s = (x, unit = ' s') => (x === null || x === undefined ? 'n/a' : `${x}${unit}`);
const met = (ok) => (ok === null || ok === undefined ? '–' : ok ? 'yes' : 'no');
const rows = [
  ['cold start to the first scenario', s(b.coldStartSeconds), `through tsx ${s(b.coldStartSecondsTsx)}`, '≤ 1 s', met(b.goals?.coldStartAtMost1s)],
  ['`npm run test:suite`', s(b.testSuiteSeconds), `${s(b.testSuiteCpuSeconds, ' CPU-s')}, every suite profile`, 'passes', met(b.goals?.testSuitePasses)],
  ['reference suite, `sscc run`', s(b.cliSeconds), `${b.scenarios} scenarios: ${b.suiteVerdicts}`, '< 30 s', met(b.goals?.suiteUnder30s)],
  ['reference suite, in process', s(b.suiteSeconds), `warm ${s(b.suiteSecondsWarm)} (step library loaded)`, '', ''],
  [
    'defect proof',
    s(b.defectCpuSecondsPerDefect, ' CPU-s'),
    `per defect (${b.defectsMeasured} sscard defects on the 1.0 card, clean run included)`,
    'exact',
    met(b.goals?.defectsProofExact),
  ],
  ['`sscc --version`', s(b.versionSeconds), 'spawn to exit', '', ''],
  ['example terminal program start', s(b.terminalStartSeconds), `compiled; through tsx ${s(b.terminalStartSecondsTsx)}`, '', ''],
  ['APDUs/s, simulator', s(b.apdusPerSecondSim, ''), `logical, through CardSession (${b.wireApdusPerSecondSim} wire/s)`, '', ''],
  [
    'PC/SC harness / bare loop',
    s(b.pcscOverheadRatio, ''),
    b.pcscOverheadRatio === null ? (b.pcscOverheadReason ?? '') : `${b.pcscHarnessUs} µs vs ${b.pcscBareUs} µs per APDU`,
    '≤ 1.10',
    met(b.goals?.pcscOverheadAtMost110),
  ],
  [
    'N readers vs 1',
    b.parallelSpeedup === null ? 'n/a' : `${b.parallelSpeedup}×`,
    b.parallelSpeedup === null ? (b.parallelSpeedupReason ?? '') : `${b.parallelReaders} readers`,
    '',
    '',
  ],
];
const cell = (x) => String(x).replaceAll('|', '\\|');
const table = [
  `Measured by \`npm run bench -- --json\` on ${b.machine?.cpus} × ${b.machine?.cpu}, Node ${b.machine?.node}, ${b.machine?.loadAverage1m === undefined ? 'load average not recorded' : `load average ${b.machine.loadAverage1m}`}${b.compiled === false ? ' (without the compiled build)' : ''}; timer ${b.timer?.clock}, step ${b.timer?.observedStepNs} ns. Written by \`node scripts/bench-readme.mjs\`.`,
  '',
  '| figure | value | detail | goal | met |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
].join('\n');

if (process.argv.includes('--check')) {
  process.stdout.write(`${table}\n`);
} else {
  const readme = readFileSync(README, 'utf8');
  const a = readme.indexOf(START);
  const z = readme.indexOf(END);
  if (a < 0 || z < a) {
    process.stderr.write(`README.md has no ${START} … ${END} section\n`);
    process.exit(1);
  }
  writeFileSync(README, `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(z)}`);
  process.stdout.write(`README.md: the performance table written from ${file}\n`);
}
