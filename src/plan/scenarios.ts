/** Scenarios as the plan sees them: parsed from features/ with the Gherkin parser cucumber uses. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType } from '@cucumber/messages';
import { derived, sourceOf } from '../cache/derived.ts';

export interface ScenarioInfo {
  /** The @TC: id. */
  id: string;
  name: string;
  /** Feature file, relative to the project, with / separators. */
  uri: string;
  line: number;
  feature: string;
  /** Folder under features/: iso7816, sscard, pboc, dual-app, lifecycle, terminal. */
  area: string;
  tags: string[];
  /** Clauses from @req:<spec>:<clause> tags, as "<spec> <clause>". */
  requirements: string[];
}

export interface FeatureFile {
  uri: string;
  sha256: string;
}

export class FeatureError extends Error {
  override name = 'FeatureError';
}

export function featureFiles(root: string, dir = 'features'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.feature')) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out;
}

export function readScenarios(root: string, uris: string[]): { scenarios: ScenarioInfo[]; files: FeatureFile[] } {
  const texts = uris.map((uri) => readFileSync(join(root, uri), 'utf8'));
  const files = uris.map((uri, i) => ({
    uri,
    sha256: createHash('sha256')
      .update(texts[i] as string)
      .digest('hex'),
  }));
  // Parsed once per content of the features and of this module (src/cache/derived.ts).
  const scenarios = derived(
    'scenarios',
    sourceOf(import.meta.url),
    files.map((f) => `${f.uri} ${f.sha256}`),
    () => parseScenarios(uris, texts),
  );
  return { scenarios, files };
}

function parseScenarios(uris: readonly string[], texts: readonly string[]): ScenarioInfo[] {
  const scenarios: ScenarioInfo[] = [];
  uris.forEach((uri, i) => {
    const envelopes = generateMessages(texts[i] as string, uri, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
      newId: IdGenerator.incrementing(),
      includeGherkinDocument: true,
      includePickles: true,
      includeSource: false,
    });
    let feature = '';
    for (const env of envelopes) {
      if (env.parseError) throw new FeatureError(`${uri}: ${env.parseError.message}`);
      if (env.gherkinDocument) feature = env.gherkinDocument.feature?.name ?? '';
      if (!env.pickle) continue;
      const tags = env.pickle.tags.map((t) => t.name);
      const id = tags.find((t) => t.startsWith('@TC:'))?.slice(4);
      if (!id) throw new FeatureError(`${uri}: scenario "${env.pickle.name}" has no @TC: tag`);
      scenarios.push({
        id,
        name: env.pickle.name,
        uri,
        line: env.pickle.location?.line ?? 0,
        feature,
        area: uri.split('/')[1] ?? '',
        tags,
        requirements: tags.filter((t) => t.startsWith('@req:')).map(requirementOf),
      });
    }
  });
  const seen = new Map<string, ScenarioInfo>();
  for (const s of scenarios) {
    const other = seen.get(s.id);
    if (other) throw new FeatureError(`@TC:${s.id} is used twice: ${other.uri}:${other.line} and ${s.uri}:${s.line}`);
    seen.set(s.id, s);
  }
  return scenarios;
}

/** "@req:ISO7816-4:7.2.3" → "ISO7816-4 7.2.3" */
export function requirementOf(tag: string): string {
  const body = tag.slice('@req:'.length);
  const at = body.indexOf(':');
  return at < 0 ? body : `${body.slice(0, at)} ${body.slice(at + 1)}`;
}
