/**
 * docs/profile.md, generated from profiles/profile.schema.json (issue 20 item 6): every field with its
 * meaning in both languages, type, allowed values, example and the applicability tags it drives.
 * `npm run gen:profile` writes it; schema.test.ts fails when the file is not what the schema gives.
 */
import { readFileSync } from 'node:fs';
import { APPLICABILITY_TAGS } from '../plan/applicability.ts';

export const SCHEMA_FILE = new URL('../../profiles/profile.schema.json', import.meta.url);
export const DOCS_FILE = new URL('../../docs/profile.md', import.meta.url);

export interface SchemaNode {
  type?: string | string[];
  description?: string;
  'x-description-zh'?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  $ref?: string;
  definitions?: Record<string, SchemaNode>;
}

export interface Field {
  /** Dotted path; `[]` for the items of a list, `<pattern>` for a key that matches a pattern. */
  path: string;
  node: SchemaNode;
  required: boolean;
  /** For a field with $ref, the definition it takes its shape from. */
  shape: SchemaNode;
}

export function loadSchema(): SchemaNode {
  return JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as SchemaNode;
}

/** Every field of the schema in document order (target's two kinds merged by field name). */
export function schemaFields(schema: SchemaNode): Field[] {
  const out: Field[] = [];
  const seen = new Map<string, Field>();
  const deref = (n: SchemaNode): SchemaNode => (n.$ref ? (schema.definitions?.[n.$ref.replace('#/definitions/', '')] ?? n) : n);
  const walk = (n: SchemaNode, prefix: string) => {
    const shape = deref(n);
    const entries: Array<[string, SchemaNode, boolean]> = [
      ...Object.entries(shape.properties ?? {}).map(([k, v]): [string, SchemaNode, boolean] => [k, v, (shape.required ?? []).includes(k)]),
      ...Object.entries(shape.patternProperties ?? {}).map(([k, v]): [string, SchemaNode, boolean] => [`<${k}>`, v, false]),
    ];
    for (const [k, v, required] of entries) {
      const path = prefix ? `${prefix}.${k}` : k;
      const known = seen.get(path);
      if (!known) {
        const f = { path, node: v, required, shape: deref(v) };
        seen.set(path, f);
        out.push(f);
      } else if (known.shape.const !== undefined && v.const !== undefined) {
        // target.kind: one const per branch of the oneOf.
        known.shape = { enum: [known.shape.const, v.const] };
      } else if (known.shape.enum && v.const !== undefined) known.shape = { enum: [...known.shape.enum, v.const] };
      walk(v, path);
    }
    if (shape.items) walk(shape.items, `${prefix}[]`);
    for (const branch of shape.oneOf ?? []) walk({ ...branch, required: branch.required }, prefix);
  };
  walk(schema, '');
  return out;
}

function typeOf(f: Field): string {
  const n = f.shape;
  if (n.const !== undefined) return `\`${String(n.const)}\``;
  if (n.enum) return n.enum.map((v) => `\`${String(v)}\``).join(' | ');
  if (n.oneOf) return n.oneOf.map((b) => typeOfNode(b)).join(' or ');
  return typeOfNode(n);
}

function typeOfNode(n: SchemaNode): string {
  if (n.type === 'array')
    return `list of ${n.items ? (n.items.enum ? n.items.enum.map((v) => `\`${String(v)}\``).join(' | ') : typeOfNode(n.items)) : 'values'}`;
  if (Array.isArray(n.type)) return n.type.join(' or ');
  if (n.type === 'object' || n.properties || n.patternProperties) return 'object';
  return n.type ?? 'value';
}

function constraints(n: SchemaNode): string {
  const out: string[] = [];
  if (n.pattern) out.push(`\`${n.pattern}\``);
  if (n.minimum !== undefined) out.push(`≥ ${n.minimum}`);
  if (n.maximum !== undefined) out.push(`≤ ${n.maximum}`);
  return out.join(', ');
}

/** The applicability tags (src/plan/applicability.ts) that read this field. */
export function tagsOf(path: string): string[] {
  return Object.entries(APPLICABILITY_TAGS)
    .filter(([, rule]) => rule.item.split(' ')[0] === path)
    .map(([tag]) => tag);
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderProfileDocs(schema: SchemaNode = loadSchema()): string {
  const fields = schemaFields(schema);
  const lines: string[] = [
    '<!-- Generated from profiles/profile.schema.json by `npm run gen:profile` (src/profile/docs.ts): do not edit; edit the schema. -->',
    '# The profile / 配置文件',
    '',
    'A profile (`sscc-profile/1`, YAML) says what is under test: the product, its implementation conformance',
    "statement (ICS), the test keys, the target, and for the report the lab, the client's order and the",
    'samples. `sscc run --profile F` checks it against `profiles/profile.schema.json`; this page is generated',
    'from that schema. Quote values YAML would read as numbers: `sscardVersion: "2.0"`, `pin: "123456"`.',
    '',
    '配置文件 (`sscc-profile/1`, YAML) 说明被测对象: 产品, 实现一致性声明 (ICS), 测试密钥, 被测目标, 以及报告所需的实验室,',
    '委托和样品信息. `sscc run --profile F` 按 `profiles/profile.schema.json` 检查配置文件; 本页由该模式生成.',
    'YAML 会读成数字的值须加引号: `sscardVersion: "2.0"`, `pin: "123456"`.',
    '',
    '| Field / 字段 | Type / 类型 | Req. / 必填 | Meaning | 含义 | Example / 示例 | Drives / 影响的场景标签 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of fields) {
    const c = constraints(f.shape);
    const example = (f.node.examples ?? f.shape.examples ?? []).map((e) => `\`${typeof e === 'string' ? e : JSON.stringify(e)}\``).join(', ');
    const tags = tagsOf(f.path)
      .map((t) => `\`${t}\``)
      .join(' ');
    lines.push(
      `| \`${cell(f.path)}\` | ${cell(typeOf(f))}${c ? `; ${cell(c)}` : ''} | ${f.required ? 'yes / 是' : ''} | ${cell(f.node.description ?? '')} | ${cell(f.node['x-description-zh'] ?? '')} | ${cell(example)} | ${tags} |`,
    );
  }
  lines.push(
    '',
    '## Checks beyond the schema / 模式之外的检查',
    '',
    '- CDA needs DDA; ODA needs RSA or SM2 in `ics.algorithms`. / CDA 需要 DDA; 脱机数据认证需要 `ics.algorithms` 含 RSA 或 SM2.',
    '- Each public-key algorithm a card declares with ODA has a CA key of that type in `keys.pboc.ca` / `keys.pboc.caKeys`, and no CA key is of an undeclared algorithm. / 卡声明用于脱机数据认证的每种公钥算法在 `keys.pboc.ca` / `keys.pboc.caKeys` 中都有同类型的 CA 公钥, 且没有未声明算法的 CA 公钥.',
    '- A dual-algorithm card declares 3DES, SM4, RSA and SM2, PBOC 3.0, and has an RSA and an SM2 CA key. / 双算法卡声明 3DES, SM4, RSA 和 SM2 以及 PBOC 3.0, 并有 RSA 和 SM2 CA 公钥各一个.',
    '- `target.image` and `target.defects` name a card-sim image and defects (`sscc defects list`). / `target.image` 和 `target.defects` 须为 card-sim 的镜像和缺陷名称.',
    '- `lab` or `labFile`, not both; a lab file holds the `lab` object alone. / `lab` 与 `labFile` 二选一; 实验室文件只包含 `lab` 对象.',
    '',
  );
  return lines.join('\n');
}
