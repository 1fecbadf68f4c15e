/**
 * The card's answer to reset (ISO/IEC 7816-3 §8; 社会保障卡规范 part 2 §8, part 10 §5.1.2): the ATR the
 * image declares, as the COS's spec rules leave it. The image declares one ATR for cold and warm reset.
 */
import { fromHex } from '../../src/bytes/hex.ts';
import { type AtrGroup, atrGroups, buildAtr, parseAtr } from '../../src/iso7816/atr.ts';
import type { CardImage } from './image.ts';
import type { CardRules } from './rules.ts';

export type ResetKind = 'cold' | 'warm';

export function answerToReset(image: CardImage, rules: CardRules, kind: ResetKind): Uint8Array {
  const declared = fromHex(image.atr);
  // Each rule is read on every reset (a defect's switch is asked where its code is reached).
  const asDeclared = rules.atrHistoricalBytesAsDeclared;
  const tck = rules.atrCheckCharacterRight;
  const ta1 = rules.atrGlobalBytesDefined;
  const ascending = rules.atrProtocolsAscending;
  const own = rules.atrOffersOwnProtocols;
  const specific = rules.atrSpecificBytesDefined;
  const tb1 = rules.atrTb1NoVpp;
  const historical = rules.atrBasicHistoricalBytes;
  const warm = kind === 'cold' || rules.warmAtrAsDeclared;
  if (!asDeclared) return declared.slice(0, -1);
  if (tck && ta1 && ascending && own && specific && tb1 && historical && warm) return declared;
  const a = parseAtr(declared);
  const [first, ...rest] = atrGroups(a);
  const g0: AtrGroup = { ...first };
  delete g0.t;
  if (!ta1) g0.ta = 0x71; // FI 0111: RFU
  if (!tb1) g0.tb = 0x25; // PI1 5: VPP 5 V
  if (!warm) g0.tc = 0xff; // another extra guard time after a warm reset
  let groups: AtrGroup[] = [{ ...g0, ...(first?.t === undefined ? {} : { t: first.t }) }, ...rest];
  const t1 = image.protocol === 'T=1';
  if (!ascending) groups = [{ ...g0, t: 1 }, { t: 0 }, {}];
  if (!own) groups = [{ ...g0, t: 0 }, { t: 1 }, {}];
  if (!specific) groups = t1 ? [{ ...g0, t: 1 }, { t: 1 }, { ta: 0xff }] : [{ ...g0, t: 0 }, { tc: 0x00 }];
  const atr = buildAtr(groups, historical ? a.historical : a.historical.subarray(0, 8), a.ts);
  if (tck) return atr;
  // A wrong TCK, or one where only T=0 is offered and none may be sent.
  const needed = groups.some((g) => g.t !== undefined && g.t !== 0);
  if (needed) atr[atr.length - 1] = (atr[atr.length - 1] as number) ^ 0x01;
  return needed ? atr : Uint8Array.from([...atr, atr.subarray(1).reduce((x, b) => x ^ b, 0)]);
}
