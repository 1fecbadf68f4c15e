/**
 * Prove the suite: the clean image passes every scenario that applies, and each catalogued defect
 * makes exactly the scenarios it names fail (docs/design.md "Defects").
 */
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { DEFECTS, type Defect } from './catalogue.ts';
import type { Plan } from '../plan/plan.ts';
import type { Profile } from '../profile/profile.ts';
import { applicability } from '../plan/applicability.ts';
import type { PlannedScenario } from '../plan/plan.ts';
import type { RunModel, Verdict } from '../report/model.ts';
import { DefectProbe, type ProbeResult } from './defect-probe.ts';
import { CardRecorder } from './card-replay.ts';
import { runInMemory } from './runner.ts';

export interface DefectCheck {
  defect: string;
  ok: boolean;
  failed: string[];
  /** Named but did not fail. */
  missed: string[];
  /** Failed but not named. */
  unexpected: string[];
  /** Cases with ERROR or INCONCLUSIVE: the suite could not judge. */
  unjudged: string[];
  /** Cases of the defect's collateral areas that failed too (see Defect.collateralAreas). */
  collateral: string[];
}

const areaOf = (plan: Plan, id: string) => plan.scenarios.find((s) => s.id === id)?.area ?? '';

/** The plan cut to the scenarios of `areas` (by their @TC tags); unchanged when a scenario has no @TC tag. */
function narrowToAreas(plan: Plan, areas: ReadonlySet<string>): Plan {
  const kept = plan.scenarios.filter((s) => areas.has(s.area));
  const tc = kept.map((s) => s.tags.find((t) => t === `@TC:${s.id}`));
  if (kept.length === plan.scenarios.length || tc.some((t) => t === undefined)) return plan;
  const only = `(${[...new Set(tc)].join(' or ')})`;
  return { ...plan, scenarios: kept, tags: plan.tags ? `(${plan.tags}) and ${only}` : only };
}

/** The scenarios a defect must make fail on this profile's card: mustFail, and mustFailWhere where its tag holds. */
export function mustFailOn(d: Defect, profile: Profile): string[] {
  const extra = Object.entries(d.mustFailWhere ?? {})
    .filter(([tag]) => applicability([tag], profile).applicable)
    .flatMap(([, ids]) => ids);
  return [...new Set([...d.mustFail, ...extra])];
}

/** A case's verdict as the report gives it (src/report/build.ts): a planned case that never ran is INCONCLUSIVE. */
interface CaseVerdict {
  id: string;
  area: string;
  verdict: Verdict;
  reason: string;
}

const keyOf = (s: { uri: string; line: number }) => `${s.uri}:${s.line}`;

function verdictsOf(scenarios: readonly PlannedScenario[], model: RunModel): CaseVerdict[] {
  const byKey = new Map(model.cases().map((c) => [keyOf(c), c]));
  return scenarios.map((s) => {
    const c = byKey.get(keyOf(s));
    return { id: s.id, area: s.area, verdict: c?.verdict ?? 'INCONCLUSIVE', reason: c?.reason ?? 'not run: the run stopped before this case started' };
  });
}

/** The plan with exactly `defect` on (none for the clean card). */
function withDefect(plan: Plan, defect: string | undefined): Plan {
  const target = plan.profile.data.target;
  if (target.kind !== 'sim') throw new Error('defects verify needs a simulator profile');
  // A new card per scenario (target.fresh): each scenario meets the defect on a card of its own.
  return { ...plan, profile: { ...plan.profile, data: { ...plan.profile.data, target: { ...target, fresh: true, defects: defect ? [defect] : [] } } } };
}

/**
 * The areas whose scenarios a defect is not held to: the ones it names as collateral, and tearing under a
 * defect of another area (the tearing scenarios sweep commands whose preconditions the other areas prove).
 */
function collateralAreasOf(entry: Defect | undefined): readonly string[] {
  if (!entry) return [];
  return [...(entry.collateralAreas ?? []), ...(entry.area !== 'tearing' ? ['tearing'] : [])];
}

/** Judge one run: exactly the scenarios the defect names fail (none for the clean card), nothing else fails or goes unjudged. */
function judge(plan: Plan, defect: string | undefined, cases: readonly CaseVerdict[]): DefectCheck {
  const entry = defect ? DEFECTS.find((d) => d.id === defect) : undefined;
  // Named scenarios that do not apply to this profile cannot fail: they are not expected to.
  const applies = new Set(plan.scenarios.filter((s) => s.applicable).map((s) => s.id));
  const expected: string[] = (entry ? mustFailOn(entry, plan.profile.data) : []).filter((id) => applies.has(id));
  // Under a defect of another area the tearing sweeps' failures are collateral (the defect is held to its
  // own scenarios), under a tearing defect they are its own.
  const collateralAreas = collateralAreasOf(entry);
  // A scenario of a collateral area that fails or cannot be judged is reported but not held against the defect.
  const isCollateral = (c: CaseVerdict) =>
    !expected.includes(c.id) && collateralAreas.includes(c.area) && (c.verdict === 'FAIL' || c.verdict === 'INCONCLUSIVE');
  const collateral = cases.filter(isCollateral).map((c) => c.id);
  const failed = cases.filter((c) => c.verdict === 'FAIL').map((c) => c.id);
  // A scenario whose precondition the defect broke is blocked by the deviation that another scenario
  // reports (issue 14: one deviation is reported once): neither a FAIL of its own clause nor unjudged.
  const blocked = (c: CaseVerdict) => defect !== undefined && c.verdict === 'INCONCLUSIVE' && (c.reason ?? '').startsWith('precondition not met');
  const unjudged = cases
    .filter((c) => (c.verdict === 'ERROR' || c.verdict === 'INCONCLUSIVE') && !isCollateral(c) && !blocked(c))
    .map((c) => `${c.id} (${c.verdict}: ${c.reason})`);
  const missed = expected.filter((id) => !failed.includes(id));
  const unexpected = failed.filter((id) => !expected.includes(id) && !collateral.includes(id));
  return { defect: defect ?? '(none)', ok: !missed.length && !unexpected.length && !unjudged.length, failed, missed, unexpected, unjudged, collateral };
}

/**
 * One defect's run, held to "exactly the named scenarios fail". With `clean` (the clean card's verdicts
 * and the defects each scenario asked for, DefectProbe) only the scenarios that asked for this defect
 * run, and the named ones: every other scenario takes the clean card's path and keeps its clean verdict.
 */
export async function checkDefect(
  root: string,
  plan: Plan,
  defect: string | undefined,
  support?: ISupportCodeLibrary,
  clean?: CleanRun,
): Promise<DefectCheck & { support: ISupportCodeLibrary; ran: number }> {
  const planned = withDefect(plan, defect);
  const entry = defect ? DEFECTS.find((d) => d.id === defect) : undefined;
  const named = new Set(entry ? mustFailOn(entry, plan.profile.data) : []);
  const narrow = clean && defect && clean.narrowable && !clean.probe.outside.has(defect);
  // Of the scenarios that asked for the defect, those whose cards answer the same with it on keep their clean verdict (card-replay.ts).
  // A scenario of a collateral area that the defect does not name cannot change its judgement (it is
  // reported, not held against it): narrowed, it keeps its clean verdict instead of running.
  const collateral = new Set(collateralAreasOf(entry));
  const touches = (s: PlannedScenario) => named.has(s.id) || (!collateral.has(s.area) && clean?.probe.asked.get(keyOf(s))?.has(defect as string));
  const changed = (s: PlannedScenario) =>
    !clean?.recorder.sameWith(keyOf(s), defect as string, clean.probe.askedBy.get(keyOf(s))?.get(defect as string) ?? new Set());
  // A named scenario runs without a replay first: the defect must change it, so a replay would only find where.
  const only = narrow ? plan.scenarios.filter((s) => named.has(s.id) || (touches(s) && changed(s))) : undefined;
  const { model, support: loaded } = await runInMemory({ root, plan: planned, ...(support ? { support } : {}), ...(only ? { only } : {}) });
  const ran = new Set((only ?? plan.scenarios).map(keyOf));
  const fresh = new Map(verdictsOf(only ?? plan.scenarios, model).map((c) => [c.id, c]));
  const cases = narrow ? clean.cases.map((c) => fresh.get(c.id) ?? c) : [...fresh.values()];
  return { ...judge(plan, defect, cases), support: loaded, ran: ran.size };
}

/** The clean card's run with the probe on: its verdicts, and which defects each scenario asked for. */
interface CleanRun {
  cases: CaseVerdict[];
  probe: ProbeResult;
  /** The probe's record holds: everything ran in this process and nothing outlived a scenario. */
  narrowable: boolean;
  /** What each scenario's cards were asked and answered. */
  recorder: CardRecorder;
}

async function runClean(
  root: string,
  plan: Plan,
  support?: ISupportCodeLibrary,
): Promise<{ check: DefectCheck; clean: CleanRun; support: ISupportCodeLibrary }> {
  const probe = new DefectProbe(new Set(DEFECTS.map((d) => d.id)));
  const pickles = new Map<string, string>();
  const testCases = new Map<string, string>();
  const started = new Map<string, string>();
  const recorder = new CardRecorder();
  probe.start();
  recorder.start();
  let result: ProbeResult;
  let run: Awaited<ReturnType<typeof runInMemory>>;
  try {
    run = await runInMemory({
      root,
      plan: withDefect(plan, undefined),
      ...(support ? { support } : {}),
      onEnvelope: (env) => {
        if (env.pickle) pickles.set(env.pickle.id, keyOf({ uri: env.pickle.uri, line: env.pickle.location?.line ?? 0 }));
        if (env.testCase) testCases.set(env.testCase.id, env.testCase.pickleId);
        if (env.testCaseStarted) {
          const key = pickles.get(testCases.get(env.testCaseStarted.testCaseId) ?? '');
          if (key) started.set(env.testCaseStarted.id, key);
          probe.enter(key);
          recorder.enter(key);
        }
        if (env.testCaseFinished) {
          probe.enter(undefined);
          recorder.enter(undefined);
        }
      },
    });
  } finally {
    recorder.stop();
    result = probe.stop();
  }
  const cases = verdictsOf(plan.scenarios, run.model);
  // A terminal behind the command driver runs in its own processes, where the probe does not see.
  const inProcess = plan.profile.data.target.kind === 'sim' && plan.profile.data.terminal?.driver.kind !== 'command';
  return {
    check: judge(plan, undefined, cases),
    clean: { cases, probe: { ...result, shared: result.shared || recorder.shared }, narrowable: inProcess && !result.shared && !recorder.shared, recorder },
    support: run.support,
  };
}

/** One defect's line of `sscc defects --json`. */
export interface DefectResult {
  id: string;
  area: string;
  expected: string[];
  failed: string[];
  /** Every named scenario failed. */
  detected: boolean;
  /** Detected, and nothing else failed or went unjudged. */
  exact: boolean;
  unexpected: string[];
  unjudged: string[];
  collateral: string[];
}

export interface DefectSummary {
  total: number;
  detected: number;
  /** The clean image passed everything that applies. */
  clean: boolean;
  /** Applicable scenarios of the chosen area that no catalogued defect names: nothing proves they can fail. */
  unproven: string[];
  defects: DefectResult[];
}

/**
 * Areas whose unproven scenarios are reported but do not fail `defects verify` yet, while their defect
 * catalogue is being completed. None today: every applicable scenario of every area has a defect that
 * makes it fail.
 */
export const NOT_YET_PROVEN_AREAS: readonly string[] = [];

/** The areas the catalogue has, in catalogue order. */
export function defectAreas(): string[] {
  return [...new Set(DEFECTS.map((d) => d.area))];
}

/**
 * Run the catalogue on one profile. `support` is the step library of an earlier call in this process:
 * cucumber loads the step modules once per process, so a second profile must reuse it.
 */
export async function verifyDefects(o: {
  root: string;
  plan: Plan;
  outDir?: string;
  log: (s: string) => void;
  area?: string;
  support?: ISupportCodeLibrary;
}): Promise<DefectSummary & { ok: boolean; support?: ISupportCodeLibrary }> {
  let support: ISupportCodeLibrary | undefined = o.support;
  let allOk = true;
  // A defect none of whose named scenarios applies to this profile cannot be judged here (a terminal
  // defect on a card profile): it is left to the profile it is written for.
  const applies = new Set(o.plan.scenarios.filter((s) => s.applicable).map((s) => s.id));
  // A defect that exists only on some cards (Defect.ics: an RSA remainder missing) is left out elsewhere.
  const exists = (d: Defect) => !d.ics || applicability(d.ics, o.plan.profile.data).applicable;
  const chosen = DEFECTS.filter((d) => (!o.area || d.area === o.area) && mustFailOn(d, o.plan.profile.data).some((id: string) => applies.has(id)) && exists(d));
  // With --area, each run is narrowed to the areas the chosen defects name (their own, collateral ones):
  // an area run proves one catalogue on another card, while the whole-suite run on the reference
  // profile is the one that holds every defect to "nothing else fails".
  if (o.area)
    o = {
      ...o,
      plan: narrowToAreas(
        o.plan,
        new Set([
          o.area,
          ...chosen.flatMap((d) => mustFailOn(d, o.plan.profile.data).map((id) => areaOf(o.plan, id))),
          ...chosen.flatMap((d) => (d as Defect).collateralAreas ?? []),
        ]),
      ),
    };
  const results: DefectResult[] = [];
  let clean = true;
  let reference: CleanRun | undefined;
  for (const defect of [undefined, ...chosen.map((d) => d.id)]) {
    let r: DefectCheck;
    let ran = o.plan.scenarios.length;
    if (defect === undefined) {
      const c = await runClean(o.root, o.plan, support);
      r = c.check;
      support = c.support;
      // Narrowing is sound only from a clean card that passed (its verdicts stand in for the scenarios not run).
      reference = c.check.ok && process.env.SSCC_DEFECTS_FULL !== '1' ? c.clean : undefined;
      if (!reference)
        o.log(
          `every defect runs the whole plan: ${!c.check.ok ? 'the clean card did not pass' : process.env.SSCC_DEFECTS_FULL === '1' ? 'SSCC_DEFECTS_FULL=1' : ''}`,
        );
      else if (!reference.narrowable)
        o.log(
          `every defect runs the whole plan: ${reference.probe.shared ? 'a card or terminal outlives a scenario' : 'the terminal runs in its own processes'}`,
        );
    } else {
      const c = await checkDefect(o.root, o.plan, defect, support, reference);
      r = c;
      support = c.support;
      ran = c.ran;
    }
    allOk &&= r.ok;
    const entry = defect ? DEFECTS.find((d) => d.id === defect) : undefined;
    if (!entry) clean = r.ok;
    else
      results.push({
        id: entry.id,
        area: entry.area,
        expected: mustFailOn(entry, o.plan.profile.data),
        failed: r.failed,
        detected: r.missed.length === 0,
        exact: r.ok,
        unexpected: r.unexpected,
        unjudged: r.unjudged,
        collateral: r.collateral,
      });
    const detail = [
      r.missed.length ? `not caught: ${r.missed.join(', ')}` : '',
      r.unexpected.length ? `also failed: ${r.unexpected.join(', ')}` : '',
      r.unjudged.length ? `unjudged: ${r.unjudged.join('; ')}` : '',
    ].filter(Boolean);
    const own = r.failed.filter((id) => !r.collateral.includes(id));
    const more = r.collateral.length ? ` (+${r.collateral.length} collateral)` : '';
    o.log(
      `${r.ok ? 'ok  ' : 'BAD '} ${r.defect.padEnd(40)} failed: ${own.join(', ') || '-'}${more} [${ran} of ${o.plan.scenarios.length} run]${detail.length ? `\n     ${detail.join('\n     ')}` : ''}`,
    );
  }
  const named = new Set(DEFECTS.filter(exists).flatMap((d) => mustFailOn(d, o.plan.profile.data)));
  const unproven = o.plan.scenarios.filter((s) => s.applicable && (!o.area || s.area === o.area) && !named.has(s.id)).map((s) => s.id);
  // A scenario no defect makes fail has not shown that it can fail: that is a defect of the suite.
  // Areas not yet held to it (their defect catalogue is being completed) are reported, not failed.
  if (unproven.length) o.log(`no defect proves these scenarios can fail: ${unproven.join(', ')}`);
  allOk &&= unproven.every((id) => NOT_YET_PROVEN_AREAS.includes(o.plan.scenarios.find((s) => s.id === id)?.area ?? ''));
  o.log(
    allOk
      ? `every defect is caught by exactly its scenarios (${chosen.length} defects${o.area ? ` of area ${o.area}` : ''})`
      : 'the suite does not catch the catalogue as it claims',
  );
  return {
    ok: allOk,
    total: results.length,
    detected: results.filter((r) => r.detected).length,
    clean,
    unproven,
    defects: results,
    ...(support ? { support } : {}),
  };
}
