/**
 * The reference terminal's rules for the defects switched on (issue 15): each catalogued terminal defect
 * overrides spec rules (reference-terminal/rules.ts); the terminal code reads the rules, never a defect id.
 * Ids the terminal does not know (card defects in the same list) are no concern of it.
 */
import { TERMINAL_IMPLEMENTATIONS } from './defects.ts';
import { TERMINAL_MEDICAL_IMPLEMENTATIONS } from './defects-medical.ts';
import { TERMINAL_SETTLEMENT_IMPLEMENTATIONS } from './defects-settlement.ts';
import { TERMINAL_USAGE_CONTROL_IMPLEMENTATIONS } from './defects-usage-control.ts';
import { TERMINAL_SPEC_RULES, type TerminalDefectImpl, type TerminalRules } from './rules.ts';

export const TERMINAL_DEFECT_IMPLEMENTATIONS: Readonly<Record<string, TerminalDefectImpl>> = {
  ...TERMINAL_IMPLEMENTATIONS,
  ...TERMINAL_MEDICAL_IMPLEMENTATIONS,
  ...TERMINAL_SETTLEMENT_IMPLEMENTATIONS,
  ...TERMINAL_USAGE_CONTROL_IMPLEMENTATIONS,
};

/** The rules as a terminal with `defects` keeps them; each rule asks its defects' switches when read. */
export function terminalRules(defects: ReadonlySet<string>): TerminalRules {
  const breakers = new Map<string, string[]>();
  for (const [id, impl] of Object.entries(TERMINAL_DEFECT_IMPLEMENTATIONS))
    for (const r of Object.keys(impl.rules)) breakers.set(r, [...(breakers.get(r) ?? []), id]);
  const rules = {} as Record<string, boolean>;
  for (const [r, value] of Object.entries(TERMINAL_SPEC_RULES)) {
    const ids = breakers.get(r) ?? [];
    Object.defineProperty(rules, r, { enumerable: true, get: () => (ids.some((id) => defects.has(id)) ? false : value) });
  }
  return rules as TerminalRules;
}
