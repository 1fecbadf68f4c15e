/**
 * READ BINARY (ISO/IEC 7816-4 §7.2.3) and READ RECORD (§7.3.3), as 社会保障卡规范 part 5 codes them.
 * READ BINARY P1 b8 = 1: SFI in b5..b1 and offset P2; otherwise a 15-bit offset in P1-P2.
 * READ RECORD P2 = SFI << 3 | mode; mode 100 record number P1 (00 = current), 101 from P1 to the last,
 * 110 from the last to P1, 000/001/010/011 first/last/next/previous record whose identifier (first byte,
 * the SIMPLE-TLV tag) is P1; 111 is RFU. Le 00 is answered 6Cxx with the length (part 5 §6.10).
 */
import { SW } from '../../../src/apdu/sw.ts';
import type { CardContext, Handler } from '../context.ts';
import { type EfNode, allDfs, envOf } from '../files.ts';

/** The EF named by a short EF identifier in the current DF, made current; or an error SW. */
function efBySfi(card: CardContext, sfi: number): EfNode | number {
  let ef = card.currentDf.children.find((c): c is EfNode => c.kind === 'EF' && c.sfi === sfi);
  // Defect: an SFI the current DF lacks is looked up in the other environment (a firewall leak, part 4 §5.5).
  if (!ef && !card.rules.sfiStaysInEnvironment) {
    ef = allDfs(card.mf)
      .flatMap((d) => d.children)
      .find((c): c is EfNode => c.kind === 'EF' && c.sfi === sfi && envOf(c.parent) !== envOf(card.currentDf));
  }
  if (!ef) return !card.rules.fileNotFoundAnswers6a82 ? SW.INCORRECT_DATA : SW.FILE_NOT_FOUND;
  card.selectEf(ef);
  return ef;
}

export const readBinary: Handler = (cmd, card) => {
  let ef: EfNode | undefined | number;
  let offset: number;
  if (cmd.p1 & 0x80) {
    if (cmd.p1 & 0x60) return { sw: SW.INCORRECT_P1P2 };
    const sfi = cmd.p1 & 0x1f;
    if (sfi === 0 || sfi === 0x1f) return { sw: SW.INCORRECT_P1P2 };
    ef = efBySfi(card, sfi);
    offset = cmd.p2;
  } else {
    ef = card.currentEf;
    offset = (cmd.p1 << 8) | cmd.p2;
  }
  if (typeof ef === 'number') return { sw: ef };
  if ((cmd.data.length !== 0 && card.rules.readRecordRefusesData) || cmd.ne === undefined) return { sw: SW.WRONG_LENGTH };
  if (!ef) return { sw: !card.rules.readBinaryNoCurrentEfAnswers6986 ? SW.FILE_NOT_FOUND : SW.COMMAND_NOT_ALLOWED_NO_CURRENT_EF };
  const lax = !card.rules.readChecksFileStructure;
  if (ef.structure !== 'transparent' && !lax) return { sw: SW.COMMAND_INCOMPATIBLE_WITH_FILE_STRUCTURE };
  if (!card.satisfied(ef.read) && card.rules.readBinaryChecksAccess) {
    return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  }
  const content = ef.structure === 'transparent' ? ef.data : Uint8Array.from(ef.records.flatMap((r) => [...r]));
  if (!card.rules.readBinaryHonoursOffset) offset = 0;
  if (offset > content.length || (offset === content.length && card.rules.readBinaryRefusesOffsetAtEnd)) return { sw: SW.WRONG_P1P2 };
  const available = content.length - offset;
  const n = Math.min(cmd.ne, available);
  // Fewer bytes than Ne: 6282 (T=1); the T=0 output stage turns it into 6Cxx.
  return { data: content.slice(offset, offset + n), sw: n < cmd.ne && cmd.ne !== 256 ? SW.WARNING_END_OF_FILE : SW.NO_ERROR };
};

export const readRecord: Handler = (cmd, card) => {
  const sfi = cmd.p2 >> 3;
  const mode = cmd.p2 & 0x07;
  if (sfi === 0x1f || (mode === 7 && card.rules.readRecordRefusesRfuMode) || cmd.p1 === 0xff) return { sw: SW.INCORRECT_P1P2 };
  const ef: EfNode | undefined | number = sfi === 0 ? card.currentEf : efBySfi(card, sfi);
  if (typeof ef === 'number') return { sw: ef };
  if ((cmd.data.length !== 0 && card.rules.readRecordRefusesData) || cmd.ne === undefined) return { sw: SW.WRONG_LENGTH };
  if (!ef) return { sw: SW.COMMAND_NOT_ALLOWED_NO_CURRENT_EF };
  if (ef.structure === 'transparent') {
    if (card.rules.readChecksFileStructure) return { sw: SW.COMMAND_INCOMPATIBLE_WITH_FILE_STRUCTURE };
    return { data: ef.data.slice(0, Math.min(ef.data.length, cmd.ne)), sw: SW.NO_ERROR };
  }
  if (!card.satisfied(ef.read) && card.rules.readRecordChecksAccess) {
    return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  }
  if (mode < 4 && !card.rules.readRecordByIdentifier) return { sw: SW.INCORRECT_P1P2 };
  const notFound = !card.rules.readRecordPastEndAnswers6a83 ? SW.FILE_NOT_FOUND : SW.RECORD_NOT_FOUND;
  let data: Uint8Array;
  let current: number;
  if (mode === 5 || mode === 6) {
    const first = byNumber(cmd.p1, card, ef);
    if (first === undefined) return { sw: notFound };
    const picked = mode === 5 ? ef.records.slice(first) : ef.records.slice(first).reverse();
    data = Uint8Array.from(picked.flatMap((r) => [...r]));
    current = mode === 5 ? ef.records.length : first + 1;
  } else {
    const index = mode === 4 || mode === 7 ? byNumber(!card.rules.readRecordHonoursP1 ? 1 : cmd.p1, card, ef) : byIdentifier(cmd.p1, mode, card, ef);
    const record = index === undefined ? undefined : ef.records[index];
    if (index === undefined || !record) return { sw: notFound };
    current = index + 1;
    data = record.slice();
  }
  if (cmd.ne === 256 && data.length !== 256) {
    if (!card.rules.readRecordLe00Answers6cxx) {
      card.currentRecord = current;
      return { data, sw: SW.NO_ERROR, asIs: true };
    }
    // 6Cxx: not carried out, the current record stays, so that the T=0 reissue with Le xx (ISO/IEC 7816-3
    // §12.2.2) reads the same record, also in the modes that count from it (next, previous).
    return { sw: 0x6c00 | (data.length & 0xff) };
  }
  card.currentRecord = current;
  return { data, sw: SW.NO_ERROR, exact: true };
};

function byNumber(p1: number, card: CardContext, ef: EfNode): number | undefined {
  const number = p1 === 0 && card.rules.readRecordNumber00IsCurrent ? card.currentRecord : p1;
  if (number < 1 || number > ef.records.length) return undefined;
  return number - 1;
}

/** The record of identifier `id` by mode 000–011: first, last, next or previous after the current record (READ and UPDATE RECORD). */
export function byIdentifier(id: number, mode: number, card: CardContext, ef: EfNode): number | undefined {
  const hits = ef.records.map((r, i) => (r[0] === id ? i : -1)).filter((i) => i >= 0);
  const current = card.currentRecord - 1;
  switch (mode) {
    case 0:
      return hits[0];
    case 1:
      return hits[hits.length - 1];
    case 2:
      return hits.find((i) => i > current);
    default:
      return [...hits].reverse().find((i) => i < current && current >= 0);
  }
}
