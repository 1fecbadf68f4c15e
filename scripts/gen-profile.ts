/** `npm run gen:profile`: src/profile/profile.generated.ts and docs/profile.md from profiles/profile.schema.json. */
import { writeFileSync } from 'node:fs';
import { DOCS_FILE, renderProfileDocs } from '../src/profile/docs.ts';
import { TYPES_FILE, generateProfileTypes } from '../src/profile/gen-types.ts';

writeFileSync(TYPES_FILE, await generateProfileTypes());
writeFileSync(DOCS_FILE, renderProfileDocs());
process.stdout.write(`wrote ${TYPES_FILE.pathname} and ${DOCS_FILE.pathname}\n`);
