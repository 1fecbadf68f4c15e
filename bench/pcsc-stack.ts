/**
 * The PC/SC figures of `npm run bench` (issue 21 items 5 and 6), run by scripts/bench-pcsc.sh inside
 * the stack it starts (pcscd + vpcd in a namespace of their own, a card in slot 0 whose PID is in
 * $OUT/card.pid). Serves each card it needs itself (`sscc sim serve`), stopped by PID, and prints one
 * JSON line:
 *   at0ms, at2ms, at10ms   harness / bare `smartcard` loop on one connection (bench/pcsc.ts), reference
 *                      image at 0, 2 and 10 ms card latency; at0ms.openMs a scenario's start on a held reader
 *   readers2ms         2 readers at 2 ms driven at once through the harness against one (APDU loop)
 *   suiteReaders2ms    `sscc run --reader 0,1` against `--reader 0` on the reference plan, fresh cards at
 *                      2 ms: wall seconds of each, the speed-up
 *   card10ms           the reference plan on a 10 ms card: the share of the scenarios' time that is not
 *                      the wire exchanges (reader and card), and of the whole process
 *   stateful           the reference plan through PC/SC on a card that keeps its state against one served
 *                      --fresh (a new card at every power-up): wall and CPU seconds, alternating, medians
 * Never part of npm test.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { APDU_TRACE_MEDIA_TYPE } from '../src/report/media-types.ts';
import { listReaders } from '../src/transport/pcsc.ts';
import { pcscFigures } from './pcsc.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } } });
const RUNS = Number(values.runs);
const READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'];
const PROFILE = 'profiles/pcsc-reference.yaml';
const log = (s: string) => process.stderr.write(`bench:pcsc: ${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Cards this script serves, by slot. */
const cards = new Map<number, ChildProcess>();

async function present(slot: number): Promise<boolean> {
  const r = (await listReaders()).find((x) => x.name === READERS[slot]);
  return r?.cardPresent === true;
}

async function until(what: string, test: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await test()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Serve `args` (sim serve options) in `slot`, replacing the card there; returns once pcscd sees it. */
async function serve(slot: number, args: string[]): Promise<void> {
  await unserve(slot);
  const child = spawn(process.execPath, ['bin/sscc.js', 'sim', 'serve', '--quiet', '--slot', String(slot), ...args], { cwd: ROOT, stdio: 'ignore' });
  cards.set(slot, child);
  await until(`a card in ${READERS[slot]}`, () => present(slot));
}

/** The stack's own first card (scripts/bench-pcsc.sh), until the first serve in slot 0 replaces it. */
let stackCard = true;

async function unserve(slot: number): Promise<void> {
  if (slot === 0 && stackCard) {
    stackCard = false;
    try {
      process.kill(Number(readFileSync(join(process.env.OUT ?? 'out/bench-pcsc', 'card.pid'), 'utf8')));
    } catch {
      // gone already
    }
  } else {
    const child = cards.get(slot);
    if (!child) return;
    cards.delete(slot);
    child.kill();
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
  await until(`${READERS[slot]} empty`, async () => !(await present(slot)));
}

interface RunFigures {
  wall: number;
  cpu: number;
  ok: boolean;
  dir: string;
}

/** One `sscc run` of the reference plan through PC/SC: wall and CPU seconds (bash `times`: the run's process). */
function run(extra: string[] = [], keep = false): RunFigures {
  const dir = mkdtempSync(join(os.tmpdir(), 'sscc-bench-pcsc-'));
  const args = ['bin/sscc.js', 'run', '--profile', PROFILE, '--out', dir, '--quiet', '--force', ...extra].map((a) => `'${a}'`).join(' ');
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', `'${process.execPath}' ${args} >/dev/null 2>&1; s=$?; times; exit $s`], { cwd: ROOT, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  // times: the shell's own user/sys, then its children's.
  const children = (r.stdout.trim().split('\n').at(-1) ?? '').match(/(\d+)m([\d.]+)s/g) ?? [];
  const cpu = children.reduce((n, t) => {
    const [, m, s] = t.match(/(\d+)m([\d.]+)s/) as RegExpMatchArray;
    return n + Number(m) * 60 + Number(s);
  }, 0);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return { wall, cpu, ok: r.status === 0, dir };
}

/** From a run's messages: the scenarios' span, the wire exchanges' time and count. */
function wireShare(dir: string): { spanSeconds: number; wireSeconds: number; apdus: number; scenarios: number } {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  let wireUs = 0;
  let apdus = 0;
  let scenarios = 0;
  const ms = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + t.nanos / 1e6;
  for (const line of readFileSync(join(dir, 'messages.ndjson'), 'utf8').split('\n')) {
    if (!line) continue;
    const e = JSON.parse(line);
    if (e.testCaseStarted) {
      scenarios++;
      first = Math.min(first, ms(e.testCaseStarted.timestamp));
    }
    if (e.testCaseFinished) last = Math.max(last, ms(e.testCaseFinished.timestamp));
    if (e.attachment?.mediaType === APDU_TRACE_MEDIA_TYPE)
      for (const entry of JSON.parse(e.attachment.body) as Array<{ wire: Array<{ us: number }> }>)
        for (const w of entry.wire) {
          wireUs += w.us;
          apdus++;
        }
  }
  return { spanSeconds: (last - first) / 1000, wireSeconds: wireUs / 1e6, apdus, scenarios };
}

const blocks = values.quick ? { blocks: 11, perBlock: 50 } : { blocks: 41, perBlock: 100 };
const result: Record<string, unknown> = {};

log('harness / bare loop at 0 ms …');
await serve(0, ['--image', 'reference', '--latency', '0']);
const at0 = await pcscFigures([READERS[0] as string], { ...blocks, perReader: 0, opens: 50 });
result.at0ms = at0.overhead ? { ...at0.overhead, openMs: at0.openMs } : { reason: at0.overheadReason };

log('harness / bare loop and 2 readers at 2 ms …');
await serve(0, ['--image', 'reference', '--latency', '2']);
await serve(1, ['--image', 'reference', '--latency', '2']);
const at2 = await pcscFigures(READERS, { ...blocks, perBlock: Math.min(50, blocks.perBlock), perReader: values.quick ? 100 : 500 });
result.at2ms = at2.overhead ?? { reason: at2.overheadReason };
result.readers2ms = at2.speedup ?? { reason: at2.speedupReason };

log('harness / bare loop at 10 ms …');
await unserve(1);
await serve(0, ['--image', 'reference', '--latency', '10']);
const at10 = await pcscFigures([READERS[0] as string], { blocks: values.quick ? 5 : 21, perBlock: 20, perReader: 0 });
result.at10ms = at10.overhead ?? { reason: at10.overheadReason };

log('the reference plan on 1 and 2 readers, fresh cards at 2 ms …');
await serve(0, ['--image', 'reference-t1', '--fresh', '--latency', '2']);
await serve(1, ['--image', 'reference-t1', '--fresh', '--latency', '2']);
{
  const one: number[] = [];
  const two: number[] = [];
  let ok = true;
  for (let i = 0; i < (values.quick ? 1 : RUNS); i++) {
    const a = run(['--reader', '0']);
    const b = run(['--reader', '0,1']);
    one.push(a.wall);
    two.push(b.wall);
    ok &&= a.ok && b.ok;
  }
  result.suiteReaders2ms = {
    readers: 2,
    oneSeconds: round(median(one)),
    twoSeconds: round(median(two)),
    speedup: round(median(one.map((x, i) => x / (two[i] as number)))),
    ok,
  };
}
await unserve(1);

log('the reference plan on a 10 ms card …');
await serve(0, ['--image', 'reference-t1', '--latency', '10']);
{
  const r = run([], true);
  const w = wireShare(r.dir);
  rmSync(r.dir, { recursive: true, force: true });
  result.card10ms = {
    ...w,
    spanSeconds: round(w.spanSeconds),
    wireSeconds: round(w.wireSeconds),
    wallSeconds: round(r.wall),
    cpuSeconds: round(r.cpu),
    notCardShareOfScenarios: round(1 - w.wireSeconds / w.spanSeconds, 4),
    notCardShareOfProcess: round(1 - w.wireSeconds / r.wall, 4),
    ok: r.ok,
  };
}

log('the reference plan on a card that keeps its state and on a fresh card, alternating …');
{
  const kept: RunFigures[] = [];
  const fresh: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    await serve(0, ['--image', 'reference-t1']);
    kept.push(run());
    await serve(0, ['--image', 'reference-t1', '--fresh']);
    fresh.push(run());
  }
  result.stateful = {
    runs: RUNS,
    keptSeconds: round(median(kept.map((r) => r.wall))),
    freshSeconds: round(median(fresh.map((r) => r.wall))),
    keptCpuSeconds: round(median(kept.map((r) => r.cpu))),
    freshCpuSeconds: round(median(fresh.map((r) => r.cpu))),
    ratio: round(median(kept.map((r, i) => r.wall / (fresh[i] as RunFigures).wall))),
    ok: [...kept, ...fresh].every((r) => r.ok),
  };
}
for (const slot of [...cards.keys()]) await unserve(slot);
result.loadAverage1m = round(os.loadavg()[0] ?? 0, 1);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
