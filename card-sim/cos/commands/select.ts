/**
 * SELECT, ISO/IEC 7816-4 §7.1.1 and 社会保障卡规范 part 5 §6.11.
 * P1: 00 MF/DF/EF by FID (empty or 3F00 = MF), 01 child DF, 02 EF under the current DF, 03 parent DF,
 *     04 by DF name (partial names allowed), 08 path from MF, 09 path from the current DF.
 * P2: b2..b1 occurrence 00 first, 10 next; b4..b3 00 return FCI, 0C no response data.
 * A DF answers its FCI; an EF answers no data.
 */
import { startsWith } from '../../../src/bytes/compare.ts';
import { SW } from '../../../src/apdu/sw.ts';
import type { CardContext, Handler, Reply } from '../context.ts';
import { type DfNode, type EfNode, type FileNode, MF_FID, allDfs, envOf, fci } from '../files.ts';

export const select: Handler = (cmd, card) => {
  const occurrence = cmd.p2 & 0x03;
  const control = cmd.p2 & 0x0c;
  if ((cmd.p2 & 0xf0) !== 0 || control === 0x04 || control === 0x08 || occurrence === 0x01 || occurrence === 0x03) {
    return { sw: SW.INCORRECT_P1P2 };
  }
  if (occurrence === 0x02 && cmd.p1 !== 0x04) return { sw: SW.INCORRECT_P1P2 };
  let target: FileNode | undefined;
  switch (cmd.p1) {
    case 0x00:
      if (cmd.data.length === 0) target = card.mf;
      else if (cmd.data.length !== 2) {
        if (card.rules.selectCheckFidLength) return { sw: SW.WRONG_LENGTH };
      } else target = byFid(card, fidOf(cmd.data, 0));
      break;
    case 0x01:
    case 0x02: {
      if (cmd.data.length !== 2) return { sw: SW.WRONG_LENGTH };
      const fid = fidOf(cmd.data, 0);
      target = card.currentDf.children.find((c) => c.fid === fid && c.kind === (cmd.p1 === 0x01 ? 'DF' : 'EF'));
      break;
    }
    case 0x03:
      if (cmd.data.length !== 0) return { sw: SW.WRONG_LENGTH };
      target = card.currentDf.parent;
      break;
    case 0x04: {
      if (cmd.data.length < 1 || cmd.data.length > 16) return { sw: SW.WRONG_LENGTH };
      target = byName(card, cmd.data, occurrence === 0x02);
      break;
    }
    case 0x08:
    case 0x09: {
      if (cmd.data.length === 0 || cmd.data.length % 2 !== 0) return { sw: SW.WRONG_LENGTH };
      target = byPath(cmd.p1 === 0x08 ? card.mf : card.currentDf, cmd.data);
      break;
    }
    default:
      if (card.rules.selectCheckP1) return { sw: SW.INCORRECT_P1P2 };
      target = cmd.data.length === 2 ? byFid(card, fidOf(cmd.data, 0)) : card.mf;
  }
  // The firewall (社会保障卡规范 part 4 §5.5): file identifiers and paths do not lead into the other environment.
  if (target && cmd.p1 !== 0x04 && crossesEnvironment(card.currentDf, target) && card.rules.selectFidStaysInEnvironment) target = undefined;
  if (!target) return { sw: !card.rules.fileNotFoundAnswers6a82 ? SW.INCORRECT_DATA : SW.FILE_NOT_FOUND };
  if (target.kind === 'EF') {
    if (card.rules.selectMakesEfCurrent) card.selectEf(target);
    return { sw: SW.NO_ERROR };
  }
  card.selectDf(target);
  if (control === 0x0c && card.rules.selectP2NoResponseData) return { sw: SW.NO_ERROR };
  return { data: fci(target, { withoutName: !card.rules.fciCarriesDfName }), sw: SW.NO_ERROR };
};

function fidOf(data: Uint8Array, at: number): number {
  return ((data[at] as number) << 8) | (data[at + 1] as number);
}

/** P1 = 00: the MF, a child of the current DF, the current DF's parent, or a sibling DF. */
function byFid(card: CardContext, fid: number): FileNode | undefined {
  if (fid === MF_FID) return !card.rules.selectMfBy3f00 ? undefined : card.mf;
  const here = card.currentDf;
  if (here.fid === fid) return here;
  const child = here.children.find((c) => c.fid === fid);
  if (child) return child;
  const parent = here.parent;
  if (parent?.fid === fid) return parent;
  const sibling = parent?.children.find((c) => c.kind === 'DF' && c.fid === fid);
  if (sibling || card.rules.selectFidStaysInEnvironment) return sibling;
  // Defect: a flat file-identifier search over the whole card.
  for (const df of allDfs(card.mf)) {
    const hit = df.children.find((c) => c.fid === fid);
    if (hit) return hit;
  }
  return undefined;
}

/** Is `target` inside an application environment other than the one `from` is in (the MF is in none)? */
export function crossesEnvironment(from: DfNode, target: FileNode): boolean {
  const to = envOf(target.kind === 'DF' ? target : target.parent);
  const here = envOf(from);
  return here !== undefined && to !== undefined && to !== here;
}

/** P1 = 04: the first DF whose name starts with `name`, or the next one after the current DF. */
function byName(card: CardContext, name: Uint8Array, next: boolean): DfNode | undefined {
  const partial = card.rules.selectByPartialName;
  const matches = allDfs(card.mf).filter(
    (d) => d.name !== undefined && (partial ? startsWith(d.name, name) : d.name.length === name.length && startsWith(d.name, name)),
  );
  if (!next || !card.rules.selectNextOccurrence) return matches[0];
  const at = matches.indexOf(card.currentDf);
  return at < 0 ? matches[0] : matches[at + 1];
}

function byPath(start: DfNode, path: Uint8Array): FileNode | undefined {
  let here: FileNode = start;
  for (let at = 0; at < path.length; at += 2) {
    const fid = fidOf(path, at);
    if (here.kind !== 'DF') return undefined;
    const next: FileNode | undefined = here.children.find((c: DfNode | EfNode) => c.fid === fid);
    if (!next) return undefined;
    here = next;
  }
  return here;
}

export type { Reply };
