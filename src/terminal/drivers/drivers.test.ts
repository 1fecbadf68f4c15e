import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandDriver, isolatedCommand } from './command.ts';
import { ManualDriver, instructions } from './manual.ts';

const fake = fileURLToPath(new URL('./fixtures/echo-terminal.mjs', import.meta.url));
const cmd = (mode: string, timeoutSeconds = 10) => new CommandDriver({ command: [process.execPath, fake, mode], timeoutSeconds });

describe('command driver', () => {
  it('passes the request as JSON and reads the last line of output as the outcome', async () => {
    const o = await cmd('ok').perform({ operation: 'iReadCardBas' });
    expect(o).toEqual({ result: 'success', code: 0, output: 'iReadCardBas|iReadCardBas|' });
  });
  it('names the fields of an outcome that breaks the schema', async () => {
    await expect(cmd('bad-field').perform({ operation: 'x' })).rejects.toMatchObject({
      name: 'DriverError',
      message: expect.stringMatching(/extra: unknown field; result: must be one of success, approved/),
    });
  });
  it('reports output that is not JSON', async () => {
    await expect(cmd('not-json').perform({ operation: 'x' })).rejects.toThrow(/not JSON on its last line: OK/);
  });
  it('reports an exit without outcome, with the end of stderr', async () => {
    await expect(cmd('silent').perform({ operation: 'x' })).rejects.toThrow(/exited with code 4 and printed no outcome: reader not found/);
  });
  it('stops a program that does not answer in time', async () => {
    await expect(cmd('hang', 0.5).perform({ operation: 'iVerifyPIN' })).rejects.toThrow(/no outcome for iVerifyPIN within 0.5 s/);
  });
  it('reports a program that cannot start', async () => {
    await expect(new CommandDriver({ command: ['/no/such/terminal'] }).perform({ operation: 'x' })).rejects.toThrow(/cannot start/);
  });
});

describe('command driver isolation (terminal.driver.isolation)', () => {
  /** Whether the tool is present and may make namespaces here (it may not in every container). */
  const works = (argv: string[]) => spawnSync(argv[0] as string, [...argv.slice(1), 'true'], { stdio: 'ignore' }).status === 0;
  const probe = async (isolation: 'none' | 'unshare' | 'bwrap') => {
    const path = join(tmpdir(), `sscc-probe-${process.pid}-${isolation}.sock`);
    const server = createServer((s) => s.on('data', () => s.end('pong')));
    await new Promise<void>((ok) => server.listen(path, ok));
    try {
      const d = new CommandDriver({ command: [process.execPath, fake, 'probe'], timeoutSeconds: 20, isolation, env: () => ({ SSCC_CARD_SOCKET: path }) });
      return JSON.parse((await d.perform({ operation: 'x' })).output as string) as {
        interfaces: number;
        processes: number;
        home: number;
        writableRoot: boolean;
        card: string;
      };
    } finally {
      server.close();
    }
  };
  it('builds the wrapper command lines', () => {
    expect(isolatedCommand(undefined, ['t', 'a'], {})).toEqual(['t', 'a']);
    expect(isolatedCommand('none', ['t'], {})).toEqual(['t']);
    expect(isolatedCommand('unshare', ['t'], {}).slice(0, 4)).toEqual(['unshare', '--user', '--map-root-user', '--net']);
    const b = isolatedCommand('bwrap', ['t'], { HOME: '/home/lab', SSCC_CARD_SOCKET: '/tmp/c.sock' }, '/home/lab/terminal');
    expect(b.join(' ')).toMatch(
      /--ro-bind \/ \/ .*--tmpfs \/tmp --tmpfs \/home\/lab --ro-bind \/home\/lab\/terminal \/home\/lab\/terminal --bind \/tmp\/c.sock \/tmp\/c.sock --unshare-all/,
    );
    expect(b.slice(-2)).toEqual(['--', 't']);
    // A clone under /tmp (CI's checkout, a lab's scratch folder): its folder is put back read-only.
    const t = isolatedCommand('bwrap', ['t'], { HOME: '/home/lab' }, '/tmp/clone');
    expect(t.join(' ')).toMatch(/--tmpfs \/tmp --tmpfs \/home\/lab --ro-bind \/tmp\/clone \/tmp\/clone .*--chdir \/tmp\/clone/);
    expect(isolatedCommand('bwrap', ['t'], { HOME: '/home/lab' }, '/srv/sscc').join(' ')).not.toMatch(/--ro-bind \/srv/);
  });
  it.runIf(works(['unshare', '--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc']))(
    'unshare: no network, no other process in view, the card socket reachable',
    async () => {
      const seen = await probe('unshare');
      expect(seen).toMatchObject({ interfaces: 0, card: 'pong' });
      expect(seen.processes).toBeLessThanOrEqual(2);
    },
  );
  it.runIf(works(['bwrap', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-all', '--']))(
    'bwrap: also a read-only root and an empty HOME, the card socket bound in',
    async () => {
      const seen = await probe('bwrap');
      expect(seen).toMatchObject({ interfaces: 0, card: 'pong', writableRoot: false, home: 0 });
      expect(seen.processes).toBeLessThanOrEqual(3);
    },
  );
  it('without isolation the probe sees the machine (the probe can tell)', async () => {
    const seen = await probe('none');
    expect(seen.card).toBe('pong');
    expect(seen.processes).toBeGreaterThan(3);
  });
  it('names the missing tool and its Debian package', async () => {
    const d = new CommandDriver({ command: [process.execPath, fake, 'ok'], isolation: 'bwrap' });
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(d.perform({ operation: 'x' })).rejects.toThrow(/isolation bwrap: is bwrap installed\? Debian package bubblewrap/);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('manual driver', () => {
  function operator(interactive = true, timeoutSeconds = 5) {
    const input = new PassThrough();
    const output = new PassThrough();
    let said = '';
    output.on('data', (d) => (said += d));
    return { input, driver: new ManualDriver({ input, output, interactive, timeoutSeconds }), said: () => said };
  }
  it('tells the operator what to do and takes a result word', async () => {
    const op = operator();
    const pending = op.driver.perform({ operation: 'purchase', card: 'pboc-cvm-online-pin', amount: 1234, pin: '1234' });
    op.input.write('approved\n');
    expect(await pending).toEqual({ result: 'approved' });
    expect(op.said()).toMatch(/insert the test card "pboc-cvm-online-pin", then perform purchase/);
    expect(op.said()).toMatch(/amount: 12.34 元/);
  });
  it('takes a JSON outcome, and asks again after a wrong one', async () => {
    const op = operator();
    const pending = op.driver.perform({ operation: 'iReadCardBas' });
    op.input.write('{"result":"great"}\n');
    op.input.write('{"result":"success","output":"110100|"}\n');
    expect(await pending).toEqual({ result: 'success', output: '110100|' });
    expect(op.said()).toMatch(/result: must be one of/);
  });
  it('times out without an answer', async () => {
    const op = operator(true, 0.2);
    await expect(op.driver.perform({ operation: 'iVerifyPIN' })).rejects.toThrow(/no answer from the operator within 0.2 s/);
  });
  it('is INCONCLUSIVE at once when nobody can answer', async () => {
    await expect(operator(false).driver.perform({ operation: 'x' })).rejects.toMatchObject({
      name: 'DriverError',
      message: expect.stringMatching(/needs an operator/),
    });
  });
  it('lists the parameters of an operation', () => {
    expect(instructions({ operation: 'iReadCard', params: { pFileAddr: 'SSSEEF05|01|07|$' } })).toMatch(/pFileAddr: SSSEEF05\|01\|07\|\$/);
  });
});

describe('command driver: a hostile terminal program is contained (issue 18)', () => {
  /** Not running: no such process, or a zombie waiting for its new parent to reap it. */
  const gone = (pid: number) => {
    try {
      return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  };
  it('the timeout kills the whole process group, a grandchild holding the pipes included', async () => {
    const t0 = Date.now();
    await expect(cmd('grandchild-hang', 1).perform({ operation: 'iVerifyPIN' })).rejects.toThrow(
      /no outcome for iVerifyPIN within 1 s \(its process group was killed\)/,
    );
    expect(Date.now() - t0).toBeLessThan(5000);
  });
  it('a program that exits leaving a grandchild on its output: judged at once, the grandchild killed', async () => {
    const t0 = Date.now();
    const o = await cmd('grandchild-exit', 30).perform({ operation: 'iReadCardBas' });
    expect(Date.now() - t0).toBeLessThan(5000);
    const pid = Number(o.output);
    await new Promise((r) => setTimeout(r, 100));
    expect(gone(pid)).toBe(true);
  });
  it('600 MB of output: stopped at 16 MiB, INCONCLUSIVE (DriverError), no crash', async () => {
    await expect(cmd('flood', 60).perform({ operation: 'x' })).rejects.toMatchObject({
      name: 'DriverError',
      message: expect.stringMatching(/printed more than 16 MiB/),
    });
  });
  it("gets a minimal environment, not sscc's", async () => {
    process.env.SSCC_TRUST_DIR = '/secret/trust';
    process.env.AWS_SECRET_ACCESS_KEY = 'x';
    try {
      const o = await cmd('env').perform({ operation: 'x' });
      const keys = (o.output as string).split(',');
      expect(keys).toContain('SSCC_OPERATION');
      expect(keys.filter((k) => !['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'SSCC_OPERATION'].includes(k))).toEqual([]);
    } finally {
      delete process.env.SSCC_TRUST_DIR;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});
