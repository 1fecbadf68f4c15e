/**
 * The command × status-word and state-machine tables (issue 15 item 3), kept as data in
 * reports/sw-coverage.yaml: each status word or parameter rule 社会保障卡规范 part 5 and JR/T 0025.5
 * Annex B list for a command, and each transition of the specs' state machines, names the scenarios
 * (@TC ids) that provoke it or the reason it cannot be provoked. This module reads and checks the table,
 * counts its coverage for a set of scenarios (all of the suite, or a plan's applicable ones) and writes
 * docs/sw-coverage.md (`node --import tsx src/plan/sw-coverage.ts --doc`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlData } from '../cache/derived.ts';

export interface SwRow {
  sw?: string;
  meaning?: string;
  rule?: string;
  scenarios?: string[];
  reason?: string;
}

export interface CommandTable {
  spec: string;
  clause: string;
  command: string;
  rows: SwRow[];
}

export interface Transition {
  from: string;
  command: string;
  to: string;
  allowed: boolean;
  scenarios?: string[];
  reason?: string;
}

export interface Machine {
  name: string;
  side: 'card' | 'terminal';
  transitions: Transition[];
}

export interface SwTable {
  schema: 'sscc-sw-coverage/1';
  commands: CommandTable[];
  machines: Machine[];
}

export const SW_TABLE_FILE = 'reports/sw-coverage.yaml';
export const SW_DOC_FILE = 'docs/sw-coverage.md';

export function loadSwTable(root: string): SwTable {
  const t = yamlData(readFileSync(join(root, SW_TABLE_FILE), 'utf8')) as SwTable;
  if (t?.schema !== 'sscc-sw-coverage/1') throw new Error(`${SW_TABLE_FILE}: schema is not sscc-sw-coverage/1`);
  return t;
}

/** One problem per row that is neither covered by a known @TC id nor justified (or is both, or names an unknown id). */
export function tableProblems(t: SwTable, knownIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const check = (where: string, r: { scenarios?: string[]; reason?: string }) => {
    const ids = r.scenarios ?? [];
    if (!ids.length && !r.reason?.trim()) problems.push(`${where}: neither a scenario nor a reason`);
    if (ids.length && r.reason) problems.push(`${where}: both scenarios and a reason; give one`);
    for (const id of ids) if (!knownIds.has(id)) problems.push(`${where}: no scenario has @TC:${id}`);
  };
  for (const c of t.commands) {
    for (const r of c.rows) check(`${c.spec} ${c.clause} ${c.command} ${r.sw ?? ''} ${r.rule ?? r.meaning ?? ''}`.trim(), r);
  }
  for (const m of t.machines) for (const tr of m.transitions) check(`${m.name}: ${tr.from} --${tr.command}--> ${tr.to}`, tr);
  return problems;
}

export interface SwCoverage {
  /** Rows of the command tables: all, provoked by a scenario of the set, justified by a reason. */
  rows: { total: number; covered: number; justified: number; uncovered: number };
  transitions: { total: number; covered: number; justified: number; uncovered: number };
  /** Each command table (spec, clause, command) with its counts. */
  commands: Array<{ spec: string; clause: string; command: string; total: number; covered: number; justified: number; uncovered: number }>;
  /** Rows whose scenarios none is in the set (not applicable to this product, or not planned). */
  open: string[];
}

/** The coverage for the scenarios `ids` (those that apply to a product, or all of the suite). */
export function swCoverage(t: SwTable, ids: ReadonlySet<string>): SwCoverage {
  const open: string[] = [];
  const judge = (where: string, r: { scenarios?: string[]; reason?: string }) => {
    if (r.scenarios?.some((id) => ids.has(id))) return 'covered' as const;
    if (!r.scenarios?.length && r.reason) return 'justified' as const;
    open.push(where);
    return 'uncovered' as const;
  };
  const tally = (list: Array<'covered' | 'justified' | 'uncovered'>) => ({
    total: list.length,
    covered: list.filter((x) => x === 'covered').length,
    justified: list.filter((x) => x === 'justified').length,
    uncovered: list.filter((x) => x === 'uncovered').length,
  });
  const commands = t.commands.map((c) => ({
    spec: c.spec,
    clause: c.clause,
    command: c.command,
    ...tally(c.rows.map((r) => judge(`${c.spec} ${c.clause} ${c.command} ${r.sw ?? r.rule ?? ''}`, r))),
  }));
  const transitions = tally(t.machines.flatMap((m) => m.transitions.map((tr) => judge(`${m.name}: ${tr.from} --${tr.command}-->`, tr))));
  const sum = (k: 'total' | 'covered' | 'justified' | 'uncovered') => commands.reduce((n, c) => n + c[k], 0);
  return { rows: { total: sum('total'), covered: sum('covered'), justified: sum('justified'), uncovered: sum('uncovered') }, transitions, commands, open };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/sw-coverage.md, generated from the table. */
export function renderSwDoc(t: SwTable): string {
  const all = new Set(
    t.commands.flatMap((c) => c.rows.flatMap((r) => r.scenarios ?? [])).concat(t.machines.flatMap((m) => m.transitions.flatMap((x) => x.scenarios ?? []))),
  );
  const cov = swCoverage(t, all);
  const out: string[] = [
    '# Command × status word and state machines',
    '',
    `Generated from \`${SW_TABLE_FILE}\` (\`node --import tsx src/plan/sw-coverage.ts --doc\`); do not edit by hand.`,
    'Every status word and parameter rule that 社会保障卡规范 part 5 (§6–7) and JR/T 0025.5 Annex B list for a',
    'command, and every transition of the state machines the specs define, with the scenario that provokes',
    'it, or why it cannot be provoked. `sscc coverage --sw [--profile F]` counts it for a product;',
    '`src/plan/sw-coverage.test.ts` fails on a row with neither a known @TC id nor a reason.',
    '',
    `**${cov.rows.total} status-word and rule rows** in ${t.commands.length} command tables: ${cov.rows.covered} provoked by a scenario, ${cov.rows.justified} justified, ${cov.rows.uncovered} open.`,
    `**${cov.transitions.total} transitions** in ${t.machines.length} state machines: ${cov.transitions.covered} provoked, ${cov.transitions.justified} justified, ${cov.transitions.uncovered} open.`,
    '',
    "Part 5's text has OCR gaps (`‘ ? ’`); where a code is read from its table's pattern the meaning says so.",
    '',
  ];
  for (const spec of [...new Set(t.commands.map((c) => c.spec))]) {
    out.push(`## ${spec === 'SSCARD-5' ? '社会保障卡规范 part 5' : spec === 'JRT0025-5' ? 'JR/T 0025.5 Annex B' : spec}`, '');
    for (const c of t.commands.filter((x) => x.spec === spec)) {
      out.push(`### §${c.clause} ${c.command}`, '', '| SW | rule or meaning | scenario or reason |', '|---|---|---|');
      for (const r of c.rows)
        out.push(`| ${r.sw ?? ''} | ${cell(r.rule ?? r.meaning ?? '')} | ${r.scenarios?.length ? r.scenarios.join(', ') : `*${cell(r.reason ?? '')}*`} |`);
      out.push('');
    }
  }
  out.push('## State machines', '');
  for (const m of t.machines) {
    out.push(`### ${m.name} (${m.side})`, '', '| from | command | to | | scenario or reason |', '|---|---|---|---|---|');
    for (const x of m.transitions)
      out.push(
        `| ${cell(x.from)} | ${cell(x.command)} | ${cell(x.to)} | ${x.allowed ? 'allowed' : 'forbidden'} | ${x.scenarios?.length ? x.scenarios.join(', ') : `*${cell(x.reason ?? '')}*`} |`,
      );
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--doc')) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
  writeFileSync(join(root, SW_DOC_FILE), renderSwDoc(loadSwTable(root)));
  process.stdout.write(`wrote ${SW_DOC_FILE}\n`);
}
