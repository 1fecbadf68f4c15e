// The long-lived workers of test-suite.mjs and test-defects.mjs: `width` processes of `script --worker`,
// each taking the next item of `items` when it answers the last (a queue: a slow item costs no idle core).
// A worker sends { ready: true } once, then one message per item it is sent. `done(item, message, secs)`
// takes each answer; `lost(item, how)` an item whose worker ended before answering (the rest go on in
// the other workers).
import { fork } from 'node:child_process';

export async function runQueue({ script, items, width, message = (item) => item, done, lost }) {
  const queue = [...items];
  const worker = () =>
    new Promise((resolve) => {
      const child = fork(script, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let current;
      let t0 = 0;
      const next = () => {
        current = queue.shift();
        if (current === undefined) return child.disconnect();
        t0 = Date.now();
        child.send(message(current));
      };
      child.on('message', (m) => {
        if (m.ready) return next();
        done(current, m, ((Date.now() - t0) / 1000).toFixed(1));
        next();
      });
      child.on('exit', (code, signal) => {
        if (current !== undefined) lost(current, signal ?? `exit ${code}`);
        current = undefined;
        resolve();
      });
    });
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, worker));
}
