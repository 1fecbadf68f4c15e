/**
 * Look-alike PBOC personalisation defects, generated from one table each (issue 15): a record without a
 * data object JR/T 0025.5 annex A requires, and GET DATA answering a value of the wrong length. Each row
 * names the scenario that checks the object itself (`checkedBy`) and the groups of scenarios that rest on
 * it (`breaks`: the object is signed static data, the PAN every transaction needs, …); the mustFail list is
 * derived from them. The implementations are derived from the same rows (card-sim/defects/pboc.ts).
 */
import type { Defect } from '../../src/defects/defect.ts';

/** Static data to be authenticated (JR/T 0025.7 §5.4): leaving any of it out breaks SDA, DDA and CDA. */
export const SIGNED_DATA = ['PB-ODA-002', 'PB-ODA-004', 'PB-ODA-005', 'PB-TXN-001', 'PB-TXN-002', 'PB-ODA-103', 'PB-ODA-104', 'PB-ODA-105', 'PB-ODA-106', 'PB-CDA-001', 'PB-CDA-003', 'PB-CDA-006', 'PB-CDA-007', 'PB-CDA-008'] as const;
/** Every transaction reads it (the PAN, the CDOL1): without it no flow gets past READ RECORD. */
export const EVERY_TRANSACTION = ['LC-LOSS-001', 'LC-LOSS-002', 'LC-LOSS-003', 'LC-LOSS-004', 'LC-LOSS-006', 'LC-UNRP-001', 'LC-UNRP-002', 'LC-CANCEL-002', 'PB-AC-001', 'PB-AC-002', 'PB-AC-003', 'PB-AC-004', 'PB-DATA-030', 'PB-EC-002', 'PB-EC-004', 'PB-GPO-002', 'PB-IA-001', 'PB-IA-002', 'PB-IA-003', 'PB-IA-004', 'PB-IA-005', 'PB-IA-006', 'PB-LOG-002', 'PB-ODA-001', 'PB-ODA-003', 'PB-ODA-006', 'PB-ODA-007', 'PB-SC-001', 'PB-SC-002', 'PB-SC-003', 'PB-SC-004', 'PB-SC-005', 'PB-SC-006', 'PB-SC-007', 'PB-SC-008', 'PB-SC-009', 'PB-ODA-101', 'PB-ODA-107', 'PB-ODA-108', 'PB-CDA-004', 'PB-CDA-005', 'PB-CDA-102', 'PB-SC-010', 'PB-SC-011', 'PB-SC-012', 'PB-SC-013', 'PB-EC-003', 'PB-GPO-005', 'PB-LOG-001', 'PB-CDA-002', 'PB-CDA-101', 'PB-PIN-004'] as const;
/** The issuer public key chain (92 remainder, 9F32 exponent): ODA of every kind fails. */
export const ODA_CHAIN = ['PB-ODA-001', 'PB-ODA-002', 'PB-ODA-003', 'PB-ODA-004', 'PB-ODA-005', 'PB-ODA-006', 'PB-ODA-007', 'PB-CDA-001', 'PB-CDA-003', 'PB-CDA-005', 'PB-CDA-006', 'PB-CDA-007', 'PB-CDA-008', 'PB-CDA-102'] as const;
/** The ICC public key's exponent and remainder (9F47, 9F48): DDA and CDA fail. */
export const ODA_ICC_KEY = ['PB-ODA-004', 'PB-ODA-005', 'PB-ODA-006', 'PB-ODA-007', 'PB-CDA-001', 'PB-CDA-003', 'PB-CDA-005', 'PB-CDA-006', 'PB-CDA-007', 'PB-CDA-008', 'PB-CDA-102'] as const;

interface RecordRow {
  tag: string;
  checkedBy: string;
  breaks?: ReadonlyArray<readonly string[]>;
  also?: readonly string[];
  where?: Record<string, string[]>;
  ics?: string[];
}

/** The data objects a defect may leave out of the records (features/pboc/data.feature). */
export const RECORD_FAMILY = [
  { tag: '5A', checkedBy: 'PB-DATA-001', breaks: [SIGNED_DATA, EVERY_TRANSACTION], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-003','PB-DUAL-006','PB-DUAL-007','PB-DUAL-008','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '5F24', checkedBy: 'PB-DATA-002', breaks: [SIGNED_DATA], also: ['PB-DATA-031'], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '5F25', checkedBy: 'PB-DATA-003', breaks: [SIGNED_DATA], also: ['PB-DATA-031'], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '5F34', checkedBy: 'PB-DATA-004', also: ['LC-LOSS-001', 'LC-LOSS-002', 'LC-LOSS-003', 'LC-LOSS-006', 'LC-UNRP-001', 'LC-UNRP-002', 'LC-CANCEL-002', 'PB-AC-001', 'PB-AC-002', 'PB-AC-003', 'PB-AC-004', 'PB-IA-001', 'PB-IA-006', 'PB-LOG-002', 'PB-ODA-002', 'PB-ODA-004', 'PB-ODA-005', 'PB-SC-001', 'PB-SC-002', 'PB-SC-004', 'PB-SC-005', 'PB-SC-007', 'PB-SC-008', 'PB-TXN-001', 'PB-TXN-002', 'PB-ODA-103', 'PB-ODA-104', 'PB-ODA-105', 'PB-ODA-106', 'PB-SC-010', 'PB-SC-011', 'PB-PIN-004'], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-003','PB-DUAL-006','PB-DUAL-007','PB-DUAL-008','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '8C', checkedBy: 'PB-DATA-005', breaks: [SIGNED_DATA], also: ['LC-LOSS-001', 'LC-LOSS-002', 'LC-LOSS-003', 'LC-LOSS-004', 'LC-LOSS-006', 'LC-UNRP-001', 'LC-UNRP-002', 'LC-CANCEL-001', 'LC-CANCEL-002', 'PB-AC-001', 'PB-AC-002', 'PB-AC-003', 'PB-AC-004', 'PB-AC-005', 'PB-AC-006', 'PB-AC-007', 'PB-AC-009', 'PB-AC-010', 'PB-ATC-001', 'PB-ATC-002', 'PB-DATA-040', 'PB-DATA-041', 'PB-DATA-042', 'PB-DATA-043', 'PB-DATA-044', 'PB-DATA-045', 'PB-DATA-046', 'PB-EC-002', 'PB-EC-003', 'PB-EC-004', 'PB-IA-001', 'PB-IA-002', 'PB-IA-003', 'PB-IA-004', 'PB-IA-005', 'PB-IA-006', 'PB-LOG-001', 'PB-LOG-002', 'PB-SC-001', 'PB-SC-002', 'PB-SC-003', 'PB-SC-004', 'PB-SC-005', 'PB-SC-006', 'PB-SC-007', 'PB-SC-008', 'PB-SC-009', 'PB-CDA-002', 'PB-CDA-004', 'PB-CDA-005', 'PB-CDA-101', 'PB-CDA-102', 'PB-SC-010', 'PB-SC-011', 'PB-SC-012', 'PB-SC-013', 'PB-GPO-005', 'PB-PIN-004'], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-003','PB-DUAL-006','PB-DUAL-007','PB-DUAL-008','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '8D', checkedBy: 'PB-DATA-006', breaks: [SIGNED_DATA], also: ['PB-AC-007', 'PB-IA-001', 'PB-IA-004', 'PB-IA-005', 'PB-IA-006', 'PB-LOG-002', 'PB-EC-002', 'PB-EC-003', 'PB-EC-004', 'PB-GPO-005', 'PB-LOG-001', 'PB-CDA-002', 'PB-CDA-004', 'PB-CDA-005', 'PB-CDA-102', 'PB-CDA-101'], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-007','PB-DUAL-008','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '9F07', checkedBy: 'PB-DATA-008', breaks: [SIGNED_DATA], also: ['DA-FIN-001'], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '9F08', checkedBy: 'PB-DATA-009', breaks: [SIGNED_DATA], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '9F0D', checkedBy: 'PB-DATA-010', breaks: [SIGNED_DATA], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '9F0E', checkedBy: 'PB-DATA-011', breaks: [SIGNED_DATA], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '9F0F', checkedBy: 'PB-DATA-012', breaks: [SIGNED_DATA], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '5F28', checkedBy: 'PB-DATA-013', breaks: [SIGNED_DATA], also: ['DA-FIN-002'], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '9F4A', checkedBy: 'PB-DATA-014', breaks: [SIGNED_DATA], where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '8F', checkedBy: 'PB-DATA-015', where: {'@ics:dual-algorithm':['PB-DUAL-002','PB-DUAL-005','PB-DUAL-010','PB-ODA-001','PB-ODA-002','PB-ODA-003','PB-ODA-004','PB-ODA-005','PB-ODA-006','PB-ODA-007']} },
  { tag: '90', checkedBy: 'PB-DATA-016', breaks: [SIGNED_DATA], also: ['PB-ODA-001', 'PB-ODA-003', 'PB-ODA-006', 'PB-ODA-007', 'PB-ODA-101', 'PB-ODA-102', 'PB-ODA-107', 'PB-ODA-108', 'PB-CDA-005', 'PB-CDA-102'], where: {'@ics:dual-algorithm':['PB-DUAL-001','PB-DUAL-004','PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '92', checkedBy: 'PB-DATA-017', breaks: [ODA_CHAIN], where: {'@ics:single-algorithm':['PB-TXN-001','PB-TXN-002'],'@ics:dual-algorithm':['PB-DUAL-005','PB-DUAL-010']}, ics: ['@ics:rsa'] },
  { tag: '9F32', checkedBy: 'PB-DATA-018', breaks: [ODA_CHAIN], where: {'@ics:single-algorithm':['PB-TXN-001','PB-TXN-002'],'@ics:dual-algorithm':['PB-DUAL-004','PB-DUAL-005','PB-DUAL-010']}, ics: ['@ics:rsa'] },
  { tag: '9F46', checkedBy: 'PB-DATA-020', also: ['PB-ODA-004', 'PB-ODA-005', 'PB-ODA-006', 'PB-ODA-007', 'PB-TXN-001', 'PB-TXN-002', 'PB-ODA-105', 'PB-ODA-106', 'PB-ODA-107', 'PB-ODA-108', 'PB-CDA-001', 'PB-CDA-003', 'PB-CDA-005', 'PB-CDA-006', 'PB-CDA-007', 'PB-CDA-008', 'PB-CDA-102'], where: {'@ics:dual-algorithm':['PB-DUAL-001','PB-DUAL-004','PB-DUAL-002','PB-DUAL-005','PB-DUAL-009','PB-DUAL-010']} },
  { tag: '9F47', checkedBy: 'PB-DATA-021', breaks: [ODA_ICC_KEY], where: {'@ics:single-algorithm':['PB-TXN-001','PB-TXN-002'],'@ics:dual-algorithm':['PB-DUAL-004','PB-DUAL-005','PB-DUAL-010']}, ics: ['@ics:rsa'] },
  { tag: '9F48', checkedBy: 'PB-DATA-022', breaks: [ODA_ICC_KEY], where: {'@ics:single-algorithm':['PB-TXN-001','PB-TXN-002'],'@ics:dual-algorithm':['PB-DUAL-005','PB-DUAL-010']}, ics: ['@ics:rsa'] },
  { tag: '9F49', checkedBy: 'PB-DATA-023' },
] as const satisfies readonly RecordRow[];

export type RecordTag = (typeof RECORD_FAMILY)[number]['tag'];

export const RECORD_DEFECTS = RECORD_FAMILY.map((r: RecordRow & { tag: RecordTag }) => ({
  id: `pboc-record-without-${r.tag}` as const,
  area: 'pboc',
  title: `The records lack ${r.tag}`,
  description: `${r.tag} is a data object the records the AFL names must hold (JR/T 0025.5 annex A); personalisation left it out.`,
  mustFail: [...new Set([r.checkedBy, ...(r.breaks ?? []).flat(), ...(r.also ?? [])])],
  ...(r.where ? { mustFailWhere: r.where } : {}),
  ...(r.ics ? { ics: r.ics } : {}),
})) satisfies readonly Defect[];

/**
 * GET DATA objects (JR/T 0025.5 annex A, B.7) whose value a defect answers with the wrong length:
 * `short` drops the first byte of the value, `long` appends one (`pad`).
 */
export const GET_DATA_FAMILY = [
  { tag: '9F36', checkedBy: 'PB-GD-001', fault: 'short' },
  { tag: '9F13', checkedBy: 'PB-GD-002', fault: 'short' },
  { tag: '9F17', checkedBy: 'PB-GD-003', fault: 'long', pad: 0x00, also: ['PB-PIN-002'], description: 'GET DATA 9F17 answers 2 bytes; the PIN try counter is 1 byte (JR/T 0025.5 annex A).' },
  { tag: '9F79', checkedBy: 'PB-GD-004', fault: 'short' },
  { tag: '9F77', checkedBy: 'PB-GD-005', fault: 'short' },
  { tag: '9F78', checkedBy: 'PB-GD-006', fault: 'short' },
  { tag: '9F6D', checkedBy: 'PB-GD-007', fault: 'short' },
  { tag: '9F4F', checkedBy: 'PB-GD-008', fault: 'long', pad: 0x9f, also: ['PB-LOG-001', 'PB-LOG-002'], description: 'GET DATA 9F4F answers a log format that ends inside a tag, so it is no data object list (JR/T 0025.13 §9).' },
] as const satisfies ReadonlyArray<{ tag: string; checkedBy: string; fault: 'short' | 'long'; pad?: number; also?: readonly string[]; description?: string }>;

export type GetDataTag = (typeof GET_DATA_FAMILY)[number]['tag'];

export const GET_DATA_DEFECTS = GET_DATA_FAMILY.map((r: (typeof GET_DATA_FAMILY)[number]) => ({
  id: `pboc-get-data-short-${r.tag}` as const,
  area: 'pboc',
  title: `GET DATA ${r.tag} answers a value of the wrong length`,
  description: 'description' in r ? r.description : `GET DATA ${r.tag} answers its value one byte short of the length JR/T 0025.5 annex A gives.`,
  mustFail: [r.checkedBy, ...('also' in r ? r.also : [])],
})) satisfies readonly Defect[];
