/** Tests' way to run the command line as a user does: node bin/sscc.js, exit code and both streams. */
import { execFile } from 'node:child_process';
import { ROOT } from '../run/test-support.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export function sscc(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/sscc.js', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
