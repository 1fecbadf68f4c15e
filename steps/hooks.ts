/**
 * Hooks: applicability (NOT_APPLICABLE before anything is sent), a fresh channel per scenario, and the
 * APDU trace of each step attached to the message stream.
 */
import { After, AfterStep, Before, setDefaultTimeout, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { applicability } from '../src/plan/applicability.ts';
import { APDU_TRACE_MEDIA_TYPE } from '../src/trace/trace.ts';
import { DIAGNOSIS_MEDIA_TYPE, NOT_APPLICABLE_MEDIA_TYPE, NVM_CHANGES_MEDIA_TYPE } from '../src/report/media-types.ts';
import { diagnosisOf } from '../src/verdict/errors.ts';
import { SimChannel } from '../src/transport/sim.ts';
import { nvmChanges, unexpectedChanges } from '../card-sim/index.ts';
import { openChannel } from '../src/transport/open.ts';
import { CardSession } from '../src/apdu/session.ts';
import type { CardWorld } from './world.ts';

// A step on a slow real card may take long (READ RECORD of 254 records at 50 ms each): cucumber's 5 s
// default would turn that into an ERROR. The transport bounds every wait itself; this only catches a hang.
setDefaultTimeout(10 * 60 * 1000);

// A step (or hook) that fails with a diagnosis attaches it to itself: the message stream keeps the English
// text, and the report renders the id and parameters in Chinese (src/verdict/messages.ts).
setDefinitionFunctionWrapper(
  (code: (...args: unknown[]) => unknown) =>
    function (this: { attach?: (body: string, mediaType: string) => void }, ...args: unknown[]) {
      const attach = (e: unknown) => {
        const d = diagnosisOf(e);
        if (d && typeof this?.attach === 'function') this.attach(JSON.stringify(d), DIAGNOSIS_MEDIA_TYPE);
        throw e;
      };
      try {
        const r = code.apply(this, args);
        return r instanceof Promise ? r.catch(attach) : r;
      } catch (e) {
        return attach(e);
      }
    },
);

// No cucumber timeout: the card wait has the profile's own (target.timeoutSeconds), and a card out for less
// than that is waited for.
Before({ name: 'check applicability, open the card channel', timeout: -1 }, async function (this: CardWorld, { pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  const a = applicability(tags, this.profile);
  if (!a.applicable) {
    this.attach(JSON.stringify({ reason: a.reason, ...(a.diagnosis ? { diagnosis: a.diagnosis } : {}) }), NOT_APPLICABLE_MEDIA_TYPE);
    return 'skipped';
  }
  const id = tags.find((t) => t.startsWith('@TC:'))?.slice(4) ?? pickle.name;
  const runSeed = this.profile.run?.seed ?? 'sscc';
  // A @destructive scenario on the simulator gets a spare card, so the run's card is never blocked.
  this.channel = await openChannel(this.profile.target, {
    seed: this.parameters.runKey !== undefined ? runSeed : `${runSeed}:${id}`,
    ...(this.parameters.runKey !== undefined ? { runKey: this.parameters.runKey } : {}),
    spare: tags.includes('@destructive'),
  });
  this.session = new CardSession(this.channel);
  await this.channel.reset();
  // A simulated card that outlives the scenario: its persistent state is compared after it (issue: a
  // scenario leaves the card as it found it, or is @destructive).
  if (
    this.channel instanceof SimChannel &&
    this.parameters.runKey !== undefined &&
    this.profile.target.kind === 'sim' &&
    !this.profile.target.fresh &&
    !tags.includes('@destructive')
  ) {
    this.nvmCard = this.channel.card;
    this.nvmBefore = this.nvmCard.nvm();
  }
  return undefined;
});

AfterStep(function (this: CardWorld) {
  const entries = this.session?.trace.takeNew() ?? [];
  if (entries.length && this.parameters.traces !== false) this.attach(JSON.stringify(entries), APDU_TRACE_MEDIA_TYPE);
});

After({ name: 'close the card channel' }, async function (this: CardWorld) {
  if (this.nvmBefore && this.nvmCard) {
    const left = unexpectedChanges(nvmChanges(this.nvmBefore, this.nvmCard.nvm()));
    if (left.length) {
      this.attach(JSON.stringify(left), NVM_CHANGES_MEDIA_TYPE);
      // On a card without defects the change is the suite's own: the scenario neither restored the card nor
      // is @destructive (ERROR). With a defect it may be the defect's doing, and the attachment says what.
      if (!this.nvmCard.defects.length) {
        await this.channel?.close();
        throw new Error(
          `the scenario left the simulated card changed (${left.map((c) => c.item).join('; ')}): it must restore the card by the spec's means or be tagged @destructive`,
        );
      }
    }
  }
  await this.channel?.close();
});
