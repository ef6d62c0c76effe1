// The CLI bundled into one ESM file (esbuild, which tsx brings) for tests that start it many times
// as a real process: `node bundle.mjs` starts in a fraction of tsx's time. It lives under .tmp/ in
// the project so its packages resolve from node_modules.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('..', import.meta.url))

/** Builds src/cli/main.ts into `.tmp/<name>/main.mjs` and returns its path. */
export function buildCliBundle(name: string): string {
  const folder = path.join(REPO, '.tmp', `${name}-${process.pid}`)
  mkdirSync(folder, { recursive: true })
  const outfile = path.join(folder, 'main.mjs')
  const esbuild = path.join(REPO, 'node_modules', '.bin', 'esbuild')
  const built = spawnSync(
    esbuild,
    [
      path.join(REPO, 'src/cli/main.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      `--outfile=${outfile}`,
      '--log-level=error',
    ],
    { encoding: 'utf8' },
  )
  if (built.status !== 0) throw new Error(`esbuild failed: ${built.stderr}`)
  return outfile
}

/** A suite over the 2-message good.jsonl fixture with one config, latency off; `corpus` names the corpus (and so the charts). */
export function tinySuiteYaml(name: string, corpus: string): string {
  return [
    `name: ${name}`,
    'corpora:',
    `  - { path: ${JSON.stringify(path.join(REPO, 'test/bad-inputs/corpora/good.jsonl'))}, name: ${corpus} }`,
    'configs:',
    `  - ${JSON.stringify(path.join(REPO, 'test/bad-inputs/configs/plain.yaml'))}`,
    'targets:',
    '  - { metric: roundTripMismatches, pass: 0 }',
    'latency: { enabled: false }',
    '',
  ].join('\n')
}
