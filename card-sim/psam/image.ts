/**
 * A simulated social security PSAM (社会保障卡规范 part 9) as an ordinary card image, so that it can
 * run in process or be served on a second reader slot:
 *   MF 3F00 = DES environment, DF name "sx1.sh.社会保障" (part 9 §5), app psam, 3DES root keys
 *   ├─ EF0015 SFI 15 card public information (issuer id, PSAM serial, version), free
 *   ├─ EF0016 SFI 16 terminal number, cn 6: city code ‖ 6 digits (part 9 §5.3, §7.3.3)
 *   └─ DDF3 "sx3.sh.社会保障" = SM4 environment (name as used in public terminal code), app psam, SM4 root keys
 * Keys are the project's test roots (src/sscard/keys.ts), three levels of diversification below them;
 * the PSAM key id is the card key id, the usage byte (levels in b8–b6, type in b5–b1, part 9 §6.3).
 */
import { toHex } from '../../src/bytes/hex.ts';
import type { SsAlgorithm } from '../../src/sscard/crypto.ts';
import { KEY_ID, type KeyName, psamUsage, rootKey } from '../../src/sscard/keys.ts';
import { MEDICAL_KEY_ID, MEDICAL_KEY_INDEX, PSAM_DPK_ID, PSAM_DPK_USAGE, medicalRoot } from '../../src/medical/keys.ts';
import type { CardImage, DfImage } from '../cos/image.ts';
import { cn, gbkHex } from '../images/build.ts';

export interface PsamKeyImage {
  /** Usage byte = P1 of DELIVERY SESSION KEY: levels << 5 | type. */
  usage: number;
  /** Key identifier = P2 of DELIVERY SESSION KEY. */
  id: number;
  version: number;
  name: KeyName | 'DSK' | 'DPK';
  key: string;
}

export interface PsamAppData {
  algorithm: SsAlgorithm;
  keys: PsamKeyImage[];
}

const KEYS: Array<[KeyName, number, number[]]> = [
  ['UK', KEY_ID.UK, [1]],
  ['PUK', KEY_ID.PUK, [1]],
  ['IRK', KEY_ID.IRK, [1, 2, 3]],
  ['STK', KEY_ID.STK, [1]],
  ['RK', KEY_ID.RK, [1]],
  ['BK', KEY_ID.BK, [1]],
  ['UK1', KEY_ID.UK1, [1]],
];

function appData(algorithm: SsAlgorithm, roots: Record<string, string>, medicalRoots: Record<string, string>): PsamAppData {
  return {
    algorithm,
    keys: [
      ...KEYS.flatMap(([name, id, versions]) =>
        versions.map((version) => ({ usage: psamUsage(name), id, version, name, key: toHex(rootKey(roots, name, version)) })),
      ),
      // The medical purchase key (part 9 §6.1 format 2, type 2, annex B: 22) and DSK (encryption key, for EXTERNAL AUTHENTICATE).
      { usage: PSAM_DPK_USAGE, id: PSAM_DPK_ID, version: MEDICAL_KEY_INDEX, name: 'DPK' as const, key: toHex(medicalRoot(medicalRoots, 'DPK')) },
      { usage: (3 << 5) | 0x07, id: MEDICAL_KEY_ID.DSK, version: 1, name: 'DSK' as const, key: toHex(medicalRoot(medicalRoots, 'DSK')) },
    ],
  };
}

export const PSAM_TERMINAL_NUMBER = '110100000001';

export function buildPsamImage(
  roots: Record<string, string> = {},
  terminalNumber = PSAM_TERMINAL_NUMBER,
  medicalRoots: Record<string, string> = {},
): CardImage {
  const sm4: DfImage = {
    kind: 'DF',
    fid: 'DDF3',
    name: gbkHex('sx3.sh.社会保障'),
    label: 'SM4 environment',
    app: 'psam',
    appData: { ...appData('SM4', roots, medicalRoots) },
    children: [],
  };
  return {
    name: 'psam',
    description: 'Social security PSAM (part 9), DES and SM4 environments, test root keys',
    atr: '3B690000 5053414D2053494D31',
    protocol: 'T=0',
    mf: {
      kind: 'DF',
      fid: '3F00',
      name: gbkHex('sx1.sh.社会保障'),
      label: 'PSAM DES environment',
      app: 'psam',
      appData: { ...appData('3DES', roots, medicalRoots) },
      children: [
        {
          kind: 'EF',
          fid: '0015',
          sfi: 0x15,
          label: '卡片公共信息',
          structure: 'transparent',
          // issuer id (1) ‖ PSAM serial cn10 ‖ version (1) ‖ key card type (1) ‖ FCI (2)
          data: toHex(Uint8Array.from([0x01, ...cn('00990000000000000001', 10), 0x01, 0x00, 0x00, 0x00])),
          size: 15,
          read: 'always',
          update: 'never',
        },
        {
          kind: 'EF',
          fid: '0016',
          sfi: 0x16,
          label: '终端信息',
          structure: 'transparent',
          data: toHex(cn(terminalNumber, 6)),
          size: 6,
          read: 'always',
          update: 'never',
        },
        sm4,
      ],
    },
  };
}

export const psamImage: CardImage = buildPsamImage();
