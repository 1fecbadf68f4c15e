import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execWithIndices } from './match-indices.ts';

const root = resolve(import.meta.dirname, '../..');

/**
 * A dry run of the whole suite in a fresh process: every step's matched arguments (value and offset). The
 * compiled build's steps when it is fresh (vitest's global set-up makes it), else the TypeScript through tsx.
 */
async function stepArguments(mode: 'native' | 'polyfill'): Promise<string> {
  // @ts-expect-error: a plain JavaScript module of the scripts
  const { fresh } = (await import('../../scripts/build.mjs')) as { fresh(): boolean };
  const compiled = fresh();
  const script = `
    await import('./${compiled ? 'build/js/src/run/match-indices.js' : 'src/run/match-indices.ts'}');
    const { loadConfiguration, loadSupport, runCucumber } = await import('@cucumber/cucumber/api');
    const { PassThrough } = await import('node:stream');
    const env = { cwd: process.cwd(), stdout: new PassThrough().resume(), stderr: process.stderr };
    const { runConfiguration } = await loadConfiguration({ file: false, provided: { paths: ['features/**/*.feature'], import: [${JSON.stringify(compiled ? 'build/js/steps/**/*.js' : 'steps/**/*.ts')}], dryRun: true, strict: false, worldParameters: { profile: {} } } }, env);
    const out = [];
    const support = await loadSupport(runConfiguration, env);
    await runCucumber({ ...runConfiguration, support }, env, (e) => { if (e.testCase) out.push(e.testCase.testSteps.map((s) => s.stepMatchArgumentsLists ?? null)); });
    process.stdout.write(JSON.stringify(out));`;
  const { stdout } = await promisify(execFile)(process.execPath, [...(compiled ? [] : ['--import', 'tsx']), '--input-type=module', '--eval', script], {
    cwd: root,
    env: { ...process.env, SSCC_MATCH_INDICES: mode },
    maxBuffer: 1 << 28,
  });
  return stdout;
}

describe('native match indices for cucumber', () => {
  it('gives the offsets regexp-match-indices gives, also for groups that did not take part', () => {
    const m = execWithIndices(/^a (\d+)(?: b (x))?$/, 'a 12')!;
    expect(m.indices?.[1]).toEqual([2, 4]);
    expect(m.indices?.[2]).toBeUndefined();
    const g = /(b)/g;
    expect(execWithIndices(g, 'abab')?.indices?.[1]).toEqual([1, 2]);
    expect(g.lastIndex).toBe(2);
  });

  it('leaves every step argument of the suite unchanged (a dry run with each)', async () => {
    const [native, polyfill] = await Promise.all([stepArguments('native'), stepArguments('polyfill')]);
    expect(native.length).toBeGreaterThan(10_000);
    expect(native).toBe(polyfill);
  }, 120_000);
});
