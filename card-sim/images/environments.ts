/**
 * The card level of a social security card with financial function (社会保障卡规范 part 4 §5, figure 1):
 * the MF with the card master key, the two application environments SSSE and PSE under it, each with
 * its own master key; and the blank card the COS activation leaves (transport key only, part 10 §5.2.1).
 * Key values are the project's published test keys (src/personalisation/keys.ts).
 */
import { TEST_MASTER_KEYS, type MasterKeyName } from '../../src/personalisation/keys.ts';
import type { MasterKeyImage } from '../apps/card-manager.ts';
import type { CardImage, DfImage } from '../cos/image.ts';

function masterKeyImage(name: MasterKeyName, version = 1): MasterKeyImage {
  return { key: TEST_MASTER_KEYS[name], version, tryLimit: 15 };
}

/** The MF: card management (card-mf) and the card master key. */
export function cardMf(children: DfImage[], o: { algorithm?: '3DES' | 'SM4'; key?: MasterKeyName } = {}): DfImage {
  return {
    kind: 'DF',
    fid: '3F00',
    app: 'card-mf',
    appData: { algorithm: o.algorithm ?? '3DES', masterKey: masterKeyImage(o.key ?? 'card') },
    children,
  };
}

/** An environment DDF with its master key loaded. */
export function withMasterKey(env: DfImage, name: MasterKeyName): DfImage {
  return { ...env, appData: { ...env.appData, masterKey: masterKeyImage(name) } };
}

/** A card straight from COS activation: the MF with the transport key and nothing else (part 10 §5.1–5.2.1). */
export const blankImage: CardImage = {
  name: 'blank',
  description: 'Blank card of the reference COS: MF and transport key only, before pre-personalisation',
  atr: '3B6D0000 0099 2611 01 0099 261122000099',
  protocol: 'T=0',
  mf: cardMf([], { key: 'transport' }),
};

/** The same blank card of a COS whose card management runs SM4 (a 3.0 card's algorithm, part 4 §8.2–8.3 with SM4). */
export const blankSm4Image: CardImage = {
  ...blankImage,
  name: 'blank-sm4',
  description: 'Blank card of the reference COS with SM4 card management: MF and transport key only, before pre-personalisation',
  mf: cardMf([], { key: 'transport', algorithm: 'SM4' }),
};
