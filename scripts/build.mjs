#!/usr/bin/env node
// npm run build (also run by `npm install` through prepare, and first by npm test): the TypeScript of
// src/, steps/, card-sim/ and reference-terminal/ compiled file by file into build/js/ (same tree,
// .ts → .js) with esbuild, tsx's own compiler, so that bin/sscc.js starts without tsx's loader (issue 21).
// The TypeScript stays the truth: bin/sscc.js runs the build only while every source file is the one it
// was built from (build/js/manifest.json: path, size, mtime of each), and through tsx otherwise.
// Each output file keeps its source's import.meta.url, so that files found relative to a module
// (reports/, profiles/*.schema.json, build/schemas/) are the same for both.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'build/js');
export const MANIFEST = join(OUT, 'manifest.json');
/** The trees compiled: everything `sscc` runs (tests and the example terminal are not). */
export const TREES = ['src', 'steps', 'card-sim', 'reference-terminal'];
const EXTRA = ['tsconfig.json', 'scripts/build.mjs'];

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');

/** Every source file the build is made of, relative to ROOT, sorted, with what identifies its content. */
export function sources(root = ROOT) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (isSource(e.name)) files.push(p);
    }
  };
  for (const t of TREES) walk(t);
  files.sort();
  return [...files, ...EXTRA].map((f) => {
    const st = statSync(join(root, f));
    return [f, st.size, st.mtimeMs];
  });
}

/** Whether build/js is the compilation of the sources as they are now. */
export function fresh(root = ROOT) {
  try {
    const built = JSON.parse(readFileSync(join(root, 'build/js/manifest.json'), 'utf8'));
    return JSON.stringify(built.sources) === JSON.stringify(sources(root));
  } catch {
    return false;
  }
}

/**
 * The module `path` of src/ (say 'src/cli/commands/run', no extension): its compilation while build/js is
 * fresh, else the TypeScript through tsx (SSCC_TSX=1 always takes tsx). The one choice bin/sscc.js and the
 * test scripts' workers make.
 */
export async function importSource(path) {
  if (process.env.SSCC_TSX !== '1' && fresh()) return import(pathToFileURL(join(OUT, `${path}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, `${path}.ts`)).href);
}

export async function build() {
  const require = createRequire(import.meta.url);
  // esbuild comes with tsx (a dependency); resolved from there whatever the node_modules layout.
  const esbuild = createRequire(require.resolve('tsx'))('esbuild');
  const before = sources();
  const entryPoints = before.map(([f]) => f).filter((f) => f.endsWith('.ts'));
  const tmp = `${OUT}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: tmp,
    outbase: '.',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'error',
    // runner.ts loads the compiled step definitions in a compiled run (import.meta.ssccBuild).
    define: { 'import.meta.ssccBuild': 'true' },
    plugins: [
      {
        // One output file per source file: every import of one of ours stays an import, of its .js.
        name: 'one-file-each',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) =>
            args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true },
          );
        },
      },
    ],
  });
  for (const f of result.outputFiles) {
    const rel = relative(tmp, f.path);
    const source = rel.replace(/\.js$/, '.ts');
    // The module's own URL is its source's (relative to the output file, so the checkout can move).
    const back = relative(dirname(join(OUT, rel)), join(ROOT, source));
    const text = f.text.replaceAll('import.meta.url', `new URL(${JSON.stringify(back)}, import.meta.url).href`);
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, text);
  }
  const after = sources();
  // A source changed while it was compiled: no manifest, so the build is not taken as fresh.
  if (JSON.stringify(after) === JSON.stringify(before)) writeFileSync(join(tmp, 'manifest.json'), JSON.stringify({ sources: before }) + '\n');
  // Replaced whole: a process starting meanwhile sees the old build or the new one (or none), never half.
  const old = `${OUT}.${process.pid}.old`;
  try {
    renameSync(OUT, old);
  } catch {}
  renameSync(tmp, OUT);
  rmSync(old, { recursive: true, force: true });
  return { files: result.outputFiles.length, fresh: JSON.stringify(after) === JSON.stringify(before) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const r = await build();
  process.stdout.write(
    `built ${relative(ROOT, OUT)}: ${r.files} files in ${Date.now() - t0} ms${r.fresh ? '' : ' (a source changed meanwhile: run it again)'}\n`,
  );
}
