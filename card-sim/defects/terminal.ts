/**
 * Defects of the reference social-security terminal (src/terminal/sscard), caught by features/terminal:
 * the terminal suite must fail a terminal that breaks what it tests. Switched on like card defects
 * (profile target.defects or --defect); the reference driver and the example terminal program read them.
 */
import type { Defect } from './defect.ts';

export const TERMINAL_DEFECTS = [
  {
    id: 'tm-ignores-blacklist',
    area: 'terminal',
    title: 'The terminal does not check its blacklist',
    description: 'A card whose 卡识别码 is listed is accepted (社会保障卡规范 part 8 §7.2; part 7 card validity check).',
    mustFail: ['TM-SS-008', 'LC-TM-001'],
  },
  {
    id: 'tm-accepts-expired-card',
    area: 'terminal',
    title: 'The terminal accepts an expired card',
    description: '卡有效期 is not compared with the date (part 7 card validity check).',
    mustFail: ['TM-SS-007', 'LC-TM-002'],
  },
  {
    id: 'tm-expiry-check-reversed',
    area: 'terminal',
    title: 'The expiry check is reversed: valid cards are refused, expired ones accepted',
    description: 'The comparison of 卡有效期 with the date is the wrong way round (part 7 card validity check).',
    mustFail: ['TM-SS-001', 'TM-SS-002', 'TM-SS-003', 'TM-SS-006', 'TM-SS-007', 'TM-SS-009', 'LC-TM-001', 'LC-TM-002'],
  },
  {
    id: 'tm-readcardbas-field-order',
    area: 'terminal',
    title: 'iReadCardBas reports 卡号 and 社会保障号码 in each other\'s place',
    description: 'The pOutInfo fields are not in the LD/T 33 §1.1 order.',
    mustFail: ['TM-SS-001', 'TM-SS-002', 'TM-SS-003', 'TM-SS-006', 'LC-TM-001'],
  },
  {
    id: 'tm-skips-internal-auth',
    area: 'terminal',
    title: 'The terminal reads the card without authenticating it',
    description: 'No INTERNAL AUTHENTICATE with IRK before the cardholder data (part 7 §5.4): a cloned card is not detected.',
    mustFail: ['TM-SS-004'],
  },
  {
    id: 'tm-no-rk-on-3.0',
    area: 'terminal',
    title: 'The terminal does not authenticate with RK SSSE on a 3.0 card',
    description: 'EF06 of a 3.0 card is behind RK SSSE (LD/T 33 §10.2); the terminal reads it without the key and fails.',
    mustFail: ['TM-SS-002', 'TM-SS-005'],
  },
  {
    id: 'tm-name-without-extension',
    area: 'terminal',
    title: 'The terminal reports 姓名 without 姓名扩展 on 2.0 and 3.0 cards',
    description: 'Long names are cut: 姓名扩展 (4E) continues 姓名 from 2.0 on (LD/T 33 §1.1, V2.0 table 9).',
    mustFail: ['TM-SS-001', 'TM-SS-002', 'TM-SS-006', 'LC-TM-001'],
  },
  {
    id: 'tm-verify-pin-ascii',
    area: 'terminal',
    title: 'iVerifyPIN sends the PIN as ASCII digits',
    description: 'The PIN block must be cn, padded with F (社会保障卡规范 part 5 §6.14); the right PIN is refused and costs a try.',
    mustFail: ['TM-SS-010', 'TM-SS-012'],
  },
  {
    id: 'tm-wrong-pin-reported-locked',
    area: 'terminal',
    title: 'A wrong PIN is reported as locked (-52) while tries remain',
    description: 'LD/T 33 appendix A: -51 PIN wrong with tries left, -52 PIN locked.',
    mustFail: ['TM-SS-011'],
  },
  {
    id: 'tm-change-pin-swapped',
    area: 'terminal',
    title: 'iChangePIN sends the new PIN first',
    description: 'CHANGE PIN data is current PIN ‖ FF ‖ new PIN (part 5 §6.3); swapped, the card refuses it.',
    mustFail: ['TM-SS-012'],
  },
] as const satisfies readonly Defect[];
