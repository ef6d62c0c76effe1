/**
 * Sharded runs at scale (issue 17): N `aura-bench run --shard I/N` processes in parallel over one
 * large corpus, then `aura-bench merge`, each through the compiled CLI as a CI job would run it.
 * The corpus is built by repeating the lines of the corpus files given on the command line into a
 * temp .txt file (a message per line, never committed), at each size asked for; two sizes show
 * whether a shard's memory grows with the corpus. Prints, per size and shard: wall time, CPU time
 * and peak RSS (GNU time's %M), and messages per second per core (messages / CPU seconds of all
 * shards); the machine's load before and after (the machine is shared: say so).
 *
 *   npm run build && npx tsx bench/shards.ts --config configs/week3-zstd.yaml --shards 2 --messages 100000,400000 \
 *     ../shared/corpora/loghub/HDFS/HDFS_2k.log ../shared/corpora/llm-stream/messages.jsonl
 */
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT } from './lib/fixtures.ts'

const CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js')

interface Measured {
  wallS: number
  cpuS: number
  maxRssMiB: number
  status: number | null
  stderr: string
}

/** Runs the compiled CLI under GNU time; resolves with its wall time, CPU time and peak RSS. */
function timed(args: readonly string[]): Promise<Measured> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', 'AURA_TIME %e %U %S %M', process.execPath, CLI, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (status) => {
      const [wall, user, sys, rssKb] = (/AURA_TIME (\S+) (\S+) (\S+) (\S+)/.exec(stderr)?.slice(1) ?? []).map(Number)
      resolve({
        wallS: wall ?? NaN,
        cpuS: (user ?? NaN) + (sys ?? NaN),
        maxRssMiB: (rssKb ?? NaN) / 1024,
        status,
        stderr,
      })
    })
  })
}

/** The source lines (non-empty), repeated in order into `file` until it holds `messages` lines. */
async function writeCorpus(file: string, lines: readonly string[], messages: number): Promise<number> {
  const out = createWriteStream(file)
  let bytes = 0
  for (let i = 0; i < messages; i++) {
    const line = `${lines[i % lines.length] as string}\n`
    bytes += Buffer.byteLength(line)
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  return bytes
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      shards: { type: 'string', default: '2' },
      messages: { type: 'string', default: '100000,400000' },
    },
  })
  if (positionals.length === 0 || values.config === undefined)
    throw new Error('usage: bench/shards.ts --config CONFIG.yaml [--shards N] [--messages A,B] CORPUS_FILE...')
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`)
  const shards = Number(values.shards)
  const sizes = values.messages.split(',').map(Number)
  const config = path.resolve(values.config)
  const lines = positionals.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.length > 0),
  )
  const folder = mkdtempSync(path.join(os.tmpdir(), 'aura-bench-shards-'))
  const [load1, load5] = os.loadavg()
  console.log(
    `- ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, Node ${process.version}; the machine is shared with other jobs`,
  )
  console.log(`- load average (1/5 min) before: ${load1?.toFixed(2)} / ${load5?.toFixed(2)}`)
  console.log(
    `- corpus: ${lines.length} distinct lines from ${positionals.join(', ')}, repeated; config ${path.relative(process.cwd(), config)}; \`aura-bench run --shard I/${shards} --no-latency\` per process, all ${shards} at once\n`,
  )
  console.log('| messages | corpus MiB | shard | wall s | CPU s | peak RSS MiB |')
  console.log('|---:|---:|---:|---:|---:|---:|')
  const summary: string[] = []
  try {
    for (const messages of sizes) {
      const corpus = path.join(folder, `corpus-${messages}.txt`)
      const bytes = await writeCorpus(corpus, lines, messages)
      const suite = path.join(folder, `suite-${messages}.yaml`)
      writeFileSync(
        suite,
        `name: shards-${messages}\ncorpora:\n  - { path: ${JSON.stringify(corpus)}, name: big, format: txt }\nconfigs: [${JSON.stringify(config)}]\ntargets:\n  - { metric: roundTripMismatches, pass: 0 }\nlatency: { enabled: false }\n`,
      )
      const started = performance.now()
      const runs = await Promise.all(
        Array.from({ length: shards }, (_, i) =>
          timed([
            'run',
            suite,
            '--shard',
            `${i + 1}/${shards}`,
            '--no-latency',
            '--quiet',
            '--out',
            path.join(folder, `out-${messages}-${i + 1}`),
          ]),
        ),
      )
      const allWallS = (performance.now() - started) / 1000
      runs.forEach((r, i) => {
        if (r.status !== 0) throw new Error(`shard ${i + 1} exited ${r.status}: ${r.stderr}`)
        console.log(
          `| ${messages.toLocaleString('en')} | ${(bytes / 2 ** 20).toFixed(1)} | ${i + 1}/${shards} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.maxRssMiB.toFixed(0)} |`,
        )
      })
      const merge = await timed([
        'merge',
        ...runs.map((_, i) => path.join(folder, `out-${messages}-${i + 1}`, 'partial.json')),
        '--out',
        path.join(folder, `merged-${messages}`),
        '--no-charts',
        '--quiet',
      ])
      if (merge.status !== 0 && merge.status !== 1) throw new Error(`merge exited ${merge.status}: ${merge.stderr}`)
      const cpuS = runs.reduce((sum, r) => sum + r.cpuS, 0)
      const results = JSON.parse(readFileSync(path.join(folder, `merged-${messages}`, 'results.json'), 'utf8')) as {
        runs: { metrics: { messages: number } }[]
      }
      summary.push(
        `- ${messages.toLocaleString('en')} messages: all ${shards} shards done in ${allWallS.toFixed(1)} s wall; ${Math.round(messages / cpuS).toLocaleString('en')} messages/s per core (messages / ${cpuS.toFixed(1)} CPU s); merge ${merge.wallS.toFixed(1)} s, ${merge.maxRssMiB.toFixed(0)} MiB; merged results.json counts ${results.runs[0]?.metrics.messages.toLocaleString('en')} messages`,
      )
      rmSync(corpus, { force: true })
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  console.log(`\n${summary.join('\n')}`)
  const [after1, after5] = os.loadavg()
  console.log(`- load average (1/5 min) after: ${after1?.toFixed(2)} / ${after5?.toFixed(2)}`)
}

await main()
