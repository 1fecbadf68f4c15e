import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureFiles, readScenarios } from './scenarios.ts';
import { SW_DOC_FILE, type SwTable, loadSwTable, renderSwDoc, swCoverage, tableProblems } from './sw-coverage.ts';

const root = join(import.meta.dirname, '../..');
const ids = new Set(readScenarios(root, featureFiles(root)).scenarios.map((s) => s.id));

describe('the command × status-word table (reports/sw-coverage.yaml)', () => {
  const table = loadSwTable(root);

  it('every row and transition is provoked by an existing @TC id or justified', () => {
    expect(tableProblems(table, ids)).toEqual([]);
  });

  it('is 100 % covered or justified over the whole suite', () => {
    const c = swCoverage(table, ids);
    expect(c.rows.uncovered).toBe(0);
    expect(c.transitions.uncovered).toBe(0);
    expect(c.rows.total).toBeGreaterThan(250);
  });

  it('docs/sw-coverage.md is generated from it and up to date', () => {
    expect(readFileSync(join(root, SW_DOC_FILE), 'utf8')).toBe(renderSwDoc(table));
  });

  it('a row with neither a scenario nor a reason, or an unknown id, is a problem', () => {
    const bad: SwTable = {
      schema: 'sscc-sw-coverage/1',
      commands: [
        {
          spec: 'SSCARD-5',
          clause: '6.5',
          command: 'GET CHALLENGE',
          rows: [{ sw: '6A86' }, { sw: '6700', scenarios: ['NO-SUCH-1'] }, { sw: '6E00', scenarios: ['ISO-CLA-001'], reason: 'x' }],
        },
      ],
      machines: [{ name: 'm', side: 'card', transitions: [{ from: 'a', command: 'c', to: 'b', allowed: false }] }],
    };
    const p = tableProblems(bad, ids);
    expect(p).toHaveLength(4);
    expect(p[0]).toMatch(/6A86: neither a scenario nor a reason/);
    expect(p[1]).toMatch(/no scenario has @TC:NO-SUCH-1/);
    expect(p[2]).toMatch(/both scenarios and a reason/);
    // A product whose plan leaves the scenario out has the row open.
    expect(swCoverage(bad, new Set()).open.length).toBeGreaterThan(0);
  });
});
