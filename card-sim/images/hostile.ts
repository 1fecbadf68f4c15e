/**
 * The hostile image: the reference card's files behind the `hostile` application (card-sim/apps/
 * hostile.ts), which answers with malformed TLV, lengths that lie, endless 61xx, huge responses and
 * wrong status words. profiles/sim-hostile.yaml runs the suite against it: every case it breaks
 * must FAIL with a diagnosis, none may end in ERROR.
 */
import type { CardImage, DfImage } from '../cos/image.ts';
import { referenceImage } from './reference.ts';

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
