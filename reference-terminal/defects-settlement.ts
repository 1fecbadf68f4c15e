/** Defects of the integrated terminal's medical settlement (reference-terminal/integrated/settlement.ts), caught by features/terminal/settlement.feature. */
import type { Defect } from '../src/defects/defect.ts';
import { type TerminalDefectImpl, terminalRule } from './rules.ts';

export const TERMINAL_SETTLEMENT_DEFECTS = [
  {
    id: 'tm-settle-bank-charges-whole-bill',
    area: 'terminal',
    title: 'The bank card is charged the whole self-paid amount, not what the account did not pay',
    description:
      'The financial part of a settlement is for the rest only (总体方案 二(二)3: 个人账户不足额或个人自费部分); this terminal charges the self-paid amount again after the account paid its part.',
    mustFail: ['TM-INT-010', 'TM-INT-011', 'TM-INT-012', 'TM-INT-016'],
  },
  {
    id: 'tm-settle-account-pays-self-funded',
    area: 'terminal',
    title: 'The medical account is asked for the self-funded items too',
    description:
      'The personal account may not pay the 个人自费 items of a bill (they go to the bank card); this terminal debits the account for the whole self-paid amount.',
    mustFail: ['TM-INT-012', 'TM-INT-019'],
  },
  {
    id: 'tm-settle-account-not-capped',
    area: 'terminal',
    title: 'The account is asked for more than it holds',
    description:
      'The terminal does not limit the account part to the balance (GET BALANCE): the card refuses INITIALIZE FOR PURCHASE (9401, part 7 §12.2) and a bill the bank card could have completed is not paid.',
    mustFail: ['TM-INT-011', 'TM-INT-013', 'TM-INT-016', 'TM-INT-020'],
  },
  {
    id: 'tm-settle-psam-during-payment',
    area: 'terminal',
    title: 'The PSAM is used during the bank purchase',
    description:
      'The PSAM serves the social-security application only (总体方案; part 7 §5.4); this terminal sends it a command with every command of the financial part.',
    mustFail: ['TM-INT-013'],
  },
  {
    id: 'tm-settle-charges-after-refusal',
    area: 'terminal',
    title: 'A refused account part is charged to the bank card in full',
    description:
      'When the medical account refuses (wrong PIN, MAC2 the PSAM refuses) the settlement stops; this terminal charges the whole self-paid amount to the bank card.',
    mustFail: ['TM-INT-014', 'TM-INT-015'],
  },
  {
    id: 'tm-settle-reports-approved-on-decline',
    area: 'terminal',
    title: 'A settlement whose bank part was declined is reported paid',
    description: "The bank card's refusal is not looked at: the terminal reports the bill paid though the rest is outstanding.",
    mustFail: ['TM-INT-016'],
  },
  {
    id: 'tm-settle-bill-checked-after-pin',
    area: 'terminal',
    title: 'A bill of more than 42949672.95 元 is refused only after the card was asked for the PIN',
    description:
      'sc_reader §8.1.2 (3), §8.1.3 (1): amounts above the 4 bytes of the account (42949672.95 元) are refused with −14 before the card is addressed; this terminal selects the card and verifies the PIN first.',
    mustFail: ['TM-INT-018'],
  },
  {
    id: 'tm-settle-refuses-wholly-self-funded',
    area: 'terminal',
    title: 'A self-paid part made only of self-funded items is refused as a bad bill',
    description:
      '总体方案 二(二)3: the 个人自费 items go to the bank card; a bill whose self-paid part is all self-funded is paid by the bank card alone (the account 0). This terminal refuses it (−14) as if the self-funded part were more than the self-paid one.',
    mustFail: ['TM-INT-019'],
  },
  {
    id: 'tm-settle-bank-part-with-ss-pin',
    area: 'terminal',
    title: "The bank part of a settlement verifies the social-security PIN, not the bank card's",
    description:
      "The financial application's offline PIN is its own (JR/T 0025.5 §11.4.2); this terminal sends the PIN entered for the social-security application to the debit application's VERIFY too.",
    mustFail: ['TM-INT-020'],
  },
] as const satisfies readonly Defect[];

export const TERMINAL_SETTLEMENT_IMPLEMENTATIONS: Record<(typeof TERMINAL_SETTLEMENT_DEFECTS)[number]['id'], TerminalDefectImpl> = {
  'tm-settle-bank-charges-whole-bill': terminalRule('settleBankChargesDifference'),
  'tm-settle-account-pays-self-funded': terminalRule('settleAccountExcludesSelfFunded'),
  'tm-settle-account-not-capped': terminalRule('settleAccountCappedByBalance'),
  'tm-settle-psam-during-payment': terminalRule('settlePsamSilentOnPayment'),
  'tm-settle-charges-after-refusal': terminalRule('settleStopsOnRefusal'),
  'tm-settle-reports-approved-on-decline': terminalRule('settleReportsBankResult'),
  'tm-settle-bill-checked-after-pin': terminalRule('settleChecksBillFirst'),
  'tm-settle-refuses-wholly-self-funded': terminalRule('settleAcceptsWhollySelfFunded'),
  'tm-settle-bank-part-with-ss-pin': terminalRule('settleUsesBankPin'),
};
