/**
 * More social security test cards beside the reference (2.0, 3DES): a 3.0 card with SM4 and EF06 behind
 * RK SSSE, and a 1.0 card (no 姓名扩展, no algorithm identifier, no EF08/DF07). Test data only:
 * invented names in GBK, citizen ids with valid GB 11643 check characters, 卡号 with annex A check.
 */
import type { CardImage } from '../cos/image.ts';
import { type SsCardData, ssseImage } from './ssse.ts';

export const SSCARD30: SsCardData = {
  version: '3.0',
  algorithm: 'SM4',
  historical: '0099261103 0099510100000002',
  cityCode: '510100',
  serial: '00000002',
  issueDate: '20250615',
  expiryDate: '20350615',
  cardNumberBody: 'A5101002',
  institution: '915600000251010051010001',
  holder: { idFirst17: '51010419850615002', name: '李娜', sex: '2', ethnicGroup: '01', birthPlace: '510104' },
  pin: '123456',
  medical: 'offline',
};

export const SSCARD10: SsCardData = {
  version: '1.0',
  algorithm: '3DES',
  historical: '0099261101 0099330100000003',
  cityCode: '330100',
  serial: '00000003',
  issueDate: '20100105',
  expiryDate: '20200105',
  cardNumberBody: 'B3301003',
  institution: '915600000233010033010001',
  holder: { idFirst17: '33010219701231002', name: '王芳芳', sex: '2', ethnicGroup: '01', birthPlace: '330102' },
  pin: '123456',
};

function image(name: string, description: string, card: SsCardData): CardImage {
  return {
    name,
    description,
    // 3B 6D: TB1 TC1 present, 13 historical bytes (part 10 §5.1.2).
    atr: `3B6D0000 ${card.historical}`,
    protocol: 'T=0',
    mf: { kind: 'DF', fid: '3F00', app: 'sscard-mf', children: [ssseImage(card)] },
  };
}

export const sscard30Image = image('sscard30', 'Social security card 3.0, SM4, EF06 behind RK SSSE, test data only', SSCARD30);
export const sscard10Image = image('sscard10', 'Social security card 1.0, DES, no algorithm identifier, test data only', SSCARD10);
