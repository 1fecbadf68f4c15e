/**
 * Defects of the PSAM (card-sim/psam, 社会保障卡规范 part 9 §9), caught by features/sscard/psam.feature on
 * a PSAM of the COS under test. One table: each row is a PSAM that skips one kind of check, answering
 * 9000 (and no data) where part 9 tables the status word the check gives.
 */
import { SW } from '../../src/apdu/sw.ts';
import type { Defect } from '../../src/defects/defect.ts';
import { type CardDefectImpl, type WrapDefect, wrap } from './kinds.ts';

const INS = { initializeEnvironment: 0xec, deliverySessionKey: 0xde, cipherData: 0xfa, initSam: 0x70, creditSam: 0x72 } as const;

export const PSAM_DEFECTS = [
  {
    id: 'psam-p1p2-unchecked',
    area: 'sscard',
    title: 'The PSAM takes P1-P2 values part 9 does not give its commands',
    description: 'Tables 16, 26, 29, 31: a P1 or P2 other than the command format gives 6A86; this PSAM answers 9000.',
    mustFail: ['SS-PSAM-001', 'SS-PSAM-003', 'SS-PSAM-004'],
  },
  {
    id: 'psam-lc-unchecked',
    area: 'sscard',
    title: 'The PSAM takes any Lc',
    description: 'Tables 16, 24, 26, 29, 31: an Lc other than the command format (01, M+8N, whole blocks, 1C+8N, 04) gives 6700; this PSAM answers 9000.',
    mustFail: ['SS-PSAM-001', 'SS-PSAM-002', 'SS-PSAM-003', 'SS-PSAM-004'],
  },
  {
    id: 'psam-data-unchecked',
    area: 'sscard',
    title: 'The PSAM takes a data field it cannot use',
    description:
      'Table 16: a first byte of 卡的识别码 that is not BCD, table 24: factors for another number of levels (分散级数不符), both 6A80; this PSAM answers 9000.',
    mustFail: ['SS-PSAM-001', 'SS-PSAM-002'],
  },
  {
    id: 'psam-missing-key-answers-9000',
    area: 'sscard',
    title: 'The PSAM answers 9000 for a key it does not hold',
    description: 'Tables 24, 29: a key usage, identifier, version or algorithm the PSAM lacks gives 6A88; this PSAM answers 9000.',
    mustFail: ['SS-PSAM-002', 'SS-PSAM-004'],
  },
  {
    id: 'psam-state-unchecked',
    area: 'sscard',
    title: 'The PSAM runs CIPHER DATA or CREDIT SAM FOR PURCHASE without the command that must come first',
    description:
      'Part 9 §9.8.2, §9.10.2: CIPHER DATA after DELIVERY SESSION KEY, CREDIT SAM FOR PURCHASE after INIT SAM FOR PURCHASE; before, 6901 (tables 26, 31). This PSAM answers 9000.',
    mustFail: ['SS-PSAM-003', 'SS-PSAM-004'],
  },
  {
    id: 'psam-mac-chain-unchecked',
    area: 'sscard',
    title: 'The PSAM continues a MAC chain that was never begun',
    description:
      "Part 9 §9.8: P1 '03'/'01' (next, last block) follow a P1 '07' (first block, with the IV); without one, 6985 (table 26). This PSAM answers 9000.",
    mustFail: ['SS-PSAM-003'],
  },
] as const satisfies readonly Defect[];

/** A PSAM handler that answers 9000 where the spec's answers `sw`. */
const skips = (sw: number, ins: number): WrapDefect =>
  wrap('psam', ins, (spec) => (cmd, card) => {
    const r = spec(cmd, card);
    return r.sw === sw ? { sw: SW.NO_ERROR } : r;
  });

export const PSAM_IMPLEMENTATIONS: Record<(typeof PSAM_DEFECTS)[number]['id'], CardDefectImpl> = {
  'psam-p1p2-unchecked': [INS.initializeEnvironment, INS.cipherData, INS.initSam, INS.creditSam].map((ins) => skips(SW.INCORRECT_P1P2, ins)),
  'psam-lc-unchecked': [INS.initializeEnvironment, INS.deliverySessionKey, INS.cipherData, INS.initSam, INS.creditSam].map((ins) =>
    skips(SW.WRONG_LENGTH, ins),
  ),
  'psam-data-unchecked': [INS.initializeEnvironment, INS.deliverySessionKey].map((ins) => skips(SW.INCORRECT_DATA, ins)),
  'psam-missing-key-answers-9000': [INS.deliverySessionKey, INS.initSam].map((ins) => skips(SW.REFERENCED_DATA_NOT_FOUND, ins)),
  'psam-state-unchecked': [INS.cipherData, INS.creditSam].map((ins) => skips(0x6901, ins)),
  'psam-mac-chain-unchecked': [INS.cipherData].map((ins) => skips(SW.CONDITIONS_OF_USE_NOT_SATISFIED, ins)),
};
