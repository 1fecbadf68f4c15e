import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CommandDriver } from './command.ts';
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
    await expect(operator(false).driver.perform({ operation: 'x' })).rejects.toMatchObject({ name: 'DriverError', message: expect.stringMatching(/needs an operator/) });
  });
  it('lists the parameters of an operation', () => {
    expect(instructions({ operation: 'iReadCard', params: { pFileAddr: 'SSSEEF05|01|07|$' } })).toMatch(/pFileAddr: SSSEEF05\|01\|07\|\$/);
  });
});
