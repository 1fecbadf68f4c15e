/**
 * The reference terminal's rules for the defects switched on (issue 15): each catalogued terminal defect
 * overrides spec rules (reference-terminal/rules.ts); the terminal code reads the rules, never a defect id.
 * Ids the terminal does not know (card defects in the same list) are no concern of it.
 */
import { TERMINAL_IMPLEMENTATIONS } from './defects.ts';
import { TERMINAL_MEDICAL_IMPLEMENTATIONS } from './defects-medical.ts';
import { TERMINAL_SPEC_RULES, type TerminalDefectImpl, type TerminalRules } from './rules.ts';

const IMPLEMENTATIONS: Readonly<Record<string, TerminalDefectImpl>> = { ...TERMINAL_IMPLEMENTATIONS, ...TERMINAL_MEDICAL_IMPLEMENTATIONS };

export function terminalRules(defects: Iterable<string>): TerminalRules {
  const rules: Record<string, boolean> = { ...TERMINAL_SPEC_RULES };
  for (const id of defects) if (Object.hasOwn(IMPLEMENTATIONS, id)) Object.assign(rules, (IMPLEMENTATIONS[id] as TerminalDefectImpl).rules);
  return rules as TerminalRules;
}
