/** `npm run i18n:untranslated`: rewrite reports/i18n/untranslated.json from the catalogue (the list of work left). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { untranslated } from '../src/report/i18n-untranslated.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const list = untranslated(root);
writeFileSync(new URL('../reports/i18n/untranslated.json', import.meta.url), JSON.stringify(list, null, 2) + '\n');
process.stdout.write(`untranslated: ${list.titles.length} scenario titles, ${list.steps.length} step definitions\n`);
