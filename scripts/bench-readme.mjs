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

const s = (x, unit = ' s') => (x === null || x === undefined ? 'n/a' : `${x}${unit}`);
const met = (ok) => (ok === null || ok === undefined ? '–' : ok ? 'yes' : 'no');
const r3 = (x) => (typeof x === 'number' ? Math.round(x * 1000) / 1000 : x);
const pct = (x) => (x === null || x === undefined ? 'n/a' : `${Math.round(x * 1000) / 10} %`);

/** The table's rows, [figure, value, detail, goal, met], from one bench JSON line (also bench/run.ts's text output). */
export function benchRows(b) {
  const g = b.goals ?? {};
  const why = b.pcscReason ?? 'not measured';
  return [
    ['cold start to the first scenario', s(b.coldStartSeconds), `through tsx ${s(b.coldStartSecondsTsx)}`, '≤ 1 s', met(g.coldStartAtMost1s)],
    ['`npm run test:suite`', s(b.testSuiteSeconds), `${s(b.testSuiteCpuSeconds, ' CPU-s')}, every suite profile`, 'passes', met(g.testSuitePasses)],
    ['reference suite, `sscc run`', s(b.cliSeconds), `${b.scenarios} scenarios: ${b.suiteVerdicts}`, '< 30 s', met(g.suiteUnder30s)],
    ['reference suite, in process', s(b.suiteSeconds), `warm ${s(b.suiteSecondsWarm)} (step library loaded)`, '', ''],
    [
      'defect proof',
      s(b.defectCpuSecondsPerDefect, ' CPU-s'),
      `per defect (${b.defectsMeasured} sscard defects on the 1.0 card, clean run included)`,
      'exact',
      met(g.defectsProofExact),
    ],
    ['`sscc --version`', s(b.versionSeconds), 'spawn to exit', '', ''],
    ['example terminal program start', s(b.terminalStartSeconds), `compiled; through tsx ${s(b.terminalStartSecondsTsx)}`, '', ''],
    ['APDUs/s, simulator', s(b.apdusPerSecondSim, ''), `logical, through CardSession (${b.wireApdusPerSecondSim} wire/s)`, '', ''],
    [
      'PC/SC harness / bare loop, 0 ms card',
      s(b.pcscOverheadRatio, ''),
      b.pcscOverheadRatio === null
        ? why
        : `${b.pcscHarnessUs} µs vs ${b.pcscBareUs} µs per APDU, one connection; a scenario's cold reset ${s(b.pcscOpenMs, ' ms')}`,
      '≤ 1.05',
      met(g.pcscOverheadAtMost105),
    ],
    ['PC/SC harness / bare loop, 2 ms card', s(b.pcscOverheadRatio2ms, ''), b.pcscOverheadRatio2ms === null ? why : 'the same, card latency 2 ms', '', ''],
    [
      'PC/SC harness / bare loop, 10 ms card',
      s(b.pcscOverheadRatio10ms, ''),
      b.pcscOverheadRatio10ms === null || b.pcscOverheadRatio10ms === undefined ? why : "the same, card latency 10 ms: the harness's share of an APDU",
      '< 1.01',
      met(g.pcscHarnessUnder1pctAt10ms),
    ],
    [
      'N readers vs 1, 2 ms cards (APDU loop)',
      b.parallelSpeedup === null ? 'n/a' : `${b.parallelSpeedup}×`,
      b.parallelSpeedup === null ? why : `${b.parallelReaders} readers through the harness at once`,
      `≥ ${b.parallelReaders ? 0.9 * b.parallelReaders : '0.9·N'}×`,
      met(g.parallelAtLeast09N),
    ],
    [
      'N readers vs 1, reference plan',
      b.suiteReaderSpeedup === null || b.suiteReaderSpeedup === undefined ? 'n/a' : `${b.suiteReaderSpeedup}×`,
      b.suiteReaders
        ? `\`sscc run --reader 0,1\` ${s(b.suiteReaders.twoSeconds)} against \`--reader 0\` ${s(b.suiteReaders.oneSeconds)} (medians; the speed-up is the median of the paired ratios), fresh cards at 2 ms`
        : why,
      `≥ ${b.suiteReaders ? 0.9 * b.suiteReaders.readers : '0.9·N'}×`,
      met(g.suiteReadersAtLeast09N),
    ],
    [
      'not the card, 10 ms card, reference plan',
      pct(b.card10msNotCardShare),
      b.card10ms
        ? `of the scenarios' ${s(r3(b.card10ms.spanSeconds))} (${b.card10ms.scenarios} scenarios, ${b.card10ms.apdus} APDUs, ${s(r3(b.card10ms.wireSeconds))} on the wire); of the whole process ${pct(b.card10ms.notCardShareOfProcess)} of ${s(b.card10ms.wallSeconds)}`
        : why,
      '< 1 %',
      met(g.card10msUnder1pct),
    ],
    [
      'card that keeps its state / fresh card, PC/SC',
      s(b.statefulRatio, ''),
      b.stateful
        ? `reference plan through PC/SC: ${s(b.stateful.keptSeconds)} (${s(b.stateful.keptCpuSeconds, ' CPU-s')}) against ${s(b.stateful.freshSeconds)} (${s(b.stateful.freshCpuSeconds, ' CPU-s')}) served --fresh, median of ${b.stateful.runs} alternating pairs`
        : why,
      '≤ 1.5',
      met(g.statefulWithin15x),
    ],
  ];
}

function main() {
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
  const rows = benchRows(b);
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
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
