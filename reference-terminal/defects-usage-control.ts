/** Defects of the reference POS's application usage control check (reference-terminal/pboc/usage-control.ts), caught by features/terminal/financial-limits.feature. */
import type { Defect } from '../src/defects/defect.ts';
import { type TerminalDefectImpl, terminalRule } from './rules.ts';

export const TERMINAL_USAGE_CONTROL_DEFECTS = [
  {
    id: 'tm-fin-ignores-usage-control',
    area: 'terminal',
    title: 'The application usage control is not checked',
    description: 'Processing restrictions leave out the AUC check (JR/T 0025.5 §10.3.2): a domestic-only card is accepted abroad, a card for ATMs at a POS.',
    mustFail: ['TM-LIM-002', 'TM-LIM-004'],
  },
  {
    id: 'tm-fin-auc-always-domestic',
    area: 'terminal',
    title: 'Every card is taken for a domestic one',
    description:
      'The terminal does not compare its country code 9F1A with the issuer country code 5F28 (§10.3.2 step 1): a domestic-only card passes at a terminal abroad.',
    mustFail: ['TM-LIM-002'],
  },
  {
    id: 'tm-fin-auc-declines-every-foreign-card',
    area: 'terminal',
    title: 'A foreign card is refused whatever its usage control allows',
    description:
      'The terminal sets "requested service not allowed" whenever the country codes differ, without reading the AUC\'s international bits (§10.3.2 step 1).',
    mustFail: ['TM-LIM-003'],
  },
  {
    id: 'tm-fin-auc-no-terminal-check',
    area: 'terminal',
    title: 'The ATM / other terminals bits are not checked',
    description: 'Step 2 of the AUC check (§10.3.2: valid at ATMs, valid at terminals other than ATMs) is left out.',
    mustFail: ['TM-LIM-004'],
  },
  {
    id: 'tm-fin-auc-domestic-as-international',
    area: 'terminal',
    title: 'The usage control check takes every card for an international one',
    description:
      'Equal issuer and terminal country codes are domestic use (JR/T 0025.5 §10.3.2 step 1); this terminal judges a domestic-only card by its international bits and refuses it at home.',
    mustFail: [
      'TM-LIM-001',
      'TM-FIN-001',
      'TM-FIN-005',
      'TM-FIN-007',
      'TM-FIN-008',
      'TM-FIN-014',
      'TM-FIN-018',
      'TM-FIN-019',
      'TM-FIN-023',
      'TM-FIN-024',
      'TM-FIN-025',
      'TM-FIN-026',
      'TM-FIN-027',
      'TM-FIN-032',
      'TM-FIN-033',
      'TM-FIN-034',
      'TM-FIN-036',
      'TM-FIN-037',
      'TM-INT-001',
      'TM-INT-011',
      'TM-INT-012',
      'TM-INT-016',
      'TM-FIN-042',
      'TM-INT-019',
    ],
  },
  {
    id: 'tm-fin-country-code-not-sent',
    area: 'terminal',
    title: 'The terminal sends the default country code 0156 in GENERATE AC, not its own',
    description:
      "JR/T 0025.5 §14.2 table 31: CDOL1's 9F1A is the terminal's country code (the card's international velocity checks use it); this terminal, set to 0344, sends 0156.",
    mustFail: ['TM-LIM-005'],
  },
] as const satisfies readonly Defect[];

export const TERMINAL_USAGE_CONTROL_IMPLEMENTATIONS: Record<(typeof TERMINAL_USAGE_CONTROL_DEFECTS)[number]['id'], TerminalDefectImpl> = {
  'tm-fin-ignores-usage-control': terminalRule('checkUsageControl'),
  'tm-fin-auc-always-domestic': terminalRule('usageControlUsesTerminalCountry'),
  'tm-fin-auc-declines-every-foreign-card': terminalRule('usageControlFollowsAuc'),
  'tm-fin-auc-no-terminal-check': terminalRule('usageControlChecksTerminalType'),
  'tm-fin-auc-domestic-as-international': terminalRule('usageControlRecognisesDomestic'),
  'tm-fin-country-code-not-sent': terminalRule('terminalCountryInCdol'),
};
