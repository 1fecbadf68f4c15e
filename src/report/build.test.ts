/** A case that never started: ERROR when the run ended by itself (sscc failed), INCONCLUSIVE when it was stopped. */
import { describe, expect, it } from 'vitest';
import type { PlannedScenario } from '../plan/plan.ts';
import { buildReport, exitCodeOf } from './build.ts';
import { RunModel } from './model.ts';
import { rebuildFromText } from './rebuild.ts';
import { env, plan } from './test-fixtures.ts';

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
const withScenario = plan({ scenarios: [scenario] });

describe('a planned case that never started', () => {
  it('is ERROR (exit 3) when the run ended by itself: a worker that could not start is not a verdict', () => {
    const r = buildReport(withScenario, env, new RunModel(), undefined, true);
    expect(r.cases[0]?.verdict).toBe('ERROR');
    expect(r.cases[0]?.diagnosis?.id).toBe('run.neverStarted');
    expect(exitCodeOf(r.summary)).toBe(3);
  });

  it('is INCONCLUSIVE when the run was stopped (a signal, a report rebuilt from a killed run)', () => {
    const r = buildReport(withScenario, env, new RunModel());
    expect(r.cases[0]?.verdict).toBe('INCONCLUSIVE');
    expect(exitCodeOf(r.summary)).toBe(0);
    expect(buildReport(withScenario, env, new RunModel(), 'interrupted', true).cases[0]?.verdict).toBe('INCONCLUSIVE');
  });

  it('rebuilt from a stream: ERROR only when the stream holds its testRunFinished', () => {
    const started = '{"testRunStarted":{"timestamp":{"seconds":1,"nanos":0}}}\n';
    const finished = '{"testRunFinished":{"success":false,"timestamp":{"seconds":2,"nanos":0}}}\n';
    expect(rebuildFromText(withScenario, env, started).report.cases[0]?.verdict).toBe('INCONCLUSIVE');
    expect(rebuildFromText(withScenario, env, started + finished).report.cases[0]?.verdict).toBe('ERROR');
  });
});
