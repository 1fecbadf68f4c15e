/**
 * Card management of the COS: the card master key on the MF, the application environments (SSSE, PSE)
 * it creates, and their own master keys (社会保障卡规范 part 4 §5.2–5.5, part 10 §5.2). Coding in
 * src/personalisation/commands.ts. The rules this enforces:
 * - the master key of a DF authorises CREATE FILE and WRITE KEY in that DF only;
 * - the card master key loads an environment's master key only while the environment has none; after
 *   that it has no control over the environment (part 4 §5.2);
 * - nothing found by file identifier, SFI or key/PIN reference crosses from one environment to the
 *   other (the firewall, part 4 §5.5, §6.1): see envOf() and its use in cos/commands/select.ts.
 * The master key of each DF lives in its non-volatile state, seeded from appData.masterKey.
 */
import { SW } from '../../src/apdu/sw.ts';
import { fromHex, toHex, equal } from '../../src/bytes/hex.ts';
import { MASTER_KEY_ID, masterKey } from '../../src/personalisation/keys.ts';
import { type SsAlgorithm, authData, commandMac, decryptData, sessionKey } from '../../src/sscard/crypto.ts';
import { TlvError, findTlv, parseTlv } from '../../src/tlv/ber.ts';
import type { CardApplication } from '../cos/application.ts';
import type { CardContext, Handler } from '../cos/context.ts';
import { type DfNode, allDfs, createdDf, envOf } from '../cos/files.ts';

export interface MasterKeyImage {
  /** hex */
  key: string;
  version: number;
  tryLimit: number;
}

interface MasterKeyState extends MasterKeyImage {
  triesLeft: number;
}

/** Keys an environment master key loaded (read by the applications' key lookups, e.g. sscard findKey). */
export interface LoadedKey {
  id: number;
  version: number;
  name: string;
  key: string;
  tryLimit: number;
}

/** The DF's master key, as the card holds it now. */
export function masterKeyOf(df: DfNode): MasterKeyState | undefined {
  const st = df.state as { masterKey?: MasterKeyState | null };
  if (st.masterKey === undefined) {
    const img = (df.appData as { masterKey?: MasterKeyImage }).masterKey;
    st.masterKey = img ? { ...img, triesLeft: img.tryLimit } : null;
  }
  return st.masterKey ?? undefined;
}

function setMasterKey(df: DfNode, k: MasterKeyImage): void {
  (df.state as { masterKey?: MasterKeyState }).masterKey = { ...k, triesLeft: k.tryLimit };
}

/** The keys the DF's master key loaded. A lookup writes nothing: the list is made by the first WRITE KEY that stores one. */
export function loadedKeys(df: DfNode): readonly LoadedKey[] {
  return (df.state as { loadedKeys?: LoadedKey[] }).loadedKeys ?? [];
}

/** Algorithm of the card's management keys: the MF's (appData.algorithm), 3DES by default. */
function algorithmOf(card: CardContext): SsAlgorithm {
  return ((card.mf.appData as { algorithm?: SsAlgorithm }).algorithm ?? '3DES') as SsAlgorithm;
}

function takeChallenge(card: CardContext): Uint8Array | undefined {
  const c = card.challenge;
  card.challenge = undefined;
  return c;
}

/**
 * A key of the current DF by id: its master key (00) or a key its master key loaded. A card
 * breaking keysStayInEnvironment also finds the keys an image gave any DF of the card.
 */
function keyOf(card: CardContext, id: number): { key: string; tryLimit: number; triesLeft?: number } | undefined {
  const df = card.currentDf;
  if (id === MASTER_KEY_ID) return masterKeyOf(df);
  const own = loadedKeys(df).find((k) => k.id === id);
  if (own || card.rules.keysStayInEnvironment) return own;
  return (
    allDfs(card.mf)
      .flatMap((d) => [...loadedKeys(d), ...((d.appData as { keys?: LoadedKey[] }).keys ?? []).map((k) => ({ ...k }))])
      .find((k) => k.id === id) ?? undefined
  );
}

/** 00 82 00 kid: EXTERNAL AUTHENTICATE with the current DF's master key (00) or a key it loaded. */
export const masterKeyAuthenticate: Handler = (cmd, card) => {
  if (cmd.p1 !== 0x00) return { sw: SW.INCORRECT_P1P2 };
  if (cmd.data.length !== 16) return { sw: SW.WRONG_LENGTH };
  const found = keyOf(card, cmd.p2);
  if (!found) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  const mk = found as { key: string; tryLimit: number; triesLeft: number };
  mk.triesLeft ??= mk.tryLimit;
  if (mk.triesLeft === 0) return { sw: SW.AUTHENTICATION_METHOD_BLOCKED };
  const challenge = takeChallenge(card);
  if (!challenge) return { sw: SW.REFERENCE_DATA_NOT_USABLE };
  const alg = algorithmOf(card);
  const ok = equal(authData(alg, sessionKey(alg, fromHex(mk.key), challenge), cmd.data.subarray(8, 16)), cmd.data.subarray(0, 8));
  // Defect: the MF still knows the COS default (transport) key.
  const transport = !card.rules.transportKeyRetired && card.currentDf === card.mf && cmd.p2 === MASTER_KEY_ID;
  if (!ok && transport && equal(authData(alg, sessionKey(alg, masterKey('transport'), challenge), cmd.data.subarray(8, 16)), cmd.data.subarray(0, 8))) {
    card.authenticatedKeys.add(MASTER_KEY_ID);
    return { sw: SW.NO_ERROR };
  }
  if (!ok) {
    if (card.rules.masterKeyFailureCounts) mk.triesLeft--;
    return { sw: 0x63c0 | mk.triesLeft };
  }
  mk.triesLeft = mk.tryLimit;
  card.authenticatedKeys.add(cmd.p2);
  if (cmd.p2 === MASTER_KEY_ID && !card.rules.cardMkStateLostOnSelect && card.currentDf === card.mf) card.session['cardManager.mfAuthenticated'] = true;
  return { sw: SW.NO_ERROR };
};

/** Is the current DF's master key authenticated (the only authority for CREATE FILE)? */
function masterKeyAuthenticated(card: CardContext): boolean {
  if (card.authenticatedKeys.has(MASTER_KEY_ID)) return true;
  return !card.rules.cardMkStateLostOnSelect && card.session['cardManager.mfAuthenticated'] === true;
}

/** 80 E0 00 00: CREATE FILE of a DF under the current DF. */
const createFile: Handler = (cmd, card) => {
  if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) return { sw: SW.INCORRECT_P1P2 };
  if (!masterKeyAuthenticated(card) && card.rules.createFileNeedsMasterKey) return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  let fid: Uint8Array | undefined;
  let name: Uint8Array | undefined;
  let descriptor: Uint8Array | undefined;
  try {
    const fcp = parseTlv(cmd.data);
    if (fcp.length !== 1 || fcp[0]?.tag !== '62') return { sw: SW.INCORRECT_DATA };
    descriptor = findTlv(fcp, '82')?.value;
    fid = findTlv(fcp, '83')?.value;
    name = findTlv(fcp, '84')?.value;
  } catch (e) {
    if (e instanceof TlvError) return { sw: SW.INCORRECT_DATA };
    throw e;
  }
  if (descriptor?.[0] !== 0x38) return { sw: SW.FUNCTION_NOT_SUPPORTED }; // only DFs are created here
  if (!name || name.length < 1 || name.length > 16 || (fid && fid.length !== 2)) return { sw: SW.INCORRECT_DATA };
  const fidValue = fid ? ((fid[0] as number) << 8) | (fid[1] as number) : undefined;
  const here = card.currentDf;
  const nameTaken = card.rules.createFileRefusesDuplicateName && allDfs(card.mf).some((d) => d.name !== undefined && equal(d.name, name));
  const fidTaken = card.rules.createFileRefusesDuplicateFid && fidValue !== undefined && here.children.some((c) => c.fid === fidValue);
  if (nameTaken || fidTaken) return { sw: 0x6a89 };
  const df = createdDf(here, name, fidValue);
  df.state.masterKey = null;
  here.children.push(df);
  return { sw: SW.NO_ERROR };
};

/**
 * The keys that may authorise WRITE KEY in `df`: its own master key; for an environment that has none
 * yet, loading that master key is the card master key's (part 4 §5.2).
 */
function writeKeyAuthorities(card: CardContext, df: DfNode, keyId: number): MasterKeyState[] {
  const own = masterKeyOf(df);
  const cardMk = masterKeyOf(card.mf);
  const out: MasterKeyState[] = [];
  if (own) out.push(own);
  else if (df !== card.mf && envOf(df) === df && (keyId === MASTER_KEY_ID || !card.rules.cardMkLoadsOnlyEnvironmentMk) && cardMk) out.push(cardMk);
  if (!card.rules.environmentMkTakesOver && df !== card.mf && cardMk && !out.includes(cardMk)) out.push(cardMk);
  return out;
}

/** 84 D4 P1 kid: WRITE KEY, enciphered and MACed under the authorising key's session key. */
const writeKey: Handler = (cmd, card) => {
  if (cmd.p1 !== 0x00 && cmd.p1 !== 0x01) return { sw: SW.INCORRECT_P1P2 };
  const alg = algorithmOf(card);
  const block = alg === 'SM4' && card.rules.writeKeyBlocksOfAlgorithm ? 16 : 8;
  if (cmd.data.length < block + 4 || (cmd.data.length - 4) % block !== 0) return { sw: SW.WRONG_LENGTH };
  const df = card.currentDf;
  const authorities = writeKeyAuthorities(card, df, cmd.p2);
  if (!authorities.length) return { sw: SW.SECURITY_STATUS_NOT_SATISFIED };
  const challenge = takeChallenge(card);
  if (!challenge) return { sw: SW.REFERENCE_DATA_NOT_USABLE };
  const cipher = cmd.data.subarray(0, cmd.data.length - 4);
  const mac = cmd.data.subarray(cmd.data.length - 4);
  const header = [cmd.cla, cmd.ins, cmd.p1, cmd.p2];
  const ks = authorities.map((a) => sessionKey(alg, fromHex(a.key), challenge)).find((k) => equal(commandMac(alg, k, header, cipher), mac));
  if (!ks) return { sw: SW.SM_DATA_OBJECTS_INCORRECT };
  const plain = decryptData(alg, ks, cipher);
  if (!plain || plain.length < 3 + 8 || plain[0] !== cmd.p2) return { sw: SW.INCORRECT_DATA };
  const k = { key: toHex(plain.subarray(3)), version: plain[1] as number, tryLimit: plain[2] as number };
  if (cmd.p2 === MASTER_KEY_ID) {
    const exists = masterKeyOf(df) !== undefined;
    if (cmd.p1 === 0x00 && exists) return { sw: 0x6a89 };
    if (cmd.p1 === 0x01 && !exists && card.rules.masterKeyReplaceNeedsKey) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
    if (card.rules.masterKeyReplaceStores || !exists) setMasterKey(df, k);
    return { sw: SW.NO_ERROR };
  }
  const keys = loadedKeys(df);
  const at = keys.findIndex((x) => x.id === cmd.p2 && x.version === k.version);
  if (cmd.p1 === 0x00 && at >= 0) return { sw: 0x6a89 };
  if (cmd.p1 === 0x01 && at < 0) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  const entry = { id: cmd.p2, name: `loaded ${cmd.p2.toString(16).padStart(2, '0')}`, ...k };
  if (!card.rules.loadedKeyStored) return { sw: SW.NO_ERROR };
  const stored = ((df.state as { loadedKeys?: LoadedKey[] }).loadedKeys ??= []);
  if (at >= 0) stored[at] = entry;
  else stored.push(entry);
  return { sw: SW.NO_ERROR };
};

export const CARD_MANAGER_APP: CardApplication = {
  name: 'card-manager',
  commands: [
    { ins: 0x82, classes: [0x00], handler: masterKeyAuthenticate },
    { ins: 0xe0, classes: [0x80], handler: createFile },
    { ins: 0xd4, classes: [0x84], handler: writeKey },
  ],
};
