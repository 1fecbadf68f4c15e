/** Glue shared by the PBOC and life-cycle steps: the scenario's kernel over the World's card session. */
import { TERMINAL_DEFAULTS } from '../src/pboc/data.ts';
import { PbocTerminal } from '../src/pboc/kernel.ts';
import type { CardWorld } from './world.ts';

export const DEBIT_AID = 'A000000333010101';

export function pbocKernel(world: CardWorld): PbocTerminal {
  const have = world.memory.get('pboc kernel') as PbocTerminal | undefined;
  return have ?? world.remember('pboc kernel', new PbocTerminal(world, { ...TERMINAL_DEFAULTS }));
}
