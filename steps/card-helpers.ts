/** Glue shared by the step files: selecting the profile's test objects, PIN blocks. */
import { SW } from '../src/apdu/sw.ts';
import { encodeCn } from '../src/bytes/bcd.ts';
import { toHex } from '../src/bytes/hex.ts';
import * as iso from '../src/iso7816/commands.ts';
import { dfNameBytes } from '../src/profile/profile.ts';
import { PreconditionNotMet, Unobservable } from '../src/verdict/errors.ts';
import type { ResponseApdu } from '../src/apdu/response.ts';
import { expectSw } from '../src/verdict/expect.ts';
import { requireFciDfName } from '../src/iso7816/fci.ts';
import type { EfObject } from './parameters.ts';
import type { CardWorld } from './world.ts';
import { dx } from '../src/verdict/messages.ts';

/** Reference of the social security PIN: VERIFY P2 = 00 (社会保障卡规范 part 5 §6.14). */
export const SS_PIN_REF = 0x00;

export function pinBlock(pin: string): Uint8Array {
  return encodeCn(pin, Math.ceil(pin.length / 2));
}

/** A PIN of the same length that differs from the right one in its last digit. */
export function wrongPin(pin: string): string {
  const last = Number(pin[pin.length - 1]);
  return pin.slice(0, -1) + String((last + 1) % 10);
}

/** Select the DF a scenario starts in; a card without it does not meet the precondition (INCONCLUSIVE, not a FAIL of the clause tested). */
export async function selectDf(world: CardWorld, ref: string): Promise<void> {
  const r = await world.send(iso.selectByName(dfNameBytes(ref)));
  if (r.sw !== SW.NO_ERROR) throw new PreconditionNotMet(dx('select.dfPrecondition', { ref, sw: toHex(Uint8Array.of(r.sw >> 8, r.sw & 0xff)) }));
}

/**
 * A READ RECORD that returned a record: 9000, or 6282 with the data (ISO/IEC 7816-4 §7.3.3 and table 6:
 * end of record reached before Ne bytes, as for READ BINARY §7.2.3), judged alike wherever a record is read.
 */
export function recordRead(r: ResponseApdu): boolean {
  return r.data.length > 0 && (r.sw === SW.NO_ERROR || r.sw === SW.WARNING_END_OF_FILE);
}

/** Records 1, 2, … of the EF with this SFI, read by number (P2 mode 100) until the card has no more. */
export async function readRecordsOneByOne(world: CardWorld, sfi: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let p1 = 1; p1 <= 0xfe; p1++) {
    const r = await world.send(iso.readRecord(p1, sfi, iso.RECORD_MODE.NUMBER, 256));
    if (!recordRead(r)) break;
    out.push(r.data);
  }
  return out;
}

export async function selectObject(world: CardWorld, ef: EfObject): Promise<void> {
  const o = world.objects[ef];
  await selectDf(world, o.df);
  const r = await world.send(iso.selectEf(parseInt(o.fid, 16)));
  expectSw(r.sw, SW.NO_ERROR);
}

export function sfiOf(world: CardWorld, ef: EfObject): number {
  const sfi = world.objects[ef].sfi;
  if (sfi === undefined) throw new Unobservable(dx('profile.noSfi', { ef }));
  return sfi;
}

/** The DF name 84 of the FCI (src/iso7816/fci.ts). */
export const fciDfName = requireFciDfName;
