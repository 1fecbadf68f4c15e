/** The report's identity, conclusion and deviations (ISO/IEC 17025 §7.8.2.1), without a browser. */
import { describe, expect, it } from 'vitest';
import { certificateOf, formatInZone, neverApplies, suiteHash, zoneOffset } from './certificate.ts';
import { formatMessage, reportCatalogues } from './write.ts';
import { env, plan } from './test-fixtures.ts';

const pass = (id: string, tags: string[] = []) => ({ id, verdict: 'PASS' as const, tags, reason: '' });

describe('the overall conclusion per product kind', () => {
  it('all applicable cases PASS: conforming, the never-applicable terminal scenarios counted apart', () => {
    const c = certificateOf(
      plan(),
      env,
      [pass('A'), pass('B'), { id: 'T', verdict: 'NOT_APPLICABLE', tags: ['@terminal:financial'], reason: 'ICS' }],
      undefined,
    );
    expect(c.conclusion).toEqual({ kind: 'card', result: 'conforming', reasons: [{ id: 'why.pass', params: { n: 2, na: 0 } }] });
    expect(c.neverApplicable).toBe(1);
  });
  it('any FAIL: not conforming, naming the cases, also in a partial run', () => {
    const c = certificateOf(
      plan({ tags: '@x' }),
      env,
      [pass('A'), { id: 'F', verdict: 'FAIL', tags: [], reason: 'r' }, { id: 'I', verdict: 'INCONCLUSIVE', tags: [], reason: 'r' }],
      undefined,
    );
    expect(c.conclusion.result).toBe('not-conforming');
    expect(c.conclusion.reasons).toEqual([{ id: 'why.fail', params: { n: 1, ids: 'F' } }]);
  });
  it('an INCONCLUSIVE or a partial run (--tags, --area, a rerun, an interruption): no conclusion, saying why', () => {
    expect(certificateOf(plan(), env, [pass('A'), { id: 'I', verdict: 'INCONCLUSIVE', tags: [], reason: 'r' }], undefined).conclusion).toMatchObject({
      result: 'none',
      reasons: [{ id: 'why.inconclusive' }],
    });
    for (const p of [plan({ tags: '@TC:X' }), plan({ areas: ['pboc'] }), plan({ rerunOf: 'out/a' })])
      expect(certificateOf(p, env, [pass('A')], undefined).conclusion).toEqual({ kind: 'card', result: 'none', reasons: [{ id: 'why.partial' }] });
    expect(certificateOf(plan(), env, [pass('A')], 'interrupted').conclusion.reasons).toEqual([{ id: 'why.partial' }]);
    expect(certificateOf(plan(), env, [], undefined).conclusion.reasons).toEqual([{ id: 'why.nothing' }]);
  });
  it('a terminal: the card scenarios never apply to it', () => {
    expect(neverApplies(['@terminal:financial'], 'terminal')).toBe(false);
    expect(neverApplies(['@ics:t0'], 'terminal')).toBe(true);
    expect(neverApplies(['@terminal:financial'], 'card')).toBe(true);
  });
});

describe('deviations, identity, dates', () => {
  it('lists the tag filter, the areas, a rerun, skipped destructive scenarios, defects and a partial report', () => {
    const c = certificateOf(
      plan({ tags: '@a', areas: ['pboc'], rerunOf: 'out/x' }, { target: { kind: 'sim', image: 'reference', defects: ['d1'] }, run: { preflight: false } }),
      env,
      [{ id: 'D', verdict: 'NOT_APPLICABLE', tags: [], reason: 'ICS: requires run.allowDestructive is true' }],
      'cut',
    );
    expect(c.deviations.map((d) => d.id)).toEqual(['dev.tags', 'dev.areas', 'dev.rerun', 'dev.destructive', 'dev.preflight', 'dev.defects', 'dev.partial']);
    expect(certificateOf(plan(), env, [pass('A')], undefined).deviations).toEqual([]);
  });
  it('a report id from the order, or made from the start time in the lab time zone and the profile hash', () => {
    expect(certificateOf(plan(), env, [], undefined).reportId).toBe('SSCC-20261201-132051-ABABABAB');
    expect(certificateOf(plan({}, { lab: { name: 'L', address: 'A', timeZone: 'Asia/Shanghai' } }), env, [], undefined).reportId).toBe(
      'SSCC-20261201-212051-ABABABAB',
    );
    expect(certificateOf(plan({}, { order: { client: { name: 'C' }, reportId: 'R-1' } }), env, [], undefined).reportId).toBe('R-1');
  });
  it('the items tested: the samples, or the product serial with the ATR read', () => {
    expect(certificateOf(plan(), env, [], undefined).samples).toEqual([{ serial: 'SN1', atr: '3B00' }]);
    expect(certificateOf(plan({}, { samples: [{ serial: 'S-1' }, { serial: 'S-2' }] }), env, [], undefined).samples.map((s) => s.serial)).toEqual([
      'S-1',
      'S-2',
    ]);
  });
  it('the method: tool, specs of the ICS and the suite hash over the feature files in path order', () => {
    const m = certificateOf(plan(), env, [], undefined).method;
    expect(m.specs).toEqual(['ISO/IEC 7816-3', 'ISO/IEC 7816-4', '社会保障卡规范 V2.0 (LD/T 32)', 'JR/T 0025-2013 (PBOC 2.0)']);
    expect(m.suiteSha256).toBe(
      suiteHash([
        { uri: 'features/a.feature', sha256: 'a'.repeat(64) },
        { uri: 'features/b.feature', sha256: 'b'.repeat(64) },
      ]),
    );
    expect(m.suiteSha256).not.toBe(
      suiteHash([
        { uri: 'features/a.feature', sha256: 'c'.repeat(64) },
        { uri: 'features/b.feature', sha256: 'b'.repeat(64) },
      ]),
    );
  });
  it('dates in the lab time zone', () => {
    expect(formatInZone('2026-12-01T13:20:51.000Z', 'Asia/Shanghai')).toBe('2026-12-01 21:20:51');
    expect(zoneOffset('2026-12-01T13:20:51.000Z', 'Asia/Shanghai')).toBe('UTC+08:00');
    expect(zoneOffset('2026-12-01T13:20:51.000Z', 'UTC')).toBe('UTC+00:00');
  });
});

describe('the report catalogue', () => {
  it('has every id in both languages, Chinese in zh-CN, and the same parameters', () => {
    const { 'zh-CN': zh, en } = reportCatalogues();
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const params = (s: string) => (s.match(/\{\w+\$?\}/g) ?? []).sort();
    for (const k of Object.keys(en)) expect(params(zh[k] as string), k).toEqual(params(en[k] as string));
    const latinOnly = Object.entries(zh).filter(
      ([, v]) => !/[\u4e00-\u9fff]/.test(v) && /[a-z]{4,}/.test(v.replace(/\{\w+\$?\}|sscc|[A-Z][A-Za-z0-9]*|ICS|COS|ATR|PBOC|SDA|DDA|CDA/g, '')),
    );
    expect(latinOnly).toEqual([]);
  });
  it('every message the certificate can give renders in both languages with its parameters', () => {
    const c = certificateOf(
      plan({ tags: '@a', areas: ['pboc'], rerunOf: 'out/x' }, { target: { kind: 'sim', image: 'reference', defects: ['d1'] }, run: { preflight: false } }),
      env,
      [{ id: 'F', verdict: 'FAIL', tags: [], reason: '' }],
      'cut',
    );
    for (const m of [...c.deviations, ...c.conclusion.reasons]) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = formatMessage(lang, m);
        expect(text, m.id).not.toBe(m.id);
        expect(text, m.id).not.toMatch(/\{\w+\$?\}/);
      }
    }
    expect(formatMessage('zh-CN', { id: 'conclusionFor', params: { kind: 'kind.card' } })).toBe('被测对象类别 卡');
  });
});
