/**
 * The reference terminal: the bundled terminal product that features/terminal tests (a PBOC POS, an
 * SSSE reader-terminal API with its medical operations), with its own defects. The harness reaches it
 * through this module only (docs/design.md "Layers").
 */
import type { Defect } from '../src/defects/defect.ts';
import { TERMINAL_DEFECTS as SS_AND_FINANCIAL } from './defects.ts';
import { TERMINAL_MEDICAL_DEFECTS } from './defects-medical.ts';
import { TERMINAL_SETTLEMENT_DEFECTS } from './defects-settlement.ts';
import { TERMINAL_USAGE_CONTROL_DEFECTS } from './defects-usage-control.ts';

export const TERMINAL_DEFECTS = [
  ...SS_AND_FINANCIAL,
  ...TERMINAL_MEDICAL_DEFECTS,
  ...TERMINAL_SETTLEMENT_DEFECTS,
  ...TERMINAL_USAGE_CONTROL_DEFECTS,
] as const satisfies readonly Defect[];
export type TerminalDefectId = (typeof TERMINAL_DEFECTS)[number]['id'];

export { FinancialTerminal, seededPercent, type FinancialTerminalConfig, type PosParameters } from './pboc/pos.ts';
export { iReadCardBas, type SsTerminalConfig } from './sscard/api.ts';
export { SS_OPERATIONS, performSsOperation } from './sscard/operations.ts';
export { terminalRules } from './faults.ts';
export type { TerminalRules } from './rules.ts';
export { SETTLEMENT_OPERATIONS, medicalSettlement, type BankPurchase } from './integrated/settlement.ts';
