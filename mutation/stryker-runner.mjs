// Stryker test runner "sscc" (issue 15): the Gherkin suite of the proof's profiles in this process
// (src/run/mutation-suite.ts), loaded once, one Stryker test per scenario and run. The worker runs in the
// sandbox (its cwd), where the mutated sources are; it needs `--import tsx` (testRunnerNodeArgs).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
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

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'sscc', SsccTestRunner)];
