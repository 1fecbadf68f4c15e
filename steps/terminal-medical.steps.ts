/**
 * Steps of the social-security terminal's medical functions (features/terminal/medical.feature): the
 * profile's driver performs iDoDebit / iReadDebitRecord; the verdicts come from the outcome, the
 * card-side trace and, for iReadDebitRecord, EF08 as sscc reads it from the card afterwards.
 */
import { Then, When } from '@cucumber/cucumber';
import { SW, SW1, sw1Of, swOfHex } from '../src/apdu/sw.ts';
import { equal, fromHex, toHex } from '../src/bytes/hex.ts';
import { INS } from '../src/iso7816/commands.ts';
import { parseCommand } from '../src/apdu/command.ts';
import { parseAtr } from '../src/iso7816/atr.ts';
import * as iso from '../src/iso7816/commands.ts';
import { MED_CLA, MED_INS, parseDetailRecord } from '../src/medical/commands.ts';
import { TRANSACTION_TYPE, readU32 } from '../src/medical/crypto.ts';
import { MedicalHost } from '../src/medical/host.ts';
import { DF04_AID, EF08_SFI } from '../src/medical/terminal.ts';
import { algorithmOfId } from '../src/sscard/crypto.ts';
import { encodeGbk } from '../src/bytes/text.ts';
import type { CardSideEntry } from '../src/terminal/slot.ts';
import { firstIndex, itemsSeen } from '../src/terminal/sscard-trace.ts';
import { SSSE_DF_NAME } from '../src/sscard/terminal.ts';
import { pinBlock } from './card-helpers.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { expectThat, given } from '../src/verdict/expect.ts';
import { DRIVER_PACED, attachTrace, harness } from './terminal.steps.ts';
import type { CardWorld } from './world.ts';
import { dx } from '../src/verdict/messages.ts';

const outcome = (w: CardWorld) => given(w.slot.outcome, 'terminal outcome');
const isInit = (e: CardSideEntry) => e.cla === MED_CLA && e.ins === MED_INS.INITIALIZE && e.p1 === 0x01;
const isDebit = (e: CardSideEntry) => e.cla === MED_CLA && e.ins === MED_INS.DEBIT_FOR_PURCHASE;
const isVerify = (e: CardSideEntry) => e.ins === INS.VERIFY && swOfHex(e.response) === SW.NO_ERROR;

/** Command data of a trace entry. */
function dataOf(e: CardSideEntry): Uint8Array {
  return parseCommand(fromHex(e.command)).data;
}

async function perform(w: CardWorld, operation: string, pin: string, params: Record<string, string | number> = {}): Promise<void> {
  w.slot.outcome = await harness(w).perform({ operation, pin, params });
  attachTrace(w);
}

When("the terminal performs iDoDebit of {int} fen from the account with the cardholder's PIN", DRIVER_PACED, async function (this: CardWorld, n: number) {
  await perform(this, 'iDoDebit', this.profile.keys?.pin ?? '', { account: n });
});

When(
  "the terminal performs iDoDebit of {int} fen from the account, {int} fen self-paid and {int} fen pooled with the cardholder's PIN",
  DRIVER_PACED,
  async function (this: CardWorld, n: number, selfPaid: number, pooled: number) {
    await perform(this, 'iDoDebit', this.profile.keys?.pin ?? '', { account: n, selfPaid, pooled });
  },
);

When(
  'the terminal performs iDoDebit of {int} fen from the account with the PIN {string}',
  DRIVER_PACED,
  async function (this: CardWorld, n: number, pin: string) {
    await perform(this, 'iDoDebit', pin, { account: n });
  },
);

When(
  "the terminal performs iDoDebit of {int} fen from the account at the time {string} with the cardholder's PIN",
  DRIVER_PACED,
  async function (this: CardWorld, n: number, time: string) {
    await perform(this, 'iDoDebit', this.profile.keys?.pin ?? '', { account: n, time });
  },
);

When("the terminal performs iReadDebitRecord with the cardholder's PIN", DRIVER_PACED, async function (this: CardWorld) {
  await perform(this, 'iReadDebitRecord', this.profile.keys?.pin ?? '');
});

/** VERIFY, INITIALIZE FOR PURCHASE with these amounts (part 5 table 70) and DEBIT FOR PURCHASE, in this order, each accepted. */
function sawPurchase(w: CardWorld, n: number, more?: { selfPaid: number; pooled: number }): void {
  const trace = harness(w).requireCard().trace;
  const v = firstIndex(trace, isVerify);
  const i = firstIndex(trace, isInit);
  const d = firstIndex(trace, isDebit);
  expectThat(v >= 0, dx('medterm.noVerify'));
  expectThat(i > v, dx('medterm.initBeforePin'));
  expectThat(d > i, dx('medterm.debitBeforeInit'));
  const init = trace[i] as CardSideEntry;
  expectThat(readU32(dataOf(init), 1) === n, dx('medterm.initAmount', { asked: readU32(dataOf(init), 1), n }));
  if (more) {
    const asked = { selfPaid: readU32(dataOf(init), 5), pooled: readU32(dataOf(init), 9) };
    expectThat(
      asked.selfPaid === more.selfPaid && asked.pooled === more.pooled,
      dx('medterm.initParts', { ...asked, eSelf: more.selfPaid, ePooled: more.pooled }),
    );
  }
  const accepted = (e: CardSideEntry) => swOfHex(e.response) === SW.NO_ERROR || (e.response.length === 4 && sw1Of(swOfHex(e.response) ?? 0) === SW1.MORE_DATA);
  expectThat(accepted(init) && accepted(trace[d] as CardSideEntry), dx('medterm.not9000'));
}

Then(
  'the card saw VERIFY, INITIALIZE FOR PURCHASE of {int} fen from the account and DEBIT FOR PURCHASE, in this order, all answered 9000',
  function (this: CardWorld, n: number) {
    sawPurchase(this, n);
  },
);

Then(
  'the card saw VERIFY, INITIALIZE FOR PURCHASE of {int} fen from the account, {int} self-paid and {int} pooled and DEBIT FOR PURCHASE, in this order, all answered 9000',
  function (this: CardWorld, n: number, selfPaid: number, pooled: number) {
    sawPurchase(this, n, { selfPaid, pooled });
  },
);

Then('the TAC the terminal reports is the one the card gave, and the host accepts it', function (this: CardWorld) {
  const card = harness(this).requireCard();
  const trace = card.trace;
  const init = trace[firstIndex(trace, isInit)];
  const debit = trace[firstIndex(trace, isDebit)];
  if (!init || !debit) throw new NonConformance(dx('medterm.noInitDebit'));
  // The responses may come by GET RESPONSE (T=0): take the entry after each command.
  const answer = (e: CardSideEntry) => {
    const at = trace.indexOf(e);
    const r = fromHex(swOfHex(e.response) === SW.NO_ERROR && e.response.length > 4 ? e.response : (trace[at + 1]?.response ?? ''));
    return r.subarray(0, r.length - 2);
  };
  const tac = answer(debit).subarray(0, 4);
  const reported = outcome(this).fields?.['交易验证码'] ?? outcome(this).output?.split('|')[7];
  expectThat(reported?.toUpperCase() === toHex(tac), dx('medterm.tacReported', { reported: reported ?? dx('none'), tac: toHex(tac) }));
  const id = itemsSeen(trace).get(0x01);
  const alg = algorithmOfId(answer(init)[17] as number);
  if (!id || !alg) throw new NonConformance(dx('medterm.noIdOrAlgorithm'));
  const i = dataOf(init);
  const d = dataOf(debit);
  const host = new MedicalHost(
    alg,
    { cityCode: toHex(id.subarray(0, 3)), historical: parseAtr(card.channel.atr).historical },
    this.profile.keys?.medicalRoots ?? {},
  );
  const amounts = { account: readU32(i, 1), selfPaid: readU32(i, 5), pooled: readU32(i, 9) };
  expectThat(equal(host.purchaseTac(amounts, i.subarray(13, 19), d.subarray(0, 4), d.subarray(4, 11)), tac), dx('medterm.tacRefused'));
});

Then('the 交易时间 the terminal reports is the one DEBIT FOR PURCHASE carried', function (this: CardWorld) {
  const trace = harness(this).requireCard().trace;
  const debit = trace[firstIndex(trace, isDebit)];
  if (!debit) throw new NonConformance(dx('medterm.noInitDebit'));
  // DEBIT FOR PURCHASE: 终端交易序号 (4) ‖ 交易时间 (7, cn) ‖ MAC1 (part 5 table 55); the TAC covers that time.
  const carried = toHex(dataOf(debit).subarray(4, 11));
  const reported = outcome(this).fields?.['交易时间'] ?? outcome(this).output?.split('|')[6];
  expectThat(reported === carried, dx('medterm.timeReported', { reported: reported ?? dx('none'), carried }));
});

Then('the card saw no DEBIT FOR PURCHASE', function (this: CardWorld) {
  const trace = harness(this).requireCard().trace;
  expectThat(firstIndex(trace, isDebit) < 0, dx('medterm.sawDebit'));
});

Then('the card saw no INITIALIZE FOR PURCHASE', function (this: CardWorld) {
  const trace = harness(this).requireCard().trace;
  expectThat(firstIndex(trace, isInit) < 0, dx('medterm.sawInitAfterWrongPin'));
});

Then('the iReadDebitRecord output lists every purchase EF08 holds, newest first', async function (this: CardWorld) {
  const o = outcome(this);
  if (o.output === undefined)
    throw new NonConformance(dx('terminal.noOutput', { result: o.result, message: o.message ? dx('terminal.messageSuffix', { message: o.message }) : '' }));
  // sscc reads EF08 itself, after the terminal (part 5 §6.10; read after the PIN, part 6 table 8).
  const card = harness(this).requireCard();
  await card.send(iso.selectByName(encodeGbk(SSSE_DF_NAME)));
  await card.send(iso.selectByName(fromHex(DF04_AID)));
  await card.send(iso.verify(0x00, pinBlock(this.profile.keys?.pin ?? '')));
  const want: string[] = [];
  for (let n = 1; n < 255; n++) {
    const r = await card.send(iso.readRecord(n, EF08_SFI, iso.RECORD_MODE.NUMBER, 0x1c));
    if (r.sw !== SW.NO_ERROR) break;
    const rec = parseDetailRecord(r.data);
    // 交易序号^终端机编号^交易时间^…^个人账户交易金额 + 统筹基金支付金额 (sc_reader §9.1.2), the sum in 元 or 分.
    if (rec?.type === TRANSACTION_TYPE.purchase) want.push([rec.seq, rec.terminal, rec.time, rec.account + rec.pooled].join('^'));
  }
  const got = o.output
    .split('|')
    .filter((x) => x.length > 0)
    .map((x) => {
      const [seq = '', terminal = '', time = '', total = '', sum = ''] = x.split('^');
      // 本次消费总金额: which amounts it sums is the terminal's reading (docs/medical.md), but it is an amount, never below 0.
      expectThat(/^\d+(\.\d{1,2})?$/.test(total), dx('medterm.debitTotal', { total, seq }));
      return [seq, terminal, time, sum.includes('.') ? Math.round(Number(sum) * 100) : Number(sum)].join('^');
    });
  expectThat(want.length > 0, dx('medterm.ef08Empty'));
  expectThat(JSON.stringify(got) === JSON.stringify(want), dx('medterm.debitRecords', { got: JSON.stringify(got), want: JSON.stringify(want) }));
});
