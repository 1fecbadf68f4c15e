import { describe, expect, it } from 'vitest';
import { buildPlan } from './plan.ts';
import { PlanError, loadPlan, parsePlan, planDigest, publicPlan } from './load.ts';
import { loadProfile } from '../profile/load.ts';
import { ROOT } from '../run/test-support.ts';

const plan = publicPlan(buildPlan(ROOT, loadProfile(`${ROOT}profiles/sim-reference.yaml`)));
/** The plan's digest made right again, so that the checks behind it are reached. */
const resealed = (p: object) => ({ ...p, sha256: planDigest(p) });
const text = JSON.stringify(plan);

function message(t: string): string {
  try {
    parsePlan(t, 'p.json');
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    return (e as Error).message;
  }
  throw new Error('the plan was accepted');
}

describe('reading a plan back (sscc run --plan)', () => {
  it('accepts what sscc list --json writes', () => {
    expect(parsePlan(text).scenarios.length).toBe(plan.scenarios.length);
  });
  it('names bad JSON, the wrong schema, an unreadable file', () => {
    expect(message(text.slice(0, 100))).toMatch(/^--plan p\.json: not JSON .*sscc list --profile F --json/);
    expect(message(JSON.stringify({ ...plan, schema: 'x' }))).toMatch(/not an sscc plan \(schema is "x"/);
    expect(() => loadPlan('/nonexistent/plan.json')).toThrow(/cannot read the file \(ENOENT\)/);
  });
  it('names a number JSON reads as Infinity (found by the fuzzer: RangeError from the digest)', () => {
    expect(message(text.replace('"sha256":', '"big": 1e309, "sha256":'))).toMatch(
      /holds a value sscc never writes \(canonical JSON has no form for Infinity\)/,
    );
  });
  it('names the fields of the wrong shape, and checks the profile inside like a profile file', () => {
    const broken = {
      ...plan,
      scenarios: 'all',
      features: [{ uri: '../../etc/passwd', sha256: 1 }],
      profile: { ...plan.profile, data: { ...plan.profile.data, ics: { sscardVersion: 2 } } },
    };
    const m = message(JSON.stringify(resealed(broken)));
    expect(m).toMatch(/scenarios: must be an array/);
    expect(m).toMatch(/features\[0\]\.uri: "\.\.\/\.\.\/etc\/passwd" is not a feature file under features\//);
    expect(m).toMatch(/features\[0\]\.sha256: must be a string/);
    expect(m).toMatch(/profile\.data\.ics\.protocols: required field is missing/);
  });
});
