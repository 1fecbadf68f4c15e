/**
 * DF04 (社会保险信息区2) in the medical insurance offline mode (社会保障卡规范 part 6 §6.6, table 8):
 * the amount file (COS-internal, appData.medical), the cyclic transaction-detail file EF08 (SFI 08,
 * read after the PIN, never written by a command, 30 records of 28 bytes: V2.0 §8.5.3), and the keys
 * DSK, DLK, DPK, DTK diversified from the test roots through three levels (src/medical/keys.ts).
 * card-sim/apps/medical/app.ts runs it. A card without `medical: 'offline'` keeps the DF04 it had.
 */
import { toHex } from '../../src/bytes/hex.ts';
import { MEDICAL_KEY_ID, MEDICAL_KEY_INDEX, type MedicalKeyName, medicalCardKey } from '../../src/medical/keys.ts';
import type { MedicalAccountImage } from '../apps/medical/app.ts';
import type { SsKeyImage } from '../apps/sscard/keys.ts';
import type { CardImage, DfImage } from '../cos/image.ts';
import { bytes } from './build.ts';
import type { SsCardData } from './ssse.ts';

/** The account a new test card is personalised with: 1000.00 元, no yearly totals, year 2026 from 1 January. */
export const MEDICAL_ACCOUNT: MedicalAccountImage = {
  balance: 100000,
  spip: 0,
  spfp: 0,
  year: 2026,
  startingDay: '0101',
  loadSeq: 0,
  purchaseSeq: 0,
  records: 30,
};

/** What a test card may change: the amount file, EF08's records (hex, newest first), a card that computes MAC2 wrongly. */
export interface MedicalTestAccount extends Partial<MedicalAccountImage> {
  detail?: string[];
  /** DEBIT FOR PURCHASE answers a MAC2 the PSAM refuses (terminal test card tm-med-bad-mac2). */
  mac2Fault?: boolean;
}

export function withMedical(card: SsCardData, df04: DfImage): DfImage {
  if (card.medical !== 'offline') return df04;
  const identity = { cityCode: card.cityCode, historical: bytes(card.historical) };
  const keys: SsKeyImage[] = (['DSK', 'DLK', 'DPK', 'DTK'] as MedicalKeyName[]).map((name) => ({
    id: MEDICAL_KEY_ID[name],
    version: MEDICAL_KEY_INDEX,
    name,
    // DSK authenticates (EXTERNAL AUTHENTICATE, 3 tries); the transaction keys never do.
    tryLimit: name === 'DSK' ? 3 : 0,
    key: toHex(medicalCardKey(card.algorithm, card.medicalRoots, name, identity)),
  }));
  const { detail, ...account } = card.medicalAccount ?? {};
  const appKeys = (df04.appData?.keys as SsKeyImage[] | undefined) ?? [];
  return {
    ...df04,
    app: 'medical',
    appData: { ...df04.appData, keys: [...appKeys, ...keys], medical: { ...MEDICAL_ACCOUNT, ...account } },
    children: [
      ...df04.children,
      {
        kind: 'EF',
        fid: 'EF08',
        sfi: 0x08,
        label: '医疗交易明细 (cyclic)',
        structure: 'cyclic',
        read: { pin: 0x00 },
        update: 'never',
        records: [...(detail ?? [])],
      },
    ],
  };
}

/**
 * The same card in another state of its medical account (a lab's prepared sample): every DF04 that runs
 * the offline mode gets `account` over its amount file, the rest of the card as `image` has it.
 */
export function withMedicalAccount(image: CardImage, account: Partial<MedicalAccountImage>, name = `${image.name}-prepared`): CardImage {
  const patch = (df: DfImage): DfImage => ({
    ...df,
    ...(df.app === 'medical' ? { appData: { ...df.appData, medical: { ...(df.appData?.['medical'] as MedicalAccountImage), ...account } } } : {}),
    children: df.children.map((c) => (c.kind === 'DF' ? patch(c) : c)),
  });
  let mf: DfImage | undefined;
  return {
    ...image,
    name,
    description: `${image.description}, medical account ${JSON.stringify(account)}`,
    get mf() {
      return (mf ??= patch(image.mf));
    },
  };
}
