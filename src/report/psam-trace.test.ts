/**
 * The PSAM's APDUs in the step trace (issue 20 item 4): a card scenario whose terminal works with a PSAM
 * (SS-IA-001: sscc's terminal asks the PSAM for the expected internal authentication result) and a
 * terminal scenario whose terminal under test uses the PSAM slot (TM-SS-002: iReadCardBas authenticates
 * the card through the PSAM) show the PSAM's exchanges under the step that sent them, marked party PSAM,
 * named by part 9, in the order they were sent among the card's, and the HTML shows them as the PSAM's.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sscc } from '../cli/test-cli.ts';
import { ROOT } from '../run/test-support.ts';

interface Apdu {
  name: string;
  command: string;
  step: number;
  party?: string;
}
interface Case {
  id: string;
  verdict: string;
  steps: Array<{ text: string }>;
  apdus: Apdu[];
}

const out = join(ROOT, 'out', 'psam-trace');
const caseOf = (dir: string, id: string): Case => {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { cases: Case[] };
  const c = report.cases.find((x) => x.id === id);
  if (!c) throw new Error(`${id} is not in ${dir}/report.json`);
  return c;
};
/** The APDUs of the (first) step whose text holds `text`. */
const apdusOf = (c: Case, text: string): Apdu[] => {
  const i = c.steps.findIndex((s) => s.text.includes(text));
  expect(i, `${c.id}: no step "${text}"`).toBeGreaterThanOrEqual(0);
  return c.apdus.filter((a) => a.step === i);
};

describe('the PSAM in the step trace', () => {
  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    const [card, terminal] = await Promise.all([
      sscc('run', '--profile', 'profiles/sim-reference.yaml', '--out', join(out, 'card'), '--quiet', '--tags', '@TC:SS-IA-001'),
      sscc('run', '--profile', 'profiles/terminal-reference.yaml', '--out', join(out, 'terminal'), '--quiet', '--tags', '@TC:TM-SS-002'),
    ]);
    expect(card.code, card.stderr).toBe(0);
    expect(terminal.code, terminal.stderr).toBe(0);
  }, 180_000);

  it("a card scenario: sscc's terminal asks the PSAM between the card's commands, under the step that asked", () => {
    const c = caseOf(join(out, 'card'), 'SS-IA-001');
    expect(c.verdict).toBe('PASS');
    const step = apdusOf(c, 'asks INTERNAL AUTHENTICATE');
    const psam = step.filter((a) => a.party === 'PSAM');
    expect(psam.map((a) => a.name)).toEqual(expect.arrayContaining(['DELIVERY SESSION KEY', 'CIPHER DATA']));
    const card = step.filter((a) => a.party === undefined);
    expect(card.map((a) => a.name)).toContain('INTERNAL AUTHENTICATE');
    // In the order sent: the card's INTERNAL AUTHENTICATE, then the PSAM computes what it must answer.
    const order = step.map((a) => `${a.party ?? 'card'} ${a.name}`);
    expect(order.indexOf('PSAM CIPHER DATA')).toBeGreaterThan(order.indexOf('card INTERNAL AUTHENTICATE'));
    // Only these two parties, and no other step holds the PSAM's exchanges of this one.
    expect(new Set(c.apdus.map((a) => a.party ?? 'card'))).toEqual(new Set(['card', 'PSAM']));
    const html = readFileSync(join(out, 'card', 'report.html'), 'utf8');
    // The PSAM's answers are decoded as the card's are: no object left unnamed.
    expect(html).not.toContain('class="unnamed');
    expect(html).toContain(
      '<tr class="party-PSAM"><td><span class="party"><span data-lang="zh-CN">PSAM 卡</span><span data-lang="en">PSAM</span></span> <b>CIPHER DATA</b>',
    );
  });

  it("a terminal scenario: the terminal under test's PSAM slot, in the order the terminal used both slots", () => {
    const c = caseOf(join(out, 'terminal'), 'TM-SS-002');
    expect(c.verdict).toBe('PASS');
    const step = apdusOf(c, 'performs iReadCardBas');
    const parties = step.map((a) => a.party ?? 'card');
    expect(parties).toContain('PSAM');
    expect(parties).toContain('card');
    // Interleaved, not appended: a card command follows a PSAM one.
    expect(parties.lastIndexOf('card')).toBeGreaterThan(parties.indexOf('PSAM'));
    expect(step.filter((a) => a.party === 'PSAM').map((a) => a.name)).toContain('DELIVERY SESSION KEY');
    expect(readFileSync(join(out, 'terminal', 'report.html'), 'utf8')).not.toContain('class="unnamed');
  });
});
