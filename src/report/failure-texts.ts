/**
 * The failure texts of steps/ and src/ still written in English (issue 20 item 3): the places where a
 * verdict's reason is a string, not a diagnosis (dx, src/verdict/messages.ts), so a zh-CN report shows it
 * in English. Found in the syntax tree: a string or template literal (or a choice or sum of them) given
 * as the message of NonConformance, Unobservable, PreconditionNotMet, RestoreFailed, PsamError, AtrError, the
 * transport's and driver's errors (TransportError …, INCONCLUSIVE), expectThat,
 * expectNoProblem, the `what` of expectSw1, expectBytes and mustOk, or returned by a check that returns
 * its problem (a function named check…, …Problem(s), …Errors or …Failures, a `problem:` property), or pushed
 * onto a check's list of findings (`errors.push(…)`, `problems.push(…)`, a push inside such a function).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { latinWords } from '../verdict/messages.ts';

/** Callee → the indexes of its arguments that are failure texts. */
const SINKS: Readonly<Record<string, readonly number[]>> = {
  NonConformance: [0],
  Unobservable: [0],
  PreconditionNotMet: [0],
  RestoreFailed: [0, 1],
  PsamError: [0],
  expectThat: [1],
  expectNoProblem: [0],
  expectSw1: [2],
  expectBytes: [2],
  mustOk: [1],
  fault: [0],
  restored: [0, 2],
  AtrError: [0],
  TlvError: [0],
  // INCONCLUSIVE: the reader, the link, the terminal's driver (src/transport, src/terminal).
  TransportError: [0],
  CardRemovedError: [0],
  ReaderBusyError: [0],
  DriverError: [0],
};
const PROBLEM_FUNCTION = /^check[A-Z]|Problems?$|Errors$|Failures$/;
/** A list a check collects its findings in (errors.push(…), problems.push(…)): each entry is a diagnosis. */
const PROBLEM_LIST = /^(errors|problems|failures|out)$/;
/** The profile's and the plan's checks: their findings are about sscc's input (the CLI's messages), not a verdict on a product. */
const INPUT = /^src\/(profile|plan)\//;

function files(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...files(root, rel));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/**
 * The literal words of an expression: its strings and template text, through choices, sums and the
 * values a template puts in (not into calls: dx('id'), x.join(', ')).
 */
function literalText(e: ts.Expression): string {
  if (ts.isParenthesizedExpression(e)) return literalText(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.flatMap((s) => [literalText(s.expression), s.literal.text])].join(' ');
  if (ts.isConditionalExpression(e)) return `${literalText(e.whenTrue)} ${literalText(e.whenFalse)}`;
  if (ts.isBinaryExpression(e)) return `${literalText(e.left)} ${literalText(e.right)}`;
  if (ts.isArrayLiteralExpression(e)) return e.elements.map((x) => literalText(x)).join(' ');
  return '';
}

/** A text in English: its literal words hold a word that is not a name, a code or hex (latinWords, as the report's check). */
const isText = (e: ts.Expression): boolean => latinWords(literalText(e)).length > 0;

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function enclosingFunctionName(n: ts.Node): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) return p.name?.getText();
    if (ts.isArrowFunction(p) || ts.isFunctionExpression(p)) return ts.isVariableDeclaration(p.parent) ? p.parent.name.getText() : undefined;
  }
  return undefined;
}

export interface FailureText {
  /** file:line */
  at: string;
  text: string;
}

/** The English failure texts of one source text. */
export function failureTextsOf(file: string, source: string): FailureText[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: FailureText[] = [];
  const add = (e: ts.Expression) => {
    const line = sf.getLineAndCharacterOfPosition(e.getStart(sf)).line + 1;
    out.push({ at: `${file}:${line}`, text: e.getText(sf).replace(/\s+/g, ' ').slice(0, 160) });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const name = calleeName(n.expression);
      for (const i of name && Object.hasOwn(SINKS, name) ? (SINKS[name] as readonly number[]) : []) {
        const a = n.arguments?.[i];
        if (a && isText(a)) add(a);
      }
      // A finding pushed as English text onto a check's list, or by a check (…Problems, …Errors).
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'push') {
        const list = n.expression.expression;
        const isList = (ts.isIdentifier(list) && PROBLEM_LIST.test(list.text)) || PROBLEM_FUNCTION.test(enclosingFunctionName(n) ?? '');
        if (isList && !INPUT.test(file)) for (const a of n.arguments) if (isText(a)) add(a);
      }
    }
    if (ts.isReturnStatement(n) && n.expression && isText(n.expression) && PROBLEM_FUNCTION.test(enclosingFunctionName(n) ?? '')) add(n.expression);
    if (ts.isArrowFunction(n) && !ts.isBlock(n.body) && isText(n.body) && PROBLEM_FUNCTION.test(enclosingFunctionName(n.body) ?? '')) add(n.body);
    if (ts.isPropertyAssignment(n) && n.name.getText(sf) === 'problem' && isText(n.initializer)) add(n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The tool's own folders: their texts are about sscc's input and output, not a verdict on a product. */
const TOOL = /^src\/(report|cli)\//;

/** Every English failure text of steps/ and src/, by file and line. */
export function failureTexts(root: string): FailureText[] {
  return ['steps', 'src']
    .flatMap((d) => files(root, d))
    .filter((f) => !TOOL.test(f))
    .sort()
    .flatMap((f) => failureTextsOf(relative(root, join(root, f)), readFileSync(join(root, f), 'utf8')));
}
