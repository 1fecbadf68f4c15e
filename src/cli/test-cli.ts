/** Tests' way to run the command line as a user does: node bin/sscc.js, exit code and both streams. */
import { execFile } from 'node:child_process';
import { ROOT } from '../run/test-support.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export function sscc(...args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/sscc.js', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      // An object printed as text (a diagnosis not rendered) is a fault of sscc in whatever test ran it.
      const where = `${stdout}\n${stderr}`.split('\n').find((line) => line.includes('[object Object]'));
      if (where) return reject(new Error(`sscc ${args.join(' ')} printed an object as text: ${where}`));
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
