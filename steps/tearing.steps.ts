/** Anti-tearing sweeps (features/tearing, LD/T 6001.2 防拔): glue to src/run/tearing.ts and its cases. */
import { Given, Then, When } from '@cucumber/cucumber';
import { buildPsamImage } from '../card-sim/index.ts';
import { CardSession } from '../src/apdu/session.ts';
import { fromHex } from '../src/bytes/hex.ts';
import { SFI } from '../src/sscard/terminal.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { type SweepResult, type TearCase, type TearControl, everyCut, sampleCases, simTearControl, sweep, sweepTryFirst } from '../src/run/tearing.ts';
import * as cases from '../src/run/tearing-cases.ts';
import { remoteTearControl } from '../src/transport/tear-control.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import type { CardWorld } from './world.ts';
import type { ResponseApdu } from '../src/apdu/response.ts';
import { given } from '../src/verdict/expect.ts';
import { profileIssuer } from '../src/profile/issuer.ts';
import { dx, findings } from '../src/verdict/messages.ts';

export const TEARING_MEDIA_TYPE = 'application/vnd.sscc.tearing+json';

interface Tearing {
  control: TearControl;
  ctx: cases.TearContext;
  result?: SweepResult;
}

/** Each scenario's tearing set-up, typed (the World holds no string-keyed memory). */
const TEARING = new WeakMap<CardWorld, Tearing>();
const tearing = (w: CardWorld): Tearing => given(TEARING.get(w), 'tearing set-up');

Given('the card can be cut off at every NVM write', async function (this: CardWorld) {
  const channel = this.card.channel;
  // The in-process simulator untraced (ten thousand cut points are not an APDU trace); through PC/SC the
  // run's own channel, with `sim serve`'s control channel (profile target.tear).
  let control: TearControl;
  let send: (apdu: Uint8Array) => Promise<ResponseApdu>;
  if (channel instanceof SimChannel) {
    control = simTearControl(channel.card);
    const session = new CardSession(new SimChannel(channel.card));
    send = (apdu: Uint8Array) => session.send(apdu);
  } else {
    const tear = this.profile.target.kind === 'pcsc' ? this.profile.target.tear : undefined;
    if (!tear) throw new Unobservable(dx('tear.needsReader'));
    control = await remoteTearControl(tear, channel);
    send = (apdu: Uint8Array) => this.card.send(apdu);
  }
  const psam = new SimChannel(buildPsamImage(this.profile.keys?.sscardRoots ?? {}), { seed: 'psam' });
  await psam.reset();
  // The PSAM is put back with the card: its terminal transaction number is in the medical proofs (part 7 §12).
  const psamStart = psam.card.saveNvm();
  const cardControl = control;
  control = {
    ...cardControl,
    restore: async (state) => {
      await cardControl.restore(state);
      psam.card.loadNvm(psamStart);
    },
  };
  const atr = this.profile.product.expectedAtr ? fromHex(this.profile.product.expectedAtr) : channel.atr;
  const ctx: cases.TearContext = {
    send,
    psam: new CardSession(psam),
    atr,
    pin: this.profile.keys?.pin ?? '',
    aid: fromHex(this.profile.keys?.pboc?.aid ?? 'A000000333010101'),
    ...(this.profile.keys?.sscardLevel2Factor ? { level2Factor: this.profile.keys.sscardLevel2Factor } : {}),
    ...(this.profile.keys?.pboc ? { issuer: (iad: Uint8Array) => profileIssuer(this.profile, iad) } : {}),
    ...(this.profile.keys?.medicalRoots ? { medicalRoots: this.profile.keys.medicalRoots } : {}),
    management: {
      algorithm: this.profile.ics.algorithms.includes('3DES') ? '3DES' : 'SM4',
      ...(this.profile.keys?.masterKeys ? { keys: this.profile.keys.masterKeys } : {}),
    },
  };
  TEARING.set(this, { control, ctx });
});

/** The whole sweep when the run was cut to --area tearing. */
const full = (w: CardWorld) => w.parameters.areas?.includes('tearing') === true;

/**
 * A run of the whole suite sweeps every cut point of a short list (`sample`: the commands most likely to
 * show a broken unit, the longest) plus one command chosen by the run's seed; `--area tearing` all of them.
 */
async function run(w: CardWorld, list: TearCase[] | (() => Promise<TearCase[]>), sample?: (all: TearCase[]) => TearCase[]) {
  const t = tearing(w);
  const all = typeof list === 'function' ? await list() : list;
  const chosen = full(w) || !sample ? all : [...new Set([...sample(all), ...sampleCases(w.profile.run?.seed ?? 'sscc', all, 1)])];
  t.result = await sweep(t.control, t.ctx.send, chosen, everyCut);
}

/** UPDATE BINARY with MAC of EF07 over offsets and lengths that start and end on and off the NVM pages. */
When('UPDATE BINARY of EF07 with MAC is torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(
    this,
    async () => {
      const current = await cases.ssBinary(ctx, ctx.send);
      const out: TearCase[] = [];
      // Every alignment to the page (a step of 7 is prime to the 8-byte page), short and long writes, over the whole file.
      for (const length of [1, 7, 8, 9, 16, 17, 64, 200])
        for (let offset = 0; offset + length <= current.length; offset += 7) out.push(cases.ssBinaryCase(ctx, current, offset, length));
      return out;
    },
    (all) => all.filter((c) => / 9 bytes at 7$| 64 bytes at 0$/.test(c.name)),
  );
});

When('UPDATE RECORD with MAC of every record of EF05 and EF06 is torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(
    this,
    async () => {
      const out: TearCase[] = [];
      for (const sfi of [SFI.EF05, SFI.EF06]) for (const r of await cases.ssRecords(ctx, ctx.send, sfi)) out.push(cases.ssRecordCase(ctx, sfi, r));
      if (!out.length) throw new Unobservable(dx('tear.noRecord'));
      return out;
    },
    (all) => [...all].sort((a, b) => (b.size ?? 0) - (a.size ?? 0)).slice(0, 2),
  );
});

When('VERIFY of the SSSE PIN with a wrong PIN is torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(this, [cases.ssVerifyCase(ctx, cases.otherPin(ctx.pin), 'a wrong PIN'), cases.ssVerifyCase(ctx, ctx.pin, 'the right PIN')]);
});

/** The right and a wrong PIN torn at the same cut points: the try is spent before the comparison. */
async function tryFirst(
  w: CardWorld,
  verifyCase: (ctx: cases.TearContext, pin: string, what: string) => TearCase,
  tries: (ctx: cases.TearContext, send: Parameters<typeof sweepTryFirst>[1]) => ReturnType<Parameters<typeof sweepTryFirst>[4]>,
) {
  const t = tearing(w);
  const { ctx } = t;
  t.result = await sweepTryFirst(
    t.control,
    ctx.send,
    verifyCase(ctx, ctx.pin, 'the right PIN'),
    verifyCase(ctx, cases.otherPin(ctx.pin), 'a wrong PIN'),
    (send) => tries(ctx, send),
  );
}

When('VERIFY of the SSSE PIN with the right and with a wrong PIN are torn at the same cut points', async function (this: CardWorld) {
  await tryFirst(this, cases.ssVerifyCase, cases.ssTries);
});

When('VERIFY of the offline PIN with the right and with a wrong PIN are torn at the same cut points', async function (this: CardWorld) {
  await tryFirst(this, cases.pbocVerifyCase, cases.pbocTries);
});

When('CHANGE PIN is torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(this, [cases.ssChangePinCase(ctx, '135790'), cases.ssChangePinCase(ctx, '2468')]);
});

When('GET PROCESSING OPTIONS is torn at every cut point', async function (this: CardWorld) {
  await run(this, [cases.gpoCase(tearing(this).ctx)]);
});

When('the first GENERATE AC after a completed GPO is torn at every cut point', async function (this: CardWorld) {
  await run(this, [cases.gacCase(tearing(this).ctx, false)]);
});

When('an offline EC purchase is torn at every cut point of its GENERATE AC', async function (this: CardWorld) {
  await run(this, [cases.gacCase(tearing(this).ctx, true)]);
});

When('PIN UNBLOCK and PIN RELOAD of the SSSE PIN are torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(this, [cases.ssUnblockCase(ctx), cases.ssUnblockCase(ctx, '975310')]);
});

When('EXTERNAL AUTHENTICATE with a wrong cryptogram is torn at every cut point', async function (this: CardWorld) {
  await run(this, [cases.ssExtAuthCase(tearing(this).ctx, false)]);
});

When('EXTERNAL AUTHENTICATE with the right and with a wrong cryptogram are torn at the same cut points', async function (this: CardWorld) {
  const t = tearing(this);
  const { ctx } = t;
  t.result = await sweepTryFirst(t.control, ctx.send, cases.ssExtAuthCase(ctx, true), cases.ssExtAuthCase(ctx, false), (send) => cases.ssKeyTries(ctx, send));
});

When('APPLICATION BLOCK and CARD BLOCK of the SSSE are torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(this, [cases.ssBlockCase(ctx, 'application'), cases.ssBlockCase(ctx, 'card')]);
});

When('WRITE KEY of the SSSE is torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(this, [cases.writeKeyCase(ctx, 'replace master key'), cases.writeKeyCase(ctx, 'load key')]);
});

When('CREATE FILE of a DF is torn at every cut point', async function (this: CardWorld) {
  await run(this, [cases.createFileCase(tearing(this).ctx)]);
});

When("the EC load's PUT DATA scripts are torn at every cut point", async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(this, [cases.pbocScriptCase(ctx, 'EC load'), cases.pbocScriptCase(ctx, 'PUT DATA 9F77')]);
});

When('the issuer script commands are torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  const scripts: cases.PbocScript[] = ['APPLICATION BLOCK', 'APPLICATION UNBLOCK', 'CARD BLOCK', 'PIN UNBLOCK', 'PIN CHANGE'];
  await run(
    this,
    scripts.map((s) => cases.pbocScriptCase(ctx, s)),
  );
});

When('CREDIT FOR LOAD and DEBIT FOR PURCHASE of the medical account are torn at every cut point', async function (this: CardWorld) {
  const { ctx } = tearing(this);
  await run(this, [cases.medicalCase(ctx, 'load'), cases.medicalCase(ctx, 'purchase')]);
});

Then("at every cut point the right cryptogram leaves the key's counter where the wrong one leaves it", function (this: CardWorld) {
  judge(this);
});

Then('every cut point leaves the card wholly old or wholly new, and answering', function (this: CardWorld) {
  judge(this);
});

Then('at every cut point the right PIN leaves the try counter where the wrong PIN leaves it', function (this: CardWorld) {
  judge(this);
});

function judge(w: CardWorld): void {
  const r = tearing(w).result;
  if (!r) throw new Error('no sweep ran: a When step is missing');
  w.attach(JSON.stringify({ cutPoints: r.cutPoints, cases: r.cases, failures: r.failures.slice(0, 20) }), TEARING_MEDIA_TYPE);
  w.log(`${r.cutPoints} cut points over ${r.cases.length} commands`);
  if (r.cutPoints === 0) throw new Unobservable(dx('tear.noCutPoint'));
  if (r.failures.length) {
    const first = r.failures.slice(0, 3).map((f) => dx('tear.point', { case: f.case, k: f.k, writes: f.writes, what: f.what }));
    throw new NonConformance(dx('tear.broken', { failed: r.failures.length, cutPoints: r.cutPoints, first: findings(first) }));
  }
}
