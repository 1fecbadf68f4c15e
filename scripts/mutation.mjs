#!/usr/bin/env node
// npm run mutation [-- --sample N --seed S] [--json] [--concurrency C] [--file PATH ...]
// Mutation testing of card-sim's spec code and the reference terminal under the Gherkin suite (issue 15):
// StrykerJS with the in-process runner of mutation/stryker-runner.mjs (every applicable scenario of the
// defect proof's profiles, one Stryker test each, and each catalogued defect's first named scenario with the
// defect on, which must FAIL; per-scenario coverage so that a mutant runs only the
// scenarios that reach it, stopping at the first that does not pass). Stryker's HTML and JSON reports go
// to out/mutation/. Mutants recorded in mutation/equivalent.json (file + mutator + original snippet +
// replacement, so that a line move keeps them) are equivalent: left out of the score, never run.
// --sample N --seed S: N mutants drawn from all (seeded), each given to Stryker as its exact range; the
// score is over the drawn mutants only, with its 95 % (Wilson) interval. --equivalents runs the mutants
// mutation/equivalent.json records (of the --file files): a killed one is no longer equivalent.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';

/** The scope: card-sim's spec code and the reference terminal, without tests, defects and test support. */
const SCOPE = ['card-sim/cos', 'card-sim/apps', 'card-sim/psam', 'reference-terminal'];
const NOT_SPEC = [
  /\.test\.ts$/,
  /(^|\/)defects[^/]*\.ts$/, // the defect catalogue's switches (issue 15 item 1)
  /^card-sim\/cos\/snapshot\.ts$/, // the suite's own before/after check of the sample
  /^card-sim\/apps\/hostile\.ts$/, // a card meant to answer garbage (profiles/sim-hostile.yaml)
  /(^|\/)index\.ts$/, // re-exports and the product's public face
];
const OUT = 'out/mutation';

const HELP = `npm run mutation -- [options]
Mutation testing of card-sim's spec code (card-sim/cos, apps, psam) and the reference terminal under the
Gherkin suite (issue 15). Writes out/mutation/: Stryker's HTML and JSON reports and score.json (score per
file and in total; mutants in mutation/equivalent.json are left out of it).

  --sample N --seed S   draw N mutants (seeded) and run only those; the score gets its 95 % interval
  --file PATH           only this file of the scope (give it again for more files; combines with --sample)
  --again FILE          run again the undetected mutants of an earlier score.json, in today's code
  --equivalents         run the mutants mutation/equivalent.json records (of the --file files): a killed one
                        is not equivalent
  --rescore             judge the last run again with today's mutation/equivalent.json
  --list                print the draw, run nothing
  --json                print the figures as JSON
  --concurrency C       mutants run at once (default 2)
  -h, --help            this text

A whole run (about 5 800 mutants) does not finish on 2 cores; a draw of 200 takes 3 to 15 minutes.`;

function args(argv) {
  const o = { json: false, files: [], concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sample') o.sample = Number(argv[++i]);
    else if (a === '--seed') o.seed = String(argv[++i]);
    else if (a === '--json') o.json = true;
    else if (a === '--concurrency') o.concurrency = Number(argv[++i]);
    else if (a === '--file') o.files.push(argv[++i]);
    else if (a === '--list') o.list = true;
    else if (a === '--rescore') o.rescore = true;
    else if (a === '--again') o.again = argv[++i];
    else if (a === '--equivalents') o.equivalents = true;
    else if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else {
      console.error(`mutation: unknown option ${a}; use --sample N --seed S --json --concurrency C --file PATH --list --again FILE --equivalents --rescore`);
      process.exit(2);
    }
  }
  if (o.sample !== undefined && !(Number.isInteger(o.sample) && o.sample > 0)) {
    console.error('mutation: --sample N needs a whole number above 0');
    process.exit(2);
  }
  o.seed ??= 'sscc';
  return o;
}

export function scopeFiles(only = []) {
  const tracked = execFileSync('git', ['ls-files', ...SCOPE], { encoding: 'utf8' })
    .trim()
    .split('\n');
  const files = tracked.filter((f) => f.endsWith('.ts') && !NOT_SPEC.some((r) => r.test(f)));
  return only.length ? files.filter((f) => only.includes(f)) : files;
}

/** The source text a mutant replaces (its location: lines from 0, columns from 0). */
export function snippetOf(text, loc) {
  const lines = text.split('\n');
  if (loc.start.line === loc.end.line) return lines[loc.start.line].slice(loc.start.column, loc.end.column);
  return [lines[loc.start.line].slice(loc.start.column), ...lines.slice(loc.start.line + 1, loc.end.line), lines[loc.end.line].slice(0, loc.end.column)].join(
    '\n',
  );
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();
export const keyOf = (m) => JSON.stringify([m.file, m.mutator, norm(m.original), norm(m.replacement)]);

/**
 * mutation/equivalent.json: [{ file, mutator, original, replacement, reason, near? }]. `near`, for a
 * snippet that occurs more than once in its file: text the mutant's line must hold.
 */
function loadEquivalents() {
  const list = JSON.parse(readFileSync('mutation/equivalent.json', 'utf8')).equivalent;
  const byKey = new Map();
  for (const e of list) {
    if (!e.file || !e.mutator || e.original === undefined || e.replacement === undefined || !e.reason)
      throw new Error(`mutation/equivalent.json: an entry without file, mutator, original, replacement or reason: ${JSON.stringify(e)}`);
    byKey.set(keyOf(e), [...(byKey.get(keyOf(e)) ?? []), e]);
  }
  return { of: (d) => (byKey.get(keyOf(d)) ?? []).find((e) => e.near === undefined || (d.context ?? '').includes(e.near)) };
}

/** Every mutant Stryker would make in these files (its own instrumenter, no test run). */
async function enumerate(files) {
  const { Instrumenter } = await import('@stryker-mutator/instrumenter');
  const quiet = {
    isDebugEnabled: () => false,
    isTraceEnabled: () => false,
    isInfoEnabled: () => false,
    debug() {},
    trace() {},
    info() {},
    warn() {},
    error: console.error,
  };
  const { mutants } = await new Instrumenter(quiet).instrument(
    files.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  );
  return mutants;
}

/** A seeded draw of n of the list (Fisher–Yates on a SHA-256 stream of the seed). */
export function draw(list, n, seed) {
  const a = [...list];
  let counter = 0;
  let pool = [];
  const next = () => {
    if (!pool.length) pool = [...createHash('sha256').update(`${seed}:${counter++}`).digest()];
    return pool.splice(0, 4).reduce((x, b) => x * 256 + b, 0) / 2 ** 32;
  };
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.min(n, a.length));
}

/** The 95 % Wilson score interval of k of n. */
export function wilson(k, n, z = 1.96) {
  if (!n) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

const rel = (f) => f.replace(`${process.cwd()}/`, '');
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

async function main() {
  const o = args(process.argv.slice(2));
  if (o.rescore) return rescore(o);
  const files = scopeFiles(o.files);
  const equivalents = loadEquivalents();
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const describe = (m) => {
    const file = rel(m.fileName);
    return {
      file,
      mutator: m.mutatorName,
      original: snippetOf(texts.get(file) ?? '', m.location),
      replacement: m.replacement,
      line: m.location.start.line + 1,
      context: (texts.get(file) ?? '').split('\n')[m.location.start.line]?.trim(),
    };
  };
  const all = (await enumerate(files)).map((m) => ({ ...m, d: describe(m) }));
  const isEquivalent = (m) => equivalents.of(m.d) !== undefined;
  // --again FILE: the undetected mutants of an earlier run's score.json, found again in today's code, re-run;
  // its detected and equivalent rows are kept, so the score is over the same mutants as before.
  const again = o.again ? againOf(JSON.parse(readFileSync(o.again, 'utf8')), all) : undefined;
  // --equivalents: the mutants recorded equivalent (of the chosen files), run after all, to check each
  // claim against today's suite: one it kills is no longer equivalent (take its entry out).
  const recorded = o.equivalents ? all.filter(isEquivalent) : undefined;
  if (again) o.sample = again.chosen.length;
  if (recorded) o.sample = recorded.length;
  const chosen = again ? again.chosen : (recorded ?? (o.sample ? draw(all, o.sample, o.seed) : all));
  const toRun = recorded ?? chosen.filter((m) => !isEquivalent(m));
  if (o.list) {
    for (const m of chosen)
      console.log(
        `${m.d.file}:${m.d.line} ${m.d.mutator} ${JSON.stringify(norm(m.d.original)).slice(0, 60)} -> ${JSON.stringify(norm(m.d.replacement)).slice(0, 60)}${isEquivalent(m) ? ' (equivalent)' : ''}`,
      );
    return;
  }
  // The exact range of each drawn mutant (Stryker's lines from 1); a whole run mutates the files.
  const mutate = o.sample
    ? toRun.map((m) => `${m.d.file}:${m.location.start.line + 1}:${m.location.start.column}-${m.location.end.line + 1}:${m.location.end.column}`)
    : files;
  mkdirSync(OUT, { recursive: true });
  if (o.sample) {
    writeFileSync(
      `${OUT}/sample.json`,
      JSON.stringify(
        toRun.map((m) => ({
          file: m.d.file,
          start: { line: m.location.start.line + 1, column: m.location.start.column },
          end: { line: m.location.end.line + 1, column: m.location.end.column },
          // The drawn mutant itself (its location as Stryker's runner sees it: lines and columns from 0),
          // so that the runner skips the other mutants Stryker makes on the same node (not in the score).
          mutant: { mutator: m.d.mutator, replacement: m.replacement, line: m.location.start.line, column: m.location.start.column },
        })),
      ),
    );
    process.env.SSCC_MUTATION_SAMPLE = resolve(`${OUT}/sample.json`);
  }
  const { Stryker } = await import('@stryker-mutator/core');
  const t0 = Date.now();
  const results = await new Stryker({
    testRunner: 'sscc',
    plugins: [resolve('mutation/stryker-runner.mjs')],
    testRunnerNodeArgs: ['--import', 'tsx'],
    coverageAnalysis: 'perTest',
    ...(o.sample ? { ignorers: ['sscc-sample'] } : {}),
    mutate,
    concurrency: o.concurrency,
    timeoutMS: 20000,
    // The first run of the whole suite, on 2 shared cores under load, can take longer than Stryker's 5 minutes.
    dryRunTimeoutMinutes: 30,
    reporters: ['html', 'json', 'progress-append-only'],
    htmlReporter: { fileName: `${OUT}/mutation.html` },
    jsonReporter: { fileName: `${OUT}/mutation.json` },
    tempDirName: 'out/.stryker-tmp',
    ignorePatterns: ['/out', '/bench', '/build', '/docs', '/examples/terminal/dist', '*.log'],
    incremental: false,
    cleanTempDir: true,
    logLevel: 'warn',
  }).runMutationTest();
  const secs = (Date.now() - t0) / 1000;

  // Score over the drawn mutants (a sample) or all of them; equivalents out.
  // Stryker's results count lines and columns from 1 (the report schema), the instrumenter from 0.
  const from0 = (l) => ({ start: { line: l.start.line - 1, column: l.start.column - 1 }, end: { line: l.end.line - 1, column: l.end.column - 1 } });
  const byKey = new Map(
    results.map((r) => ({ ...r, location: from0(r.location) })).map((r) => [keyOf(describe(r)) + `@${r.location.start.line}:${r.location.start.column}`, r]),
  );
  const rerun = chosen.map((m) => {
    if (isEquivalent(m) && !recorded) return { ...m.d, status: 'Equivalent', reason: equivalents.of(m.d).reason };
    const r = byKey.get(keyOf(m.d) + `@${m.location.start.line}:${m.location.start.column}`);
    return { ...m.d, status: r?.status ?? 'NotRun', killedBy: r?.killedBy?.slice(0, 3), statusReason: r?.statusReason?.slice(0, 300) };
  });
  const rows = again ? [...rerun, ...again.kept.map((r) => (equivalents.of(r) ? { ...r, status: 'Equivalent', reason: equivalents.of(r).reason } : r))] : rerun;
  const drawArgs = `${o.sample ? ` --sample ${o.sample} --seed ${o.seed}` : ''}${o.files.map((f) => ` --file ${f}`).join('')}`;
  const summary = summarise(rows, files, {
    command: again
      ? `npm run mutation -- --again ${o.again} (the undetected of: ${again.command})`
      : recorded
        ? `npm run mutation -- --equivalents${o.files.map((f) => ` --file ${f}`).join('')} (the mutants mutation/equivalent.json records, run: a killed one is not equivalent)`
        : `npm run mutation${drawArgs && ` --${drawArgs}`}`,
    population: all.length,
    sample: again ? rows.length : o.sample ? chosen.length : undefined,
    extraRunByStryker: results.length - toRun.length,
    seconds: Math.round(secs),
  });
  writeFileSync(`${OUT}/score.json`, JSON.stringify(summary, null, 2) + '\n');
  print(summary, o);
}

/**
 * The earlier run's undetected rows matched to today's mutants: the same file, mutator, snippet and
 * replacement (the nearest line), else the same file, mutator and replacement whose snippet holds the
 * earlier one (an expression that grew); a row not found stays as it was (counted undetected).
 */
export function againOf(last, all) {
  // Undetected rows, and those left out as equivalent (today's equivalents among them are again left out,
  // the others run).
  const open = last.rows.filter((r) => UNDETECTED.has(r.status) || r.status === 'Equivalent');
  const taken = new Set();
  // Distance: lines apart, and 2 more for a grown snippet.
  const nearest = (list) => list.filter(({ m }) => !taken.has(m)).sort((a, b) => a.far - b.far)[0]?.m;
  const chosen = [];
  const kept = last.rows.filter((r) => !UNDETECTED.has(r.status) && r.status !== 'Equivalent');
  for (const r of open) {
    const same = all.filter((m) => keyOf(m.d) === keyOf(r)).map((m) => ({ m, far: Math.abs(m.d.line - r.line) }));
    const grown = all
      .filter((m) => m.d.file === r.file && m.d.mutator === r.mutator && m.d.replacement === r.replacement && norm(m.d.original).includes(norm(r.original)))
      .map((m) => ({ m, far: Math.abs(m.d.line - r.line) + 2 }))
      .filter(({ far }) => far < 20);
    const m = nearest([...same, ...grown]);
    if (m) {
      taken.add(m);
      chosen.push(m);
    } else kept.push({ ...r, statusReason: `not found in today's code; kept as ${r.status}` });
  }
  return { chosen, kept, command: last.command };
}

function tally(list) {
  const killed = list.filter((r) => DETECTED.has(r.status)).length;
  const undetected = list.filter((r) => UNDETECTED.has(r.status)).length;
  const equivalent = list.filter((r) => r.status === 'Equivalent').length;
  const invalid = list.length - killed - undetected - equivalent;
  const n = killed + undetected;
  const [lo, hi] = wilson(killed, n);
  return { mutants: list.length, killed, survived: undetected, equivalent, invalid, score: n ? killed / n : null, ci95: [lo, hi] };
}

function summarise(rows, files, head) {
  const perFile = Object.fromEntries(files.map((f) => [f, tally(rows.filter((r) => r.file === f))]).filter(([, t]) => t.mutants));
  return {
    command: head.command,
    population: head.population,
    sample: head.sample,
    extraRunByStryker: head.extraRunByStryker,
    seconds: head.seconds,
    total: tally(rows),
    files: perFile,
    survivors: rows.filter((r) => UNDETECTED.has(r.status)),
    invalid: rows.filter((r) => !DETECTED.has(r.status) && !UNDETECTED.has(r.status) && r.status !== 'Equivalent'),
    rows,
  };
}

function print(summary, o) {
  if (o.json) {
    process.stdout.write(JSON.stringify({ ...summary, rows: undefined }, null, 2) + '\n');
  } else {
    const pct = (x) => (x === null ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
    console.log(
      `\nmutation score (killed / killed + survived; equivalents and invalid out)${summary.sample ? `, sample of ${summary.sample} of ${summary.population} mutants (${summary.command})` : `, all ${summary.population} mutants`}:`,
    );
    for (const [f, t] of Object.entries(summary.files))
      console.log(
        `  ${pct(t.score)}  ${String(t.killed).padStart(4)} killed ${String(t.survived).padStart(3)} survived ${String(t.equivalent).padStart(3)} equivalent  ${f}`,
      );
    const t = summary.total;
    console.log(
      `  ${pct(t.score)}  total: ${t.killed} killed, ${t.survived} survived, ${t.equivalent} equivalent, ${t.invalid} invalid; 95 % interval ${pct(t.ci95[0]).trim()} – ${pct(t.ci95[1]).trim()} (${summary.seconds} s)`,
    );
    for (const s of summary.survivors)
      console.log(
        `  survived: ${s.file}:${s.line} ${s.mutator} ${JSON.stringify(norm(s.original)).slice(0, 70)} -> ${JSON.stringify(norm(s.replacement)).slice(0, 50)}`,
      );
    console.log(`reports: ${OUT}/mutation.html, ${OUT}/mutation.json, ${OUT}/score.json`);
  }
  process.exitCode = summary.total.score === null || summary.total.score >= 0.9 ? 0 : 1;
}

/** --rescore: the last run's rows (out/mutation/score.json) judged again with today's mutation/equivalent.json, nothing run. */
function rescore(o) {
  const last = JSON.parse(readFileSync(`${OUT}/score.json`, 'utf8'));
  const equivalents = loadEquivalents();
  // A row the run (or an earlier rescore) left out as equivalent whose entry is gone was never run: it
  // counts as undetected until `--again` runs it.
  const rows = last.rows.map((r) =>
    equivalents.of(r)
      ? { ...r, status: 'Equivalent', reason: equivalents.of(r).reason }
      : r.status === 'Equivalent'
        ? { ...r, status: 'Survived', statusReason: 'no longer recorded equivalent, not run: npm run mutation -- --again this file' }
        : r,
  );
  const summary = summarise(rows, [...new Set(rows.map((r) => r.file))], last);
  writeFileSync(`${OUT}/score.json`, JSON.stringify(summary, null, 2) + '\n');
  print(summary, o);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
