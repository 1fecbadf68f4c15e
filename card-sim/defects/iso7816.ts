/** Defects of the ISO/IEC 7816-4 command layer, caught by features/iso7816. */
import type { Defect } from '../../src/defects/defect.ts';
import { SW } from '../../src/apdu/sw.ts';
import { APPLICATIONS } from '../apps/index.ts';
import { type CardDefectImpl, rule, wrap } from './kinds.ts';

export const ISO7816_DEFECTS = [
  {
    id: 'read-binary-ignores-offset',
    area: 'iso7816',
    title: 'READ BINARY ignores the offset in P1-P2',
    description: 'Reads always start at offset 0 (ISO/IEC 7816-4 §7.2.3).',
    mustFail: ['ISO-RB-001', 'ISO-RB-002', 'ISO-RB-003', 'ISO-RB-004', 'SW-OFS-01'],
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
    mustFail: ['ISO-RR-006', 'DA-FW-004'],
  },
  {
    id: 'wrong-cla-accepted',
    area: 'iso7816',
    title: 'Commands with an unsupported class are executed',
    description: 'The class byte is not checked: no 6E00 for a proprietary class, no 6881 for a logical channel (ISO/IEC 7816-4 §5.1.1).',
    mustFail: [
      'ISO-CLA-001',
      'ISO-CLA-002',
      'SS-MED-006',
      'SW-CLA-01',
      'SW-CLA-02',
      'SW-CLA-03',
      'SW-CLA-04',
      'SW-CLA-05',
      'SW-CLA-06',
      'SW-CLA-07',
      'SW-CLA-08',
      'SW-CLA-09',
      'SW-CLA-10',
      'SW-CLA-11',
      'SW-CLA-12',
      'SW-CLA-13',
      'SW-CLA-14',
      'SW-CLA-15',
      'SW-CLA-16',
      'SW-CLA-17',
      'SW-CLA-18',
      'SW-CLA-19',
      'SW-CLA-20',
      'SW-CLA-21',
    ],
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
    mustFail: ['ISO-VER-001', 'ISO-VER-003', 'SS-PIN-001', 'SS-PIN-008', 'DA-PIN-001'],
  },
  {
    id: 't0-case4-data-without-61xx',
    area: 'iso7816',
    title: 'Over T=0, a command with data returns its response data directly',
    description: 'A case 3/4 command answers data instead of 61xx, which a T=0 reader cannot carry (ISO/IEC 7816-3 §12.2.2).',
    mustFail: [
      'ISO-T0-001',
      'ISO-T0-002',
      'ISO-T0-003',
      'ISO-T0-004',
      'ISO-SEL-001',
      'ISO-SEL-005',
      'DA-CMK-003',
      'DA-CMK-004',
      'DA-CMK-005',
      'DA-CMK-006',
      'DA-PERS-001',
      'DA-PERS-002',
      'DA-PERS-003',
      'DA-PERS-004',
      'DA-PERS-006',
      'DA-PERS-007',
      'DA-PERS-008',
      'DA-FW-006',
      'SW-P12-05',
      'SS-PSAM-003',
      'SS-PSAM-004',
    ],
    // 61xx is T=0's procedure (ISO/IEC 7816-3 §12.2.2): no defect of a T=1 card.
    ics: ['@ics:t0'],
  },
  {
    id: 'file-not-found-as-6a80',
    area: 'iso7816',
    title: 'A file or application that does not exist answers 6A80 instead of 6A82',
    description: 'SELECT and READ BINARY by SFI report a missing file as incorrect data (ISO/IEC 7816-4 §5.6 table 6).',
    mustFail: ['ISO-SEL-004', 'ISO-SEL-005', 'ISO-RB-007', 'DA-FW-002', 'PB-PPSE-004', 'DA-FIN-005', 'ISO-SEL-011', 'ISO-SEL-012', 'SW-EF-06', 'PB-SC-016'],
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
  {
    id: 'unknown-ins-answers-6e00',
    area: 'iso7816',
    title: 'An unknown instruction answers 6E00 instead of 6D00',
    description:
      'The COS reports an instruction it does not know as an unsupported class, so a terminal cannot tell the two apart (ISO/IEC 7816-4 §5.1.2, §5.6 table 6).',
    mustFail: ['ISO-INS-001', 'ISO-INS-002'],
  },
  {
    id: 'lc-mismatch-accepted',
    area: 'iso7816',
    title: 'A command whose Lc disagrees with its data is executed',
    description: 'Lc is not checked against the bytes that came; the command runs on what is there instead of answering 6700 (ISO/IEC 7816-4 §5.1).',
    mustFail: ['ISO-LEN-001'],
  },
  {
    id: 'select-mf-fid-not-found',
    area: 'iso7816',
    title: 'SELECT of the MF by its file identifier 3F00 answers 6A82',
    description: '3F00 is not recognised as the MF when the current DF is the MF (ISO/IEC 7816-4 §7.1.1, §5.3.1.1).',
    mustFail: ['ISO-SEL-001'],
    collateralAreas: ['dual-app', 'lifecycle'],
  },
  {
    id: 'fci-without-df-name',
    area: 'iso7816',
    title: 'The FCI of a DF carries no DF name (84)',
    description:
      'SELECT of a DF answers an FCI template 6F without the DF name the terminal needs to know what it selected (ISO/IEC 7816-4 §5.3.3 table 12; 社会保障卡规范 part 5 §6.11).',
    mustFail: [
      'ISO-SEL-002',
      'ISO-SEL-003',
      'ISO-SEL-010',
      'ISO-SEL-011',
      'ISO-SEL-013',
      'ISO-T0-001',
      'DA-ENV-001',
      'ISO-VER-003',
      'TEAR-SS-001',
      'TEAR-SS-002',
      'TEAR-PIN-001',
      'TEAR-PIN-002',
      'TEAR-PIN-004',
      'ISO-T1B-002',
      'ISO-T1B-003',
      'ISO-T1B-005',
      'ISO-T1B-006',
      'ISO-T1B-007',
    ],
    collateralAreas: ['sscard', 'pboc', 'dual-app', 'lifecycle', 'medical'],
  },
  {
    id: 'select-partial-name-unsupported',
    area: 'iso7816',
    title: 'SELECT by DF name only matches whole names',
    description: 'A right-truncated DF name is not found (6A82), so partial selection of the SSSE or of a family of AIDs fails (ISO/IEC 7816-4 §7.1.1).',
    mustFail: ['ISO-SEL-003', 'ISO-SEL-010'],
  },
  {
    id: 'select-p1-unchecked',
    area: 'iso7816',
    title: 'SELECT with an undefined P1 is executed as P1 00',
    description: 'P1 values the spec does not define are not refused with 6A86 (ISO/IEC 7816-4 §7.1.1 table 39).',
    mustFail: ['ISO-SEL-006'],
  },
  {
    id: 'select-fid-length-unchecked',
    area: 'iso7816',
    title: 'SELECT by file identifier with a one-byte identifier answers 6A82',
    description: 'A file identifier is two bytes; a wrong Lc must answer 6700, not "file not found" (ISO/IEC 7816-4 §7.1.1; 社会保障卡规范 part 5 §6.11).',
    mustFail: ['ISO-SEL-007'],
  },
  {
    id: 'select-p2-0c-returns-fci',
    area: 'iso7816',
    title: 'SELECT with P2 0C still returns the FCI',
    description:
      'P2 0C asks for no response data (ISO/IEC 7816-4 §7.1.1 table 40); the COS sends its FCI whatever P2 and Le ask, so over T=1 a case-3 SELECT gets data too (ISO/IEC 7816-4 §5.1; over T=0 it answers 61xx).',
    mustFail: ['ISO-SEL-008'],
    collateralAreas: ['dual-app'],
    mustFailWhere: { '@ics:t1': ['ISO-SEL-001', 'ISO-SEL-005'] },
  },
  {
    id: 'select-ef-not-made-current',
    area: 'iso7816',
    title: 'SELECT of an EF answers 9000 but does not make it current',
    description: 'A following READ BINARY without an SFI has no current EF (ISO/IEC 7816-4 §7.1.1, §5.3.1).',
    mustFail: [
      'ISO-SEL-009',
      'ISO-SEL-012',
      'ISO-RB-001',
      'ISO-RB-002',
      'ISO-RB-003',
      'ISO-RB-004',
      'ISO-RB-005',
      'ISO-RB-008',
      'ISO-RR-005',
      'ISO-RR-010',
      'ISO-RR-011',
      'SW-OFS-01',
      'TEAR-SS-001',
    ],
  },
  {
    id: 'select-next-occurrence-repeats-first',
    area: 'iso7816',
    title: 'SELECT next occurrence (P2 02) returns the first match again',
    description: 'The terminal cannot enumerate the applications of a family of AIDs (ISO/IEC 7816-4 §7.1.1 table 40).',
    mustFail: ['ISO-SEL-010', 'ISO-SEL-011'],
  },
  {
    id: 'read-ignores-file-structure',
    area: 'iso7816',
    title: 'READ BINARY and READ RECORD do not check the file structure',
    description:
      'READ BINARY of a record EF and READ RECORD of a transparent EF return data instead of 6981 (ISO/IEC 7816-4 §7.2.3, §7.3.3; 社会保障卡规范 part 5 §6.9, §6.10).',
    mustFail: ['ISO-RB-005', 'ISO-RR-005'],
  },
  {
    id: 'read-binary-no-current-ef-6a82',
    area: 'iso7816',
    title: 'READ BINARY with no current EF answers 6A82 instead of 6986',
    description: '"No current EF" is a command-not-allowed condition, not a missing file (ISO/IEC 7816-4 §7.2.3, §5.6 table 6).',
    mustFail: ['ISO-RB-006'],
  },
  {
    id: 'read-record-p1-ignored',
    area: 'iso7816',
    title: 'READ RECORD by number always returns the first record',
    description: 'The record number in P1 is not honoured (ISO/IEC 7816-4 §7.3.3).',
    mustFail: [
      'ISO-RR-001',
      'ISO-RR-003',
      'ISO-RR-008',
      'ISO-RR-009',
      'ISO-RR-010',
      'SS-DATA-009',
      'PB-DATA-019',
      'PB-ODA-002',
      'PB-ODA-003',
      'SW-EF-08',
      'SS-REC-001',
      'PB-LOG-003',
    ],
    collateralAreas: ['lifecycle'],
  },
  {
    id: 'read-record-00-not-current',
    area: 'iso7816',
    title: 'READ RECORD with record number 00 does not read the current record',
    description:
      'Record number 00 in P1 denotes the current record (社会保障卡规范 part 5 §6.10.2; ISO/IEC 7816-4 §7.3.3); this card looks for a record 00 and answers 6A83.',
    mustFail: ['ISO-RR-011', 'SS-REC-001'], // SS-REC-001 reads the record written back with P1 00 (part 3 §5.3.1)
  },
  {
    id: 'pin-state-lost-on-select',
    area: 'iso7816',
    title: 'Any SELECT, even of the DF the PIN was verified in, makes the PIN unverified',
    description:
      'The card must remember a successful VERIFY until power-off (社会保障卡规范 part 7 §5.8) and keeps the security state while the current DF is not changed (part 5 §6.11); this card forgets the PIN at every SELECT of a DF.',
    mustFail: ['ISO-RR-012'],
  },
  {
    id: 'read-binary-offset-at-end-accepted',
    area: 'iso7816',
    title: 'READ BINARY at the offset just past the last byte answers no data instead of 6B00',
    description:
      'An offset equal to the size of the EF is outside it: 6B00 (社会保障卡规范 part 5 §6.9; ISO/IEC 7816-4 §7.2.3); this card answers 6282 with no data.',
    mustFail: ['ISO-RB-003'],
  },
  {
    id: 'read-record-by-identifier-unsupported',
    area: 'iso7816',
    title: 'READ RECORD by record identifier answers 6A86',
    description:
      'The COS knows only record numbers, but 社会保障卡规范 identifies the records of EF05/EF06 by their tag (part 5 §6.10; ISO/IEC 7816-4 §7.3.3).',
    mustFail: ['ISO-RR-002', 'ISO-RR-010', 'ISO-VER-003', 'TEAR-SS-001', 'TEAR-SS-002'],
    collateralAreas: ['sscard', 'dual-app', 'lifecycle', 'medical'],
  },
  {
    id: 'read-record-past-end-6a82',
    area: 'iso7816',
    title: 'READ RECORD past the last record answers 6A82 instead of 6A83',
    description: 'A missing record is reported as a missing file (ISO/IEC 7816-4 §7.3.3, §5.6 table 6).',
    mustFail: ['ISO-RR-003', 'ISO-RR-008', 'ISO-RR-010', 'PB-SEL-001', 'PB-PPSE-002', 'DA-FIN-004', 'PB-LOG-003'],
    // The medical scenarios read EF08 record 1, which a new card does not have (6A83).
    collateralAreas: ['medical'],
  },
  {
    id: 'read-record-mode-111-accepted',
    area: 'iso7816',
    title: 'READ RECORD with the RFU mode 111 in P2 is executed',
    description: 'Mode 111 is reserved and must answer 6A86 (ISO/IEC 7816-4 §7.3.3 table 49).',
    mustFail: ['ISO-RR-007'],
  },
  {
    id: 'get-challenge-always-8-bytes',
    area: 'iso7816',
    title: 'GET CHALLENGE always returns 8 bytes',
    description: 'The length asked (Le 04, 08 or 10) is not honoured, and other lengths are not refused (社会保障卡规范 part 5 §6.5).',
    mustFail: ['ISO-GC-001', 'ISO-GC-003'],
  },
  {
    id: 'get-challenge-ignores-p1p2',
    area: 'iso7816',
    title: 'GET CHALLENGE with P1-P2 other than 0000 is executed',
    description: 'P1-P2 must be 0000 (ISO/IEC 7816-4 §7.5.3; 社会保障卡规范 part 5 §6.5).',
    mustFail: ['ISO-GC-004'],
  },
  {
    id: 'read-record-accepts-data',
    area: 'iso7816',
    title: 'READ RECORD with a data field is executed',
    description: 'READ RECORD has no Lc and no data (社会保障卡规范 part 5 §6.10); with a data field it must answer 6700.',
    mustFail: ['ISO-RR-004'],
  },
  {
    id: 'get-challenge-accepts-data',
    area: 'iso7816',
    title: 'GET CHALLENGE with a data field is executed',
    description: 'GET CHALLENGE has no Lc and no data (社会保障卡规范 part 5 §6.5 table 17); with a data field it must answer 6700.',
    mustFail: ['ISO-GC-003'],
  },
  {
    id: 'verify-pin-length-unchecked',
    area: 'iso7816',
    title: 'VERIFY with a one-byte PIN is counted as a wrong PIN',
    description: 'A PIN is 2 to 8 bytes; a shorter block must answer 6700 and must not cost a try (社会保障卡规范 part 5 §6.14).',
    mustFail: ['ISO-VER-002'],
  },
  {
    id: 'atr-tck-wrong',
    area: 'iso7816',
    title: 'The ATR check character TCK is wrong, or sent where only T=0 is offered',
    description: 'TCK must make the XOR of T0 to TCK 00, and be absent when only T=0 is indicated (ISO/IEC 7816-3 §8.2.5).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-002'],
  },
  {
    id: 'atr-ta1-fi-rfu',
    area: 'iso7816',
    title: 'TA1 codes a reserved FI',
    description: 'The ATR offers TA1 71: FI 0111 is RFU, so no clock rate conversion factor follows from it (ISO/IEC 7816-3 §8.3 table 7).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-003'],
  },
  {
    id: 'atr-td-out-of-order',
    area: 'iso7816',
    title: 'The TD bytes offer T=1 before T=0',
    description: 'The protocol types must be indicated in ascending order, T=0 first (ISO/IEC 7816-3 §8.2.3); the card then offers both.',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-004', 'ISO-ATR-005', 'ISO-ATR-008'],
  },
  {
    id: 'atr-offers-undeclared-protocol',
    area: 'iso7816',
    title: 'The ATR offers T=0 and T=1 whatever the COS speaks',
    description: 'The card announces a protocol its product does not declare (ISO/IEC 7816-3 §8.2.3 against the ICS).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-005', 'ISO-ATR-008'],
  },
  {
    id: 'atr-specific-bytes-rfu',
    area: 'iso7816',
    title: 'A protocol specific byte of the ATR has a reserved value (TC2 00, or IFSC FF)',
    description: 'WI 0 for T=0 and IFSC 00 or FF for T=1 are RFU (ISO/IEC 7816-3 §10.2, §11.4.2).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-006', 'ISO-ATR-008'],
    // On a T=1 card the fault stops every exchange: every scenario that sends a command fails with it.
    collateralAreas: ['sscard', 'pboc', 'dual-app', 'lifecycle', 'medical'],
  },
  {
    id: 'atr-warm-differs',
    area: 'iso7816',
    title: 'A warm reset answers another ATR than the cold reset, which the product does not declare',
    description: 'After a warm reset TC1 is FF; the product declares one ATR (ISO/IEC 7816-3 §6.2.3; 社会保障卡规范 part 2 §8.5).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-007'],
  },
  {
    id: 'atr-tb1-vpp',
    area: 'iso7816',
    title: 'TB1 asks for a programming voltage VPP',
    description: 'Without T=15 the social security card returns TB1 00, no VPP (社会保障卡规范 part 2 §8.3.3.3 table 12).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-008'],
  },
  {
    id: 'atr-historical-bytes-few',
    area: 'iso7816',
    title: 'The ATR carries 8 historical bytes, not the 13 basic ones',
    description:
      'T1 to TD (chip supplier, COS, card maker, card serial) are the basic historical bytes; the PSAM diversifies with bytes 6 to 13 (社会保障卡规范 part 2 §8.4 table 16, part 9 §7.3.3).',
    mustFail: ['ISO-ATR-001', 'ISO-ATR-009'],
  },
  {
    id: 't1-chaining-unsupported',
    area: 'iso7816',
    title: 'T=1: the card runs each chained I-block as a command of its own',
    description: 'An I-block with M = 1 must be acknowledged with an R-block and the chain run as one command (ISO/IEC 7816-3 §11.6.2.3).',
    mustFail: ['ISO-T1B-002', 'ISO-T1B-007'],
    // On a T=1 card the fault stops every exchange: every scenario that sends a command fails with it.
    collateralAreas: ['sscard', 'pboc', 'dual-app', 'lifecycle', 'medical'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 't1-ifs-request-ignored',
    area: 'iso7816',
    title: 'T=1: the card answers S(IFS request) but keeps sending blocks of 32 bytes',
    description: 'After an IFS exchange the card sends at most IFSD bytes in an I-block (ISO/IEC 7816-3 §11.4.2, §11.6.2.3).',
    mustFail: ['ISO-T1B-001', 'ISO-T1B-003'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 't1-no-wtx',
    area: 'iso7816',
    title: 'T=1: the card takes longer than BWT without asking a waiting time extension',
    description: 'A card that needs more than BWT sends S(WTX request) first (ISO/IEC 7816-3 §11.4.3, §11.6.2.3).',
    mustFail: ['ISO-T1B-004'],
    // On a T=1 card the fault stops every exchange: every scenario that sends a command fails with it.
    collateralAreas: ['sscard', 'pboc', 'dual-app', 'lifecycle', 'medical'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 't1-resynch-keeps-sequence',
    area: 'iso7816',
    title: "T=1: S(RESYNCH) does not restart the card's N(S) at 0",
    description: 'After a resynchronisation both send sequence numbers start at 0 again (ISO/IEC 7816-3 §11.6.3.2).',
    mustFail: ['ISO-T1B-005'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 't1-bad-edc-accepted',
    area: 'iso7816',
    title: 'T=1: the card runs an I-block whose LRC is wrong',
    description: 'A block received with an EDC error is refused with an R-block asking for it again (ISO/IEC 7816-3 §11.4.4, §11.6.3.2).',
    mustFail: ['ISO-T1B-006'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 't1-ns-not-toggled-in-chain',
    area: 'iso7816',
    title: 'T=1: the I-blocks of a chained answer all carry the same N(S)',
    description: 'Each I-block the card sends toggles N(S), within a chain too (ISO/IEC 7816-3 §11.6.2.2).',
    // ISO-RB-004 reads 256 bytes, which the card chains even at IFSD 254.
    mustFail: ['ISO-T1B-001', 'ISO-T1B-003', 'ISO-RB-003', 'ISO-RB-004', 'SW-OFS-01'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 't1-abort-keeps-chain',
    area: 'iso7816',
    title: 'T=1: after S(ABORT) the card keeps the aborted chain and runs it with the next command',
    description: 'S(ABORT) ends the chain under way; the next command starts afresh (ISO/IEC 7816-3 §11.6.2.3).',
    mustFail: ['ISO-T1B-007'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 't1-r-block-lrc-wrong',
    area: 'iso7816',
    title: "T=1: the card's R-blocks carry a wrong LRC",
    description: 'Every block ends with the LRC of its prologue and INF (ISO/IEC 7816-3 §11.4.4).',
    mustFail: ['ISO-T1B-002', 'ISO-T1B-003', 'ISO-T1B-006', 'ISO-T1B-007'],
    // On a T=1 card the fault stops every exchange: every scenario that sends a command fails with it.
    collateralAreas: ['sscard', 'pboc', 'dual-app', 'lifecycle', 'medical'],
    ics: ['@needs:tpdu'],
  },
  {
    id: 'read-record-range-past-end-empty',
    area: 'iso7816',
    title: 'READ RECORD of a range that starts past the last record answers 9000 with no data',
    description:
      'P2 modes 101 and 110 read from or down to the record P1 names (part 5 table 32); when it does not exist the answer is 6A83 (table 33). This card answers an empty 9000.',
    mustFail: ['ISO-RR-008'],
  },
  {
    id: 'read-record-range-reads-one',
    area: 'iso7816',
    title: 'READ RECORD of a range (P2 modes 101, 110) answers only the record P1 names',
    description:
      'Mode 101 reads from the record P1 names to the last, mode 110 from the last to that record (part 5 table 32). This card reads the one record, as mode 100.',
    mustFail: ['ISO-RR-009'],
  },
  {
    id: 'read-record-6cxx-moves-current-record',
    area: 'iso7816',
    title: 'READ RECORD answered 6Cxx moves the current record all the same',
    description:
      'A command answered 6Cxx is not carried out: the T=0 reissue with Le xx (ISO/IEC 7816-3 §12.2.2) must read the same record, also in the modes that count from the current one (part 5 table 32). This card moves the record pointer at the 6Cxx.',
    mustFail: ['ISO-RR-010'],
  },
  {
    id: 'read-record-previous-as-next',
    area: 'iso7816',
    title: 'READ RECORD of the previous instance of a record identifier (P2 mode 011) looks forward',
    description:
      'Mode 011 reads the previous record, before the current one, whose identifier P1 names (part 5 table 32). This card looks for the next one, as mode 010.',
    mustFail: ['ISO-RR-010'],
  },
  {
    id: 'get-response-nothing-pending-6985',
    area: 'iso7816',
    title: 'GET RESPONSE with nothing waiting answers 6985 instead of 6F00',
    description:
      'With no response data to give, GET RESPONSE answers 6F00 (社会保障卡规范 part 5 §6.6.4, table 21); this card answers 6985, a code table 21 does not list.',
    mustFail: ['ISO-T0-003'],
    ics: ['@ics:t0'],
  },
  {
    id: 'get-response-after-other-command',
    area: 'iso7816',
    title: 'GET RESPONSE still gives a response that another command came between',
    description:
      "Response data announced by 61xx waits only for the GET RESPONSE that follows at once (ISO/IEC 7816-4 §7.6.1; 社会保障卡规范 part 5 §6.6.4): after any other command nothing waits. This card keeps it, and a late GET RESPONSE returns an earlier command's data.",
    mustFail: ['ISO-T0-004'],
    ics: ['@ics:t0'],
  },
  {
    id: 'get-response-le00-returns-what-waits',
    area: 'iso7816',
    title: 'GET RESPONSE with Le 00 returns the response data instead of 6Cxx',
    description:
      'With response data waiting, GET RESPONSE with Le 00 answers 6Cxx with its length (社会保障卡规范 part 5 §6.6.4); this card sends the data with 9000.',
    mustFail: ['ISO-T0-003'],
    ics: ['@ics:t0'],
  },
  {
    id: 'select-mf-without-data-refused',
    area: 'iso7816',
    title: 'SELECT with P1 00 and no data field answers 6700',
    description:
      'P1 00 with the data field absent selects the MF (ISO/IEC 7816-4 §7.1.1 table 39; 社会保障卡规范 part 5 §6.11); this COS wants a file identifier and answers 6700.',
    mustFail: ['ISO-SEL-014'],
  },
  {
    id: 'select-p2-last-occurrence-as-first',
    area: 'iso7816',
    title: 'SELECT with P2 01 (last occurrence) is executed as P2 00',
    description:
      'P2 00 and 02 are the occurrences 社会保障卡规范 part 5 table 34 gives; P2 01 (last occurrence, ISO/IEC 7816-4 §7.1.1 table 40) is not among them and is refused with 6A86 (table 39). This card selects the first occurrence.',
    mustFail: ['ISO-SEL-015'],
  },
  {
    id: 'select-p2-rfu-bits-ignored',
    area: 'iso7816',
    title: 'SELECT ignores the reserved bits b8-b5 of P2',
    description:
      'P2 00 and 02 are the values 社会保障卡规范 part 5 table 34 gives (ISO/IEC 7816-4 §7.1.1 table 40: b8-b5 0); another P2 is refused with 6A86 (table 39). This card reads only b4-b1.',
    mustFail: ['ISO-SEL-006'],
  },
  {
    id: 'select-path-from-current-df-as-from-mf',
    area: 'iso7816',
    title: 'SELECT by a path from the current DF (P1 09) looks the path up from the MF',
    description: 'A path after P1 09 starts at the current DF (ISO/IEC 7816-4 §7.1.1); this card starts it at the MF, as P1 08, and finds nothing (6A82).',
    mustFail: ['ISO-SEL-012'],
  },
  {
    id: 'read-record-previous-as-last',
    area: 'iso7816',
    title: 'READ RECORD of the previous instance of a record identifier (P2 mode 011) reads the last instance',
    description:
      'Mode 011 reads the nearest record before the current one whose identifier P1 names, and 6A83 when there is none (part 5 tables 32, 33). This card ignores the current record and reads the last one with that identifier, as mode 001.',
    mustFail: ['ISO-RR-010'],
  },
  {
    id: 'verify-pin-field-truncated',
    area: 'iso7816',
    title: 'VERIFY with a PIN field longer than 8 bytes compares its first 8',
    description:
      'Lc is 02-08 (社会保障卡规范 part 5 §6.14 table 46); a longer PIN field is a length error (6700, table 48). This card reads the first 8 bytes and verifies them.',
    mustFail: ['ISO-VER-002'],
  },
  {
    id: 'select-fid-children-only',
    area: 'iso7816',
    title: 'SELECT by file identifier (P1 00) finds only files directly under the current DF',
    description:
      'A file identifier selects a file under the current DF, the parent DF or a DF beside the current one (ISO/IEC 7816-4 §7.1.1, §5.3.1.1); this card looks only under the current DF, so the DF beside it answers 6A82.',
    mustFail: ['ISO-SEL-013'],
  },
] as const satisfies readonly Defect[];

/** Each defect's implementation (kinds: card-sim/defects/kinds.ts). */
export const ISO7816_IMPLEMENTATIONS: Record<(typeof ISO7816_DEFECTS)[number]['id'], CardDefectImpl> = {
  'read-record-range-reads-one': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xb2, (spec) => (cmd, card) => {
      const range = (cmd.p2 & 0x07) === 5 || (cmd.p2 & 0x07) === 6;
      return spec(range ? { ...cmd, p2: (cmd.p2 & 0xf8) | 4 } : cmd, card);
    }),
  ),
  'read-record-6cxx-moves-current-record': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xb2, (spec) => (cmd, card) => {
      const r = spec(cmd, card);
      if (r.sw >> 8 === 0x6c) spec({ ...cmd, ne: r.sw & 0xff || 256 }, card);
      return r;
    }),
  ),
  'read-record-previous-as-next': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xb2, (spec) => (cmd, card) => spec((cmd.p2 & 0x07) === 3 ? { ...cmd, p2: (cmd.p2 & 0xf8) | 2 } : cmd, card)),
  ),
  'read-record-range-past-end-empty': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xb2, (spec) => (cmd, card) => {
      const r = spec(cmd, card);
      const range = (cmd.p2 & 0x07) === 5 || (cmd.p2 & 0x07) === 6;
      return range && r.sw === SW.RECORD_NOT_FOUND ? { data: new Uint8Array(0), sw: SW.NO_ERROR } : r;
    }),
  ),
  'get-response-nothing-pending-6985': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xc0, (spec) => (cmd, card) => {
      const nothing = card.pending === undefined;
      const r = spec(cmd, card);
      return nothing && r.sw === SW.NO_PRECISE_DIAGNOSIS ? { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED } : r;
    }),
  ),
  'get-response-le00-returns-what-waits': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xc0, (spec) => (cmd, card) => spec(cmd.ne === 256 && card.pending ? { ...cmd, ne: Math.min(256, card.pending.length) } : cmd, card)),
  ),
  'select-mf-without-data-refused': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xa4, (spec) => (cmd, card) => (cmd.p1 === 0x00 && cmd.data.length === 0 ? { sw: SW.WRONG_LENGTH } : spec(cmd, card))),
  ),
  'select-p2-last-occurrence-as-first': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xa4, (spec) => (cmd, card) => spec((cmd.p2 & 0x03) === 0x01 ? { ...cmd, p2: cmd.p2 & 0xfc } : cmd, card)),
  ),
  'select-p2-rfu-bits-ignored': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xa4, (spec) => (cmd, card) => spec({ ...cmd, p2: cmd.p2 & 0x0f }, card)),
  ),
  'select-path-from-current-df-as-from-mf': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xa4, (spec) => (cmd, card) => spec(cmd.p1 === 0x09 ? { ...cmd, p1: 0x08 } : cmd, card)),
  ),
  'read-record-previous-as-last': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xb2, (spec) => (cmd, card) => spec((cmd.p2 & 0x07) === 3 ? { ...cmd, p2: (cmd.p2 & 0xf8) | 1 } : cmd, card)),
  ),
  'verify-pin-field-truncated': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0x20, (spec) => (cmd, card) => spec(cmd.data.length > 8 ? { ...cmd, data: cmd.data.slice(0, 8) } : cmd, card)),
  ),
  'select-fid-children-only': ['cos', ...Object.keys(APPLICATIONS)].map((app) =>
    wrap(app, 0xa4, (spec) => (cmd, card) => {
      const fid = cmd.data.length === 2 ? ((cmd.data[0] as number) << 8) | (cmd.data[1] as number) : undefined;
      const under = card.currentDf.children.some((c) => c.fid === fid);
      return cmd.p1 === 0x00 && fid !== undefined && fid !== 0x3f00 && !under ? { sw: SW.FILE_NOT_FOUND } : spec(cmd, card);
    }),
  ),
  'read-binary-ignores-offset': rule('readBinaryHonoursOffset'),
  'read-binary-ignores-access-condition': rule('readBinaryChecksAccess'),
  'read-record-ignores-access-condition': rule('readRecordChecksAccess'),
  'wrong-cla-accepted': rule('checkClass'),
  'get-challenge-repeats': rule('getChallengeFreshRandom'),
  'pin-counter-not-decremented': rule('wrongPinDecrementsTries'),
  't0-case4-data-without-61xx': rule('t0ResponseDataBy61xx'),
  'get-response-after-other-command': rule('pendingDroppedByOtherCommand'),
  'file-not-found-as-6a80': rule('fileNotFoundAnswers6a82'),
  'blocked-pin-still-verifies': rule('blockedPinRefused'),
  'read-record-le00-returns-data': rule('readRecordLe00Answers6cxx'),
  'atr-historical-bytes-short': rule('atrHistoricalBytesAsDeclared'),
  'unknown-ins-answers-6e00': rule('unknownInsAnswers6d00'),
  'lc-mismatch-accepted': rule('checkLcAgainstData'),
  'select-mf-fid-not-found': rule('selectMfBy3f00'),
  'fci-without-df-name': rule('fciCarriesDfName'),
  'select-partial-name-unsupported': rule('selectByPartialName'),
  'select-p1-unchecked': rule('selectCheckP1'),
  'select-fid-length-unchecked': rule('selectCheckFidLength'),
  'select-p2-0c-returns-fci': rule('selectP2NoResponseData', 'noDataWithoutLe'),
  'select-ef-not-made-current': rule('selectMakesEfCurrent'),
  'select-next-occurrence-repeats-first': rule('selectNextOccurrence'),
  'read-ignores-file-structure': rule('readChecksFileStructure'),
  'read-binary-no-current-ef-6a82': rule('readBinaryNoCurrentEfAnswers6986'),
  'read-record-p1-ignored': rule('readRecordHonoursP1'),
  'read-record-00-not-current': rule('readRecordNumber00IsCurrent'),
  'read-binary-offset-at-end-accepted': rule('readBinaryRefusesOffsetAtEnd'),
  'pin-state-lost-on-select': rule('pinStateKeptWithinItsDf'),
  'read-record-by-identifier-unsupported': rule('readRecordByIdentifier'),
  'read-record-past-end-6a82': rule('readRecordPastEndAnswers6a83'),
  'read-record-mode-111-accepted': rule('readRecordRefusesRfuMode'),
  'get-challenge-always-8-bytes': rule('getChallengeLengthAsAsked'),
  'get-challenge-ignores-p1p2': rule('getChallengeCheckP1P2'),
  'get-challenge-accepts-data': rule('getChallengeRefusesData'),
  'read-record-accepts-data': rule('readRecordRefusesData'),
  'verify-pin-length-unchecked': rule('verifyCheckPinLength'),
  'atr-tck-wrong': rule('atrCheckCharacterRight'),
  'atr-ta1-fi-rfu': rule('atrGlobalBytesDefined'),
  'atr-td-out-of-order': rule('atrProtocolsAscending'),
  'atr-offers-undeclared-protocol': rule('atrOffersOwnProtocols'),
  'atr-specific-bytes-rfu': rule('atrSpecificBytesDefined'),
  'atr-warm-differs': rule('warmAtrAsDeclared'),
  'atr-tb1-vpp': rule('atrTb1NoVpp'),
  'atr-historical-bytes-few': rule('atrBasicHistoricalBytes'),
  't1-chaining-unsupported': rule('t1AcceptsChaining'),
  't1-ifs-request-ignored': rule('t1HonoursIfsd'),
  't1-no-wtx': rule('t1RequestsWtx'),
  't1-resynch-keeps-sequence': rule('t1ResynchResetsSequence'),
  't1-bad-edc-accepted': rule('t1ChecksEdc'),
  't1-ns-not-toggled-in-chain': rule('t1TogglesNs'),
  't1-abort-keeps-chain': rule('t1AbortDropsChain'),
  't1-r-block-lrc-wrong': rule('t1RBlockEdcRight'),
};
