/** `npm run i18n:untranslated`: rewrite reports/i18n/untranslated.json from the catalogue and the sources (the list of work left), and count it by file. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { untranslated } from '../src/report/i18n-untranslated.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const list = untranslated(root);
writeFileSync(new URL('../reports/i18n/untranslated.json', import.meta.url), JSON.stringify(list, null, 2) + '\n');
const byFile = new Map<string, number>();
for (const f of list.failures) byFile.set(f.replace(/: .*/, ''), (byFile.get(f.replace(/: .*/, '')) ?? 0) + 1);
process.stdout.write(
  `untranslated: ${list.titles.length} scenario titles, ${list.steps.length} step definitions, ${list.failures.length} failure texts\n` +
    [...byFile]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([f, n]) => `  ${String(n).padStart(3)} ${f}\n`)
      .join(''),
);
