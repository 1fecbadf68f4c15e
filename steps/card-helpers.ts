/** Glue shared by the step files: selecting the profile's test objects, PIN blocks. */
import { SW } from '../src/apdu/sw.ts';
import { encodeCn } from '../src/bytes/bcd.ts';
import { toHex } from '../src/bytes/hex.ts';
import * as iso from '../src/iso7816/commands.ts';
import { dfNameBytes } from '../src/profile/profile.ts';
import { type Tlv, TlvError, findTlv, parseTlv } from '../src/tlv/ber.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import { expectSw, expectThat, hexPreview } from '../src/verdict/expect.ts';
import type { EfObject } from './parameters.ts';
import type { CardWorld } from './world.ts';

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

export async function selectDf(world: CardWorld, ref: string): Promise<void> {
  const r = await world.send(iso.selectByName(dfNameBytes(ref)));
  if (r.sw !== SW.NO_ERROR) throw new NonConformance(`SELECT of DF "${ref}" answered ${toHex(Uint8Array.of(r.sw >> 8, r.sw & 0xff))}; the scenario needs it`);
}

export async function selectObject(world: CardWorld, ef: EfObject): Promise<void> {
  const o = world.objects[ef];
  await selectDf(world, o.df);
  const r = await world.send(iso.selectEf(parseInt(o.fid, 16)));
  expectSw(r.sw, SW.NO_ERROR);
}

export function sfiOf(world: CardWorld, ef: EfObject): number {
  const sfi = world.objects[ef].sfi;
  if (sfi === undefined) throw new Unobservable(`testObjects.${ef}.sfi is not given in the profile`);
  return sfi;
}

export function fciDfName(data: Uint8Array): Uint8Array {
  let tlvs: Tlv[];
  try {
    tlvs = parseTlv(data);
  } catch (e) {
    if (e instanceof TlvError) throw new NonConformance(`FCI is not valid BER-TLV (${e.message}): ${hexPreview(data)}`);
    throw e;
  }
  expectThat(tlvs[0]?.tag === '6F', `response is not an FCI template 6F: ${hexPreview(data)}`);
  const name = findTlv(tlvs, '84');
  if (!name) throw new NonConformance(`FCI has no DF name (84): ${hexPreview(data)}`);
  return name.value;
}

