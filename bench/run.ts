/**
 * npm run bench [-- --json] [--pcsc-reader NAME ...]   (never part of npm test)
 *
 *   scenarios          scenarios in the reference plan
 *   suiteSeconds       the whole reference suite on the simulator, in process (support code loaded, all
 *                      reports built); suiteSecondsWarm a second run with the support code reused;
 *                      cliSeconds `node bin/sscc.js run` from start to exit, as a user or CI sees it
 *   apdusPerSecondSim  logical APDUs per second through CardSession over the in-process simulator
 *                      (a mix of SELECT with 61xx + GET RESPONSE, READ BINARY, READ RECORD, GET CHALLENGE, VERIFY)
 *   pcscOverheadRatio  harness per-APDU time over PC/SC / bare `smartcard` transmit loop (goal ≤ 1.10)
 *   parallelSpeedup    N readers at once against one (N virtual readers)
 *   defectCpuSecondsPerDefect   CPU seconds per defect of `sscc defects verify` (the sscard area on the
 *                      1.0 card, in this process: the step library already loaded), with the clean run
 *   coldStartSeconds   `node bin/sscc.js run` from spawn to its first scenario starting (median of 3)
 *   versionSeconds     `node bin/sscc.js --version`, spawn to exit (median of 3)
 *   terminalStartSeconds   the example terminal program (examples/terminal/run.mjs, compiled), spawn to
 *                      exit on an empty request; terminalStartSecondsTsx the same through tsx (median of 3)
 *   testSuiteSeconds, testSuiteCpuSeconds   npm run test:suite (scripts/test-suite.mjs: every suite
 *                      profile, one worker per core), wall and CPU seconds of all its processes
 *   coldStartSecondsTsx the cold start through tsx (SSCC_TSX=1), against the compiled build (scripts/build.mjs)
 * The goals: issue 9, the whole suite under 30 s on 2 cores; issue 21, a cold run ≤ 1 s to its first scenario.
 * `node scripts/bench-readme.mjs FILE` writes the JSON line in FILE into the README's performance table.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { IMAGES } from '../card-sim/index.ts';
import { encodeCommand } from '../src/apdu/command.ts';
import * as iso from '../src/iso7816/commands.ts';
import { buildPlan } from '../src/plan/plan.ts';
import { loadProfile } from '../src/profile/load.ts';
import { dfNameBytes } from '../src/profile/profile.ts';
import { buildReport } from '../src/report/build.ts';
import { writeReports } from '../src/report/write.ts';
import { runPlan } from '../src/run/runner.ts';
import { CardSession } from '../src/apdu/session.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { type Missing, type PcscStack, pcscFigures } from './pcsc.ts';
import { verifyDefects } from '../src/run/defects.ts';
import { planFrom } from '../src/cli/common.ts';
// @ts-expect-error: a JavaScript module without types
import { build, fresh } from '../scripts/build.mjs';
// @ts-expect-error: a JavaScript module without types
import { benchRows } from '../scripts/bench-readme.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, 'pcsc-reader': { type: 'string', multiple: true }, 'pcsc-quick': { type: 'boolean', default: false } },
});
const log = (s: string) => {
  if (!values.json) process.stderr.write(s);
};

async function suite(): Promise<{ scenarios: number; cold: number; warm: number; verdicts: string; support: Awaited<ReturnType<typeof runPlan>>['support'] }> {
  const plan = buildPlan(ROOT, loadProfile(join(ROOT, 'profiles/sim-reference.yaml')));
  const tmp = mkdtempSync(join(os.tmpdir(), 'sscc-bench-'));
  try {
    const once = async (support?: Awaited<ReturnType<typeof runPlan>>['support']) => {
      const t0 = performance.now();
      const outcome = await runPlan({ root: ROOT, plan, outDir: tmp, ...(support ? { support } : {}) });
      const report = buildReport(plan, outcome.environment, outcome.model);
      writeReports(tmp, report, 'zh-CN');
      return { seconds: (performance.now() - t0) / 1000, outcome, report };
    };
    const cold = await once();
    const warm = await once(cold.outcome.support);
    const s = warm.report.summary;
    return {
      scenarios: plan.scenarios.length,
      cold: cold.seconds,
      warm: warm.seconds,
      verdicts: `${s.pass} PASS, ${s.fail} FAIL, ${s.error} ERROR`,
      support: cold.outcome.support,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function cliSeconds(): number {
  const tmp = mkdtempSync(join(os.tmpdir(), 'sscc-bench-cli-'));
  try {
    const t0 = performance.now();
    execFileSync(process.execPath, ['bin/sscc.js', 'run', '--profile', 'profiles/sim-reference.yaml', '--out', tmp, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/** User + system CPU seconds of this process's finished children, theirs included (Linux /proc, 1/100 s). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** npm run test:suite's script, spawn to exit: wall and CPU seconds, and whether it passed. */
function testSuite(): { seconds: number; cpu: number; ok: boolean } {
  const c0 = childCpuSeconds();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['scripts/test-suite.mjs'], { cwd: ROOT, stdio: 'ignore' });
  return { seconds: (performance.now() - t0) / 1000, cpu: childCpuSeconds() - c0, ok: r.status === 0 };
}

/** Spawn to the first scenario's start (its testCaseStarted in messages.ndjson), one scenario run cold. */
function coldStartSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const tmp = mkdtempSync(join(os.tmpdir(), 'sscc-bench-cold-'));
  try {
    const t0 = Date.now();
    execFileSync(
      process.execPath,
      ['bin/sscc.js', 'run', '--profile', 'profiles/sim-reference.yaml', '--tags', '@TC:ISO-SEL-001', '--out', tmp, '--force', '--quiet'],
      { cwd: ROOT, stdio: 'ignore', env },
    );
    const first = readFileSync(join(tmp, 'messages.ndjson'), 'utf8')
      .split('\n')
      .find((l) => l.includes('"testCaseStarted"'));
    const ts = (JSON.parse(first ?? '{}') as { testCaseStarted?: { timestamp: { seconds: number; nanos: number } } }).testCaseStarted?.timestamp;
    if (!ts) throw new Error('no scenario started');
    return (ts.seconds * 1000 + ts.nanos / 1e6 - t0) / 1000;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Spawn to exit of a command (its exit status not judged: the terminal program fails on an empty request). */
function spawnSeconds(args: string[]): number {
  const t0 = performance.now();
  spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  return (performance.now() - t0) / 1000;
}

/** CPU seconds per defect of the sscard catalogue on the 1.0 card, the clean run included. */
async function defectCpu(support: Awaited<ReturnType<typeof runPlan>>['support']): Promise<{ perDefect: number; defects: number; ok: boolean }> {
  const plan = planFrom({ profile: join(ROOT, 'profiles/sim-sscard10.yaml') });
  const t0 = process.cpuUsage();
  const r = await verifyDefects({ root: ROOT, plan, log: () => {}, area: 'sscard', support });
  const cpu = process.cpuUsage(t0);
  return { perDefect: (cpu.user + cpu.system) / 1e6 / (r.total + 1), defects: r.total, ok: r.ok };
}

/** Logical APDUs per second through the harness's CardSession on the reference simulator, for about `seconds`. */
async function apdusPerSecondSim(seconds: number): Promise<{ logical: number; wire: number }> {
  const mix = [
    iso.selectByName(dfNameBytes('sx1.sh.社会保障')), // 61xx + GET RESPONSE
    iso.readRecord(1, 0x05, iso.RECORD_MODE.NUMBER, 0x12),
    iso.getChallenge(8),
    iso.verify(0x00),
    iso.selectByName(dfNameBytes('D15600000500')),
    iso.selectEf(0xef16),
    iso.readBinary(0, 0x80),
  ].map(encodeCommand);
  const session = new CardSession(new SimChannel(IMAGES.reference!));
  let n = 0;
  let wire = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (const c of mix) await session.send(c);
    n += mix.length;
    for (const e of session.trace.entries) wire += e.wire.length;
    session.trace.entries.length = 0;
  }
  const s = (performance.now() - t0) / 1000;
  return { logical: n / s, wire: wire / s };
}

// What an installed sscc runs: the compiled build (npm install makes it).
const compiled = fresh() || ((await build()) as { fresh: boolean }).fresh;
log('bench: reference suite in process …\n');
const s = await suite();
log('bench: the same through the command line …\n');
const cli = cliSeconds();
log('bench: defect proof (sscard area, 1.0 card) …\n');
const defects = await defectCpu(s.support);
log('bench: cold start, --version, the terminal program …\n');
const cold = median([coldStartSeconds(), coldStartSeconds(), coldStartSeconds()]);
const tsxEnv = { ...process.env, SSCC_TSX: '1' };
const coldTsx = median([coldStartSeconds(tsxEnv), coldStartSeconds(tsxEnv), coldStartSeconds(tsxEnv)]);
const version = median([0, 1, 2].map(() => spawnSeconds(['bin/sscc.js', '--version'])));
spawnSeconds(['examples/terminal/run.mjs']); // builds the bundle if it is stale
const terminal = median([0, 1, 2].map(() => spawnSeconds(['examples/terminal/run.mjs'])));
const terminalTsx = median([0, 1, 2].map(() => spawnSeconds(['--import', 'tsx', 'examples/terminal/terminal.ts'])));
log('bench: npm run test:suite …\n');
const ts = testSuite();
log('bench: APDUs through CardSession on the simulator …\n');
const sim = await apdusPerSecondSim(2);
const pcsc: PcscStack = values['pcsc-reader'] ? await pcscReaders(values['pcsc-reader']) : pcscStack();

/**
 * The PC/SC figures: scripts/bench-pcsc.sh starts pcscd + vpcd in a namespace of its own and serves the
 * cards (bench/pcsc-stack.ts). Every figure null, with the reason, when the stack cannot run.
 */
function pcscStack(): PcscStack {
  log('bench: PC/SC (scripts/bench-pcsc.sh: pcscd, vpcd and card-sim in a namespace of their own) …\n');
  const r = spawnSync('bash', ['scripts/bench-pcsc.sh'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BENCH_ARGS: values['pcsc-quick'] ? '--quick' : '' },
    maxBuffer: 1 << 24,
  });
  const line = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .at(-1);
  if (line) return JSON.parse(line) as PcscStack;
  return { reason: `scripts/bench-pcsc.sh: ${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-2).join(' ') || `exit ${r.status}`}` };
}

/** --pcsc-reader: the APDU figures on readers a running pcscd serves (a real card: its own latency). */
async function pcscReaders(readers: string[]): Promise<PcscStack> {
  log(`bench: PC/SC (${readers.join(', ')}) …\n`);
  const f = await pcscFigures(readers, { blocks: 41, perBlock: 100, perReader: 500, opens: 50 });
  return {
    at0ms: f.overhead ? { ...f.overhead, ...(f.openMs === undefined ? {} : { openMs: f.openMs }) } : { reason: f.overheadReason ?? '' },
    readers2ms: f.speedup ?? { reason: f.speedupReason ?? '' },
  };
}

const result = {
  scenarios: s.scenarios,
  suiteSeconds: round(s.cold, 3),
  suiteSecondsWarm: round(s.warm, 3),
  cliSeconds: round(cli, 3),
  suiteVerdicts: s.verdicts,
  defectCpuSecondsPerDefect: round(defects.perDefect, 3),
  defectsMeasured: defects.defects,
  coldStartSeconds: round(cold, 3),
  coldStartSecondsTsx: round(coldTsx, 3),
  compiled,
  testSuiteSeconds: round(ts.seconds, 1),
  testSuiteCpuSeconds: round(ts.cpu, 1),
  testSuitePassed: ts.ok,
  versionSeconds: round(version, 3),
  terminalStartSeconds: round(terminal, 3),
  terminalStartSecondsTsx: round(terminalTsx, 3),
  apdusPerSecondSim: Math.round(sim.logical),
  wireApdusPerSecondSim: Math.round(sim.wire),
  // PC/SC (bench/pcsc-stack.ts): each figure, or null and the reason.
  pcscOverheadRatio: figure(pcsc.at0ms, (o) => round(o.ratio, 3)),
  pcscHarnessUs: figure(pcsc.at0ms, (o) => round(o.harnessUs, 1)),
  pcscBareUs: figure(pcsc.at0ms, (o) => round(o.bareUs, 1)),
  pcscOpenMs: figure(pcsc.at0ms, (o) => (o.openMs === undefined ? null : round(o.openMs, 2))),
  pcscOverheadRatio2ms: figure(pcsc.at2ms, (o) => round(o.ratio, 3)),
  pcscOverheadRatio10ms: figure(pcsc.at10ms, (o) => round(o.ratio, 4)),
  parallelSpeedup: figure(pcsc.readers2ms, (o) => round(o.speedup, 2)),
  parallelReaders: figure(pcsc.readers2ms, (o) => o.readers),
  suiteReaderSpeedup: pcsc.suiteReaders2ms ? round(pcsc.suiteReaders2ms.speedup, 2) : null,
  suiteReaders: pcsc.suiteReaders2ms ?? null,
  card10msNotCardShare: pcsc.card10ms ? pcsc.card10ms.notCardShareOfScenarios : null,
  card10ms: pcsc.card10ms ?? null,
  statefulRatio: pcsc.stateful ? pcsc.stateful.ratio : null,
  stateful: pcsc.stateful ?? null,
  ...(pcscReason() ? { pcscReason: pcscReason() } : {}),
  // The clock of every per-APDU figure: its nominal unit and the smallest step seen between two reads.
  timer: {
    clock: 'process.hrtime.bigint()',
    unitNs: 1,
    observedStepNs: timerStepNs(),
    method: 'PC/SC: median of the per-block ratios, 41 alternating blocks of 100 APDUs (50 at 2 ms; 21 of 20 at 10 ms), one connection',
  },
  // The load average over the last minute when the bench ended: wall figures on a shared machine follow it.
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', node: process.version, loadAverage1m: round(os.loadavg()[0] ?? 0, 1) },
  goals: {
    suiteUnder30s: cli < 30,
    coldStartAtMost1s: cold <= 1,
    testSuitePasses: ts.ok,
    defectsProofExact: defects.ok,
    pcscOverheadAtMost105: figure(pcsc.at0ms, (o) => o.ratio <= 1.05),
    parallelAtLeast09N: figure(pcsc.readers2ms, (o) => o.speedup >= 0.9 * o.readers),
    suiteReadersAtLeast09N: pcsc.suiteReaders2ms ? pcsc.suiteReaders2ms.speedup >= 0.9 * pcsc.suiteReaders2ms.readers : null,
    pcscHarnessUnder1pctAt10ms: figure(pcsc.at10ms, (o) => o.ratio < 1.01),
    card10msUnder1pct: pcsc.card10ms ? pcsc.card10ms.notCardShareOfScenarios < 0.01 : null,
    statefulWithin15x: pcsc.stateful ? pcsc.stateful.ratio <= 1.5 && pcsc.stateful.ok : null,
  },
};

/** A PC/SC figure of `f`, or null when it is missing (its reason in pcscReason). */
function figure<T extends object, R>(f: T | Missing | undefined, get: (x: T) => R): R | null {
  return f && !('reason' in f) ? get(f) : null;
}

/** Why PC/SC figures are missing: the stack's reason, or each missing figure's. */
function pcscReason(): string | undefined {
  const parts = [pcsc.reason, ...[pcsc.at0ms, pcsc.at2ms, pcsc.at10ms, pcsc.readers2ms].map((f) => (f && 'reason' in f ? f.reason : undefined))].filter(
    Boolean,
  );
  return parts.length ? [...new Set(parts)].join('; ') : undefined;
}

/** The smallest non-zero difference between two consecutive reads of the clock (its effective resolution). */
function timerStepNs(): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 10000; i++) {
    const a = process.hrtime.bigint();
    let b = process.hrtime.bigint();
    while (b === a) b = process.hrtime.bigint();
    min = Math.min(min, Number(b - a));
  }
  return min;
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

if (values.json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  // The rows of the README's performance table (scripts/bench-readme.mjs), with the goals.
  const rows = (benchRows(result) as string[][]).map(([a = '', b = '', c = '', goal, met]) => [a, b, `${c}${goal ? ` (goal ${goal}: ${met})` : ''}`] as const);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`sscc bench — ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}\n\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
}
