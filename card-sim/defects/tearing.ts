/**
 * Tearing defects (LD/T 6001.2 防拔): ways a COS breaks the atomic write discipline of its NVM. Each is an
 * NvmPolicy for the NVM layer (card-sim/cos/nvm.ts), not a branch in the applications; caught by
 * features/tearing.
 */
import type { Defect } from '../../src/defects/defect.ts';
import { type CardDefectImpl, nvm } from './kinds.ts';

export const TEARING_DEFECTS = [
  {
    id: 'tear-record-half-written',
    area: 'tearing',
    title: 'A record or binary update is written in place, without backup',
    description:
      'UPDATE RECORD/BINARY writes the new pages over the old ones with no backup buffer: a tear leaves the record part old, part new (LD/T 6001.2 防拔; 社会保障卡规范 part 5 §6.12–6.13).',
    mustFail: ['TEAR-SS-001', 'TEAR-SS-002'],
  },
  {
    id: 'tear-ec-balance-before-log',
    area: 'tearing',
    title: 'The EC balance is written before, and apart from, its log entry',
    description:
      'An offline EC purchase commits 9F79 in a unit of its own, then the log record: a tear between leaves the balance debited with no log entry (JR/T 0025.13 §7.4.5, §9).',
    mustFail: ['TEAR-PB-003'],
  },
  {
    id: 'tear-try-counter-after-compare',
    area: 'tearing',
    title: 'The PIN try counter is written after the comparison',
    description:
      'VERIFY (and EXTERNAL AUTHENTICATE) compare first and write the decrement only for a wrong PIN or cryptogram: a tear when the write starts keeps the try (社会保障卡规范 part 5 §6.14, §6.4; JR/T 0025.5 B.12; LD/T 6001.2 防拔).',
    mustFail: ['TEAR-PIN-002', 'TEAR-PIN-003', 'TEAR-AUTH-002'],
  },
  {
    id: 'tear-atc-after-cryptogram',
    area: 'tearing',
    title: 'The ATC is written back after the cryptogram',
    description:
      'GPO moves the ATC in a write-behind cache that reaches NVM only at the end of the next command that writes: GPO answers with its ATC not yet written, and a tear during GENERATE AC or an issuer script sends the ATC back to a value a cryptogram already used (JR/T 0025.5 §7.3, 9F36).',
    mustFail: ['TEAR-PB-001', 'TEAR-PB-002', 'TEAR-PB-003', 'TEAR-PB-004', 'TEAR-PB-005'],
  },
  {
    id: 'tear-counter-erased-before-write',
    area: 'tearing',
    title: 'A counter is erased before it is programmed',
    description:
      'The PIN and key try counters and the ATC are erased (FF) and then programmed, with no backup: a tear between leaves the counter FF, neither old nor new (LD/T 6001.2 防拔; JR/T 0025.5 §7.3).',
    mustFail: ['TEAR-PIN-001', 'TEAR-PIN-004', 'TEAR-PIN-005', 'TEAR-AUTH-001', 'TEAR-PB-001', 'TEAR-PB-005'],
  },
  {
    id: 'tear-recovery-skipped',
    area: 'tearing',
    title: 'The power-up does not run the recovery',
    description: 'The COS ignores a set commit flag at power-up, so a unit cut between its flag and its last page stays part-written (LD/T 6001.2 防拔).',
    mustFail: ['TEAR-SS-001', 'TEAR-SS-002', 'TEAR-PIN-004', 'TEAR-PIN-005', 'TEAR-CM-001', 'TEAR-PB-003', 'TEAR-PB-005', 'TEAR-MED-001'],
  },
  {
    id: 'tear-unblock-counter-before-pin',
    area: 'tearing',
    title: 'PIN UNBLOCK/RELOAD resets the try counter before it writes the PIN',
    description:
      'The try counter is committed in a unit of its own before the new PIN: a tear between leaves the counter reset with the old PIN, neither the state before nor after (社会保障卡规范 part 5 §6.8; JR/T 0025.5 B.10).',
    mustFail: ['TEAR-PIN-005', 'TEAR-PB-005'],
  },
  {
    id: 'tear-key-written-half',
    area: 'tearing',
    title: 'WRITE KEY writes the key in place, without backup',
    description:
      'The key value is written page by page over the old one with no backup buffer: a tear leaves a key that is part old, part new, and neither authenticates (社会保障卡规范 part 4 §5.2; LD/T 6001.2 防拔).',
    mustFail: ['TEAR-CM-001'],
  },
  {
    id: 'tear-ec-balance-erased-before-write',
    area: 'tearing',
    title: 'The EC balance is erased before the load programs it',
    description:
      'PUT DATA 9F79 (the EC load by issuer script) erases the balance and then programs it, with no backup: a tear between leaves the balance FF, neither old nor loaded (JR/T 0025.13 §7.5; JR/T 0025.5 C.2).',
    mustFail: ['TEAR-PB-004'],
  },
  {
    id: 'tear-medical-balance-before-detail',
    area: 'tearing',
    title: 'The medical balance is written before, and apart from, its sequence number and detail record',
    description:
      'CREDIT FOR LOAD and DEBIT FOR PURCHASE commit the balance in a unit of their own, then the sequence number, the proof and the EF08 record: a tear between moves the money with no record of it (社会保障卡规范 part 7 §11.8, §12.6).',
    mustFail: ['TEAR-MED-001'],
  },
  {
    id: 'tear-block-flag-erased-first',
    area: 'tearing',
    title: 'APPLICATION BLOCK and CARD BLOCK erase the block flag before they program it',
    description:
      'The SSSE writes its block flag by erasing the byte (FF) and then programming it, with no backup: a tear between leaves a flag that is neither "usable" nor "blocked" (社会保障卡规范 part 5 §6.1, §6.2; LD/T 6001.2 防拔).',
    mustFail: ['TEAR-SS-003', 'TEAR-PB-005'],
  },
  {
    id: 'tear-df-entry-written-behind',
    area: 'tearing',
    title: 'CREATE FILE answers 9000 for a DF it has not yet written',
    description:
      "The new DF's directory entry is kept in a RAM cache and written only with the next command that writes: the card confirms the DF, and a tear after the answer takes it away again (社会保障卡规范 part 4 §5.2; LD/T 6001.2 防拔: a command is whole once answered).",
    mustFail: ['TEAR-CM-002'],
  },
] as const satisfies readonly Defect[];

/** Each defect's NVM policy (kind `nvm`, card-sim/defects/kinds.ts). */
export const TEARING_IMPLEMENTATIONS: Record<(typeof TEARING_DEFECTS)[number]['id'], CardDefectImpl> = {
  'tear-record-half-written': nvm({ nonAtomic: /\|(data|rec\|\d+)$/ }),
  'tear-ec-balance-before-log': nvm({ ownUnitFirst: /\|state\|ec\|balance$/ }),
  'tear-try-counter-after-compare': nvm({ ignoreCommits: ['try'] }),
  'tear-atc-after-cryptogram': nvm({ writeBehind: /\|state\|atc$/ }),
  'tear-recovery-skipped': nvm({ skipRecovery: true }),
  'tear-counter-erased-before-write': nvm({ erasedFirst: /\|pin\|\d+\|tries$|\|state\|(atc|pinTries)$|\|state\|keyTries\|/ }),
  'tear-unblock-counter-before-pin': nvm({ ownUnitFirst: /\|pin\|\d+\|tries$|\|state\|pinTries$/ }),
  'tear-key-written-half': nvm({ nonAtomic: /\|state\|masterKey\|key$|\|state\|loadedKeys$/ }),
  'tear-ec-balance-erased-before-write': nvm({ erasedFirst: /\|state\|ec\|balance$/ }),
  'tear-medical-balance-before-detail': nvm({ ownUnitFirst: /\|state\|medical\|balance$/ }),
  'tear-block-flag-erased-first': nvm({ erasedFirst: /\|state\|(blocked|cardBlocked)$/ }),
  'tear-df-entry-written-behind': nvm({ writeBehind: /\|df\|/ }),
};
