// Builds the CLI and the engine with esbuild (ESM, node20, code-split so each
// command loads only what it needs), then emits the engine's type declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync('dist', { recursive: true, force: true });
// The lesson index is derived from the lessons: a developer's build (and npm install)
// regenerates it so it can never be stale. The test run passes --keep-manifest: it
// must not write into src/, so the manifest test sees the committed copy and fails
// when that copy is stale.
if (!process.argv.includes('--keep-manifest')) {
  const { generateManifest } = await import('./gen-lessons.mjs');
  writeFileSync('src/lessons/manifest.gen.ts', await generateManifest());
}

// yoga-layout (Ink's layout engine) fetches its inlined wasm through fetch() on a
// data: URL when fetch exists — loading undici costs ~20 ms at every start.
// Decode the inlined bytes directly instead.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      const patched = text
        .replace('w||"function"!=typeof fetch?', 'true?')
        // Node decodes base64 natively; atob + a charCodeAt loop makes 120 kB of garbage.
        .replace('var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c', 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))');
      if (!patched.includes('true?') || !patched.includes('Buffer.from(a.slice(37)')) throw new Error('yoga-without-fetch: the loader changed; update scripts/build.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

const result = await build({
  plugins: [yogaWithoutFetch],
  // repl-worker: the interactive REPL's session, off the screen's thread (src/repl/remote-session.ts),
  // given the training service there (src/repl does not import src/training).
  // train-worker: a training run, off the training screen's thread (src/training/loop/client.ts).
  // experiment-worker: an experiment's runs, off its screen's thread (src/experiments/client.ts).
  entryPoints: {
    cli: 'src/cli/main.ts',
    'engine/index': 'src/engine/index.ts',
    'math-worker': 'src/evaluator/worker.ts',
    'repl-worker': 'src/cli/repl-worker.ts',
    'train-worker': 'src/training/loop/worker.ts',
    'experiment-worker': 'src/experiments/worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS packages call require() for Node built-ins and read __filename.
  banner: {
    js: "import{createRequire as __cr}from'node:module';import{fileURLToPath as __fu}from'node:url';const require=__cr(import.meta.url);const __filename=__fu(import.meta.url);",
  },
  define: {
    'process.env.NODE_ENV': '"production"',
    __NNLEARN_VERSION__: JSON.stringify(pkg.version),
  },
  // string-width's segmenter and emoji regexes cost ~100 ms at start-up; Ink and
  // its helpers get nnlearn's equivalent (src/view/width.ts, tested against it).
  alias: { 'string-width': './src/view/width.ts' },
  // Ink only loads react-devtools-core when DEV is set; keep it out of the bundle.
  external: ['react-devtools-core'],
  metafile: true,
  logLevel: 'warning',
});

// Which source files ended up in which chunk: the start-up tests use it to
// prove that --help never loads Ink, React or mathjs.
writeFileSync('dist/meta.json', JSON.stringify(result.metafile));

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });

// The WebAssembly SIMD kernels (AssemblyScript sources in src/engine/kernels/wasm/), built
// from source on every build: no binary is committed and nothing is downloaded. The engine
// finds them at <package root>/dist/engine/kernels.wasm (src/engine/kernels/wasm-gemm.ts).
execFileSync(
  process.execPath,
  [
    'node_modules/assemblyscript/bin/asc.js',
    // The entry re-exports every kernel file (gemm.ts, conv.ts, elementwise.ts) into one module.
    'src/engine/kernels/wasm/index.ts',
    '--config', 'src/engine/kernels/wasm/asconfig.json',
    '--enable', 'simd',
    '-O3',
    // Callers check every shape and bound before calling in (wasm-gemm.ts); no assertions inside.
    '--noAssert',
    '--outFile', 'dist/engine/kernels.wasm',
  ],
  { stdio: 'inherit' },
);
