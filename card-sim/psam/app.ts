/**
 * The commands of the simulated PSAM (社会保障卡规范 part 9 §9):
 *   BF EC 00 00 01 xx     INITIALIZE ENVIRONMENT with the first byte of 卡的识别码 (§9.3)
 *   BF DE usage kid       DELIVERY SESSION KEY: diversify the key through the N 8-byte factors, then
 *                         derive the process key from the M-byte process factor (M 8 DES, 16 SM4) (§9.7)
 *                         kid: b4–b1 key id, b8–b5 key version − 1 (this PSAM's convention)
 *   80 FA P1 00           CIPHER DATA with the process key: 00/02 encrypt (ECB), 05 single-block MAC,
 *                         07/03/01 first/next/last MAC block; for 05 and 07 the first block is the IV (§9.8)
 *   80 70 01 00           INIT SAM FOR PURCHASE: DPK from the national purchase key through the 3 factors,
 *                         SESPK, the terminal transaction sequence number and MAC1 (§9.9)
 *   80 72 00 00           CREDIT SAM FOR PURCHASE: MAC2 under that SESPK (§9.10; 9302 on a wrong one, as
 *                         table 31 lists, where the §9.10.1 text says 63CF)
 */
import { SW } from '../../src/apdu/sw.ts';
import { desCbcEncrypt } from '../../src/crypto/des.ts';
import { sm4CbcEncrypt } from '../../src/crypto/sm4.ts';
import { fromHex } from '../../src/bytes/hex.ts';
import { type SsAlgorithm, blockSize, diversifyLevels, encryptBlocks, sessionKey } from '../../src/sscard/crypto.ts';
import type { CardApplication } from '../cos/application.ts';
import type { CardContext, Handler } from '../cos/context.ts';
import type { DfNode } from '../cos/files.ts';
import type { PsamAppData } from './image.ts';
import { equal } from '../../src/bytes/hex.ts';
import type { EfNode } from '../cos/files.ts';
import { medicalMac, purchaseMac1Input, purchaseMac2Input, purchaseSessionKey, readU16, readU32 } from '../../src/medical/crypto.ts';
import { PSAM_DPK_USAGE } from '../../src/medical/keys.ts';
import { algorithmOfId } from '../../src/sscard/crypto.ts';

const SESSION = 'psam.session';
const MAC = 'psam.mac';

interface PsamSession {
  algorithm: SsAlgorithm;
  key: Uint8Array;
}

function environment(card: CardContext): { df: DfNode; data: PsamAppData } | undefined {
  for (let d: DfNode | undefined = card.currentDf; d; d = d.parent) {
    if (d.app === 'psam') return { df: d, data: d.appData as unknown as PsamAppData };
  }
  return undefined;
}

const initializeEnvironment: Handler = (cmd, card) => {
  if (cmd.p1 !== 0 || cmd.p2 !== 0) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 1) return { sw: SW.WRONG_LENGTH };
  const b = cmd.data[0] as number;
  if (b >> 4 > 9 || (b & 0x0f) > 9) return { sw: SW.INCORRECT_DATA };
  card.session['psam.province'] = b;
  return { sw: SW.NO_ERROR };
};

const deliverySessionKey: Handler = (cmd, card) => {
  delete card.session[SESSION];
  const env = environment(card);
  if (!env) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const id = cmd.p2 & 0x0f;
  const version = (cmd.p2 >> 4) + 1;
  const k = env.data.keys.find((x) => x.usage === cmd.p1 && x.id === id && x.version === version);
  if (!k) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  const alg = env.data.algorithm;
  const m = blockSize(alg);
  if (cmd.data.length < m || (cmd.data.length - m) % 8 !== 0) return { sw: SW.WRONG_LENGTH };
  const n = (cmd.data.length - m) / 8;
  if (n !== k.usage >> 5) return { sw: SW.INCORRECT_DATA }; // 分散级数不符
  const factors = Array.from({ length: n }, (_, i) => cmd.data.slice(8 * i, 8 * i + 8));
  const child = diversifyLevels(alg, fromHex(k.key), factors);
  const session: PsamSession = { algorithm: alg, key: sessionKey(alg, child, cmd.data.subarray(8 * n)) };
  card.session[SESSION] = session;
  return { sw: SW.NO_ERROR };
};

function cbc(alg: SsAlgorithm, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const out = alg === 'SM4' ? sm4CbcEncrypt(key, iv, data) : desCbcEncrypt(key, iv, data);
  return out.slice(out.length - blockSize(alg));
}

const cipherData: Handler = (cmd, card) => {
  if (cmd.p2 !== 0) return { sw: SW.INCORRECT_P1P2 };
  const s = card.session[SESSION] as PsamSession | undefined;
  if (!s) return { sw: 0x6901 };
  const n = blockSize(s.algorithm);
  if (cmd.data.length === 0 || cmd.data.length % n !== 0) return { sw: SW.WRONG_LENGTH };
  switch (cmd.p1) {
    case 0x00:
    case 0x02:
      return { data: encryptBlocks(s.algorithm, s.key, cmd.data), sw: SW.NO_ERROR };
    case 0x05:
    case 0x07: {
      if (cmd.data.length < 2 * n) return { sw: SW.WRONG_LENGTH };
      const chain = cbc(s.algorithm, s.key, cmd.data.subarray(0, n), cmd.data.subarray(n));
      if (cmd.p1 === 0x05) return { data: chain, sw: SW.NO_ERROR };
      card.session[MAC] = chain;
      return { sw: SW.NO_ERROR };
    }
    case 0x03:
    case 0x01: {
      const iv = card.session[MAC] as Uint8Array | undefined;
      if (!iv) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
      const chain = cbc(s.algorithm, s.key, iv, cmd.data);
      if (cmd.p1 === 0x03) {
        card.session[MAC] = chain;
        return { sw: SW.NO_ERROR };
      }
      delete card.session[MAC];
      return { data: chain, sw: SW.NO_ERROR };
    }
    default:
      return { sw: SW.INCORRECT_P1P2 };
  }
};

const PURCHASE = 'psam.purchase';

/** INIT SAM FOR PURCHASE 80 70 01 00, Lc 1C + 8N (part 9 §9.9). */
const initSamForPurchase: Handler = (cmd, card) => {
  delete card.session[PURCHASE];
  if (cmd.p1 !== 0x01 || cmd.p2 !== 0x00) return { sw: SW.INCORRECT_P1P2 };
  const env = environment(card);
  if (!env) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const d = cmd.data;
  if (d.length < 0x1c || (d.length - 0x1c) % 8 !== 0) return { sw: SW.WRONG_LENGTH };
  const n = (d.length - 0x1c) / 8;
  const alg = env.data.algorithm;
  const k = env.data.keys.find((x) => (x.usage & 0x1f) === (PSAM_DPK_USAGE & 0x1f) && x.version === d[26]);
  if (!k || algorithmOfId(d[27] as number) !== alg) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  // The levels are fixed by the key record: other factor counts are a length error (§9.9.2).
  if (n !== k.usage >> 5) return { sw: SW.WRONG_LENGTH };
  // The factors come level 3 first (card, city, province); diversification runs province first.
  const factors = Array.from({ length: n }, (_, i) => d.slice(0x1c + 8 * i, 0x1c + 8 * i + 8)).reverse();
  const dpk = diversifyLevels(alg, fromHex(k.key), factors);
  const ef16 = card.mf.children.find((c): c is EfNode => c.kind === 'EF' && c.fid === 0x0016);
  if (!ef16) return { sw: SW.CONDITIONS_OF_USE_NOT_SATISFIED };
  const st = card.mf.state as { terminalSeq?: number };
  const seq = ((st.terminalSeq ?? 0) + 1) >>> 0;
  st.terminalSeq = seq;
  const terminalSeq = Uint8Array.of(seq >>> 24, (seq >>> 16) & 0xff, (seq >>> 8) & 0xff, seq & 0xff);
  const ks = purchaseSessionKey(alg, dpk, d.subarray(0, 4), readU16(d, 4), terminalSeq);
  const amounts = { account: readU32(d, 6), selfPaid: readU32(d, 10), pooled: readU32(d, 14) };
  const mac1 = medicalMac(alg, ks, purchaseMac1Input(amounts, ef16.data.slice(0, 6), d.slice(19, 26)));
  card.session[PURCHASE] = { alg, ks, amounts };
  return { data: Uint8Array.from([...terminalSeq, ...mac1]), sw: SW.NO_ERROR };
};

/** CREDIT SAM FOR PURCHASE 80 72 00 00 04 MAC2 (part 9 §9.10). */
const creditSamForPurchase: Handler = (cmd, card) => {
  if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 4) return { sw: SW.WRONG_LENGTH };
  const p = card.session[PURCHASE] as { alg: SsAlgorithm; ks: Uint8Array; amounts: { account: number; selfPaid: number; pooled: number } } | undefined;
  if (!p) return { sw: 0x6901 };
  delete card.session[PURCHASE];
  return { sw: equal(medicalMac(p.alg, p.ks, purchaseMac2Input(p.amounts)), cmd.data) ? SW.NO_ERROR : SW.MAC_INVALID };
};

export const PSAM_APP: CardApplication = {
  name: 'psam',
  commands: [
    { ins: 0xec, classes: [0xbf], handler: initializeEnvironment },
    { ins: 0xde, classes: [0xbf], handler: deliverySessionKey },
    { ins: 0xfa, classes: [0x80], handler: cipherData },
    { ins: 0x70, classes: [0x80], handler: initSamForPurchase },
    { ins: 0x72, classes: [0x80], handler: creditSamForPurchase },
  ],
};
