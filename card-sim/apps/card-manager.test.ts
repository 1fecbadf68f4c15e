import { describe, expect, it } from 'vitest';
import type { CommandApdu } from '../../src/apdu/command.ts';
import { SW } from '../../src/apdu/sw.ts';
import { CardManagement, ENVIRONMENT_NAMES, personalise } from '../../src/personalisation/management.ts';
import { CardSession } from '../../src/apdu/session.ts';
import { SimChannel } from '../../src/transport/sim.ts';
import type { DefectId } from '../defects/catalogue.ts';
import { blankImage } from '../images/environments.ts';
import { referenceImage } from '../images/reference.ts';
import type { CardImage } from '../cos/image.ts';

async function managed(image: CardImage, defects: DefectId[] = []) {
  const channel = new SimChannel(image, { seed: 'test', defects });
  await channel.reset();
  const session = new CardSession(channel);
  const send = (c: CommandApdu) => session.send(c);
  return { m: new CardManagement(send), send };
}

describe('card management (social security card part 4 §5, part 10 §5.2)', () => {
  it('personalises a blank card: transport key → card master key → SSSE → PSE, every step 9000', async () => {
    const { m } = await managed(blankImage);
    const steps = await personalise(m);
    expect(steps.map((s) => s.response.sw)).toEqual(steps.map(() => SW.NO_ERROR));
    for (const env of ['ssse', 'pse'] as const) {
      expect((await m.selectEnvironment(env)).sw).toBe(SW.NO_ERROR);
      expect((await m.authenticate(m.key(env))).sw).toBe(SW.NO_ERROR);
    }
    await m.selectMf();
    expect((await m.authenticate(m.key('transport'))).sw >> 8).toBe(0x63);
  });

  it('refuses the card master key inside an environment (6988), accepts the environment master key', async () => {
    const { m } = await managed(referenceImage);
    await m.selectEnvironment('ssse');
    expect((await m.replaceMasterKey(m.key('card'), m.newKey())).sw).toBe(SW.SM_DATA_OBJECTS_INCORRECT);
    const fresh = m.newKey();
    expect((await m.replaceMasterKey(m.key('ssse'), fresh)).sw).toBe(SW.NO_ERROR);
    expect((await m.authenticate(fresh)).sw).toBe(SW.NO_ERROR);
  });

  it('with the defect card-mk-controls-environment the card master key replaces the SSSE master key', async () => {
    const { m } = await managed(referenceImage, ['card-mk-controls-environment']);
    await m.selectEnvironment('ssse');
    expect((await m.replaceMasterKey(m.key('card'), m.newKey())).sw).toBe(SW.NO_ERROR);
  });

  it('CREATE FILE needs the master key of the current DF and refuses a DF name the card has (6A89)', async () => {
    const { m } = await managed(referenceImage);
    await m.selectMf();
    expect((await m.createDf(ENVIRONMENT_NAMES.pse)).sw).toBe(SW.SECURITY_STATUS_NOT_SATISFIED);
    expect((await m.authenticate(m.key('card'))).sw).toBe(SW.NO_ERROR);
    expect((await m.createDf(ENVIRONMENT_NAMES.pse)).sw).toBe(0x6a89);
  });

  it('the firewall: in the PSE, neither the SSSE PIN nor an SSSE EF by FID is found', async () => {
    const { m, send } = await managed(referenceImage);
    await m.selectEnvironment('pse');
    expect((await send({ cla: 0, ins: 0x20, p1: 0, p2: 0, data: new Uint8Array(0), extended: false })).sw).toBe(SW.REFERENCED_DATA_NOT_FOUND);
    expect((await send({ cla: 0, ins: 0xa4, p1: 0, p2: 0, data: Uint8Array.of(0xef, 0x05), extended: false })).sw).toBe(SW.FILE_NOT_FOUND);
  });
});
