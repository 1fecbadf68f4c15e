/** Defects of the reference POS's application usage control check (reference-terminal/pboc/usage-control.ts), caught by features/terminal/financial-limits.feature. */
import type { Defect } from '../src/defects/defect.ts';

export const TERMINAL_USAGE_CONTROL_DEFECTS = [
] as const satisfies readonly Defect[];
