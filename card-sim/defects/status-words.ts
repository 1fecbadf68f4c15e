/**
 * Status-word defects, one per row of the command × status-word table (reports/sw-coverage.yaml,
 * docs/sw-coverage.md) that features/sscard/status-words.feature and features/medical/status-words.feature
 * provoke: the COS answers 6F00 (no precise diagnosis) where 社会保障卡规范 part 5 gives the row's code,
 * as a COS that reports every failed check alike would. Generated from the table below, each a
 * wrapper of the command's handler (card-sim/defects/kinds.ts).
 */
import { SW } from '../../src/apdu/sw.ts';
import type { Defect } from '../../src/defects/defect.ts';
import { APPLICATIONS } from '../apps/index.ts';
import type { Handler } from '../cos/context.ts';
import type { DfNode } from '../cos/files.ts';
import { type CardDefectImpl, wrap } from './kinds.ts';

interface Row {
  id: string;
  command: string;
  clause: string;
  ins: number;
  /** INITIALIZE FOR LOAD (P1 00) and FOR PURCHASE (P1 01) share INS 28. */
  p1?: number;
  sw: number;
  /** The application whose command it is (the nearest DF's `app`); any when absent. */
  apps?: readonly string[];
  mustFail: readonly string[];
  area: 'sscard' | 'medical';
}

const SSSE = ['sscard'];
const MEDICAL = ['medical'];

const ROWS = [
  {
    id: 'sw-app-block-6700-as-6f00',
    command: 'APPLICATION BLOCK',
    clause: '6.1.5',
    ins: 0x1e,
    sw: 0x6700,
    apps: SSSE,
    mustFail: ['SW-LEN-01'],
    area: 'sscard',
  },
  { id: 'sw-card-block-6700-as-6f00', command: 'CARD BLOCK', clause: '6.2.5', ins: 0x16, sw: 0x6700, mustFail: ['SW-LEN-02'], area: 'sscard' },
  { id: 'sw-card-block-6a86-as-6f00', command: 'CARD BLOCK', clause: '6.2.5', ins: 0x16, sw: 0x6a86, mustFail: ['SW-P12-01'], area: 'sscard' },
  {
    id: 'sw-pin-unblock-6700-as-6f00',
    command: 'PIN CHANGE/UNBLOCK',
    clause: '6.8.5',
    ins: 0x24,
    sw: 0x6700,
    apps: SSSE,
    mustFail: ['SW-LEN-03'],
    area: 'sscard',
  },
  {
    id: 'sw-update-record-6700-as-6f00',
    command: 'UPDATE RECORD',
    clause: '6.13.5',
    ins: 0xdc,
    sw: 0x6700,
    apps: SSSE,
    mustFail: ['SW-LEN-04'],
    area: 'sscard',
  },
  {
    id: 'sw-update-record-6a86-as-6f00',
    command: 'UPDATE RECORD',
    clause: '6.13.5',
    ins: 0xdc,
    sw: 0x6a86,
    apps: SSSE,
    mustFail: ['SW-P12-02'],
    area: 'sscard',
  },
  {
    id: 'sw-update-record-6986-as-6f00',
    command: 'UPDATE RECORD',
    clause: '6.13.5',
    ins: 0xdc,
    sw: 0x6986,
    apps: SSSE,
    mustFail: ['SW-EF-01'],
    area: 'sscard',
  },
  {
    id: 'sw-update-record-6a82-as-6f00',
    command: 'UPDATE RECORD',
    clause: '6.13.5',
    ins: 0xdc,
    sw: 0x6a82,
    apps: SSSE,
    mustFail: ['SW-EF-02'],
    area: 'sscard',
  },
  {
    id: 'sw-update-binary-6a86-as-6f00',
    command: 'UPDATE BINARY',
    clause: '6.12.5',
    ins: 0xd6,
    sw: 0x6a86,
    apps: SSSE,
    mustFail: ['SW-P12-03'],
    area: 'sscard',
  },
  {
    id: 'sw-update-binary-6986-as-6f00',
    command: 'UPDATE BINARY',
    clause: '6.12.5',
    ins: 0xd6,
    sw: 0x6986,
    apps: SSSE,
    mustFail: ['SW-EF-03'],
    area: 'sscard',
  },
  {
    id: 'sw-update-binary-6a82-as-6f00',
    command: 'UPDATE BINARY',
    clause: '6.12.5',
    ins: 0xd6,
    sw: 0x6a82,
    apps: SSSE,
    mustFail: ['SW-EF-04'],
    area: 'sscard',
  },
  {
    id: 'sw-update-binary-6981-as-6f00',
    command: 'UPDATE BINARY',
    clause: '6.12.5',
    ins: 0xd6,
    sw: 0x6981,
    apps: SSSE,
    mustFail: ['SW-EF-05'],
    area: 'sscard',
  },
  { id: 'sw-read-binary-6a86-as-6f00', command: 'READ BINARY', clause: '6.9.5', ins: 0xb0, sw: 0x6a86, apps: SSSE, mustFail: ['SW-P12-09'], area: 'sscard' },
  { id: 'sw-read-record-6a82-as-6f00', command: 'READ RECORD', clause: '6.10.5', ins: 0xb2, sw: 0x6a82, apps: SSSE, mustFail: ['SW-EF-06'], area: 'sscard' },
  { id: 'sw-read-record-6986-as-6f00', command: 'READ RECORD', clause: '6.10.5', ins: 0xb2, sw: 0x6986, apps: SSSE, mustFail: ['SW-EF-07'], area: 'sscard' },
  { id: 'sw-verify-6a86-as-6f00', command: 'VERIFY', clause: '6.14.5', ins: 0x20, sw: 0x6a86, apps: SSSE, mustFail: ['SW-P12-04'], area: 'sscard' },
  { id: 'sw-verify-6a88-as-6f00', command: 'VERIFY', clause: '6.14.5', ins: 0x20, sw: 0x6a88, apps: SSSE, mustFail: ['SW-REF-01'], area: 'sscard' },
  { id: 'sw-get-response-6a86-as-6f00', command: 'GET RESPONSE', clause: '6.6.5', ins: 0xc0, sw: 0x6a86, mustFail: ['SW-P12-05'], area: 'sscard' },
  {
    id: 'sw-init-load-6700-as-6f00',
    command: 'INITIALIZE FOR LOAD',
    clause: '7.5.5',
    ins: 0x28,
    p1: 0x00,
    sw: 0x6700,
    apps: MEDICAL,
    mustFail: ['SW-LEN-05'],
    area: 'medical',
  },
  {
    id: 'sw-init-purchase-6a86-as-6f00',
    command: 'INITIALIZE FOR PURCHASE',
    clause: '7.6.5',
    ins: 0x28,
    p1: 0x01,
    sw: 0x6a86,
    apps: MEDICAL,
    mustFail: ['SW-P12-06'],
    area: 'medical',
  },
  { id: 'sw-credit-6700-as-6f00', command: 'CREDIT FOR LOAD', clause: '7.1.5', ins: 0x2a, sw: 0x6700, apps: MEDICAL, mustFail: ['SW-LEN-06'], area: 'medical' },
  { id: 'sw-credit-6a86-as-6f00', command: 'CREDIT FOR LOAD', clause: '7.1.5', ins: 0x2a, sw: 0x6a86, apps: MEDICAL, mustFail: ['SW-P12-07'], area: 'medical' },
  {
    id: 'sw-debit-6a86-as-6f00',
    command: 'DEBIT FOR PURCHASE',
    clause: '7.2.5',
    ins: 0x2c,
    sw: 0x6a86,
    apps: MEDICAL,
    mustFail: ['SW-P12-08'],
    area: 'medical',
  },
] as const satisfies readonly Row[];

const hex = (sw: number) => sw.toString(16).toUpperCase().padStart(4, '0');

export const STATUS_WORD_DEFECTS = ROWS.map((r) => ({
  id: r.id,
  area: r.area,
  title: `${r.command} answers 6F00 where part 5 gives ${hex(r.sw)}`,
  description: `社会保障卡规范 part 5 §${r.clause} lists ${hex(r.sw)} for ${r.command}; the COS answers 6F00 (no precise diagnosis) instead.`,
  mustFail: [...r.mustFail],
})) as ReadonlyArray<Defect & { id: (typeof ROWS)[number]['id'] }>;

/** The application of the nearest DF that names one. */
function appOf(df: DfNode | undefined): string | undefined {
  for (let d = df; d; d = d.parent) if (d.app) return d.app;
  return undefined;
}

/** The COS answers 6F00 where the spec handler gives the row's status word (P1 and application as the row says). */
const answers6F00 =
  (r: Row) =>
  (spec: Handler): Handler =>
  (cmd, card) => {
    const reply = spec(cmd, card);
    if (reply.sw !== r.sw || (r.p1 !== undefined && r.p1 !== cmd.p1)) return reply;
    const app = appOf(card.currentDf);
    return !r.apps || (app !== undefined && r.apps.includes(app)) ? { sw: SW.NO_PRECISE_DIAGNOSIS } : reply;
  };

/**
 * Each row a wrapper of its command's handler wherever the command is served (an application of the
 * current DF or of a parent, or the COS's inter-industry commands); the row's application, the nearest
 * DF's, is checked when the command answers.
 */
export const STATUS_WORD_IMPLEMENTATIONS = Object.fromEntries(
  (ROWS as readonly Row[]).map((r) => [r.id, ['cos', ...Object.keys(APPLICATIONS)].map((app) => wrap(app, r.ins, answers6F00(r)))]),
) as unknown as Record<(typeof ROWS)[number]['id'], CardDefectImpl>;
