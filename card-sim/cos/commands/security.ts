/**
 * GET CHALLENGE (ISO/IEC 7816-4 §7.5.3; 社会保障卡规范 part 5: Le 04, 08 or 10) and
 * VERIFY (§7.5.6; part 5: P2 00, PIN 2–8 bytes cn padded with F, Lc 00 asks the try counter).
 */
import { SW } from '../../../src/apdu/sw.ts';
import { decodeCn } from '../../../src/bytes/bcd.ts';
import type { Handler } from '../context.ts';

export const CHALLENGE_LENGTHS = [4, 8, 16];

export const getChallenge: Handler = (cmd, card) => {
  if ((cmd.p1 !== 0 || cmd.p2 !== 0) && card.rules.getChallengeCheckP1P2) return { sw: SW.INCORRECT_P1P2 };
  if ((cmd.data.length !== 0 && card.rules.getChallengeRefusesData) || cmd.ne === undefined) return { sw: SW.WRONG_LENGTH };
  const length = !card.rules.getChallengeLengthAsAsked ? 8 : cmd.ne;
  if (!CHALLENGE_LENGTHS.includes(length)) return { sw: SW.WRONG_LENGTH };
  const random = !card.rules.getChallengeFreshRandom ? new Uint8Array(length).fill(0x5a) : card.random.bytes(length);
  card.challenge = random;
  return { data: random, sw: SW.NO_ERROR };
};

export const verify: Handler = (cmd, card) => {
  if (cmd.p1 !== 0) return { sw: SW.INCORRECT_P1P2 };
  const pin = card.findPin(cmd.p2);
  if (!pin) return { sw: SW.REFERENCED_DATA_NOT_FOUND };
  if (cmd.data.length === 0) {
    // Status query: 9000 when already verified, else the tries left.
    if (card.verifiedPins.has(pin)) return { sw: SW.NO_ERROR };
    return { sw: pin.triesLeft === 0 ? SW.AUTHENTICATION_METHOD_BLOCKED : 0x63c0 | pin.triesLeft };
  }
  if ((cmd.data.length < 2 && card.rules.verifyCheckPinLength) || cmd.data.length > 8) return { sw: SW.WRONG_LENGTH };
  if (pin.triesLeft === 0 && card.rules.blockedPinRefused) return { sw: SW.AUTHENTICATION_METHOD_BLOCKED };
  let digits: string;
  try {
    digits = decodeCn(cmd.data);
  } catch {
    return { sw: SW.INCORRECT_DATA };
  }
  // 防拔 (LD/T 6001.2): the try is spent in NVM before the comparison, so a tear never gives a free try; the comparison gives it back or not.
  pin.triesLeft--;
  card.nvm.commit('try');
  pin.triesLeft++;
  if (digits === pin.value) {
    pin.triesLeft = pin.tryLimit;
    card.verifiedPins.add(pin);
    return { sw: SW.NO_ERROR };
  }
  card.verifiedPins.delete(pin);
  if (card.rules.wrongPinDecrementsTries) pin.triesLeft--;
  // 63Cx with the tries left, 63C0 on the try that blocks it; 6983 from then on.
  return { sw: 0x63c0 | pin.triesLeft };
};

export const getResponse: Handler = (cmd, card) => {
  if (cmd.p1 !== 0 || cmd.p2 !== 0) return { sw: SW.INCORRECT_P1P2 };
  // 社会保障卡规范 part 5 §6.6.4: with no response data waiting the answer is 6F00 (数据无效, table 21).
  const pending = card.pending ?? new Uint8Array(0);
  if (pending.length === 0) return { sw: SW.NO_PRECISE_DIAGNOSIS };
  if (cmd.data.length !== 0 || cmd.ne === undefined) return { sw: SW.WRONG_LENGTH };
  // An Le beyond what waits, Le 00 too, gets the exact length: 6Cxx (part 5 §6.6.4; ISO/IEC 7816-3 §12.2.2).
  const n = cmd.ne;
  if (n > pending.length) return { sw: 0x6c00 | (pending.length & 0xff) };
  const rest = pending.length - n;
  card.pending = rest > 0 ? pending.slice(n) : undefined;
  return { data: pending.slice(0, n), sw: rest > 0 ? 0x6100 | (Math.min(rest, 256) & 0xff) : card.pendingSw };
};
