// Stryker test runner "sscc" (issue 15): the Gherkin suite of the proof's profiles in this process
// (src/run/mutation-suite.ts), loaded once, one Stryker test per scenario and run, and one per catalogued
// defect on the reference profiles (a named scenario that must FAIL with the defect on). The worker runs in the
// sandbox (its cwd), where the mutated sources are; it needs `--import tsx` (testRunnerNodeArgs).
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';
import { DryRunStatus, MutantRunStatus, TestStatus, determineHitLimitReached } from '@stryker-mutator/api/test-runner';

const ns = () => (globalThis.__stryker__ ??= {});

class SsccTestRunner {
  suite;

  capabilities() {
    // ESM modules cannot be unloaded: Stryker starts a new worker for a mutant that acts at load time.
    return { reloadEnvironment: false };
  }

  async load() {
    if (!this.suite) {
      const { MutationSuite } = await import(pathToFileURL(resolve(process.cwd(), 'src/run/mutation-suite.ts')).href);
      this.suite = new MutationSuite(process.cwd());
    }
    return this.suite;
  }

  async dryRun(options) {
    try {
      ns().activeMutant = undefined;
      const suite = await this.load();
      const results = await suite.run({});
      const tests = results.map((r) =>
        r.passed
          ? { id: r.id, name: r.name, status: TestStatus.Success, timeSpentMs: r.ms, fileName: r.uri, startPosition: { line: r.line, column: 1 } }
          : { id: r.id, name: r.name, status: TestStatus.Failed, failureMessage: r.message, timeSpentMs: r.ms, fileName: r.uri, startPosition: { line: r.line, column: 1 } },
      );
      const mutantCoverage = options.coverageAnalysis === 'off' ? undefined : ns().mutantCoverage;
      return { status: DryRunStatus.Complete, tests, ...(mutantCoverage ? { mutantCoverage } : {}) };
    } catch (e) {
      return { status: DryRunStatus.Error, errorMessage: String(e?.stack ?? e) };
    }
  }

  async mutantRun(options) {
    // --sample: a mutant Stryker made on a drawn node that is not itself drawn is not in the score; not run.
    if (!drawn(options.activeMutant)) return { status: MutantRunStatus.Error, errorMessage: 'not in the drawn sample (npm run mutation -- --sample): not run' };
    const g = ns();
    g.hitLimit = options.hitLimit;
    g.hitCount = options.hitLimit === undefined ? undefined : 0;
    // 'static': the mutant must be on while the modules load (a new worker, see capabilities).
    g.activeMutant = options.activeMutant.id;
    try {
      const suite = await this.load();
      const results = await suite.run({ ...(options.testFilter ? { only: new Set(options.testFilter) } : {}), bail: !options.disableBail });
      const timeout = determineHitLimitReached(g.hitCount, g.hitLimit);
      if (timeout) return { status: MutantRunStatus.Timeout, reason: timeout.reason };
      const failed = results.filter((r) => !r.passed);
      if (failed.length) return { status: MutantRunStatus.Killed, killedBy: failed.map((r) => r.id), failureMessage: `${failed[0].name}: ${failed[0].message}`, nrOfTests: results.length };
      return { status: MutantRunStatus.Survived, nrOfTests: results.length };
    } catch (e) {
      return { status: MutantRunStatus.Error, errorMessage: String(e?.stack ?? e) };
    } finally {
      g.activeMutant = undefined;
      g.hitLimit = undefined;
      g.hitCount = undefined;
    }
  }
}

/**
 * Ignorer "sscc-sample": with --sample, Stryker gets each drawn mutant's exact range, which also holds
 * the mutants of nested nodes; a node whose subtree holds no drawn mutant is left out (status Ignored),
 * so only the drawn mutants (and other mutators on the same node) run. The draw is in the file that
 * SSCC_MUTATION_SAMPLE names: [{ file, start: { line, column }, end }] (lines from 1, columns from 0).
 */
class SampleIgnorer {
  byFile;

  shouldIgnore(path) {
    if (!process.env.SSCC_MUTATION_SAMPLE) return undefined;
    this.byFile ??= groupByFile(JSON.parse(readFileSync(process.env.SSCC_MUTATION_SAMPLE, 'utf8')));
    const file = path.hub?.file?.opts?.filename;
    const loc = path.node.loc;
    if (!file || !loc) return undefined;
    const drawn = this.byFile.get(relative(process.cwd(), resolve(file)));
    if (!drawn) return undefined;
    return drawn.some((d) => holds(loc, d)) ? undefined : 'not in the drawn sample (npm run mutation -- --sample)';
  }
}

let drawnKeys;
const mutantKey = (mutator, replacement, line, column) => JSON.stringify([mutator, replacement, line, column]);

/** Whether a mutant is one of the drawn sample's (true when there is no sample). The worker runs in the sandbox: files are matched by their path's end. */
function drawn(m) {
  if (!process.env.SSCC_MUTATION_SAMPLE) return true;
  if (!drawnKeys) {
    drawnKeys = new Map();
    for (const d of JSON.parse(readFileSync(process.env.SSCC_MUTATION_SAMPLE, 'utf8'))) {
      const k = mutantKey(d.mutant.mutator, d.mutant.replacement, d.mutant.line, d.mutant.column);
      drawnKeys.set(k, [...(drawnKeys.get(k) ?? []), d.file]);
    }
  }
  const file = resolve(m.fileName).replaceAll('\\', '/');
  const files = drawnKeys.get(mutantKey(m.mutatorName, m.replacement, m.location.start.line, m.location.start.column)) ?? [];
  return files.some((f) => file === f || file.endsWith(`/${f}`));
}

function groupByFile(list) {
  const m = new Map();
  for (const d of list) m.set(d.file, [...(m.get(d.file) ?? []), d]);
  return m;
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const holds = (outer, inner) => before(outer.start, inner.start) && before(inner.end, outer.end);

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'sscc', SsccTestRunner), declareClassPlugin(PluginKind.Ignore, 'sscc-sample', SampleIgnorer)];
