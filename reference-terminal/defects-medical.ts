/** Defects of the reference terminal's medical functions (reference-terminal/sscard/medical.ts), caught by features/terminal/medical.feature. */
import type { Defect } from '../src/defects/defect.ts';
import { type TerminalDefectImpl, terminalRule } from './rules.ts';

export const TERMINAL_MEDICAL_DEFECTS = [
  {
    id: 'tm-debit-reports-success-on-refusal',
    area: 'terminal',
    title: 'iDoDebit reports success when the card refuses the purchase',
    description:
      'The status word of INITIALIZE / DEBIT FOR PURCHASE is not looked at: a bill above the balance (9401) is reported paid (sc_reader §8.1.4: 0 only on success).',
    mustFail: ['TM-MED-002', 'TM-MED-007'],
  },
  {
    id: 'tm-debit-skips-mac2-check',
    area: 'terminal',
    title: "iDoDebit does not have the PSAM check the card's MAC2",
    description:
      'Part 7 §12.7: the PSAM verifies MAC2 (CREDIT SAM FOR PURCHASE) and the terminal acts on the result; a card that answers a wrong MAC2 is reported as a success.',
    mustFail: ['TM-MED-003', 'TM-INT-014'],
  },
  {
    id: 'tm-debit-wrong-tac-reported',
    area: 'terminal',
    title: "iDoDebit reports a TAC other than the card's",
    description: "The TAC goes to the terminal's transaction record for the host to verify (part 7 §12.6); this terminal reports its bytes reversed.",
    mustFail: ['TM-MED-001', 'TM-INT-016'],
  },
  {
    id: 'tm-debit-without-pin',
    area: 'terminal',
    title: 'iDoDebit and iReadDebitRecord do not ask for the PIN',
    description:
      "A purchase from the card's account needs the PIN (part 7 §12; sc_reader §8.1.3 (6), §9.1.3 (4)); without VERIFY the card refuses INITIALIZE FOR PURCHASE and the reads of EF08 (6982).",
    mustFail: [
      'TM-MED-001',
      'TM-MED-002',
      'TM-MED-003',
      'TM-MED-004',
      'TM-MED-005',
      'TM-MED-010',
      'TM-MED-007',
      'TM-INT-010',
      'TM-INT-011',
      'TM-INT-012',
      'TM-INT-013',
      'TM-INT-014',
      'TM-INT-015',
      'TM-INT-016',
      'TM-INT-019',
      'TM-INT-020',
    ],
  },
  {
    id: 'tm-read-debit-records-first-only',
    area: 'terminal',
    title: 'iReadDebitRecord reports only the newest record',
    description: "iReadDebitRecord reads the card's purchase records in a loop (sc_reader §9.1.3 (5)).",
    mustFail: ['TM-MED-005'],
  },
  {
    id: 'tm-debit-pay-info-checked-after-pin',
    area: 'terminal',
    title: 'iDoDebit checks its pay information only after the PIN',
    description:
      'sc_reader §8.1.3 (1): the input parameters (§8.1.2 (3): amounts below 42949672.95 元, 交易时间 YYYYMMDDHHMMSS) are judged before the devices and the card; this terminal asks the PIN first and refuses (−14) afterwards.',
    mustFail: ['TM-MED-008', 'TM-MED-009', 'TM-INT-017', 'TM-MED-012'],
  },
  {
    id: 'tm-debit-amount-sign-dropped',
    area: 'terminal',
    title: 'iDoDebit takes a negative amount for its absolute value',
    description:
      'sc_reader §8.1.2 (3), §8.1.3 (1): the amounts are whole 分 from 0 to 42949672.95 元, judged before the card is addressed (−14); this terminal drops the sign of −100 and debits the account 100 fen.',
    mustFail: ['TM-MED-012'],
  },
  {
    id: 'tm-read-debit-record-total-as-difference',
    area: 'terminal',
    title: 'iReadDebitRecord reports 个人自付 less 统筹基金 as the purchase total',
    description:
      'sc_reader §9.1.2: 本次消费总金额 is the total of the purchase (个人自付 + 统筹基金, docs/medical.md), an amount in 元; this terminal subtracts the pooled part and reports −5.00 for a purchase of 5.00 self-paid and 10.00 pooled.',
    mustFail: ['TM-MED-005'],
  },
  {
    id: 'tm-read-debit-record-skips-malformed',
    area: 'terminal',
    title: 'iReadDebitRecord passes over an EF08 record it cannot read and reports success',
    description:
      'An EF08 record is 28 bytes (V2.0 §8.5.3); one that is not cannot be reported as a purchase, and sc_reader returns 0 only on success (§9.1.3). This terminal leaves the record out and reports success as if EF08 were whole.',
    mustFail: ['TM-MED-011'],
  },
] as const satisfies readonly Defect[];

/** Each defect's implementation: the terminal spec rules it breaks (reference-terminal/rules.ts). */
export const TERMINAL_MEDICAL_IMPLEMENTATIONS: Record<(typeof TERMINAL_MEDICAL_DEFECTS)[number]['id'], TerminalDefectImpl> = {
  'tm-debit-reports-success-on-refusal': terminalRule('debitReportsRefusal'),
  'tm-debit-skips-mac2-check': terminalRule('debitChecksMac2'),
  'tm-debit-wrong-tac-reported': terminalRule('debitReportsCardTac'),
  'tm-debit-without-pin': terminalRule('debitAsksPin'),
  'tm-read-debit-records-first-only': terminalRule('readDebitRecordsAll'),
  'tm-debit-pay-info-checked-after-pin': terminalRule('debitChecksPayInfoFirst'),
  'tm-read-debit-record-skips-malformed': terminalRule('readDebitRejectsMalformedRecord'),
  'tm-read-debit-record-total-as-difference': terminalRule('readDebitTotalIsSum'),
  'tm-debit-amount-sign-dropped': terminalRule('debitKeepsAmountSign'),
};
