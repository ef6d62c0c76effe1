/**
 * CLI start-up against `node -e 0`, as a user runs it: the compiled bin (dist/bin/main.js, executed
 * through its `#!/usr/bin/env node` line, as the installed `aura-bench` symlink is) for
 * `aura-bench --help` and `aura-bench run <suite> --no-latency`. The contenders run side by side,
 * interleaved in a seeded shuffled order each round, so machine load hits them alike.
 *
 *   npm run bench:cli-startup -- suites/week1.yaml [--rounds 15]
 *
 * Goals (issue 14): --help within 2x of `node -e 0`, the run within 15x. The run writes its report to
 * a temporary folder (--out), not over reports/<suite>. Wall time of the whole process, spawn included.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createRandom, percentile, shuffledCopy, sortedCopy } from '../src/core/index.ts'
import { renderTable } from './lib/table.ts'

interface Contender {
  name: string
  command: string
  args: string[]
  /** exit codes that mean it ran as meant (the week1 run fails its gate without latency: exit 1) */
  okCodes: number[]
}

function parseArgs(argv: readonly string[]): { suite: string; rounds: number } {
  const suite = argv.find((a) => !a.startsWith('--'))
  if (suite === undefined) throw new Error('usage: tsx bench/cli-startup.ts <suite.yaml> [--rounds N]')
  const at = argv.indexOf('--rounds')
  const rounds = at === -1 ? 15 : Number(argv[at + 1])
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number')
  return { suite: path.resolve(suite), rounds }
}

function main(): void {
  const { suite, rounds } = parseArgs(process.argv.slice(2))
  const bin = fileURLToPath(new URL('../dist/bin/main.js', import.meta.url))
  const out = mkdtempSync(path.join(os.tmpdir(), 'aura-startup-'))
  const contenders: Contender[] = [
    { name: 'node -e 0', command: process.execPath, args: ['-e', '0'], okCodes: [0] },
    { name: 'aura-bench --help', command: process.execPath, args: [bin, '--help'], okCodes: [0] },
    {
      name: `aura-bench run ${path.relative(process.cwd(), suite)} --no-latency`,
      command: process.execPath,
      args: [bin, 'run', suite, '--no-latency', '--quiet', '--out', out],
      okCodes: [0, 1],
    },
    // a labelled variant, not the goal's command: how much of the run is the charts (vega + resvg)
    {
      name: '(variant) the same run with --no-charts',
      command: process.execPath,
      args: [bin, 'run', suite, '--no-latency', '--no-charts', '--quiet', '--out', out],
      okCodes: [0, 1],
    },
  ]
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]))
  const random = createRandom(1)
  const loadBefore = os.loadavg()
  // one warm-up round (file cache), not counted
  for (const c of contenders) spawnSync(c.command, c.args, { stdio: 'ignore' })
  for (let round = 0; round < rounds; round++) {
    for (const c of shuffledCopy(contenders, random)) {
      const start = performance.now()
      const result = spawnSync(c.command, c.args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      const ms = performance.now() - start
      if (!c.okCodes.includes(result.status ?? -1))
        throw new Error(`${c.name} exited ${result.status}: ${result.error?.message ?? result.stderr}`)
      samples.get(c.name)?.push(ms)
    }
  }
  rmSync(out, { recursive: true, force: true })
  const loadAfter = os.loadavg()
  const median = (name: string) => percentile(sortedCopy(samples.get(name) ?? []), 50)
  const base = median('node -e 0')
  const goals = new Map([
    [contenders[1]?.name, 2],
    [contenders[2]?.name, 15],
  ])
  const rows = contenders.map((c) => {
    const sorted = sortedCopy(samples.get(c.name) ?? [])
    const ratio = percentile(sorted, 50) / base
    const goal = goals.get(c.name)
    return [
      c.name,
      percentile(sorted, 50).toFixed(0),
      percentile(sorted, 10).toFixed(0),
      percentile(sorted, 90).toFixed(0),
      `${ratio.toFixed(2)}x`,
      goal === undefined ? '-' : `<= ${goal}x: ${ratio <= goal ? 'met' : 'NOT met'}`,
    ]
  })
  console.log(`# CLI start-up, ${rounds} interleaved rounds (wall ms per process, spawn included)\n`)
  console.log(`- ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, Node ${process.version}`)
  console.log(
    `- load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after: ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} (a shared machine: other work runs beside this bench)\n`,
  )
  console.log(renderTable(['command', 'median ms', 'p10 ms', 'p90 ms', 'median / node -e 0', 'goal'], rows))
}

main()
