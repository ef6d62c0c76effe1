/**
 * Two builds of `aura-bench discover` side by side on the same corpus files (a check of a change, not a
 * goal's figure): each build is a folder holding `dist/` (made by `npm run build` at some commit) and
 * the `package.json` beside it; each run is `node <build>/dist/bin/main.js discover <file> --out
 * <work>/store-<a|b>.json --quiet`, under GNU time (wall, CPU = user + system, peak RSS). The builds
 * alternate, in rounds that take turns going first (A B, B A, ...), and their stores are compared byte
 * for byte with the provenance's `createdAt` (the clock) left out: any other difference is printed and
 * the exit code is 1. With `--summary`, one more run of each build without `--quiet` checks that the
 * summaries it prints (events, drafts, coverage) are the same, its seconds left out.
 *
 *   npm run build && npx tsx bench/discovery-cli-ab.ts --a <build folder> --b <build folder> --work <folder>
 *       [--rounds 2] [--summary] [--format jsonl] <corpus file>...
 *
 * Markdown on stdout (medians per build, B/A ratios, the load average before and after each file),
 * progress on stderr; exit 0, 1 when stores or summaries differ or a run fails, 2 on bad input.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AuraError } from '../src/core/index.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { renderTable } from './lib/table.ts'

interface Run {
  seconds: number
  cpuSeconds: number
  peakMegabytes: number
}

function usage(message: string): AuraError {
  return new AuraError(
    'E_USAGE',
    message,
    { field: 'arguments' },
    {
      hint: 'npx tsx bench/discovery-cli-ab.ts --a <build folder> --b <build folder> --work <folder> [--rounds 2] [--summary] [--format jsonl] <corpus file>...',
    },
  )
}

/** One discover run of `bin` on `file` into `store`; its times and peak RSS, or an error naming the run. */
function discover(bin: string, file: string, store: string, format: string, quiet: boolean): Run & { stdout: string } {
  const args = [bin, 'discover', file, '--out', store, '--format', format, ...(quiet ? ['--quiet'] : [])]
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { encoding: 'utf8' })
  const last = (result.stderr ?? '').trim().split('\n').pop() ?? ''
  const match = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last)
  if (result.status !== 0 || match === null)
    throw new Error(`discover failed (exit ${result.status}): node ${args.join(' ')}\n${result.stderr}`)
  return {
    seconds: Number(match[1]),
    cpuSeconds: Number(match[2]) + Number(match[3]),
    peakMegabytes: (Number(match[4]) * 1024) / 1e6,
    stdout: result.stdout,
  }
}

/** The store's text without its provenance's creation time (the only field two runs of one build differ in). */
function withoutClock(storePath: string): string {
  return readFileSync(storePath, 'utf8').replace(/"createdAt": "[^"]*"/g, '"createdAt": "-"')
}

/** A summary without its seconds and the store path. */
function withoutSeconds(summary: string): string {
  return summary.replace(/\d+(?:\.\d+)? ?s\b/g, '<s>').replace(/store-[ab]\.json/g, 'store-?.json')
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      a: { type: 'string' },
      b: { type: 'string' },
      work: { type: 'string' },
      rounds: { type: 'string' },
      summary: { type: 'boolean' },
      format: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.a === undefined || values.b === undefined || values.work === undefined)
    throw usage('--a, --b and --work are required')
  const rounds = Number(values.rounds ?? 2)
  if (!Number.isInteger(rounds) || rounds < 1) throw usage(`--rounds takes a whole number, got "${values.rounds}"`)
  if (positionals.length === 0) throw usage('name at least one corpus file')
  if (!existsSync('/usr/bin/time')) throw usage('/usr/bin/time (GNU time) is needed to read the peak memory of a run')
  const builds = { a: values.a, b: values.b }
  const bins = {
    a: path.resolve(builds.a, 'dist/bin/main.js'),
    b: path.resolve(builds.b, 'dist/bin/main.js'),
  }
  for (const [side, bin] of Object.entries(bins))
    if (!existsSync(bin)) throw usage(`--${side}: ${bin} does not exist (a build folder holds dist/ and package.json)`)
  for (const file of positionals) if (!existsSync(file)) throw usage(`corpus file ${file} does not exist`)
  const work = path.resolve(values.work)
  mkdirSync(work, { recursive: true })
  const format = values.format ?? 'jsonl'
  const lines = [
    `A = ${builds.a}, B = ${builds.b}; ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, Node ${process.version}; ${rounds} round(s) per file, the builds taking turns going first.`,
    '`node <build>/dist/bin/main.js discover <file> --out <work>/store-<a|b>.json --format ' +
      format +
      ' --quiet`; wall, CPU (user + sys) and peak RSS from GNU time; medians per build.',
    '',
  ]
  const cells: string[][] = []
  let failed = false
  for (const file of positionals) {
    const loadBefore = os.loadavg()[0] ?? Number.NaN
    const runs: Record<'a' | 'b', Run[]> = { a: [], b: [] }
    let same = true
    for (let round = 0; round < rounds; round++) {
      const order: ('a' | 'b')[] = round % 2 === 0 ? ['a', 'b'] : ['b', 'a']
      for (const side of order) {
        process.stderr.write(`${path.basename(file)} round ${round + 1}: ${side.toUpperCase()}...\n`)
        runs[side].push(discover(bins[side], file, path.join(work, `store-${side}.json`), format, true))
      }
      if (withoutClock(path.join(work, 'store-a.json')) !== withoutClock(path.join(work, 'store-b.json'))) same = false
    }
    let summaries = ''
    if (values.summary === true) {
      const said = (['a', 'b'] as const).map((side) =>
        withoutSeconds(discover(bins[side], file, path.join(work, `store-${side}.json`), format, false).stdout),
      )
      summaries = said[0] === said[1] ? 'same' : '**DIFFER**'
      if (said[0] !== said[1]) {
        failed = true
        process.stderr.write(`summaries differ for ${file}:\nA: ${said[0]}\nB: ${said[1]}\n`)
      }
    }
    if (!same) failed = true
    const loadAfter = os.loadavg()[0] ?? Number.NaN
    const m = (side: 'a' | 'b', key: keyof Run): number => median(runs[side].map((r) => r[key]))
    const ratio = (key: keyof Run): string => `${(m('b', key) / m('a', key)).toFixed(2)}x`
    cells.push([
      `${path.basename(path.dirname(file))}/${path.basename(file)}`,
      `${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)}`,
      `${m('a', 'seconds').toFixed(2)} / ${m('b', 'seconds').toFixed(2)} s (${ratio('seconds')})`,
      `${m('a', 'cpuSeconds').toFixed(2)} / ${m('b', 'cpuSeconds').toFixed(2)} s (${ratio('cpuSeconds')})`,
      `${m('a', 'peakMegabytes').toFixed(0)} / ${m('b', 'peakMegabytes').toFixed(0)} MB (${ratio('peakMegabytes')})`,
      (['a', 'b'] as const)
        .map((side) => `${side.toUpperCase()} ${runs[side].map((r) => r.cpuSeconds.toFixed(1)).join(', ')}`)
        .join('; '),
      same ? 'identical' : '**DIFFER**',
      ...(values.summary === true ? [summaries] : []),
    ])
  }
  lines.push(
    renderTable(
      [
        'corpus',
        'load before / after',
        'wall A / B',
        'CPU A / B',
        'peak RSS A / B',
        'CPU of each run (s)',
        'stores (createdAt aside)',
        ...(values.summary === true ? ['summaries'] : []),
      ],
      cells,
    ),
  )
  process.stdout.write(`${lines.join('\n')}\n`)
  return failed ? 1 : 0
}

await runBenchMain(main)
