/**
 * The layers of docs/design.md, enforced (`npm run lint:layers`, part of `npm test`).
 * library → nothing of ours; card-sim and the reference terminal → the library only;
 * the harness and the steps → the library, and the two products through their index.ts only.
 * Tests may reach across (an integration test is where the layers meet).
 */
const LIB = '^src/(apdu|bytes|tlv|crypto|iso7816|sscard|medical|personalisation|pboc|verdict|trace|protocol|defects)/';
const HARNESS = '^src/(cache|cli|plan|run|transport|report|profile|schema|fuzz|terminal|campaign|api)/';
const TEST = '\\.test\\.ts$|/test-support\\.ts$|/fixtures/';

module.exports = {
  forbidden: [
    {
      name: 'library-depends-on-nothing-of-ours',
      comment: 'The spec library (bytes, TLV, APDU, crypto, SSSE/PBOC data and flows) imports only itself.',
      severity: 'error',
      from: { path: LIB, pathNot: TEST },
      to: { path: '^(src/|card-sim/|reference-terminal/|steps/|examples/)', pathNot: LIB },
    },
    {
      name: 'card-sim-depends-on-the-library-only',
      comment: 'card-sim is a card product: it may use the spec library, never the harness or the terminal.',
      severity: 'error',
      from: { path: '^card-sim/', pathNot: TEST },
      to: { path: `^(reference-terminal/|steps/|examples/)|${HARNESS}` },
    },
    {
      name: 'reference-terminal-depends-on-the-library-only',
      comment: 'The reference terminal is a terminal product under test: the spec library only.',
      severity: 'error',
      from: { path: '^reference-terminal/', pathNot: TEST },
      to: { path: `^(card-sim/|steps/|examples/)|${HARNESS}` },
    },
    {
      name: 'products-through-their-index',
      comment: 'The harness and the steps reach card-sim and the reference terminal through their index.ts.',
      severity: 'error',
      from: { path: `${HARNESS}|^steps/`, pathNot: TEST },
      to: { path: '^(card-sim|reference-terminal)/', pathNot: '^(card-sim|reference-terminal)/index\\.ts$' },
    },
    {
      name: 'nothing-imports-steps',
      comment: 'Step definitions are the top: src, card-sim and the terminal never import them.',
      severity: 'error',
      from: { path: '^(src|card-sim|reference-terminal)/' },
      to: { path: '^steps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|build|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
