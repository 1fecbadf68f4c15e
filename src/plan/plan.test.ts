import { describe, expect, it } from 'vitest';
import { parseProfile } from '../profile/load.ts';
import { readFileSync } from 'node:fs';
import { applicability, unknownApplicabilityTags } from './applicability.ts';
import { buildPlan } from './plan.ts';
import { featureFiles, readScenarios } from './scenarios.ts';

const root = new URL('../..', import.meta.url).pathname;
const reference = readFileSync(`${root}/profiles/sim-reference.yaml`, 'utf8');
const profile = (edit: (s: string) => string = (s) => s) => parseProfile(edit(reference)).profile;

describe('applicability', () => {
  it('applies when every ICS tag holds', () => {
    expect(applicability(['@TC:X', '@ics:t0'], profile())).toEqual({ applicable: true });
  });
  it('names the ICS item that excludes a scenario', () => {
    expect(applicability(['@ics:t1'], profile())).toEqual({
      applicable: false,
      reason: 'ICS: requires ics.protocols includes T=1',
      diagnosis: { id: 'ics.requires', params: { items: { en: 'ics.protocols includes T=1', zh: 'ics.protocols 含 T=1' } } },
    });
    expect(
      applicability(
        ['@destructive'],
        profile((s) => s.replace('allowDestructive: true', 'allowDestructive: false')),
      ).reason,
    ).toMatch(/run.allowDestructive/);
  });
  it('takes one of several card versions as enough', () => {
    expect(applicability(['@sscard:2.0', '@sscard:3.0'], profile()).applicable).toBe(true);
    expect(applicability(['@sscard:1.0', '@sscard:3.0'], profile())).toMatchObject({
      applicable: false,
      reason: 'ICS: requires ics.sscardVersion is 1.0 or ics.sscardVersion is 3.0',
    });
  });
  it('needs the PIN in the profile for PIN scenarios', () => {
    expect(
      applicability(
        ['@needs:pin'],
        profile((s) => s.replace('  pin: "123456"\n', '')),
      ).reason,
    ).toBe('ICS: requires keys.pin is given');
  });
  it('keeps the scenarios of 社会保障卡规范 from a card that claims no version of it', () => {
    const bare = profile((s) => s.replace('  sscardVersion: "2.0"\n', ''));
    expect(bare.ics.sscardVersion).toBeUndefined();
    expect(applicability(['@ics:sscard'], bare)).toMatchObject({
      applicable: false,
      reason: expect.stringMatching(/^ICS: requires ics.sscardVersion is given/),
    });
    expect(applicability(['@ics:sscard'], profile()).applicable).toBe(true);
    const plan = buildPlan(root, { profile: bare, file: 'p.yaml', sha256: 'x', text: '' });
    const sscard = plan.scenarios.filter((s) => s.area === 'sscard');
    expect(sscard.length).toBeGreaterThan(0);
    for (const s of sscard) expect(s.applicable, s.id).toBe(false);
    expect(plan.scenarios.find((s) => s.id === 'ISO-SEL-002')).toMatchObject({ applicable: false });
    expect(plan.scenarios.find((s) => s.id === 'ISO-SEL-001')).toMatchObject({ applicable: true });
    expect(plan.scenarios.find((s) => s.id === 'ISO-SEL-008')).toMatchObject({ applicable: false });
  });
  it('finds misspelt applicability tags', () => {
    expect(unknownApplicabilityTags(['@ics:t0', '@ics:tO', '@sscard:4.0', '@TC:A'])).toEqual(['@ics:tO', '@sscard:4.0']);
  });
});

describe('the suite as the plan reads it', () => {
  const { scenarios } = readScenarios(root, featureFiles(root));
  it('gives every scenario a unique @TC id, at least one @req clause and an area', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    for (const s of scenarios) {
      expect(s.requirements.length, `${s.id} has no @req`).toBeGreaterThan(0);
      expect(['iso7816', 'sscard', 'pboc', 'dual-app', 'lifecycle', 'medical', 'terminal', 'tearing']).toContain(s.area);
    }
  });
  it('lists NOT_APPLICABLE scenarios with their reason instead of dropping them', () => {
    const plan = buildPlan(root, { profile: profile((s) => s.replace('[T=0]', '[T=1]')), file: 'p.yaml', sha256: 'x', text: '' });
    const t0 = plan.scenarios.filter((s) => s.tags.includes('@ics:t0'));
    expect(t0.length).toBeGreaterThan(0);
    for (const s of t0) expect(s).toMatchObject({ applicable: false, reason: 'ICS: requires ics.protocols includes T=0' });
    expect(plan.features.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });
});
