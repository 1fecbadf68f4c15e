/**
 * The hostile image: the reference card's files behind the `hostile` application (card-sim/apps/
 * hostile.ts), which answers with malformed TLV, lengths that lie, endless 61xx, huge responses and
 * wrong status words. profiles/sim-hostile.yaml runs the suite against it: every case it breaks
 * must FAIL with a diagnosis, none may end in ERROR.
 */
import type { CardImage, DfImage } from '../cos/image.ts';
import { referenceImage } from './reference.ts';
import { cardMf, withMasterKey } from './environments.ts';
import { pse } from './pse.ts';
import { REFERENCE_CARD, ssseImage } from './ssse.ts';

export const hostileImage: CardImage = {
  ...referenceImage,
  name: 'hostile',
  description: 'Hostile card: malformed TLV, lying lengths, endless 61xx, huge responses, wrong status words',
  // T0 = 6D announces 13 historical bytes; only 5 follow (a length that lies).
  atr: '3B6D0000 0099 2611 01',
  conformant: false,
  // The hostile application answers for the whole card: the SSSE's own application is taken off.
  mf: { ...referenceImage.mf, app: 'hostile', children: referenceImage.mf.children.map((c) => (c.kind === 'DF' ? withoutApp(c) : c)) },
};

function withoutApp(df: DfImage): DfImage {
  const { app: _app, ...rest } = df;
  return rest;
}

/**
 * The escape-code card (issue 18): the reference card whose 卡号 and 姓名 hold terminal control
 * sequences (clear screen and cursor home, OSC 0 window title, OSC 52 clipboard write, BEL). Its 卡号
 * fails its check, so the card's text reaches the console, report.json/html and junit.xml.
 */
export const HOSTILE_TEXT = { cardNumberBody: '\x1b[2J\x1b[H', name: '\x1b]52;c;ZWNobw==\x07\x1b]0;PASS\x07' };
export const hostileTextImage: CardImage = {
  ...referenceImage,
  name: 'hostile-text',
  description: 'Escape-code card: 卡号 and 姓名 hold terminal control sequences',
  conformant: false,
  mf: cardMf([
    withMasterKey(
      ssseImage({ ...REFERENCE_CARD, cardNumberBody: HOSTILE_TEXT.cardNumberBody, holder: { ...REFERENCE_CARD.holder, name: HOSTILE_TEXT.name } }),
      'ssse',
    ),
    withMasterKey(pse(), 'pse'),
  ]),
};
