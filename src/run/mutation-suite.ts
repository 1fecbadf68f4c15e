/**
 * The suite as one in-process test list for mutation testing (issue 15, `npm run mutation`): every
 * applicable scenario of the proof's profiles, each on a card of its own (target.fresh, as the defect
 * proof runs), loaded once and run again and again. A mutant is like a defect: it is killed when a
 * scenario that passes on the clean card does not pass with it. The defect proof is part of the suite
 * too: on the reference profiles each catalogued defect's named scenarios are tests that pass when they
 * FAIL with the defect on, so a mutant in the code a defect's switch reaches (a spec rule turned off) is
 * killed when it hides the defect from its scenarios. Stryker's instrumented code reads the
 * active mutant and records coverage through `globalThis.__stryker__`; `currentTestId` is set while a
 * scenario runs so that coverage is per scenario and each mutant runs only the scenarios that reach it.
 */
import { basename } from 'node:path';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type * as messages from '@cucumber/messages';
import { forgetDecodedImages } from '../../card-sim/index.ts';
import { loadProfile } from '../profile/load.ts';
import { type Plan, buildPlan } from '../plan/plan.ts';
import { applicability } from '../plan/applicability.ts';
import { DEFECTS, type Defect } from './catalogue.ts';
import { mustFailOn } from './defects.ts';
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
  // The T=1 block layer (card-sim/cos/t1.ts) and the T=1 APDU path: the proof's iso7816 run over TPDUs.
  { profile: 'profiles/sim-reference-tpdu.yaml', area: 'iso7816' },
];

/**
 * The runs (indexes into the runs given) whose catalogued defects are tests too: the reference card and
 * terminal, where the catalogue is held to every area, and the T=1 card for the iso7816 defects. The
 * variant profiles' proofs repeat the same defects on other cards (3 times the scenarios): left out.
 */
export const DEFECT_RUNS: ReadonlyArray<{ profile: string; area?: string }> = [
  { profile: 'profiles/sim-reference.yaml' },
  { profile: 'profiles/terminal-reference.yaml' },
  { profile: 'profiles/sim-reference-tpdu.yaml', area: 'iso7816' },
];

export interface SuiteTest {
  /** `run:uri:line`, the run being the profile's name and its area. */
  id: string;
  name: string;
  uri: string;
  line: number;
  run: number;
  /** A test of the defect proof: this catalogued defect is on, and the test passes when the scenario FAILs. */
  defect?: string;
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

/** The plan with exactly `defect` on, a card of its own per scenario (as src/run/defects.ts runs the proof). */
function withDefect(plan: Plan, defect: string): Plan {
  const target = plan.profile.data.target;
  if (target.kind !== 'sim') return plan;
  return { ...plan, profile: { ...plan.profile, data: { ...plan.profile.data, target: { ...target, fresh: true, defects: [defect] } } } };
}

export class MutationSuite {
  private readonly plans: Plan[];
  private support: ISupportCodeLibrary | undefined;
  readonly tests: SuiteTest[];

  constructor(
    private readonly root: string,
    runs: ReadonlyArray<{ profile: string; area?: string }> = MUTATION_RUNS,
    defectRuns: ReadonlyArray<{ profile: string; area?: string }> = DEFECT_RUNS,
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
    // The defect proof's tests: each defect of the run's area (as src/run/defects.ts verifyDefects chooses
    // them) with the first of its named scenarios that applies on the profile: a mutant that hides the
    // defect from it is killed. All named scenarios would treble what a surviving mutant costs.
    for (const [run, plan] of this.plans.entries()) {
      const r = runs[run];
      if (!r || !defectRuns.some((d) => d.profile === r.profile && d.area === r.area)) continue;
      const tag = `${basename(r.profile, '.yaml')}${r.area ? `/${r.area}` : ''}`;
      const applies = new Map(plan.scenarios.filter((s) => s.applicable).map((s) => [s.id, s]));
      const exists = (d: Defect) => !d.ics || applicability(d.ics, plan.profile.data).applicable;
      for (const d of (DEFECTS as readonly Defect[]).filter((d) => (!r.area || d.area === r.area) && exists(d))) {
        const s = mustFailOn(d, plan.profile.data)
          .map((id) => applies.get(id))
          .find((x) => x !== undefined);
        if (s)
          this.tests.push({
            id: `${tag}+${d.id}:${s.uri}:${s.line}`,
            name: `${tag} with ${d.id}: ${s.id} must FAIL`,
            uri: s.uri,
            line: s.line,
            run,
            defect: d.id,
          });
      }
    }
  }

  /**
   * Run the tests of `only` (all when absent), run after run; stop at the first that does not pass
   * when `bail`. Each scenario's id is `__stryker__.currentTestId` while it runs.
   */
  async run(o: { only?: ReadonlySet<string>; bail?: boolean } = {}): Promise<SuiteResult[]> {
    const results: SuiteResult[] = [];
    // The clean card's tests first (run by run), then the defect proof's (defect by defect).
    const groups = new Map<string, SuiteTest[]>();
    for (const t of this.tests) {
      if (o.only && !o.only.has(t.id)) continue;
      const k = `${t.defect ? 1 : 0}:${t.run}:${t.defect ?? ''}`;
      groups.set(k, [...(groups.get(k) ?? []), t]);
    }
    const order = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const k of order) {
      const chosen = groups.get(k) as SuiteTest[];
      const { run, defect } = chosen[0] as SuiteTest;
      const plan = defect ? withDefect(this.plans[run] as Plan, defect) : (this.plans[run] as Plan);
      const byKey = new Map(chosen.map((t) => [`${t.uri}:${t.line}`, t]));
      const pickles = new Map<string, string>();
      const testCases = new Map<string, string>();
      const onEnvelope = (env: messages.Envelope) => {
        if (env.pickle) pickles.set(env.pickle.id, `${env.pickle.uri}:${env.pickle.location?.line ?? 0}`);
        if (env.testCase) testCases.set(env.testCase.id, env.testCase.pickleId);
        if (env.testCaseStarted) {
          // Each scenario's card decodes its image anew: a mutant in the decoding meets every scenario.
          forgetDecodedImages();
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
        // Cucumber's failFast stops at a failed case: with a defect on, failing is passing.
        ...(o.bail && !defect ? { failFast: true } : {}),
      });
      this.support = support;
      const cases = new Map(model.cases().map((c) => [`${c.uri}:${c.line}`, c]));
      const stopped = o.bail && !defect && [...cases.values()].some((c) => c.verdict !== 'PASS');
      for (const t of chosen) {
        const c = cases.get(`${t.uri}:${t.line}`);
        if (!c && stopped) continue; // not reached: the run stopped at a failure
        const passed = c?.verdict === (defect ? 'FAIL' : 'PASS');
        const message = c
          ? `${c.verdict}${c.reason ? `: ${c.reason}` : ''}${defect ? ` (with ${defect} on, the proof needs FAIL)` : ''}`
          : 'INCONCLUSIVE: not run';
        results.push({ id: t.id, name: t.name, uri: t.uri, line: t.line, passed, message, ms: c?.durationMs ?? 0 });
      }
      if (o.bail && results.some((r) => !r.passed)) break;
    }
    return results;
  }
}
