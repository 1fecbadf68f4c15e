/** Defects of the integrated terminal's medical settlement (reference-terminal/integrated/settlement.ts), caught by features/terminal/settlement.feature. */
import type { Defect } from '../src/defects/defect.ts';

export const TERMINAL_SETTLEMENT_DEFECTS = [
] as const satisfies readonly Defect[];
