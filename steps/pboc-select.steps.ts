/** Steps of features/pboc selection: PSE directory, PPSE, the application FCI (JR/T 0025.5 §6, JR/T 0025.12). */
import { Then, When } from '@cucumber/cucumber';
import { toHex } from '../src/bytes/hex.ts';
import type { DirectoryEntry } from '../src/pboc/kernel.ts';
import { PPSE_NAME } from '../src/pboc/kernel.ts';
import { given, PbocUnderTest } from '../src/pboc/under-test.ts';
import * as checks from '../src/pboc/checks.ts';
import { NonConformance, Unobservable } from '../src/verdict/errors.ts';
import { expectNoProblem, expectThat } from '../src/verdict/expect.ts';
import { aid } from './pboc-context.ts';
import type { CardWorld } from './world.ts';
import { commaList, dx } from '../src/verdict/messages.ts';

// ---- selection ----

When('the terminal reads the PSE directory', async function (this: CardWorld) {
  this.pboc.directory = await this.pboc.kernel.pseDirectory();
});

Then('the PSE directory lists the debit application', function (this: CardWorld) {
  const dir = given(this.pboc.directory, 'PSE directory');
  expectThat(
    dir.aids.some((a) => toHex(a) === toHex(aid(this))),
    dx('sel.pseLacks', { aids: dir.aids.map((a) => toHex(a)).join(', ') || dx('noneWord'), aid: toHex(aid(this)) }),
  );
});

const ppseOf = (w: CardWorld) => given(w.pboc.ppse, 'PPSE');
const debitEntry = (w: CardWorld, entries: DirectoryEntry[]) => PbocUnderTest.entryOf(entries, aid(w));

When('the terminal selects the PPSE', async function (this: CardWorld) {
  this.pboc.ppse = await this.pboc.fresh().ppse();
});

Then('the PPSE FCI is 6F with 84 2PAY.SYS.DDF01 and A5 holding BF0C', function (this: CardWorld) {
  const p = ppseOf(this);
  const name = p.dfName ? Buffer.from(p.dfName).toString('latin1') : 'absent';
  expectThat(name === PPSE_NAME && p.hasBf0c, dx('ppse.fci', { fci: toHex(p.response.data), name, no: p.hasBf0c ? '' : dx('ppse.noA5') }));
});

Then('the PPSE lists the debit application', function (this: CardWorld) {
  const e = ppseOf(this).entries;
  expectThat(
    debitEntry(this, e) !== undefined,
    dx('sel.ppseLacks', { entries: e.length ? commaList(e.map((x) => (x.aid ? toHex(x.aid) : dx('sel.no4F')))) : dx('noneWord'), aid: toHex(aid(this)) }),
  );
});

Then('the PPSE entry of the debit application has the priority 87 of its PSE directory entry', function (this: CardWorld) {
  const inPpse = debitEntry(this, ppseOf(this).entries);
  const inPse = debitEntry(this, given(this.pboc.directory, 'PSE directory').entries);
  if (!inPse?.priority) throw new Unobservable(dx('pse.noPriority'));
  expectThat(
    inPpse?.priority !== undefined && toHex(inPpse.priority) === toHex(inPse.priority),
    dx('sel.priority', { ppse: inPpse ? (inPpse.priority ? toHex(inPpse.priority) : dx('absent')) : dx('sel.noEntry'), pse: toHex(inPse.priority) }),
  );
});

When('the terminal selects the application of the first PPSE entry', async function (this: CardWorld) {
  const first = ppseOf(this).entries[0]?.aid;
  if (!first) throw new NonConformance(dx('ppse.empty'));
  await this.pboc.fresh().selectApplication(first);
});

When('the terminal selects the debit application', async function (this: CardWorld) {
  await this.pboc.fresh().selectApplication(aid(this));
});

Then('the FCI names the debit application in 84', function (this: CardWorld) {
  expectThat(
    toHex(this.pboc.kernel.data.get('84') ?? new Uint8Array()) === toHex(aid(this)),
    dx('sel.dfName', { v: toHex(this.pboc.kernel.data.get('84') ?? new Uint8Array()) }),
  );
});

Then('the FCI carries the data object {word}', function (this: CardWorld, tag: string) {
  expectThat(this.pboc.kernel.data.has(tag), dx('fci.lacks', { tag }));
});

Then('the PDOL asks for the 1-byte SM algorithm support indicator DF69', function (this: CardWorld) {
  const pdol = this.pboc.kernel.data.get('9F38');
  const df69 = pdol ? checks.dolAsks(pdol, 'DF69') : undefined;
  expectThat(
    df69?.length === 1,
    dx('pdol.df69', { pdol: pdol ? toHex(pdol) : dx('pdol.absent'), df69: df69 ? dx('pdol.df69Length', { length: df69.length }) : dx('pdol.lacksDf69') }),
  );
});

Then('the log entry 9F4D names an SFI from 11 to 30 and at least one record', function (this: CardWorld) {
  expectNoProblem(checks.logEntryProblem(this.pboc.kernel.data.get('9F4D')));
});
