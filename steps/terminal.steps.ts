/**
 * Steps of the terminal suite (features/terminal): sscc plays the card, the profile's driver drives the
 * terminal under test, verdicts come from the terminal's outcome and the card-side trace. Thin: the
 * harness is src/terminal/harness.ts, the checks src/terminal/sscard-trace.ts.
 */
import { AfterAll, Given, Then, When } from '@cucumber/cucumber';
import { SW, swOfHex, triesLeft } from '../src/apdu/sw.ts';
import { parseAtr } from '../src/iso7816/atr.ts';
import type { TerminalOutcome } from '../src/protocol/terminal.ts';
import { closeVirtualReaders, TerminalHarness } from '../src/terminal/harness.ts';
import { type CardSideEntry, sideBySideTraceEntries } from '../src/terminal/slot.ts';
import { APDU_TRACE_MEDIA_TYPE } from '../src/trace/trace.ts';
import {
  expectedReadCardBas,
  firstIndex,
  isInternalAuthenticate,
  isReadOfEf06,
  isRkAuthentication,
  itemsSeen,
  readCardBasProblems,
} from '../src/terminal/sscard-trace.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { encodeAn, encodeGbk } from '../src/bytes/text.ts';
import { selectByName, verify } from '../src/iso7816/commands.ts';
import { SS_INS } from '../src/sscard/commands.ts';
import { KEY_ID } from '../src/sscard/keys.ts';
import { SSSE_DF_NAME } from '../src/sscard/terminal.ts';
import { NonConformance, PreconditionNotMet } from '../src/verdict/errors.ts';
import { expectThat, given } from '../src/verdict/expect.ts';
import type { CardWorld } from './world.ts';
import { dx, findings } from '../src/verdict/messages.ts';

/** Steps that wait for the terminal: the driver has its own timeout (DriverError → INCONCLUSIVE), so cucumber's 5 s does not apply. */
export const DRIVER_PACED = { timeout: -1 };

export function harness(world: CardWorld): TerminalHarness {
  world.slot.harness ??= new TerminalHarness(world.profile, world.profile.run?.seed ?? 'sscc');
  return world.slot.harness;
}

function outcome(world: CardWorld): TerminalOutcome {
  return given(world.slot.outcome, 'terminal outcome');
}

const traced = new WeakMap<object, number>();
/** A slot's exchanges since the last call. */
function newOf(log: readonly CardSideEntry[]): CardSideEntry[] {
  const from = traced.get(log) ?? 0;
  traced.set(log, log.length);
  return log.slice(from);
}
/**
 * What the card and the PSAM saw since the last call, attached to the step as its APDU trace (the report
 * shows it under the step): both slots in the order the terminal sent them, the PSAM's marked party PSAM.
 */
export function attachTrace(world: CardWorld): void {
  const h = harness(world);
  const entries = sideBySideTraceEntries(newOf(h.card?.trace ?? []), newOf(h.psam.trace));
  if (entries.length && world.parameters.traces !== false) world.attach(JSON.stringify(entries), APDU_TRACE_MEDIA_TYPE);
}

AfterAll({ name: 'take the test cards out of the virtual readers' }, function () {
  closeVirtualReaders();
});

Given('the test card {string} is in the card slot', async function (this: CardWorld, image: string) {
  await harness(this).insert(image);
});

When('the terminal performs {word}', DRIVER_PACED, async function (this: CardWorld, operation: string) {
  this.slot.outcome = await harness(this).perform({ operation, card: harness(this).requireCard().channel.description });
  attachTrace(this);
});

When('the terminal performs iVerifyPIN with the PIN {string}', DRIVER_PACED, async function (this: CardWorld, pin: string) {
  this.slot.outcome = await harness(this).perform({ operation: 'iVerifyPIN', pin });
  attachTrace(this);
});

When('the terminal performs iChangePIN from {string} to {string}', DRIVER_PACED, async function (this: CardWorld, pin: string, newPin: string) {
  this.slot.outcome = await harness(this).perform({ operation: 'iChangePIN', pin, params: { newPin } });
  attachTrace(this);
});

Then('the terminal reports {word}', function (this: CardWorld, result: string) {
  const o = outcome(this);
  expectThat(
    o.result === result,
    dx('terminal.result', {
      result: o.result,
      code: o.code !== undefined ? dx('terminal.codeSuffix', { code: o.code }) : '',
      message: o.message ? dx('terminal.messageSuffix', { message: o.message }) : '',
      expected: result,
    }),
  );
});

Then('the terminal reports code {int}', function (this: CardWorld, code: number) {
  const o = outcome(this);
  expectThat(
    o.code === code,
    dx('terminal.code', { code: o.code ?? dx('none'), message: o.message ? dx('terminal.messageParen', { message: o.message }) : '', expected: code }),
  );
});

Then("the iReadCardBas output holds the card's data in the LD\\/T 33 field order", function (this: CardWorld) {
  const o = outcome(this);
  if (o.output === undefined)
    throw new NonConformance(dx('terminal.noOutput', { result: o.result, message: o.message ? dx('terminal.messageSuffix', { message: o.message }) : '' }));
  const h = harness(this);
  const card = h.requireCard();
  const expected = expectedReadCardBas(itemsSeen(card.trace), parseAtr(card.channel.atr).historical, h.config.terminalNumber, h.config.deviceNumber);
  const problems = readCardBasProblems(o.output, expected);
  expectThat(problems.length === 0, findings(problems));
});

Then('the card saw INTERNAL AUTHENTICATE before any read of EF06', function (this: CardWorld) {
  const trace = harness(this).requireCard().trace;
  const ia = firstIndex(trace, isInternalAuthenticate);
  const read = firstIndex(trace, isReadOfEf06);
  expectThat(ia >= 0, dx('terminal.noInternalAuth'));
  expectThat(read < 0 || ia < read, dx('terminal.readBeforeAuth', { read: read + 1, auth: ia + 1 }));
});

Then('the card saw EXTERNAL AUTHENTICATE with RK SSSE before any read of EF06', function (this: CardWorld) {
  const trace = harness(this).requireCard().trace;
  const rk = firstIndex(trace, isRkAuthentication);
  const read = firstIndex(trace, isReadOfEf06);
  expectThat(rk >= 0, dx('terminal.noRkAuth'));
  expectThat(read < 0 || rk < read, dx('terminal.readBeforeRk', { read: read + 1, auth: rk + 1 }));
});

Then('the terminal reports the name as 姓名 followed by 姓名扩展', function (this: CardWorld) {
  const o = outcome(this);
  const items = itemsSeen(harness(this).requireCard().trace);
  const ext = items.get(0x4e);
  expectThat(ext !== undefined, dx('terminal.noNameExtension'));
  const reported = o.fields?.['姓名'] ?? o.output?.split('|')[4];
  expectThat(reported !== undefined, dx('terminal.noName'));
});

Given("the card's PIN is locked by wrong tries", async function (this: CardWorld) {
  // Test set-up, not the terminal: sscc itself sends wrong PINs until the card answers 6983 (part 5 §6.14).
  const card = harness(this).requireCard();
  await card.send(selectByName(encodeGbk(SSSE_DF_NAME)));
  for (let i = 0; i < 16; i++) {
    const r = await card.send(verify(0x00, fromHex('999999FFFFFFFFFF').subarray(0, 3)));
    if (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === SW.VERIFICATION_FAILED_NO_TRIES) return;
  }
  throw new NonConformance(dx('pin.notLocked'));
});

Given("the card's PIN has one try left", async function (this: CardWorld) {
  // Test set-up, not the terminal: sscc sends wrong PINs until the card answers 63C1 (part 5 §6.14).
  const card = harness(this).requireCard();
  await card.send(selectByName(encodeGbk(SSSE_DF_NAME)));
  for (let i = 0; i < 16; i++) {
    const r = await card.send(verify(0x00, fromHex('999999')));
    if (triesLeft(r.sw) === 1) return;
    if (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED || r.sw === SW.VERIFICATION_FAILED_NO_TRIES) break;
  }
  throw new PreconditionNotMet(dx('pin.notOneTryLeft'));
});

When('the terminal performs iReloadPIN with the new PIN {string}', DRIVER_PACED, async function (this: CardWorld, newPin: string) {
  this.slot.outcome = await harness(this).perform({ operation: 'iReloadPIN', params: { newPin } });
  attachTrace(this);
});

When('the terminal performs iWriteCard of item {word} with the value {string}', DRIVER_PACED, async function (this: CardWorld, item: string, value: string) {
  this.slot.outcome = await harness(this).perform({ operation: 'iWriteCard', params: { item, value: toHex(encodeAn(value, value.length)) } });
  attachTrace(this);
});

Then('the card saw EXTERNAL AUTHENTICATE with PUK before PIN RELOAD', function (this: CardWorld) {
  const trace = harness(this).requireCard().trace;
  const puk = firstIndex(trace, (e) => e.ins === SS_INS.EXTERNAL_AUTHENTICATE && e.p2 === KEY_ID.PUK && swOfHex(e.response) === SW.NO_ERROR);
  const reload = firstIndex(trace, (e) => e.ins === SS_INS.PIN_CHANGE_UNBLOCK && e.p2 === 0x01);
  expectThat(reload >= 0, dx('terminal.noPinReload'));
  expectThat(puk >= 0 && puk < reload, dx('terminal.reloadWithoutPuk'));
});

Then('the card accepted UPDATE RECORD of item {word} with a MAC carrying {string}', function (this: CardWorld, item: string, value: string) {
  const trace = harness(this).requireCard().trace;
  const i = firstIndex(trace, (e) => e.ins === 0xdc && e.p1 === parseInt(item, 16));
  expectThat(i >= 0, dx('terminal.noUpdateRecord', { item }));
  const e = trace[i] as (typeof trace)[number];
  expectThat((e.cla & 0x0c) !== 0, dx('terminal.updateWithoutSm', { cla: e.cla.toString(16).padStart(2, '0') }));
  expectThat(swOfHex(e.response) === SW.NO_ERROR, dx('terminal.updateAnswered', { sw: e.response.slice(-4) }));
  expectThat(e.command.includes(toHex(encodeAn(value, value.length))), dx('terminal.updateValue', { value }));
});
