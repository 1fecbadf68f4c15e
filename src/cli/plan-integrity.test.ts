/**
 * A plan cannot lie (issue 18): hand edits of plan.json are refused, named, before anything runs.
 * planFrom is what `sscc run --plan` calls; one spawn checks the exit code and message of the CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../run/test-support.ts';
import { loadProfile } from '../profile/load.ts';
import { buildPlan } from '../plan/plan.ts';
import { type PublicPlan, planDigest, publicPlan } from '../plan/load.ts';
import { planFrom } from './common.ts';
import { sscc } from './test-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sscc-plan-'));
const original = publicPlan(buildPlan(ROOT, loadProfile(join(ROOT, 'profiles/sim-reference.yaml'))));
let n = 0;
/** Write an edited copy of the plan; `reseal` recomputes its digest as a careful forger would. */
function edited(edit: (p: PublicPlan) => void, reseal = true): string {
  const p = JSON.parse(JSON.stringify(original)) as PublicPlan;
  edit(p);
  if (reseal) p.sha256 = planDigest(p);
  const file = join(tmp, `plan-${++n}.json`);
  writeFileSync(file, JSON.stringify(p, null, 2));
  return file;
}
const refused = (file: string) => {
  try {
    planFrom({ plan: file });
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('edited plans are refused with what is wrong', () => {
  it('the plan as written runs', () => {
    expect(refused(edited(() => {}, false))).toBe('accepted');
  });
  it('any edit without a new digest: the digest names it', () => {
    expect(refused(edited((p) => p.scenarios.splice(0, 3), false))).toMatch(/changed after sscc wrote it \(it records sha256 [0-9a-f]{64}, its content gives/);
  });
  it('dropped scenarios, digest recomputed: named as left out', () => {
    expect(refused(edited((p) => p.scenarios.splice(10, 2)))).toMatch(
      /scenario list disagrees with its features, tags and ICS: 2 left out \(features\/\S+\.feature:\d+ [A-Z]/,
    );
  });
  it('a scenario made applicable by hand', () => {
    expect(refused(edited((p) => Object.assign(p.scenarios.find((s) => !s.applicable) as object, { applicable: true })))).toMatch(/scenario list disagrees/);
  });
  it('features: []', () => {
    expect(refused(edited((p) => (p.features = [])))).toMatch(/features lists 0 of the \d+ feature files/);
  });
  it("an edited ICS under the profile file's hash", () => {
    expect(refused(edited((p) => (p.profile.data.ics.algorithms = ['3DES', 'SM4', 'RSA'])))).toMatch(
      /profile\.data\.ics differs from .*sim-reference\.yaml, whose sha256 the plan records|scenario list disagrees/,
    );
    expect(refused(edited((p) => (p.profile.data.product.model = 'Certified COS 9')))).toMatch(/profile\.data\.product differs/);
  });
  it('bad tags and bad sha256 values are named', () => {
    expect(refused(edited((p) => ((p as { tags?: unknown }).tags = 5)))).toMatch(/tags: must be a string/);
    expect(refused(edited((p) => (p.tags = '@a and (')))).toMatch(/tags: "@a and \(" is not a tag expression/);
    expect(refused(edited((p) => ((p.features[0] as { sha256: unknown }).sha256 = 7)))).toMatch(/features\[0\]\.sha256: must be a string/);
    expect(refused(edited((p) => ((p as { sha256: unknown }).sha256 = 'xyz'), false))).toMatch(/sha256: must be 64 lower-case hex digits/);
    expect(refused(edited((p) => delete (p as { sha256?: string }).sha256, false))).toMatch(/sha256: missing/);
  });
  it('exit 2 with the message, for a corrupted and for an edited plan', { timeout: 180_000 }, async () => {
    const corrupted = join(tmp, 'corrupt.json');
    writeFileSync(corrupted, JSON.stringify(original).slice(0, 5000));
    const [a, b] = await Promise.all([
      sscc('run', '--plan', corrupted, '--out', join(tmp, 'x')),
      sscc(
        'run',
        '--plan',
        edited((p) => (p.features = [])),
        '--out',
        join(tmp, 'y'),
      ),
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/corrupt\.json: not JSON/);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/features lists 0 of/);
    expect(a.stderr + b.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
  });
});
