/**
 * The suite as one in-process test list for mutation testing (issue 15, `npm run mutation`): every
 * applicable scenario of the proof's profiles, each on a card of its own (target.fresh, as the defect
 * proof runs), loaded once and run again and again. A mutant is like a defect: it is killed when a
 * scenario that passes on the clean card does not pass with it. Stryker's instrumented code reads the
 * active mutant and records coverage through `globalThis.__stryker__`; `currentTestId` is set while a
 * scenario runs so that coverage is per scenario and each mutant runs only the scenarios that reach it.
 */
import { basename } from 'node:path';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type * as messages from '@cucumber/messages';
import { loadProfile } from '../profile/load.ts';
import { type Plan, buildPlan } from '../plan/plan.ts';
import { runInMemory } from './runner.ts';

/** The profiles and areas a mutant meets: those of the defect proof (src/cli/commands/defects.ts PROOF). */
export const MUTATION_RUNS: ReadonlyArray<{ profile: string; area?: string }> = [
  { profile: 'profiles/sim-reference.yaml' },
  { profile: 'profiles/terminal-reference.yaml' },
  { profile: 'profiles/sim-pboc-sm4.yaml', area: 'pboc' },
  { profile: 'profiles/sim-pboc30.yaml', area: 'pboc' },
  { profile: 'profiles/sim-cda.yaml', area: 'pboc' },
  { profile: 'profiles/sim-pboc30-cda.yaml', area: 'pboc' },
  { profile: 'profiles/sim-contactless.yaml', area: 'pboc' },
  { profile: 'profiles/sim-dual.yaml', area: 'pboc' },
  { profile: 'profiles/sim-sscard30.yaml', area: 'sscard' },
  { profile: 'profiles/sim-sscard10.yaml', area: 'sscard' },
  { profile: 'profiles/sim-sscard30.yaml', area: 'medical' },
];

export interface SuiteTest {
  /** `run:uri:line`, the run being the profile's name and its area. */
  id: string;
  name: string;
  uri: string;
  line: number;
  run: number;
}

export interface SuiteResult {
  id: string;
  name: string;
  uri: string;
  line: number;
  /** PASS, or what the suite said instead (FAIL, ERROR, INCONCLUSIVE with its reason). */
  passed: boolean;
  message: string;
  ms: number;
}

interface StrykerGlobal {
  currentTestId?: string;
  activeMutant?: string;
}

const stryker = (): StrykerGlobal => {
  const g = globalThis as { __stryker__?: StrykerGlobal };
  return (g.__stryker__ ??= {});
};

export class MutationSuite {
  private readonly plans: Plan[];
  private support: ISupportCodeLibrary | undefined;
  readonly tests: SuiteTest[];

  constructor(
    private readonly root: string,
    runs: ReadonlyArray<{ profile: string; area?: string }> = MUTATION_RUNS,
  ) {
    this.plans = runs.map(({ profile, area }) => {
      const plan = buildPlan(root, loadProfile(`${root}/${profile}`), area ? { areas: [area] } : {});
      const target = plan.profile.data.target;
      // A card of its own for each scenario, no defect: the clean card, as the defect proof runs it.
      const fresh = target.kind === 'sim' ? { ...target, fresh: true, defects: [] } : target;
      return { ...plan, profile: { ...plan.profile, data: { ...plan.profile.data, target: fresh } } };
    });
    this.tests = this.plans.flatMap((plan, run) => {
      const tag = `${basename(runs[run]?.profile ?? '', '.yaml')}${runs[run]?.area ? `/${runs[run]?.area}` : ''}`;
      return plan.scenarios
        .filter((s) => s.applicable && (!plan.areas || plan.areas.includes(s.area)))
        .map((s) => ({ id: `${tag}:${s.uri}:${s.line}`, name: `${tag} ${s.id} ${s.name}`, uri: s.uri, line: s.line, run }));
    });
  }

  /**
   * Run the tests of `only` (all when absent), run after run; stop at the first that does not pass
   * when `bail`. Each scenario's id is `__stryker__.currentTestId` while it runs.
   */
  async run(o: { only?: ReadonlySet<string>; bail?: boolean } = {}): Promise<SuiteResult[]> {
    const results: SuiteResult[] = [];
    for (const [run, plan] of this.plans.entries()) {
      const chosen = this.tests.filter((t) => t.run === run && (!o.only || o.only.has(t.id)));
      if (!chosen.length) continue;
      const byKey = new Map(chosen.map((t) => [`${t.uri}:${t.line}`, t]));
      const pickles = new Map<string, string>();
      const testCases = new Map<string, string>();
      const onEnvelope = (env: messages.Envelope) => {
        if (env.pickle) pickles.set(env.pickle.id, `${env.pickle.uri}:${env.pickle.location?.line ?? 0}`);
        if (env.testCase) testCases.set(env.testCase.id, env.testCase.pickleId);
        if (env.testCaseStarted) {
          const t = byKey.get(pickles.get(testCases.get(env.testCaseStarted.testCaseId) ?? '') ?? '');
          stryker().currentTestId = t?.id;
        }
        if (env.testCaseFinished) stryker().currentTestId = undefined;
      };
      const { model, support } = await runInMemory({
        root: this.root,
        plan,
        only: chosen,
        onEnvelope,
        ...(this.support ? { support: this.support } : {}),
        ...(o.bail ? { failFast: true } : {}),
      });
      this.support = support;
      const cases = new Map(model.cases().map((c) => [`${c.uri}:${c.line}`, c]));
      const stopped = o.bail && [...cases.values()].some((c) => c.verdict !== 'PASS');
      for (const t of chosen) {
        const c = cases.get(`${t.uri}:${t.line}`);
        if (!c && stopped) continue; // not reached: the run stopped at a failure
        const passed = c?.verdict === 'PASS';
        const message = c ? `${c.verdict}${c.reason ? `: ${c.reason}` : ''}` : 'INCONCLUSIVE: not run';
        results.push({ id: t.id, name: t.name, uri: t.uri, line: t.line, passed, message, ms: c?.durationMs ?? 0 });
      }
      if (o.bail && results.some((r) => !r.passed)) break;
    }
    return results;
  }
}
