/**
 * Master keys of the card and of its two application environments (社会保障卡规范 part 4 §5.2–5.4,
 * part 10 §5.2): the transport key a blank card leaves the COS activation with, the card master key
 * (MF), the SSSE master key and the PSE master key. These are the project's TEST values, published
 * so that the simulator and a lab's test cards can be driven; a profile names other ones for a real
 * product (keys.masterKeys).
 */
import { fromHex } from '../bytes/hex.ts';

export type MasterKeyName = 'transport' | 'card' | 'ssse' | 'pse';

export const TEST_MASTER_KEYS: Readonly<Record<MasterKeyName, string>> = {
  transport: '57415443484441544157415443484441',
  card: '434152444D4B30314341524D4B303131',
  ssse: '535353454D4B30315353534D4B303131',
  pse: '5053454D4B3030315053454D4B303131',
};

/** Key identifier of a DF's master key (P2 of EXTERNAL AUTHENTICATE and WRITE KEY). */
export const MASTER_KEY_ID = 0x00;

export function masterKey(name: MasterKeyName, given?: Partial<Record<MasterKeyName, string>>): Uint8Array {
  return fromHex(given?.[name] ?? TEST_MASTER_KEYS[name]);
}
