/**
 * The escape-code card (card-sim/images/hostile.ts hostile-text, issue 18): its 卡号 holds
 * ESC [2J ESC [H (clear the screen) and its 姓名 OSC 52 / OSC 0 sequences. The console shows them
 * as visible escapes, junit.xml stays well-formed XML 1.0, report.json keeps the card's bytes as data.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseXml } from '../report/xml-check.ts';
import { sscc } from './test-cli.ts';

it('a card writing terminal control sequences: escaped on the console, valid junit.xml, data kept in report.json', { timeout: 180_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'sscc-hostile-text-')), 'run');
  const r = await sscc('run', '--profile', 'profiles/sim-hostile-text.yaml', '--out', out, '--tags', '@req:SSCARD-6:V2.0-annexA');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('卡号 "\\x1b[2J\\x1b[H');
  expect(r.stderr + r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  expect(() => parseXml(junit)).not.toThrow();
  expect(junit).toContain('\\u001b[2J');
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: Array<{ verdict: string; reason: string }> };
  expect(report.cases.find((c) => c.verdict === 'FAIL')?.reason).toContain('\x1b[2J\x1b[H');
});
