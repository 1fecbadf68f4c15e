/**
 * Steps of the integrated terminal's medical settlement (features/terminal/settlement.feature): the
 * profile's driver performs medicalSettlement; verdicts come from both slots' traces (what the card's
 * medical account and its financial application were asked, what the PSAM saw), from the account as sscc
 * reads it afterwards, and from what the terminal reports. The bank part's amount is judged by the
 * financial steps (GENERATE AC and GPO data, steps/terminal-financial.steps.ts).
 */
import { Then, When } from '@cucumber/cucumber';
import { SW } from '../src/apdu/sw.ts';
import { fromHex } from '../src/bytes/hex.ts';
import { encodeGbk } from '../src/bytes/text.ts';
import * as iso from '../src/iso7816/commands.ts';
import { BALANCE, MED_CLA, MED_INS, getBalance, parseInitPurchase } from '../src/medical/commands.ts';
import { readU32 } from '../src/medical/crypto.ts';
import { DF04_AID } from '../src/medical/terminal.ts';
import type { TerminalOutcome } from '../src/protocol/terminal.ts';
import { SSSE_DF_NAME } from '../src/sscard/terminal.ts';
import { exchanges, type Exchange } from '../src/terminal/pboc-trace.ts';
import { NonConformance } from '../src/verdict/errors.ts';
import { expectThat } from '../src/verdict/expect.ts';
import { pinBlock } from './card-helpers.ts';
import { given } from '../src/verdict/expect.ts';
import { DRIVER_PACED, attachTrace, harness } from './terminal.steps.ts';
import type { CardWorld } from './world.ts';
import { dx } from '../src/verdict/messages.ts';

const outcome = (w: CardWorld): TerminalOutcome => given(w.slot.outcome, 'terminal outcome');
const isMed = (ins: number, p1?: number) => (e: Exchange) => e.command.cla === MED_CLA && e.command.ins === ins && (p1 === undefined || e.command.p1 === p1);

async function settle(w: CardWorld, pin: string, params: Record<string, number | string>): Promise<void> {
  const h = harness(w);
  w.slot.outcome = await h.perform({ operation: 'medicalSettlement', pin, params });
  attachTrace(w);
}

When(
  "the terminal settles a medical bill of {int} fen self-paid and {int} fen pooled with the cardholder's PIN",
  DRIVER_PACED,
  function (this: CardWorld, selfPaid: number, pooled: number) {
    return settle(this, this.profile.keys?.pin ?? '', { selfPaid, pooled });
  },
);

When(
  "the terminal settles a medical bill of {int} fen self-paid, {int} of it self-funded, and {int} fen pooled with the cardholder's PIN",
  DRIVER_PACED,
  function (this: CardWorld, selfPaid: number, selfFunded: number, pooled: number) {
    return settle(this, this.profile.keys?.pin ?? '', { selfPaid, selfFunded, pooled });
  },
);

When(
  "the terminal settles a medical bill of {int} fen self-paid and {int} fen pooled at the time {string} with the cardholder's PIN",
  DRIVER_PACED,
  function (this: CardWorld, selfPaid: number, pooled: number, time: string) {
    return settle(this, this.profile.keys?.pin ?? '', { selfPaid, pooled, time });
  },
);

When(
  "the terminal settles a medical bill of {int} fen self-paid and {int} fen pooled with the cardholder's PIN and the bank card PIN {string}",
  DRIVER_PACED,
  function (this: CardWorld, selfPaid: number, pooled: number, bankPin: string) {
    return settle(this, this.profile.keys?.pin ?? '', { selfPaid, pooled, bankPin });
  },
);

When(
  'the terminal settles a medical bill of {int} fen self-paid and {int} fen pooled with the PIN {string}',
  DRIVER_PACED,
  function (this: CardWorld, selfPaid: number, pooled: number, pin: string) {
    return settle(this, pin, { selfPaid, pooled });
  },
);

/** INITIALIZE FOR PURCHASE as the card saw it (GET RESPONSE joined), or a NonConformance. */
function initPurchase(w: CardWorld): Exchange {
  const x = exchanges(harness(w).requireCard().trace);
  const inits = x.filter(isMed(MED_INS.INITIALIZE, 0x01));
  if (inits.length !== 1) throw new NonConformance(dx('settle.initCount', { n: inits.length }));
  return inits[0] as Exchange;
}

Then(
  'the card saw INITIALIZE FOR PURCHASE of {int} fen from the account, {int} self-paid and {int} pooled, and DEBIT FOR PURCHASE answered 9000',
  function (this: CardWorld, account: number, selfPaid: number, pooled: number) {
    const init = initPurchase(this);
    const d = init.command.data;
    const asked = { account: readU32(d, 1), selfPaid: readU32(d, 5), pooled: readU32(d, 9) };
    expectThat(
      asked.account === account && asked.selfPaid === selfPaid && asked.pooled === pooled,
      dx('settle.initAmounts', {
        account: asked.account,
        selfPaid: asked.selfPaid,
        pooled: asked.pooled,
        billAccount: account,
        billSelfPaid: selfPaid,
        billPooled: pooled,
      }),
    );
    expectThat(init.sw === SW.NO_ERROR, dx('settle.initAnswered', { sw: init.sw.toString(16).toUpperCase() }));
    const debits = exchanges(harness(this).requireCard().trace).filter(isMed(MED_INS.DEBIT_FOR_PURCHASE));
    expectThat(
      debits.length === 1 && (debits[0] as Exchange).sw === SW.NO_ERROR,
      dx('settle.debits', {
        n: debits.length,
        answered: debits.length ? dx('settle.debitsAnswered', { sws: debits.map((e) => e.sw.toString(16).toUpperCase()).join(', ') }) : '',
      }),
    );
  },
);

Then("the card's medical account went down by exactly {int} fen", async function (this: CardWorld, fen: number) {
  const before = parseInitPurchase(initPurchase(this).data)?.balance;
  if (before === undefined) throw new NonConformance(dx('settle.noBalance'));
  // sscc reads the balance itself, after the terminal (GET BALANCE after the PIN, part 5 §7.3.1).
  const card = harness(this).requireCard();
  await card.send(iso.selectByName(encodeGbk(SSSE_DF_NAME)));
  await card.send(iso.selectByName(fromHex(DF04_AID)));
  await card.send(iso.verify(0x00, pinBlock(this.profile.keys?.pin ?? '')));
  const r = await card.send(getBalance(BALANCE.CIA));
  if (r.sw !== SW.NO_ERROR || r.data.length !== 4)
    throw new NonConformance(dx('settle.getBalance', { sw: r.sw.toString(16).toUpperCase(), length: r.data.length }));
  const after = readU32(r.data);
  expectThat(before - after === fen, dx('settle.moved', { before, after, moved: before - after, fen }));
});

Then(
  'the terminal reports the account paid {int} fen, the bank card {int} fen and {int} fen outstanding',
  function (this: CardWorld, account: number, bank: number, outstanding: number) {
    const f = outcome(this).fields ?? {};
    const got = [f['个人账户支付'], f['银行卡支付'], f['未付金额']];
    expectThat(
      JSON.stringify(got) === JSON.stringify([account, bank, outstanding].map(String)),
      dx('settle.reported', {
        account: got[0] ?? dx('none'),
        bank: got[1] ?? dx('none'),
        outstanding: got[2] ?? dx('none'),
        eAccount: account,
        eBank: bank,
        eOutstanding: outstanding,
      }),
    );
  },
);
