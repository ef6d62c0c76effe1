/**
 * The command line and the modules of one tsc build that the no-match benches (bench/nomatch-split.ts,
 * bench/nomatch-checks.ts) share: `--build BUILD_DIR --work DIR <loghub system folder | folder of them>...`,
 * and the build's runner, suite, codecs, templates and byte-screen modules, loaded from BUILD_DIR.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { positionalArgs } from './loghub-args.ts'

/** Reads `--build`, `--work` and the Loghub folders from `argv`; without them prints `script`'s usage and exits 2. */
export async function loadNomatchBuild(argv: readonly string[], script: string) {
  const flagValue = (flag: string): string | undefined =>
    argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined
  const [build, work] = [flagValue('--build'), flagValue('--work')]
  const paths = positionalArgs(argv, ['--build', '--work'])
  if (build === undefined || work === undefined || paths.length === 0) {
    console.error(
      `usage: npx tsx ${script} --build BUILD_DIR --work DIR <loghub system folder | folder of them>... (two systems or more)`,
    )
    process.exit(2)
  }
  const load = async (module: string) => import(pathToFileURL(path.resolve(build, module)).href)
  const [runner, suite, codecs, templates, screens] = [
    await load('runner/load-compressor.js'),
    await load('suite/index.js'),
    await load('codecs/index.js'),
    await load('templates/index.js'),
    await load('templates/byte-screen.js'),
  ]
  return { build, work, paths, runner, suite, codecs, templates, screens }
}

/** The median of `values` (the upper one of an even count). */
export const median = (values: number[]): number => [...values].sort((x, y) => x - y)[values.length >> 1] as number
