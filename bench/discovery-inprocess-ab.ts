/**
 * Two builds' discovery side by side in one process (a check of a change, not a goal's figure): each
 * build is a folder holding `dist/` made by `npm run build`; its `openDiscoverCorpus` streams the corpus
 * file once per pass and its `discoverFromSource` runs the plan, as `discover` does (without writing
 * the store or printing). The builds take turns, A B then B A, `--rounds` times; the CPU time of each
 * run (process.cpuUsage, this thread and GC threads) is printed with the load average, and each run's
 * store (createdAt fixed) is checked to be the same for both builds. A full GC runs before each run.
 *
 *   npm run build && npx tsx bench/discovery-inprocess-ab.ts --a <build folder> --b <build folder>
 *       [--rounds 3] [--format jsonl] <corpus file>
 *
 * Markdown on stdout; exit 0, 1 when the stores differ, 2 on bad input.
 */
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { AuraError, collectGarbage } from '../src/core/index.ts'
import { runBenchMain } from './lib/bench-main.ts'

type Discover = (file: string, format: string) => Promise<string>

async function builder(folder: string): Promise<Discover> {
  const dist = path.resolve(folder, 'dist')
  const source = (await import(pathToFileURL(path.join(dist, 'cli/command-discover-source.js')).href)) as {
    openDiscoverCorpus: (options: { path: string; format: string }) => unknown
  }
  const templates = (await import(pathToFileURL(path.join(dist, 'templates/index.js')).href)) as {
    discoverFromSource: (source: unknown, options: Record<string, unknown>) => Promise<{ store: unknown }>
    toTemplateStoreJson: (store: unknown) => unknown
  }
  return async (file, format) => {
    const result = await templates.discoverFromSource(source.openDiscoverCorpus({ path: file, format }), {
      corpus: path.basename(file),
      createdAt: '1970-01-01T00:00:00.000Z',
    })
    return JSON.stringify(templates.toTemplateStoreJson(result.store))
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { a: { type: 'string' }, b: { type: 'string' }, rounds: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  })
  const usage = (message: string): AuraError =>
    new AuraError(
      'E_USAGE',
      message,
      { field: 'arguments' },
      {
        hint: 'npx tsx bench/discovery-inprocess-ab.ts --a <build folder> --b <build folder> [--rounds 3] [--format jsonl] <corpus file>',
      },
    )
  if (values.a === undefined || values.b === undefined) throw usage('--a and --b are required')
  const file = positionals[0]
  if (file === undefined || positionals.length > 1) throw usage('name one corpus file')
  if (!existsSync(file)) throw usage(`corpus file ${file} does not exist`)
  const rounds = Number(values.rounds ?? 3)
  if (!Number.isInteger(rounds) || rounds < 1) throw usage(`--rounds takes a whole number, got "${values.rounds}"`)
  for (const folder of [values.a, values.b])
    if (!existsSync(path.resolve(folder, 'dist/templates/index.js')))
      throw usage(`${folder}/dist/templates/index.js does not exist (run npm run build in that tree)`)
  const builds = { a: await builder(values.a), b: await builder(values.b) }
  const format = values.format ?? 'jsonl'
  const cpu: Record<'a' | 'b', number[]> = { a: [], b: [] }
  const loads: string[] = []
  let stores: Record<'a' | 'b', string | undefined> = { a: undefined, b: undefined }
  let same = true
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      collectGarbage()
      const before = process.cpuUsage()
      const store = await builds[side](file, format)
      const used = process.cpuUsage(before)
      cpu[side].push((used.user + used.system) / 1e6)
      loads.push((os.loadavg()[0] ?? Number.NaN).toFixed(1))
      process.stderr.write(`round ${round + 1} ${side.toUpperCase()}: ${cpu[side].at(-1)?.toFixed(2)} s CPU\n`)
      stores = { ...stores, [side]: store }
    }
    if (stores.a !== stores.b) same = false
  }
  const median = (xs: number[]): number => {
    const s = [...xs].sort((x, y) => x - y)
    const m = Math.floor(s.length / 2)
    return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
  }
  const [ma, mb] = [median(cpu.a), median(cpu.b)]
  process.stdout.write(
    [
      `${file}: A = ${values.a}, B = ${values.b}; ${rounds} rounds in one process, turns going first; Node ${process.version}; load average (1 min) after each run: ${loads.join(', ')}.`,
      `CPU per run (s): A ${cpu.a.map((x) => x.toFixed(2)).join(', ')}; B ${cpu.b.map((x) => x.toFixed(2)).join(', ')}.`,
      `Median CPU: A ${ma.toFixed(2)} s, B ${mb.toFixed(2)} s (B/A ${(mb / ma).toFixed(2)}x); stores ${same ? 'identical' : '**DIFFER**'}.`,
      '',
    ].join('\n'),
  )
  return same ? 0 : 1
}

await runBenchMain(main)
