/** A case that never started: ERROR when the run ended by itself (sscc failed), INCONCLUSIVE when it was stopped. */
import { describe, expect, it } from 'vitest';
import type { Plan, PlannedScenario } from '../plan/plan.ts';
import type { Environment } from '../run/environment.ts';
import { buildReport, exitCodeOf } from './build.ts';
import { RunModel } from './model.ts';
import { rebuildFromText } from './rebuild.ts';

const env: Environment = {
  tool: { name: 'sscc', version: '0.1.0', commit: 'abc' },
  node: 'v20',
  platform: 'linux',
  host: 'h',
  target: { kind: 'sim', description: 'card-sim', atr: '3B00' },
  startedAt: '2026-12-01T13:20:51.000Z',
  finishedAt: '2026-12-01T13:21:00.000Z',
};
const scenario: PlannedScenario = {
  id: 'ISO-SEL-001',
  name: 'SELECT the MF',
  area: 'iso7816',
  feature: 'SELECT',
  uri: 'features/iso7816/select.feature',
  line: 7,
  tags: ['@TC:ISO-SEL-001'],
  requirements: [],
  applicable: true,
} as PlannedScenario;
const plan = {
  schema: 'sscc-plan/1',
  createdAt: env.startedAt,
  tool: { name: 'sscc', version: '0.1.0' },
  profile: {
    file: 'p.yaml',
    sha256: 'ab'.repeat(32),
    data: { schema: 'sscc-profile/1', product: { kind: 'card', vendor: 'v', model: 'm' }, ics: {}, target: { kind: 'sim', image: 'reference' } },
  },
  features: [{ uri: scenario.uri, sha256: 'a'.repeat(64) }],
  scenarios: [scenario],
} as unknown as Plan;

describe('a planned case that never started', () => {
  it('is ERROR (exit 3) when the run ended by itself: a worker that could not start is not a verdict', () => {
    const r = buildReport(plan, env, new RunModel(), undefined, true);
    expect(r.cases[0]?.verdict).toBe('ERROR');
    expect(r.cases[0]?.diagnosis?.id).toBe('run.neverStarted');
    expect(exitCodeOf(r.summary)).toBe(3);
  });

  it('is INCONCLUSIVE when the run was stopped (a signal, a report rebuilt from a killed run)', () => {
    const r = buildReport(plan, env, new RunModel());
    expect(r.cases[0]?.verdict).toBe('INCONCLUSIVE');
    expect(exitCodeOf(r.summary)).toBe(0);
    expect(buildReport(plan, env, new RunModel(), 'interrupted', true).cases[0]?.verdict).toBe('INCONCLUSIVE');
  });

  it('rebuilt from a stream: ERROR only when the stream holds its testRunFinished', () => {
    const started = '{"testRunStarted":{"timestamp":{"seconds":1,"nanos":0}}}\n';
    const finished = '{"testRunFinished":{"success":false,"timestamp":{"seconds":2,"nanos":0}}}\n';
    expect(rebuildFromText(plan, env, started).report.cases[0]?.verdict).toBe('INCONCLUSIVE');
    expect(rebuildFromText(plan, env, started + finished).report.cases[0]?.verdict).toBe('ERROR');
  });
});
