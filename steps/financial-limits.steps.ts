/**
 * Steps of the financial function's limits on the card (features/dual-app/financial-limits.feature,
 * 总体方案 二(三): domestic use only, RMB debit only). The records and the PSE directory are read by the
 * PBOC steps ('the debit application is selected and its records read', 'the terminal reads the PSE
 * directory'); the AUC rule is src/pboc/usage-control.ts.
 */
import { Then } from '@cucumber/cucumber';
import { SW } from '../src/apdu/sw.ts';
import { fromHex, toHex } from '../src/bytes/hex.ts';
import { selectByName } from '../src/iso7816/commands.ts';
import { domesticOnlyProblems } from '../src/pboc/usage-control.ts';
import { expectThat } from '../src/verdict/expect.ts';
import { dx, findings } from '../src/verdict/messages.ts';
import type { CardWorld } from './world.ts';
import { given } from '../src/verdict/expect.ts';

/** The UnionPay debit application (JR/T 0025.5 §6.3.2; spec-notes pboc.md §1 step 2). */
const DEBIT_AID = 'A000000333010101';

Then('the application usage control allows domestic use only', function (this: CardWorld) {
  const problems = domesticOnlyProblems(this.pboc.kernel.data.get('9F07'));
  expectThat(problems.length === 0, findings(problems));
});

Then('the application data object {word} is {word}', function (this: CardWorld, tag: string, want: string) {
  const v = this.pboc.kernel.data.get(tag);
  expectThat(v !== undefined && toHex(v) === want.toUpperCase(), dx('lim.records', { tag, v: v ? toHex(v) : dx('tfin.gpoAbsent'), want }));
});

Then('the PSE directory lists the debit application only', function (this: CardWorld) {
  const dir = given(this.pboc.directory, 'PSE directory');
  const others = dir.aids.map((a) => toHex(a)).filter((a) => a !== DEBIT_AID);
  expectThat(dir.aids.length > 0, dx('lim.pseEmpty'));
  expectThat(others.length === 0, dx('lim.pseOthers', { others: others.join(', '), aid: DEBIT_AID }));
});

Then('the card has no application {word}', async function (this: CardWorld, aid: string) {
  const r = await this.send(selectByName(fromHex(aid)));
  expectThat(r.sw === SW.FILE_NOT_FOUND, dx('lim.hasApplication', { aid, sw: r.sw.toString(16).toUpperCase().padStart(4, '0') }));
});
