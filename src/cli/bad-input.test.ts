/**
 * Bad input exits 2 with a message naming the thing and the fix, never a stack trace or a hang
 * (issue 18): a prototype name as image, /dev/zero as profile, --out a file or under /proc, a report
 * as --from, a damaged or ill-shaped message stream, two runs into one folder. Spawned concurrently.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../run/test-support.ts';
import { sscc } from './test-cli.ts';
import { LOCK_FILE, lockOutDir, prepareOutDir } from './out-dir.ts';
import { rebuildFromStream } from '../report/rebuild.ts';
import { loadProfile, parseProfile } from '../profile/load.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sscc-bad-'));
const reference = readFileSync(join(ROOT, 'profiles/sim-reference.yaml'), 'utf8');
const noTrace = (s: string) => expect(s).not.toMatch(/internal error|\n\s+at .*\.ts:\d+/);
const base = join(tmp, 'base');
function copyRun(name: string): string {
  const d = join(tmp, name);
  cpSync(base, d, { recursive: true });
  return d;
}

beforeAll(async () => {
  const r = await sscc(
    'run',
    '--profile',
    'profiles/sim-reference.yaml',
    '--out',
    base,
    '--quiet',
    '--tags',
    '@TC:ISO-SEL-001 or @TC:ISO-RB-001 or @TC:ISO-VER-001',
  );
  expect(r.code).toBe(0);
}, 180_000);

describe('bad input: refused with a message (in process: the loaders and checks sscc calls)', () => {
  it('an image named after an Object.prototype member', () => {
    expect(() => parseProfile(reference.replace('image: reference', 'image: constructor'), 'ctor.yaml')).toThrow(
      /target\.image: unknown image "constructor"; allowed values: reference/,
    );
  });
  it('/dev/zero as profile, and --out a file, under a file, or in /proc (which hung)', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    expect(() => loadProfile('/dev/zero')).toThrow(/\/dev\/zero: is not a regular file/);
    expect(() => prepareOutDir(file)).toThrow(/--out .*a-file: .*a-file is a file, not a folder/);
    expect(() => prepareOutDir(join(file, 'sub'))).toThrow(/a-file is a file, not a folder/);
    expect(() => prepareOutDir('/proc/x')).toThrow(/--out \/proc\/x: cannot create the folder \/proc\/x \(ENOENT\)/);
    expect(prepareOutDir(join(tmp, 'new', 'deep', 'folder'))).toBe(join(tmp, 'new', 'deep', 'folder'));
  });
  it('report --from a report.json: refused, pointing to messages.ndjson', () => {
    expect(() => rebuildFromStream(join(base, 'report.json'))).toThrow(/not from report\.json; give .*messages\.ndjson/);
  });
});

describe.concurrent('bad input: exit 2 with a message', { timeout: 180_000 }, () => {
  it('messages.ndjson damaged mid-file: the line named, the report partial, exit 2', async () => {
    const d = copyRun('damaged');
    const lines = readFileSync(join(d, 'messages.ndjson'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"testCaseStarted"'));
    lines[at + 3] = '{"testStepFinished": {"testCaseStartedId": ';
    writeFileSync(join(d, 'messages.ndjson'), lines.join('\n'));
    const r = await sscc('report', '--from', join(d, 'messages.ndjson'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`is damaged at line ${at + 4}: not JSON`));
    const report = JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')) as { partial?: string; summary: { inconclusive: number } };
    expect(report.partial).toMatch(new RegExp(`line ${at + 4} is not JSON`));
    expect(report.summary.inconclusive).toBeGreaterThan(0);
    expect(readFileSync(join(d, 'report.html'), 'utf8')).toMatch(/PARTIAL/);
    noTrace(r.stderr);
  });
  it('two runs into one --out: the second is refused while the first runs', async () => {
    const out = join(tmp, 'shared');
    const slow = join(tmp, 'slow.yaml');
    writeFileSync(slow, reference.replace('image: reference', 'image: reference\n  latencyMs: 5'));
    const first = spawn(process.execPath, ['bin/sscc.js', 'run', '--profile', slow, '--out', out, '--quiet'], { cwd: ROOT, stdio: 'ignore' });
    const firstDone = new Promise<number | null>((resolve) => first.on('exit', resolve));
    for (let i = 0; i < 600 && !existsSync(join(out, LOCK_FILE)); i++) await new Promise((r) => setTimeout(r, 50));
    const second = await sscc('run', '--profile', 'profiles/sim-reference.yaml', '--out', out, '--force', '--quiet');
    first.kill('SIGTERM');
    await firstDone;
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`is in use by another sscc run \\(pid ${first.pid}`));
    expect(existsSync(join(out, LOCK_FILE))).toBe(false); // the first released it on its way out
  });
});

describe('in process', () => {
  it('a stale lock (its process gone) is reported and taken over; a live one refuses', () => {
    const d = prepareOutDir(join(tmp, 'locks', 'a'));
    writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, startedAt: 'then' }));
    const warned: string[] = [];
    const release = lockOutDir(d, (s) => warned.push(s));
    expect(warned.join()).toMatch(/a stale lock of pid \d+, which no longer runs, was found and replaced/);
    expect(() => lockOutDir(d)).toThrow(new RegExp(`in use by another sscc run \\(pid ${process.pid}`));
    release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
  });
  it('valid JSON of the wrong shape in messages.ndjson: the line named, never a crash', () => {
    const d = copyRun('shapes');
    const text = readFileSync(join(d, 'messages.ndjson'), 'utf8');
    for (const [bad, problem] of [
      ['[1,2]', /not a cucumber message/],
      ['{"testCaseStarted": 5}', /not a cucumber message/],
      ['{"testCaseStarted": {"id": 1}}', /a testCaseStarted message of the wrong shape/],
      // Of the right shape but about no case: ignored, as cucumber's own readers do.
      ['{"attachment": {"testCaseStartedId": "x", "mediaType": "application/vnd.sscc.not-applicable+json", "body": "{"}}', undefined],
      ['{"testStepFinished": {}}', undefined],
      ['null', /not a cucumber message/],
    ] as const) {
      const lines = text.split('\n');
      lines.splice(5, 0, bad);
      writeFileSync(join(d, 'messages.ndjson'), lines.join('\n'));
      let r: ReturnType<typeof rebuildFromStream> | undefined;
      expect(() => (r = rebuildFromStream(join(d, 'messages.ndjson'))), bad).not.toThrow();
      if (problem) {
        expect(r?.damaged?.line, bad).toBe(6);
        expect(r?.damaged?.problem, bad).toMatch(problem);
      } else expect(r?.damaged, bad).toBeUndefined();
    }
  });
});
