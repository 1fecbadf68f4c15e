/**
 * Hooks: applicability (NOT_APPLICABLE before anything is sent), a fresh channel per scenario, and the
 * APDU trace of each step attached to the message stream.
 */
import { After, AfterStep, Before } from '@cucumber/cucumber';
import { applicability } from '../src/plan/applicability.ts';
import { APDU_TRACE_MEDIA_TYPE } from '../src/trace/trace.ts';
import { NOT_APPLICABLE_MEDIA_TYPE } from '../src/report/media-types.ts';
import { openChannel } from '../src/transport/open.ts';
import { CardSession } from '../src/transport/session.ts';
import type { CardWorld } from './world.ts';

Before({ name: 'check applicability, open the card channel' }, async function (this: CardWorld, { pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  const a = applicability(tags, this.profile);
  if (!a.applicable) {
    this.attach(JSON.stringify({ reason: a.reason }), NOT_APPLICABLE_MEDIA_TYPE);
    return 'skipped';
  }
  const id = tags.find((t) => t.startsWith('@TC:'))?.slice(4) ?? pickle.name;
  this.channel = await openChannel(this.profile.target, { seed: `${this.profile.run?.seed ?? 'sscc'}:${id}` });
  this.session = new CardSession(this.channel);
  await this.channel.reset();
  return undefined;
});

AfterStep(function (this: CardWorld) {
  const entries = this.session?.trace.takeNew() ?? [];
  if (entries.length) this.attach(JSON.stringify(entries), APDU_TRACE_MEDIA_TYPE);
});

After({ name: 'close the card channel' }, async function (this: CardWorld) {
  await this.channel?.close();
});
