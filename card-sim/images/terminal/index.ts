/**
 * Test cards that provoke terminal behaviour (issue 7): each is a real-looking social security card (SSSE
 * and the reference PSE) with one property a terminal must react to. Test data only; names and ids invented, check characters valid.
 */
import type { CardImage, DfImage } from '../../cos/image.ts';
import { cardMf } from '../environments.ts';
import { pse } from '../pse.ts';
import { SSCARD10 } from '../sscard.ts';
import { FIN_PANS, FINANCIAL_TEST_CARDS, financialApp, financialPse } from './pboc.ts';
import { REFERENCE_CARD, type SsCardData, ssseImage } from '../ssse.ts';

/** A test card whose files are built when a run first uses it. */
function card(name: string, description: string, data: SsCardData): CardImage {
  let mf: DfImage | undefined;
  return {
    name,
    description,
    atr: `3B6D0000 ${data.historical}`,
    protocol: 'T=0',
    get mf() {
      return (mf ??= cardMf([ssseImage(data), pse()]));
    },
  };
}

/** Expired: 卡有效期 2020-01-05 (part 7 "IC 卡有效性检查"). */
export const TM_EXPIRED: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000011',
  serial: '00000011',
  issueDate: '20100105',
  expiryDate: '20200105',
  cardNumberBody: 'E1101011',
  holder: { ...REFERENCE_CARD.holder, idFirst17: '11010219800101002', name: '刘洋', sex: '2' },
};

/** On the lab terminal's blacklist (profiles/terminal-*.yaml): 卡识别码 11 01 00 D156000005 00000012 …. */
export const TM_BLACKLISTED: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000012',
  serial: '00000012',
  cardNumberBody: 'E1101012',
  holder: { ...REFERENCE_CARD.holder, idFirst17: '11010519750505003', name: '陈静', sex: '1' },
};

/** Replacement (补卡) of tm-blacklisted: the same holder and 社会保障号码, a new 卡号 and 卡识别码. */
export const TM_REPLACEMENT: SsCardData = { ...TM_BLACKLISTED, historical: '0099261101 0099261122000014', serial: '00000014', cardNumberBody: 'E1101014' };

/** Renewal (换卡) of tm-expired: the same holder, issued 2020, valid to 2030. */
export const TM_RENEWED: SsCardData = {
  ...TM_EXPIRED,
  historical: '0099261101 0099261122000015',
  serial: '00000015',
  issueDate: '20200105',
  expiryDate: '20300105',
  cardNumberBody: 'E1101015',
};

/** A 1.0 card still valid (the card-sim 1.0 image expired in 2020): no 姓名扩展, DES. */
export const TM_CARD10: SsCardData = {
  ...SSCARD10,
  historical: '0099261101 0099330100000013',
  serial: '00000013',
  issueDate: '20200105',
  expiryDate: '20300105',
  cardNumberBody: 'B3301013',
};

/** A clone: the data of a real card, but its IRK is not the issuer's, so INTERNAL AUTHENTICATE does not verify. */
export const TM_CLONE: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000016',
  serial: '00000016',
  roots: { IRK: '00112233445566778899AABBCCDDEEFF' },
};

/** A card personalised with another UK SSSE root: writes MACed by the PSAM are refused (6988). */
export const TM_WRONG_UK: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000017',
  serial: '00000017',
  roots: { UK: '00112233445566778899AABBCCDDEEFF' },
};

/** A card personalised with another STK root: PIN UNBLOCK and PIN RELOAD MACed by the PSAM are refused (6988). */
export const TM_WRONG_STK: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000025',
  serial: '00000025',
  roots: { STK: '00112233445566778899AABBCCDDEEFF' },
};

/** Medical account of 1.00 元 (social-security terminal iDoDebit: a bill above the balance). */
export const TM_MED_LOW_BALANCE: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000018',
  serial: '00000018',
  cardNumberBody: 'E1101018',
  medicalAccount: { balance: 100 },
};

/** A card whose DEBIT FOR PURCHASE answers a MAC2 the PSAM refuses (part 7 §12.7). */
export const TM_MED_BAD_MAC2: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000019',
  serial: '00000019',
  cardNumberBody: 'E1101019',
  medicalAccount: { mac2Fault: true },
};

/** A card whose DPK is not the issuer's (another root): INITIALIZE FOR PURCHASE answers, DEBIT FOR PURCHASE refuses MAC1 with 9302 (part 7 §12.5). */
export const TM_MED_FOREIGN_DPK: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000030',
  serial: '00000030',
  cardNumberBody: 'E1101030',
  medicalRoots: { DPK: '00112233445566778899AABBCCDDEEFF' },
};

/** EF08 holding two purchases and a load (V2.0 §8.5.3), newest first, for iReadDebitRecord. */
export const TM_MED_RECORDS: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000020',
  serial: '00000020',
  cardNumberBody: 'E1101020',
  medicalAccount: {
    purchaseSeq: 2,
    loadSeq: 1,
    detail: [
      '0001 32 110100000001 20261120143000 00000064 000001F4 000003E8', // purchase 1: 1.00 account, 5.00 self-paid, 10.00 pooled
      '0000 31 110100000001 20261110090000 00002710 00000000 00000000', // load 0: 100.00
      '0000 32 110100000001 20261105100000 000000C8 00000000 00000000', // purchase 0: 2.00 account
    ].map((r) => r.replace(/\s+/g, '')),
  },
};

/** EF08 whose newest record is 27 bytes, not the 28 of V2.0 §8.5.3 (a wrongly personalised card, for iReadDebitRecord). */
export const TM_MED_SHORT_RECORD: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000031',
  serial: '00000031',
  cardNumberBody: 'E1101031',
  medicalAccount: {
    purchaseSeq: 1,
    detail: ['0000 32 110100000001 20261105100000 000000C8 00000000 000000'.replace(/\s+/g, '')],
  },
};

/** Medical account of 1.00 元 and a debit application whose PAN the simulated host declines (the settlement's bank part refused). */
export const TM_INT_LOW_BALANCE_DECLINE: SsCardData = {
  ...REFERENCE_CARD,
  historical: '0099261101 0099261122000021',
  serial: '00000021',
  cardNumberBody: 'E1101021',
  medicalAccount: { balance: 100 },
};

function settlementCard(name: string, description: string, data: SsCardData, pan: string): CardImage {
  let mf: DfImage | undefined;
  return {
    name,
    description,
    atr: `3B6D0000 ${data.historical}`,
    protocol: 'T=0',
    get mf() {
      return (mf ??= cardMf([ssseImage(data), financialPse([financialApp({ pan })])]));
    },
  };
}

export const TERMINAL_TEST_CARDS: readonly CardImage[] = [
  settlementCard(
    'tm-int-low-balance-decline',
    "Medical account of 1.00 元; the host declines the debit application's PAN (integrated settlement, bank part refused)",
    TM_INT_LOW_BALANCE_DECLINE,
    FIN_PANS.decline,
  ),
  card('tm-med-low-balance', 'Reference card data with 1.00 元 in the medical account (iDoDebit above the balance)', TM_MED_LOW_BALANCE),
  card('tm-med-bad-mac2', 'Reference card data whose DEBIT FOR PURCHASE gives a MAC2 the PSAM refuses', TM_MED_BAD_MAC2),
  card('tm-med-foreign-dpk', "Reference card data whose DPK is from another root: DEBIT FOR PURCHASE refuses the PSAM's MAC1 (9302)", TM_MED_FOREIGN_DPK),
  card('tm-med-records', 'Reference card data with two purchases and a load in EF08 (iReadDebitRecord)', TM_MED_RECORDS),
  card('tm-med-short-record', 'Reference card data whose EF08 record 1 is 27 bytes, not 28 (iReadDebitRecord)', TM_MED_SHORT_RECORD),
  card('tm-clone', "Clone of the reference card: IRK not the issuer's, INTERNAL AUTHENTICATE does not verify", TM_CLONE),
  card('tm-wrong-uk', "Reference card data with an UK SSSE from another root: the PSAM's MAC is refused", TM_WRONG_UK),
  card('tm-wrong-stk', "Reference card data with an STK from another root: the PSAM's PIN UNBLOCK MAC is refused", TM_WRONG_STK),
  card('tm-card10', 'Social security card 1.0, still valid (terminal tests)', TM_CARD10),
  card('tm-replacement', 'Replacement (补卡) of tm-blacklisted: same 社会保障号码, new 卡号 and 卡识别码', TM_REPLACEMENT),
  card('tm-renewed', 'Renewal (换卡) of tm-expired, valid to 2030', TM_RENEWED),
  card('tm-expired', 'Social security card 2.0 that expired in 2020 (terminal tests)', TM_EXPIRED),
  card('tm-blacklisted', 'Social security card 2.0 whose 卡识别码 is on the test blacklist (terminal tests)', TM_BLACKLISTED),
  ...FINANCIAL_TEST_CARDS,
];
