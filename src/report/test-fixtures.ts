/** A run environment and a plan for the report module's tests (no card, no files). */
import type { Plan } from '../plan/plan.ts';
import type { Environment } from '../run/environment.ts';

export const env: Environment = {
  tool: { name: 'sscc', version: '0.1.0', commit: 'abc' },
  node: 'v20',
  platform: 'linux',
  host: 'h',
  target: { kind: 'sim', description: 'card-sim', atr: '3B00' },
  startedAt: '2026-12-01T13:20:51.000Z',
  finishedAt: '2026-12-01T13:21:00.000Z',
};

export function plan(over: Partial<Plan> = {}, data: Record<string, unknown> = {}): Plan {
  return {
    schema: 'sscc-plan/1',
    createdAt: env.startedAt,
    tool: { name: 'sscc', version: '0.1.0' },
    profile: {
      file: 'p.yaml',
      sha256: 'ab'.repeat(32),
      data: {
        schema: 'sscc-profile/1',
        product: { kind: 'card', vendor: 'v', model: 'm', serial: 'SN1' },
        ics: { protocols: ['T=0'], algorithms: ['3DES'], sscardVersion: '2.0', pboc: '2.0' },
        target: { kind: 'sim', image: 'reference' },
        ...data,
      } as Plan['profile']['data'],
    },
    features: [
      { uri: 'features/b.feature', sha256: 'b'.repeat(64) },
      { uri: 'features/a.feature', sha256: 'a'.repeat(64) },
    ],
    scenarios: [],
    ...over,
  } as Plan;
}
