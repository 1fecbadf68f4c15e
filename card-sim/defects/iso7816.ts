/** Defects of the ISO/IEC 7816-4 command layer, caught by features/iso7816. */
import type { Defect } from './defect.ts';

export const ISO7816_DEFECTS = [
  {
    id: 'read-binary-ignores-offset',
    area: 'iso7816',
    title: 'READ BINARY ignores the offset in P1-P2',
    description: 'Reads always start at offset 0 (ISO/IEC 7816-4 §7.2.3).',
    mustFail: ['ISO-RB-001', 'ISO-RB-002', 'ISO-RB-003', 'ISO-RB-004'],
  },
  {
    id: 'read-binary-ignores-access-condition',
    area: 'iso7816',
    title: 'READ BINARY does not check the read access condition',
    description: 'A transparent EF behind a key is read without authentication (ISO/IEC 7816-4 §7.2.3, 6982).',
    mustFail: ['ISO-RB-008', 'SSSE_SAFETY-04', 'SSSE_SAFETY-09', 'SSSE_SAFETY-10'],
  },
  {
    id: 'read-record-ignores-access-condition',
    area: 'iso7816',
    title: 'READ RECORD does not check the read access condition',
    description: 'A record EF behind the PIN is read before VERIFY (ISO/IEC 7816-4 §7.3.3, 6982).',
    mustFail: ['ISO-RR-006'],
  },
  {
    id: 'wrong-cla-accepted',
    area: 'iso7816',
    title: 'Commands with an unsupported class are executed',
    description: 'The class byte is not checked: no 6E00 for a proprietary class, no 6881 for a logical channel (ISO/IEC 7816-4 §5.1.1).',
    mustFail: ['ISO-CLA-001', 'ISO-CLA-002'],
  },
  {
    id: 'get-challenge-repeats',
    area: 'iso7816',
    title: 'GET CHALLENGE returns the same random every time',
    description: 'The challenge is constant, so external authentication can be replayed (ISO/IEC 7816-4 §7.5.3).',
    mustFail: ['ISO-GC-002', 'SS-EA-003'],
  },
  {
    id: 'pin-counter-not-decremented',
    area: 'iso7816',
    title: 'A wrong PIN does not decrement the try counter',
    description: 'VERIFY with a wrong PIN answers 63Cx with x unchanged and never blocks (ISO/IEC 7816-4 §7.5.6).',
    mustFail: ['ISO-VER-001', 'ISO-VER-003', 'SS-PIN-001', 'SS-PIN-008'],
  },
  {
    id: 't0-case4-data-without-61xx',
    area: 'iso7816',
    title: 'Over T=0, a command with data returns its response data directly',
    description: 'A case 3/4 command answers data instead of 61xx, which a T=0 reader cannot carry (ISO/IEC 7816-3 §12.2.2).',
    mustFail: ['ISO-T0-001', 'ISO-T0-002'],
  },
  {
    id: 'file-not-found-as-6a80',
    area: 'iso7816',
    title: 'A file or application that does not exist answers 6A80 instead of 6A82',
    description: 'SELECT and READ BINARY by SFI report a missing file as incorrect data (ISO/IEC 7816-4 §5.6 table 6).',
    mustFail: ['ISO-SEL-004', 'ISO-SEL-005', 'ISO-RB-007'],
  },
  {
    id: 'blocked-pin-still-verifies',
    area: 'iso7816',
    title: 'A blocked PIN is still accepted',
    description: 'After the last try VERIFY with the right PIN answers 9000 instead of 6983 (社会保障卡规范 part 5 §6.14).',
    mustFail: ['ISO-VER-003'],
  },
  {
    id: 'read-record-le00-returns-data',
    area: 'iso7816',
    title: 'READ RECORD with Le 00 returns the record instead of 6Cxx',
    description: 'The card does not tell the record length first (社会保障卡规范 part 5 §6.10).',
    mustFail: ['ISO-RR-004'],
  },
  {
    id: 'atr-historical-bytes-short',
    area: 'iso7816',
    title: 'The ATR carries one historical byte fewer than T0 declares',
    description: 'T0 says K historical bytes but the card sends K-1 (ISO/IEC 7816-3 §8.2.2).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-002'],
  },
] as const satisfies readonly Defect[];
