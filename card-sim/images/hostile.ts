/**
 * The hostile image: the reference card's files behind the `hostile` application (card-sim/apps/
 * hostile.ts), which answers with malformed TLV, lengths that lie, endless 61xx, huge responses and
 * wrong status words. profiles/sim-hostile.yaml runs the suite against it: every case it breaks
 * must FAIL with a diagnosis, none may end in ERROR.
 */
import type { CardImage } from '../cos/image.ts';
import { referenceImage } from './reference.ts';

export const hostileImage: CardImage = {
  ...referenceImage,
  name: 'hostile',
  description: 'Hostile card: malformed TLV, lying lengths, endless 61xx, huge responses, wrong status words',
  // T0 = 6D announces 13 historical bytes; only 5 follow (a length that lies).
  atr: '3B6D0000 0099 2611 01',
  conformant: false,
  mf: { ...referenceImage.mf, app: 'hostile' },
};
