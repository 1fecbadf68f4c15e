/** Rebuild a report from a run folder's messages.ndjson (plus plan.json and environment.json beside it). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as messages from '@cucumber/messages';
import type { Plan } from '../plan/plan.ts';
import type { Environment } from '../run/environment.ts';
import { type Report, buildReport } from './build.ts';
import { RunModel } from './model.ts';
import { UsageError } from '../cli/errors.ts';


export function rebuildFromStream(file: string): Report {
  const dir = dirname(file);
  const need = (name: string) => {
    const p = join(dir, name);
    if (!existsSync(p)) throw new UsageError(`${p} is missing: a run folder holds messages.ndjson, plan.json and environment.json`);
    return readFileSync(p, 'utf8');
  };
  const plan = JSON.parse(need('plan.json')) as Plan;
  const environment = JSON.parse(need('environment.json')) as Environment;
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const model = new RunModel();
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const line of lines) {
    if (!line.trim()) continue;
    let env: messages.Envelope;
    try {
      env = JSON.parse(line) as messages.Envelope;
    } catch {
      break; // a line cut off by a crash ends the stream
    }
    model.accept(env);
  }
  return buildReport(plan, environment, model);
}
