import { describe, expect, it } from 'vitest';
import { createCard } from './card.ts';
import { IMAGES } from '../images/index.ts';
import { fromHex } from '../../src/bytes/hex.ts';
import { encodeCommand } from '../../src/apdu/command.ts';
import { createDf, masterKeyAuthentication } from '../../src/personalisation/commands.ts';
import { masterKey } from '../../src/personalisation/keys.ts';

const SELECT_SSSE = fromHex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
const verify = (pin: string) => fromHex(`00200000${(pin.length / 2).toString(16).padStart(2, '0')}${pin}`);
const query = fromHex('0020000000');

function card(defects: string[] = []) {
  const c = createCard(IMAGES.reference as never, { defects: defects as never });
  c.reset();
  c.transmit(SELECT_SSSE);
  return c;
}
const sw = (r: Uint8Array) => Buffer.from(r.subarray(-2)).toString('hex').toUpperCase();

describe('NVM layer and tear API', () => {
  it('counts the writes of a command and cuts power after the k-th: the card is mute, RAM lost, NVM kept', () => {
    const c = card();
    c.tearAfter(Number.MAX_SAFE_INTEGER);
    expect(sw(c.transmit(verify('000000')))).toMatch(/^63C/);
    expect(c.lastWrites()).toEqual({ writes: 1, torn: false });
    // Cut before the try counter's write: nothing written, no answer.
    c.reset();
    c.transmit(SELECT_SSSE);
    const before = sw(c.transmit(query));
    c.tearAfter(0);
    expect(c.transmit(verify('000000')).length).toBe(0);
    expect(c.transmit(SELECT_SSSE).length).toBe(0);
    expect(c.lastWrites()).toEqual({ writes: 0, torn: true });
    c.reset();
    c.transmit(SELECT_SSSE);
    expect(sw(c.transmit(query))).toBe(before);
  });

  it('spends the try before the comparison: the right PIN cut after its first write loses the try', () => {
    const c = card();
    const before = sw(c.transmit(query));
    c.tearAfter(1);
    expect(c.transmit(verify('123456')).length).toBe(0);
    c.reset();
    c.transmit(SELECT_SSSE);
    const after = sw(c.transmit(query));
    expect(parseInt(after, 16)).toBe(parseInt(before, 16) - 1);
    // The defect compares first: the right PIN writes nothing before its answer.
    const d = card(['tear-try-counter-after-compare']);
    d.tearAfter(1);
    expect(sw(d.transmit(verify('123456')))).toBe('9000');
  });

  it('a restored state starts from the file, and a torn unit is recovered at power-up unless the recovery is skipped', () => {
    for (const [defects, recovered] of [
      [[], true],
      [['tear-recovery-skipped'], false],
    ] as const) {
      const c = card([...defects]);
      const start = c.saveNvm();
      const old = c.nvm();
      // CHANGE PIN: the try (1 write), then a unit of PIN and counter (backup 2, flag, 2 pages, flag).
      c.tearAfter(Number.MAX_SAFE_INTEGER);
      expect(sw(c.transmit(fromHex('805E010007123456FF654321')))).toBe('9000');
      const writes = c.lastWrites().writes;
      expect(writes).toBeGreaterThan(3);
      c.loadNvm(start);
      c.reset();
      expect(c.nvm()).toEqual(old);
      c.transmit(SELECT_SSSE);
      c.tearAfter(writes - 2);
      expect(c.transmit(fromHex('805E010007123456FF654321')).length).toBe(0);
      c.reset();
      const pin = [...c.nvm()].find(([k]) => / PIN 0$/.test(k) && k.startsWith('MF/7378'))?.[1];
      const oldPin = [...old].find(([k]) => / PIN 0$/.test(k) && k.startsWith('MF/7378'))?.[1];
      if (recovered) expect(pin?.split(':').slice(0, 2)).toEqual(oldPin?.split(':').slice(0, 2));
      else expect(pin?.split(':').slice(0, 2)).not.toEqual(oldPin?.split(':').slice(0, 2));
    }
  });

  it('CREATE FILE makes a DF through the NVM layer: torn, the recovery takes it away; whole, a state file keeps it', () => {
    const c = card();
    const start = c.saveNvm();
    const name = Uint8Array.from(Buffer.from('SSCC.TEAR.DF', 'ascii'));
    const create = () => {
      c.reset();
      c.transmit(fromHex('00A40000023F00'));
      const challenge = c.transmit(fromHex('0084000008')).subarray(0, 8);
      const auth = encodeCommand(masterKeyAuthentication('3DES', masterKey('card'), challenge, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)));
      expect(sw(c.transmit(auth))).toBe('9000');
      return encodeCommand(createDf(name, 0xdf3e));
    };
    const made = (x: typeof c) => [...x.nvm().keys()].some((k) => / created$/.test(k));
    c.tearAfter(Number.MAX_SAFE_INTEGER);
    expect(sw(c.transmit(create()))).toBe('9000');
    const writes = c.lastWrites().writes;
    expect(made(c)).toBe(true);
    const after = c.saveNvm();
    for (let k = 0; k < writes; k++) {
      c.loadNvm(start);
      const cmd = create();
      c.tearAfter(k);
      expect(c.transmit(cmd).length).toBe(0);
      c.reset();
      expect(made(c), `cut after write ${k}`).toBe(false);
    }
    // A state file with the DF makes it again in a card of the image, and one without takes it away.
    const other = createCard(IMAGES.reference as never);
    other.loadNvm(after);
    expect(made(other)).toBe(true);
    other.loadNvm(start);
    expect(made(other)).toBe(false);
  });

  it('a saved state keeps the random generator position: a card put back answers GET CHALLENGE again the same', () => {
    const c = card();
    const start = c.saveNvm();
    const first = c.transmit(fromHex('0084000008'));
    c.loadNvm(start);
    expect(c.transmit(fromHex('0084000008'))).toEqual(first);
  });
});
