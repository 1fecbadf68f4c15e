/**
 * The reference image: a 2.0 social security card (3DES) holding only published test data. Every
 * scenario that applies must PASS on it. MF 3F00 holds the SSSE (images/ssse.ts); the PSE of the
 * financial application sits beside it when that application is present.
 */
import type { CardImage } from '../cos/image.ts';
import { ssse20 } from './ssse.ts';
import { pse } from './pse.ts';

export const referenceImage: CardImage = {
  name: 'reference',
  description: 'Reference 2.0 social security card, 3DES, test data only',
  // 3B 6D: TB1 TC1 present, 13 historical bytes (社会保障卡规范 part 10 §5.1.2): chip supplier 0099,
  // 送检年月 2611, COS version 01, card maker 0099, card serial 261122000001.
  atr: '3B6D0000 0099 2611 01 0099 261122000001',
  protocol: 'T=0',
  mf: {
    kind: 'DF',
    fid: '3F00',
    children: [ssse20(), pse()],
  },
};
