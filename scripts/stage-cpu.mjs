#!/usr/bin/env node
// Runs `npm run -s STAGE` with this process's standard streams and, when it ends, writes the CPU
// seconds (user + system) of all its processes to file descriptor 3: test-all.mjs gives each stage of
// a group that runs side by side its own CPU time. Exits with the stage's code.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeSync } from 'node:fs';

const r = spawnSync('npm', ['run', '-s', process.argv[2]], { stdio: 'inherit' });
const stat = readFileSync('/proc/self/stat', 'utf8');
const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
// Fields 16 and 17 of proc(5): cutime and cstime, the waited-for children's, in ticks of 1/100 s.
const cpu = (Number(fields[13]) + Number(fields[14])) / 100;
try {
  writeSync(3, `${cpu}\n`);
} catch {}
process.exit(r.status ?? 128);
