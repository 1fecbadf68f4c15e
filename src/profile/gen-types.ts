/**
 * The profile's TypeScript types, generated from profiles/profile.schema.json (one source of truth,
 * issue 16 item 5) with json-schema-to-typescript into src/profile/profile.generated.ts, which
 * profile.ts narrows and re-exports. `npm run gen:profile` writes it; schema.test.ts fails on drift.
 */
import { compile } from 'json-schema-to-typescript';
import type { JSONSchema4 } from 'json-schema';
import { loadSchema } from './docs.ts';

export const TYPES_FILE = new URL('profile.generated.ts', import.meta.url);

export async function generateProfileTypes(): Promise<string> {
  const schema = loadSchema() as Record<string, unknown> & { definitions: Record<string, Record<string, unknown>> };
  // Titles and $id would name the types; the names profile.ts exports are enough.
  delete schema.title;
  delete schema.$id;
  (schema.definitions.ef as Record<string, unknown>).title = 'EfRef';
  // Beside a $ref, draft-07 ignores other keywords (the descriptions there are for docs/profile.md).
  const bareRefs = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.$ref === 'string') for (const k of Object.keys(n)) if (k !== '$ref') delete n[k];
    for (const v of Object.values(n)) bareRefs(v);
  };
  bareRefs(schema);
  return compile(schema as JSONSchema4, 'ProfileData', {
    bannerComment: '/* Generated from profiles/profile.schema.json by `npm run gen:profile` (src/profile/gen-types.ts): do not edit. */',
    additionalProperties: false,
    strictIndexSignatures: false,
    unknownAny: true,
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, printWidth: 140 },
    format: true,
  });
}
