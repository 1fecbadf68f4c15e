/** The layer rules of docs/design.md hold on the tree, and fail on a violation (.dependency-cruiser.cjs). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './test-support.ts';

const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: unknown[]; options: Record<string, unknown> };

async function violations(baseDir: string, dirs: string[]): Promise<string[]> {
  const options = { ...config.options, tsConfig: undefined, baseDir, ruleSet: { forbidden: config.forbidden }, validate: true };
  const result = await cruise(dirs, options as never);
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layers', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sscc-layers-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const file = (path: string, text: string) => {
    mkdirSync(join(tmp, path, '..'), { recursive: true });
    writeFileSync(join(tmp, path), text);
  };

  it('the tree keeps them', { timeout: 60_000 }, async () => {
    expect(await violations(ROOT, ['src', 'card-sim', 'reference-terminal', 'steps', 'examples', 'bench'])).toEqual([]);
  });

  it('each rule fails on the import it forbids', { timeout: 60_000 }, async () => {
    file('src/bytes/hex.ts', 'export const x = 1;\n');
    file('src/cli/main.ts', "import { x } from '../bytes/hex.ts';\nimport { c } from '../../card-sim/cos/card.ts';\nexport const m = x + c;\n");
    file('src/tlv/ber.ts', "import { m } from '../cli/main.ts';\nexport const t = m;\n");
    file('card-sim/cos/card.ts', "import { m } from '../../src/cli/main.ts';\nexport const c = 1 + m;\n");
    file('card-sim/index.ts', "export { c } from './cos/card.ts';\n");
    file('reference-terminal/pos.ts', "import { c } from '../card-sim/index.ts';\nexport const p = c;\n");
    const found = await violations(tmp, ['src', 'card-sim', 'reference-terminal']);
    expect(found).toEqual(
      expect.arrayContaining([
        'library-depends-on-nothing-of-ours: src/tlv/ber.ts → src/cli/main.ts',
        'card-sim-depends-on-the-library-only: card-sim/cos/card.ts → src/cli/main.ts',
        'reference-terminal-depends-on-the-library-only: reference-terminal/pos.ts → card-sim/index.ts',
        'products-through-their-index: src/cli/main.ts → card-sim/cos/card.ts',
      ]),
    );
    expect(found).not.toContain('library-depends-on-nothing-of-ours: src/cli/main.ts → src/bytes/hex.ts');
  });
});
