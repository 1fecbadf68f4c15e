/** The environment of a run, recorded before the first scenario (docs/design.md: tool version, reader, ATR). */
import { execFileSync } from 'node:child_process';
import type { CardState } from './preflight.ts';
import type { Diagnosis } from '../verdict/messages.ts';
import os from 'node:os';
import { toHex } from '../bytes/hex.ts';
import type { Plan } from '../plan/plan.ts';
import { openChannel } from '../transport/open.ts';

export interface Environment {
  tool: { name: 'sscc'; version: string; commit?: string };
  node: string;
  platform: string;
  host: string;
  target: { kind: string; description: string; atr?: string; protocol?: string; error?: string };
  startedAt: string;
  finishedAt?: string;
  /** The card under test as it told its state before the first scenario and after the last (src/run/preflight.ts). */
  card?: { start?: CardState; end?: CardState; checks?: Diagnosis[]; cost?: Diagnosis[] };
}

/** The commit of the tool, read once per process (a process may run many plans). */
const commits = new Map<string, string | undefined>();
function gitCommit(root: string): string | undefined {
  if (!commits.has(root)) {
    let commit: string | undefined;
    try {
      commit =
        execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim() || undefined;
    } catch {
      commit = undefined;
    }
    commits.set(root, commit);
  }
  return commits.get(root);
}

/** Open the target once to read its ATR; a failure is recorded, not thrown: the scenarios will say INCONCLUSIVE. */
export async function probeEnvironment(root: string, plan: Plan): Promise<Environment> {
  const target = plan.profile.data.target;
  const commit = gitCommit(root);
  const env: Environment = {
    tool: { name: 'sscc', version: plan.tool.version, ...(commit ? { commit } : {}) },
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    host: os.hostname(),
    target: { kind: target.kind, description: target.kind === 'sim' ? `card-sim image "${target.image}"` : 'PC/SC reader' },
    startedAt: new Date().toISOString(),
  };
  try {
    const channel = await openChannel(target);
    const atr = await channel.reset();
    env.target = { kind: target.kind, description: channel.description, atr: toHex(atr), protocol: channel.protocol };
    await channel.close();
  } catch (e) {
    env.target.error = e instanceof Error ? e.message : String(e);
  }
  return env;
}
