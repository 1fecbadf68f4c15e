/** The images card-sim can run, by name (the profile's target.image). */
import type { CardImage, DfImage } from '../cos/image.ts';
import { withTck } from './build.ts';
import { blankImage, blankSm4Image, withMasterKey } from './environments.ts';
import { TERMINAL_TEST_CARDS } from './terminal/index.ts';
import { hostileImage, hostileTextImage } from './hostile.ts';
import { referenceImage } from './reference.ts';
import { sscard10Image, sscard30Image } from './sscard.ts';
import { psamImage } from '../psam/image.ts';
import { pse } from './pse.ts';

/**
 * The reference card with its PSE (DF 7F10) replaced by `pse()`: the PSE, with its certificates, is built
 * when a run first uses the image, not when this module is imported.
 */
function withPse(base: Omit<CardImage, 'mf'>, pseDf: () => DfImage): CardImage {
  let mf: DfImage | undefined;
  return {
    ...base,
    get mf() {
      return (mf ??= { ...referenceImage.mf, children: [...referenceImage.mf.children.filter((c) => c.kind !== 'DF' || c.fid !== '7F10'), pseDf()] });
    },
  };
}

/** The reference card speaking T=1: 3B ED 00 00 01 (TB1 TC1 TD1 present, TD1 offers T=1), same historical bytes, TCK. */
const referenceT1: CardImage = {
  ...referenceImage,
  name: 'reference-t1',
  description: 'Reference 2.0 social security card over T=1',
  atr: withTck('3BED000001 0099 2611 01 0099 261122000001'),
  protocol: 'T=1',
};

/**
 * The reference card over T=1 with its T=1 parameters in the ATR (ISO/IEC 7816-3 §11.4): TD1 81 TD2 31
 * (T=1), TA3 20 (IFSC 32), TB3 15 (BWI 1: BWT about 200 ms at 3.57 MHz, CWI 5); for a TPDU target.
 */
const referenceTpdu: CardImage = {
  ...referenceT1,
  name: 'reference-tpdu',
  description: 'Reference 2.0 social security card over T=1, reached block by block (a TPDU target)',
  atr: withTck('3BED0000 8131 2015 0099 2611 01 0099 261122000001'),
};

/** The reference card with its financial application on SM4 cryptograms (JR/T 0025.17 §8) and RSA ODA (for SM2 ODA see reference-pboc30). */
const referencePbocSm4 = withPse(
  { ...referenceImage, name: 'reference-pboc-sm4', description: 'Reference card, PBOC 3.0 debit/EC with SM4 cryptograms and RSA ODA' },
  () => pse({ algorithm: 'SM4' }),
);

/**
 * The reference card as a PBOC 3.0 card (JR/T 0025-2013): SM4 cryptograms (part 17 §8) and SM2/SM3
 * offline data authentication (part 17 §5), application version 0030; no RSA keys or certificates.
 */
const referencePboc30 = withPse(
  { ...referenceImage, name: 'reference-pboc30', description: 'Reference card, PBOC 3.0 debit/EC with SM4 cryptograms and SM2 ODA' },
  () => pse({ algorithm: 'SM4', oda: 'SM2' }),
);

/**
 * The PBOC 3.0 card with both algorithm sets (JR/T 0025.17 §10.2 b): RSA certificates and 3DES keys, SM2
 * certificates and SM4 keys; GET PROCESSING OPTIONS chooses one by DF69 (§10.3.3 b).
 */
const referenceDual = withPse(
  { ...referenceImage, name: 'reference-dual', description: 'Reference card, PBOC 3.0 dual-algorithm debit/EC: RSA/3DES or SM2/SM4 chosen by DF69' },
  () => pse({ dualAlgorithm: true }),
);

/** The reference card whose PBOC 2.0 application supports CDA too (AIP 7D00, JR/T 0025.7 §5.3.6): RSA, 3DES. */
const referenceCda = withPse({ ...referenceImage, name: 'reference-cda', description: 'Reference card, PBOC 2.0 debit/EC with SDA, DDA and CDA (RSA)' }, () =>
  withMasterKey(pse({ cda: true }), 'pse'),
);

/** The PBOC 3.0 card (SM4, SM2) supporting CDA too (JR/T 0025.17 §5.2.5). */
const referencePboc30Cda = withPse(
  { ...referenceImage, name: 'reference-pboc30-cda', description: 'Reference card, PBOC 3.0 debit/EC with SM4 cryptograms and SM2 SDA, DDA and CDA' },
  () => withMasterKey(pse({ algorithm: 'SM4', oda: 'SM2', cda: true }), 'pse'),
);

/** The reference card as a dual-interface card: its PSE also has the PPSE 2PAY.SYS.DDF01 (images/pse.ts ppse()). */
const referenceContactless = withPse(
  { ...referenceImage, name: 'reference-contactless', description: 'Reference card with a contactless interface: PBOC debit/EC with the PPSE' },
  () => withMasterKey(pse({ contactless: true }), 'pse'),
);

export const IMAGES: Readonly<Record<string, CardImage>> = {
  reference: referenceImage,
  'reference-t1': referenceT1,
  'reference-tpdu': referenceTpdu,
  hostile: hostileImage,
  'hostile-text': hostileTextImage,
  sscard30: sscard30Image,
  sscard10: sscard10Image,
  psam: psamImage,
  blank: blankImage,
  'blank-sm4': blankSm4Image,
  ...Object.fromEntries(TERMINAL_TEST_CARDS.map((i) => [i.name, i])),
  'reference-pboc-sm4': referencePbocSm4,
  'reference-pboc30': referencePboc30,
  'reference-cda': referenceCda,
  'reference-pboc30-cda': referencePboc30Cda,
  'reference-contactless': referenceContactless,
  'reference-dual': referenceDual,
};

export function imageNames(): string[] {
  return Object.keys(IMAGES);
}
