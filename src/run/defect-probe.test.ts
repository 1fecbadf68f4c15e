import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefectProbe } from './defect-probe.ts';

describe('DefectProbe', () => {
  it('records the catalogued ids each scenario asks a Set for, and restores Set.prototype.has', () => {
    const has = Set.prototype.has;
    const probe = new DefectProbe(new Set(['a', 'b']));
    probe.start();
    const card = new Set<string>();
    card.has('a'); // outside any scenario
    probe.enter('f.feature:3');
    const first = new Set<string>();
    first.has('b');
    first.has('not-a-defect');
    ['x'].includes('a');
    probe.enter(undefined);
    probe.enter('f.feature:9');
    new Set<string>().has('b');
    const r = probe.stop();
    expect(Set.prototype.has).toBe(has);
    expect([...r.outside]).toEqual(['a']);
    expect([...(r.asked.get('f.feature:3') ?? [])].sort()).toEqual(['a', 'b']);
    expect([...(r.asked.get('f.feature:9') ?? [])]).toEqual(['b']);
    expect(r.shared).toBe(false);
  });

  it('sees a Set asked in two scenarios: state that outlives a scenario', () => {
    const probe = new DefectProbe(new Set(['a']));
    probe.start();
    const kept = new Set<string>();
    probe.enter('s1');
    kept.has('a');
    probe.enter('s2');
    kept.has('a');
    expect(probe.stop().shared).toBe(true);
  });
});

/**
 * The probe sees a defect only where code asks `has(id)`. Reading a defect collection any other way
 * (its size, iterating it, spreading it) could change behaviour without a has(), and the defect proof
 * would skip a scenario it must run. Each such read is listed here with why it changes no verdict.
 */
const READS_ALLOWED: Record<string, string> = {
  'card-sim/cos/card.ts: defects: [...defects],': 'SimCard.defects, a copy handed on (terminal/slot.ts vpcdCard)',
  "src/transport/sim.ts: const defects = this.card.defects.length ? ` with defect ${this.card.defects.join(', ')}` : '';":
    'the channel description, text of the environment',
  'steps/hooks.ts: if (!this.nvmCard.defects.length) {':
    "whether a change of a shared card is the suite's ERROR: only on a card shared by the run, never in the defect proof (fresh cards)",
  "src/terminal/harness.ts: this.defects = profile.target.kind === 'sim' ? [...(profile.target.defects ?? [])] : [];":
    'a copy into the harness, asked by has() in the terminal and card-sim',
  'src/terminal/harness.ts: const config = { SSCC_TERMINAL_CONFIG: JSON.stringify({ ...this.config, defects: [...this.config.defects] }) };':
    'to the command-driver program: runs in its own process, the proof then runs every scenario',
};

describe('defect switches are asked only through has()', () => {
  const root = resolve(import.meta.dirname, '../..');
  function* walk(dir: string): Generator<string> {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) yield* walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) yield p;
    }
  }
  it('in card-sim, the terminal, the transports and the steps', () => {
    const reads: string[] = [];
    for (const dir of ['card-sim', 'src/terminal', 'src/transport', 'steps', 'examples']) {
      for (const p of walk(join(root, dir))) {
        const file = relative(root, p);
        if (file.startsWith('card-sim/defects/')) continue;
        for (const line of readFileSync(p, 'utf8').split('\n')) {
          const code = line.trim();
          if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/**')) continue;
          // defects.size / .length / .forEach …, spreading it, iterating it
          if (/\bdefects\??\.(?!has\()\w+|\.\.\.\(?[\w.]*\bdefects\b|\bof [\w.]*\bdefects\b/.test(code)) reads.push(`${file}: ${code}`);
        }
      }
    }
    expect(reads.filter((r) => !(r in READS_ALLOWED))).toEqual([]);
    // and the list names only reads that are there
    expect(Object.keys(READS_ALLOWED).filter((r) => !reads.includes(r))).toEqual([]);
  });
});

describe('the probe sees the defect implementations of card-sim and the reference terminal', () => {
  it('a rule read, an image fault shown through its application, a terminal rule read', async () => {
    const { createCard, IMAGES, CARD_DEFECTS } = await import('../../card-sim/index.ts');
    const { terminalRules, TERMINAL_DEFECTS } = await import('../../reference-terminal/index.ts');
    const probe = new DefectProbe(new Set([...CARD_DEFECTS, ...TERMINAL_DEFECTS].map((d) => d.id)));
    probe.start();
    try {
      probe.enter('s1');
      const card = createCard(IMAGES['reference'] as Parameters<typeof createCard>[0]);
      card.transmit(Uint8Array.from(Buffer.from('00A4040008A00000033301010100', 'hex'))); // SELECT the debit ADF
      card.transmit(Uint8Array.from(Buffer.from('00B2010C00', 'hex'))); // READ RECORD 1 of SFI 1
      probe.enter('s2');
      void terminalRules(new Set()).checkBlacklist;
    } finally {
      probe.stop();
    }
    const r = probe.stop();
    const s1 = r.asked.get('s1') ?? new Set();
    expect(s1.has('wrong-cla-accepted')).toBe(true); // rules.checkClass, read for every command
    expect(s1.has('pboc-record-without-5A')).toBe(true); // an image fault of the debit ADF
    expect(s1.has('tm-ignores-blacklist')).toBe(false);
    expect([...(r.asked.get('s2') ?? [])]).toEqual(['tm-ignores-blacklist']);
  });
});
