/**
 * The payment system environment of the reference card (JR/T 0025.5): the PSE DDF 1PAY.SYS.DDF01 with
 * its directory (SFI 1), and under it the UnionPay debit application A000000333010101 with its FCI,
 * PDOL, AFL records and keys. Test data only: PAN 6222 0200 0000 0000 000 (Luhn-valid, invented), the
 * card's AC key diversified from the project's test issuer master key.
 */
import { buildTlv } from '../../src/tlv/ber.ts';
import { toHex, fromHex } from '../../src/bytes/hex.ts';
import { deriveUdk } from '../../src/pboc/crypto.ts';
import { TEST_IMK_AC, TEST_IMK_MAC } from '../../src/pboc/data.ts';
import type { DfImage } from '../cos/image.ts';

export const PSE_NAME = '1PAY.SYS.DDF01';
export const DEBIT_AID = 'A000000333010101';

export interface PbocCardData {
  pan: string;
  psn: string;
  expiry: string; // YYMMDD
  effective: string; // YYMMDD
  pin: string;
  atc: number;
}

export const REFERENCE_DEBIT: PbocCardData = { pan: '6222020000000000000', psn: '01', expiry: '361130', effective: '261122', pin: '1234', atc: 0x0010 };

const t = (tag: string, hex: string) => buildTlv(tag, fromHex(hex));
const hex = (b: Uint8Array) => toHex(b);
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');

/** PDOL: EC terminal indicator, amount authorised, currency (JR/T 0025.5 §6.4). */
export const PDOL = '9F7A01' + '9F0206' + '5F2A02';
/** CDOL1 (JR/T 0025.5 annex E, CVN 01 data): amount, other amount, country, TVR, currency, date, type, UN. */
export const CDOL1 = '9F0206' + '9F0306' + '9F1A02' + '9505' + '5F2A02' + '9A03' + '9C01' + '9F3704';
export const CDOL2 = '8A02' + '9F3704';
/** AIP: cardholder verification, terminal risk management, issuer authentication (no ODA in this image). */
export const AIP = '1C00';
/** AFL: SFI 1 record 1; SFI 2 records 1–2 (none for ODA). */
export const AFL = '08010100' + '10010200';

export function pseDirectoryRecord(): string {
  const entry = buildTlv('61', [t('4F', DEBIT_AID), t('50', ascii('PBOC DEBIT')), t('87', '01')]);
  return hex(buildTlv('70', [entry]));
}

export function debitApplication(d: PbocCardData): DfImage {
  const panHex = d.pan.length % 2 ? d.pan + 'F' : d.pan;
  const track2 = `${d.pan}D${d.expiry.slice(0, 4)}2200000000000`;
  const rec = (...objs: Uint8Array[]) => hex(buildTlv('70', objs));
  return {
    kind: 'DF',
    name: DEBIT_AID,
    label: 'PBOC debit',
    app: 'pboc',
    fciProprietary: hex(t('50', ascii('PBOC DEBIT'))) + hex(t('87', '01')) + hex(t('9F38', PDOL)) + hex(t('5F2D', ascii('zh'))),
    appData: {
      pan: d.pan,
      psn: d.psn,
      pin: d.pin,
      pinTryLimit: 3,
      atc: d.atc,
      aip: AIP,
      afl: AFL,
      pdol: PDOL,
      cdol1: CDOL1,
      udkAc: toHex(deriveUdk(fromHex(TEST_IMK_AC), d.pan, d.psn)),
      udkMac: toHex(deriveUdk(fromHex(TEST_IMK_MAC), d.pan, d.psn)),
      ecBalance: '000000010000',
    },
    children: [
      { kind: 'EF', fid: 'EF01', sfi: 1, label: 'track 2, cardholder name', structure: 'linear-variable', read: 'always', update: 'never',
        records: [rec(t('57', track2.length % 2 ? track2 + 'F' : track2), t('5F20', ascii('ZHANG/WEI')))] },
      { kind: 'EF', fid: 'EF02', sfi: 2, label: 'application data', structure: 'linear-variable', read: 'always', update: 'never',
        records: [
          rec(t('5A', panHex), t('5F24', d.expiry), t('5F25', d.effective), t('5F28', '0156'), t('5F34', d.psn), t('9F07', 'FF00'), t('9F08', '0030')),
          rec(t('8C', CDOL1), t('8D', CDOL2), t('8E', '000000000000000042031E031F00'), t('9F0D', 'D86004A800'), t('9F0E', '0010000000'), t('9F0F', 'D86004F800')),
        ] },
    ],
  };
}

/** The PSE DDF with its directory, and the debit application under it. */
export function pse(d: PbocCardData = REFERENCE_DEBIT): DfImage {
  return {
    kind: 'DF',
    name: Buffer.from(PSE_NAME, 'ascii').toString('hex').toUpperCase(),
    label: 'PSE',
    app: 'pboc-pse',
    fciProprietary: '880101', // A5 { 88 01 01: SFI of the directory EF }
    children: [
      { kind: 'EF', fid: 'EF01', sfi: 1, label: 'PSE directory', structure: 'linear-variable', records: [pseDirectoryRecord()], read: 'always', update: 'never' },
      debitApplication(d),
    ],
  };
}
