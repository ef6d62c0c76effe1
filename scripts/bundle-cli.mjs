// Builds the CLI the package's bin runs: dist/bin/, the command line and its two worker threads bundled
// with esbuild from src/ (tsc has already type-checked them and written dist/ for the library).
//
// Why: Node 20's ESM loader resolves, reads and compiles every module file on its own, and a `run`
// loads about 360 of them on the main thread (our ~190 plus zod's, yaml's and commander's) and about
// 400 on the chart thread (vega, vega-lite, d3). One file per entry and a few shared chunks start
// measurably sooner (issue 14's startup goal); the code is the same code, only packed.
//
// The worker entries keep their file names (size-worker.js, chart-worker-thread.js) and land in the
// same folder as the chunks that start them, so `new URL('./size-worker.js', import.meta.url)` finds
// them in dist/bin/ exactly as it does in tsc's dist/runner/ and dist/report/.
//
// Packages that load a native addon or a .wasm file next to their own code stay outside the bundle
// (they must be found in node_modules at run time), as do the ones the code resolves by path.
import { chmodSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const OUT = 'dist/bin'
const EXTERNAL = [
  '@resvg/resvg-js', // native addon
  'zstd-napi', // native addon
  '@mongodb-js/zstd', // native addon
  'brotli-wasm', // loads its .wasm beside itself
  'hdr-histogram-js', // loaded by require on first use (runner/latency-sketch.ts)
  'tinybench', // resolved by path for the latency worker (runner/latency.ts)
  'ws', // optional native helpers (bufferutil, utf-8-validate)
  'playwright-core', // tests only
]

// emptied first: every build names its chunks by their hash, and old ones would be packed with the new
rmSync(OUT, { recursive: true, force: true })
await build({
  entryPoints: {
    main: 'src/cli/main.ts',
    'size-worker': 'src/runner/size-worker.ts',
    'chart-worker-thread': 'src/report/chart-worker-thread.ts',
    'memory-probe-main': 'src/compare/memory-probe-main.ts',
    'replay-memory-main': 'src/wire/replay-memory-main.ts',
  },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS dependencies (commander, yaml's CJS parts) call require(): give the ESM bundle one
  banner: {
    js: "import { createRequire as __auraCreateRequire } from 'node:module'; const require = __auraCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'linked',
  logLevel: 'warning',
})
chmodSync(`${OUT}/main.js`, 0o755)
// tsc's dist/cli/main.js runs the same CLI unbundled; an npx link made when it was the bin may still point at it
chmodSync('dist/cli/main.js', 0o755)
