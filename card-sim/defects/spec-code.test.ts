/**
 * The spec code of card-sim (cos/, apps/, psam/) and of the reference terminal reads as the spec
 * (issue 15): it consults named spec rules and never names a defect. Every defect is implemented
 * outside it (card-sim/defects/kinds.ts, reference-terminal/faults.ts), every rule is the spec's
 * default that at least one defect breaks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TERMINAL_DEFECTS } from '../../reference-terminal/index.ts';
import { TERMINAL_DEFECT_IMPLEMENTATIONS } from '../../reference-terminal/faults.ts';
import { TERMINAL_SPEC_RULES } from '../../reference-terminal/rules.ts';
import { SPEC_RULES } from '../cos/rules.ts';
import { createCard } from '../cos/card.ts';
import { referenceImage as REFERENCE_IMAGE } from '../images/reference.ts';
import { CARD_DEFECTS, CARD_DEFECT_IMPLEMENTATIONS } from './catalogue.ts';
import type { DefectPart } from './kinds.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** Spec code: what a conformant card or terminal would run. Defect catalogues and their implementations are not. */
const SPEC_DIRS = ['card-sim/cos', 'card-sim/apps', 'card-sim/psam', 'reference-terminal/pboc', 'reference-terminal/sscard', 'reference-terminal/integrated'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return sources(rel);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [rel] : [];
  });
}

const SPEC_FILES = SPEC_DIRS.flatMap(sources).map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
const IDS = [...CARD_DEFECTS, ...TERMINAL_DEFECTS].map((d) => d.id);

/** `file:line: text` of every line matching. */
function hits(re: RegExp): string[] {
  return SPEC_FILES.flatMap(({ file, text }) => text.split('\n').flatMap((line, i) => (re.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
}

describe('spec code names no defect', () => {
  it('reads the spec code of card-sim and the reference terminal', () => {
    expect(SPEC_FILES.length).toBeGreaterThan(15);
    expect(SPEC_FILES.some((f) => f.file === 'card-sim/apps/pboc/pboc.ts')).toBe(true);
  });

  it('asks no card or terminal whether a defect is on', () => {
    expect(hits(/\b(card|this|defects)\.has\(|\bhas\(\s*`|\.has\(\s*'[a-z]+-[a-z0-9.-]+'\)/)).toEqual([]);
    // Only the card builder takes the ids, to apply their implementations (cardFaults).
    expect(hits(/\bDefectId\b|defects\/catalogue/).filter((h) => !h.startsWith('card-sim/cos/card.ts:'))).toEqual([]);
  });

  it('holds no defect id, in code or comment', () => {
    const found = SPEC_FILES.flatMap(({ file, text }) =>
      IDS.filter((id) => new RegExp(`(^|[^a-z0-9-])${id.replace(/[.]/g, '\\.')}($|[^a-z0-9-])`, 'i').test(text)).map((id) => `${file}: ${id}`),
    );
    expect(found).toEqual([]);
  });

  it('the checks catch what they look for', () => {
    expect(/\b(card|this|defects)\.has\(/.test("card.has('wrong-cla-accepted')")).toBe(true);
    expect(/\bhas\(\s*`/.test('card.has(`pboc-record-without-${tag}` as DefectId)')).toBe(true);
    expect(/\.has\(\s*'[a-z]+-[a-z0-9.-]+'\)/.test("config.defects.has('tm-fin-no-pse')")).toBe(true);
  });
});

describe('defect implementations', () => {
  const parts = (impl: unknown): DefectPart[] => (Array.isArray(impl) ? impl : [impl]) as DefectPart[];

  it('every card defect has one, and only catalogued ids have one', () => {
    expect(Object.keys(CARD_DEFECT_IMPLEMENTATIONS).sort()).toEqual(CARD_DEFECTS.map((d) => d.id).sort());
    const terminal = TERMINAL_DEFECT_IMPLEMENTATIONS;
    expect(Object.keys(terminal).sort()).toEqual(TERMINAL_DEFECTS.map((d) => d.id).sort());
  });

  it('every card spec rule is read by the spec code and broken by a defect', () => {
    const all = SPEC_FILES.map((f) => f.text).join('\n');
    const broken = new Set(Object.values(CARD_DEFECT_IMPLEMENTATIONS).flatMap((i) => parts(i).flatMap((p) => (p.kind === 'rule' ? Object.keys(p.rules) : []))));
    for (const rule of Object.keys(SPEC_RULES)) {
      expect(all, `rule ${rule} is never read`).toMatch(new RegExp(`\\brules\\.${rule}\\b`));
      expect(broken.has(rule), `no defect breaks ${rule}`).toBe(true);
    }
  });

  it('every terminal spec rule is read by the terminal and broken by a defect', () => {
    // The PBOC flow and application selection the reference POS runs are the library's (src/pboc).
    const flow = ['src/terminal/operations.ts', 'src/pboc/flow.ts', 'src/pboc/selection.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    const all = [...SPEC_FILES.map((f) => f.text), ...flow].join('\n');
    const broken = new Set(Object.values(TERMINAL_DEFECT_IMPLEMENTATIONS).flatMap((i) => Object.keys(i.rules)));
    for (const rule of Object.keys(TERMINAL_SPEC_RULES)) {
      expect(all, `rule ${rule} is never read`).toMatch(new RegExp(`\\brules\\.${rule}\\b`));
      expect(broken.has(rule), `no defect breaks ${rule}`).toBe(true);
    }
  });

  it('counts the kinds', () => {
    const kinds = (impl: unknown) => [...new Set(parts(impl).map((p) => p.kind))].sort().join('+');
    const count: Record<string, number> = {};
    for (const impl of Object.values(CARD_DEFECT_IMPLEMENTATIONS)) count[kinds(impl)] = (count[kinds(impl)] ?? 0) + 1;
    expect(Object.values(count).reduce((a, b) => a + b, 0)).toBe(CARD_DEFECTS.length);
    expect(count['image']).toBeGreaterThan(30);
    expect(count['wrap']).toBeGreaterThan(20);
  });

  it('an image transform leaves the shared image as it is', () => {
    const before = JSON.stringify(REFERENCE_IMAGE);
    createCard(REFERENCE_IMAGE, { defects: ['pboc-record-without-5A', 'pboc-fci-without-label', 'pboc-aip-without-dda'] });
    expect(JSON.stringify(REFERENCE_IMAGE)).toBe(before);
  });
});
