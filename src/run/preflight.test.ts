/**
 * Pre-flight on a simulated card that keeps its state (issue: a wrong PIN in the profile must not block
 * the sample): at most one VERIFY, the counter exactly one lower, the keys checked by an AAC.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceImage } from '../../card-sim/images/reference.ts';
import { parseProfile } from '../profile/load.ts';
import type { Profile } from '../profile/profile.ts';
import { openChannel, releaseRun } from '../transport/open.ts';
import type { CardSession } from '../apdu/session.ts';
import { type SimChannel, simSession } from '../transport/sim.ts';
import { describeState, preflight, readCardState } from './preflight.ts';
import { type Diagnosis, renderDiagnosis } from '../verdict/messages.ts';
import { ROOT } from './test-support.ts';

const en = (d: Diagnosis) => renderDiagnosis(d, 'en');

const reference = readFileSync(join(ROOT, 'profiles/sim-reference.yaml'), 'utf8');
const profile = (edit: (s: string) => string = (s) => s): Profile => parseProfile(edit(reference)).profile;
const all = { ssse: true, pboc: true, pin: true };
const verifies = (s: CardSession) => s.trace.entries.filter((e) => e.name === 'VERIFY' && e.command.replace(/ /g, '').length > 10);

describe('pre-flight', () => {
  it('on the reference card: the state, the AAC checked with keys.pboc, the PIN by one VERIFY; no problem', async () => {
    const s = simSession(referenceImage);
    const f = await preflight(s, profile(), all);
    expect(f.problems).toEqual([]);
    expect(f.start.ssse).toMatchObject({ select: '9000', pinTriesLeft: 3 });
    expect(f.start.pboc).toMatchObject({ select: '9000', blocked: false, pinTriesLeft: 3, atc: 0 });
    expect(f.checks.map(en).join('\n')).toMatch(/AAC verifies/);
    expect(f.checks.map(en).join('\n')).toMatch(/accepts the profile's PIN/);
    expect(verifies(s)).toHaveLength(1);
  });

  it('a wrong keys.pin: refused after exactly one VERIFY, the counter exactly one lower, and it says so', async () => {
    const s = simSession(referenceImage);
    const f = await preflight(
      s,
      profile((t) => t.replace('pin: "123456"', 'pin: "654321"')),
      all,
    );
    expect(f.problems.map(en).join('\n')).toMatch(/keys.pin is not the card's SSSE PIN: VERIFY answered 63C2/);
    expect(f.cost.map(en).join('\n')).toMatch(/one SSSE PIN try \(2 left\)/);
    expect(verifies(s)).toHaveLength(1);
    expect((await readCardState(s, profile())).ssse?.pinTriesLeft).toBe(2);
  });

  it('a counter with no try to spare: refused without any VERIFY', async () => {
    const s = simSession(referenceImage);
    await s.send(Uint8Array.from([0x00, 0xa4, 0x04, 0x00, 0x0f, ...Buffer.from('7378312E73682EC9E7BBE1B1A3D5CF', 'hex')]));
    for (let i = 0; i < 2; i++) await s.send(Uint8Array.from([0x00, 0x20, 0x00, 0x00, 0x03, 0x99, 0x99, 0x99]));
    const before = verifies(s).length;
    const f = await preflight(s, profile(), all);
    expect(f.problems.map(en).join('\n')).toMatch(/1 try left/);
    expect(verifies(s).length).toBe(before);
  });

  it('wrong issuer master keys: the AAC does not verify, a problem that costs an ATC step and no try', async () => {
    const s = simSession(referenceImage);
    const f = await preflight(
      s,
      profile((t) => t.replace('ac: "11223344556677888877665544332211"', 'ac: "00223344556677888877665544332211"')),
      { ...all, pin: false },
    );
    expect(f.problems.map(en).join('\n')).toMatch(/keys.pboc does not match the card/);
    expect(f.cost.map(en).join('\n')).toMatch(/one ATC step/);
    expect(verifies(s)).toHaveLength(0);
  });
});

describe('the simulated card of a run keeps its state', () => {
  it('one card per run across channels; target.fresh and a spare card are new', async () => {
    const target = { kind: 'sim' as const, image: 'reference' };
    const a = (await openChannel(target, { runKey: 't1' })) as SimChannel;
    const b = (await openChannel(target, { runKey: 't1' })) as SimChannel;
    expect(b.card).toBe(a.card);
    expect(((await openChannel(target, { runKey: 't2' })) as SimChannel).card).not.toBe(a.card);
    expect(((await openChannel({ ...target, fresh: true }, { runKey: 't1' })) as SimChannel).card).not.toBe(a.card);
    expect(((await openChannel(target, { runKey: 't1', spare: true })) as SimChannel).card).not.toBe(a.card);
    releaseRun('t1');
    expect(((await openChannel(target, { runKey: 't1' })) as SimChannel).card).not.toBe(a.card);
    releaseRun('t1');
    releaseRun('t2');
  });

  it('describes the card state in English for the console and in Chinese for the report', () => {
    const s = { ssse: { select: '9000', pinTriesLeft: 3 }, pboc: { select: '9000', blocked: false, atc: 5, ecBalance: 100 } };
    expect(describeState(s)).toBe('SSSE 9000, PIN 3 tries left; debit 9000, ATC 5, EC balance 100');
    expect(describeState(s, 'zh-CN')).toBe('SSSE 应用 9000, 个人密码剩余 3 次; 借记应用 9000, 交易计数器 (ATC) 5, 电子现金余额 100');
    expect(describeState({}, 'zh-CN')).toBe('未读出任何状态');
  });
});
