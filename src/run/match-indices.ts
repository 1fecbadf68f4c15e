/**
 * cucumber-expressions finds each step argument's offset through the package regexp-match-indices, whose
 * test for native support uses a RegExp without the `d` flag: on every Node it takes the slow fallback
 * (a regexp-tree rewrite of each step pattern). Importing this module first hands cucumber native `d`
 * indices (ES2022, Node 16+); match-indices.test.ts checks that every step's arguments come out the same.
 */
import Module, { createRequire } from 'node:module';

const withIndices = new WeakMap<RegExp, RegExp>();

/** RegExp.prototype.exec with `indices` (the `d` flag), as regexp-match-indices' default export. */
export function execWithIndices(regexp: RegExp, s: string): RegExpExecArray | null {
  // Most step patterns do not match a given step: a plain test() settles those without building indices.
  if (!regexp.global && !regexp.sticky && !regexp.test(s)) return null;
  let d = regexp.hasIndices ? regexp : withIndices.get(regexp);
  if (!d) withIndices.set(regexp, (d = new RegExp(regexp.source, `${regexp.flags}d`)));
  d.lastIndex = regexp.lastIndex;
  const match = d.exec(s);
  if (regexp.global || regexp.sticky) regexp.lastIndex = d.lastIndex;
  return match;
}

/** Put execWithIndices in the require cache where cucumber-expressions will look for regexp-match-indices. */
export function installNativeMatchIndices(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const fromCucumber = createRequire(require.resolve('@cucumber/cucumber'));
    const fromExpressions = createRequire(fromCucumber.resolve('@cucumber/cucumber-expressions'));
    const path = fromExpressions.resolve('regexp-match-indices');
    if (require.cache[path]) return require.cache[path].exports === execWithIndices;
    const m = new Module(path);
    m.filename = path;
    m.loaded = true;
    m.exports = execWithIndices;
    require.cache[path] = m;
    return true;
  } catch {
    return false; // another layout of node_modules: cucumber keeps its own fallback
  }
}

if (process.env.SSCC_MATCH_INDICES !== 'polyfill') installNativeMatchIndices();
