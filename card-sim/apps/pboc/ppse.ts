/**
 * The PPSE of a dual-interface card (EMV Contactless Book B §3.3, JR/T 0025.12): SELECT 2PAY.SYS.DDF01
 * answers 6F { 84, A5 { BF0C { 61 { 4F, 50, 87 } } } } from the image (images/pse.ts ppse()). It has no
 * commands of its own; this application only applies the PPSE defects to that FCI.
 */
import { buildTlv, parseTlv, type Tlv } from '../../../src/tlv/ber.ts';
import { concat, fromHex } from '../../../src/bytes/hex.ts';
import type { CardApplication } from '../../cos/application.ts';
import type { CardContext, Reply } from '../../cos/context.ts';

/** The credit application's AID (JR/T 0025.5 §6.3), which the defect pboc-ppse-wrong-aid names instead of the debit one. */
const CREDIT_AID = 'A000000333010102';

/**
 * pboc-ppse-wrong-aid: 4F names the credit AID; pboc-ppse-without-bf0c: A5 holds no BF0C;
 * pboc-ppse-wrong-priority: 87 is 02, not the priority of the PSE directory.
 */
function ppseDefects(card: CardContext, reply: Reply): Reply {
  const on = (['pboc-ppse-wrong-aid', 'pboc-ppse-without-bf0c', 'pboc-ppse-wrong-priority'] as const).filter((d) => card.has(d));
  if (!on.length || !reply.data?.length) return reply;
  const rebuild = (t: Tlv): Uint8Array[] => {
    if (t.tag === 'BF0C' && on.includes('pboc-ppse-without-bf0c')) return [];
    if (t.tag === '4F' && on.includes('pboc-ppse-wrong-aid')) return [buildTlv('4F', fromHex(CREDIT_AID))];
    if (t.tag === '87' && on.includes('pboc-ppse-wrong-priority')) return [buildTlv('87', Uint8Array.of(0x02))];
    return [buildTlv(t.tag, t.children ? t.children.flatMap(rebuild) : t.value)];
  };
  return { ...reply, data: concat(...parseTlv(reply.data).flatMap(rebuild)) };
}

export const PPSE_APP: CardApplication = { name: 'ppse', commands: [], onSelect: ppseDefects };
