/**
 * Sharded runs at scale (issue 17): N `aura-bench run --shard I/N` processes in parallel over one
 * large corpus, then `aura-bench merge`, each through the compiled CLI as a CI job would run it.
 * The corpus is built by repeating the lines of the corpus files given on the command line into a
 * temp .txt file (a message per line, partitioned by message index; never under the project), once
 * per size. `--runs N@M,...` says how many shards at which corpus size, e.g. `1@1000000,2@1000000,
 * 2@10000000`; several sizes at one N show whether a shard's memory grows with the corpus. Prints,
 * per run and shard: wall time, CPU time and peak RSS (GNU time's %M), the 1-minute load when it
 * ended; per run: messages per second per core (messages / CPU seconds of all its shards) and the
 * merge. The machine is shared: its load is printed, and wall times are inflated by it.
 *
 *   npm run build && npx tsx bench/shards.ts --config my-config.yaml --runs 1@1000000,2@1000000,2@10000000 \
 *     ../shared/corpora/loghub/HDFS/HDFS_2k.log ../shared/corpora/llm-stream/messages.jsonl
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CLI, readSourceLines, timedCli, writeRepeated, writeSuite } from './lib/shard-corpus.ts'

interface PlannedRun {
  shards: number
  messages: number
}

function parseRuns(text: string): PlannedRun[] {
  return text.split(',').map((item) => {
    const [shards, messages] = item.split('@').map(Number)
    if (!Number.isSafeInteger(shards) || !Number.isSafeInteger(messages) || (shards as number) < 1)
      throw new Error(`--runs takes N@MESSAGES,... (e.g. 2@1000000), found ${item}`)
    return { shards: shards as number, messages: messages as number }
  })
}

const load = (): string =>
  os
    .loadavg()
    .slice(0, 2)
    .map((l) => l.toFixed(2))
    .join(' / ')

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { config: { type: 'string' }, runs: { type: 'string', default: '1@100000,2@100000,2@400000' } },
  })
  if (positionals.length === 0 || values.config === undefined)
    throw new Error('usage: bench/shards.ts --config CONFIG.yaml [--runs N@MESSAGES,...] CORPUS_FILE...')
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`)
  const runs = parseRuns(values.runs)
  const config = path.resolve(values.config)
  const lines = readSourceLines(positionals)
  const folder = mkdtempSync(path.join(os.tmpdir(), 'aura-bench-shards-'))
  console.log(
    `- ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, Node ${process.version}; the machine is shared with other jobs`,
  )
  console.log(`- load average (1/5 min) before: ${load()}; started ${new Date().toISOString()}`)
  console.log(
    `- corpus: ${lines.length} distinct lines from ${positionals.join(', ')}, repeated (txt, by message index); config ${path.relative(process.cwd(), config)}; \`aura-bench run --shard I/N --no-latency\` per process, all N at once\n`,
  )
  console.log('| messages | corpus MiB | shard | wall s | CPU s | peak RSS MiB | load (1 min) at end |')
  console.log('|---:|---:|---:|---:|---:|---:|---:|')
  const summary: string[] = []
  const corpus = { file: '', format: 'txt' as const, bytes: 0, connections: false, messages: 0 }
  try {
    for (const [r, { shards, messages }] of runs.entries()) {
      if (corpus.messages !== messages) {
        rmSync(corpus.file, { force: true })
        corpus.file = path.join(folder, `corpus-${messages}.txt`)
        corpus.bytes = await writeRepeated(corpus.file, lines, messages)
        corpus.messages = messages
      }
      const suite = path.join(folder, `suite-${r}.yaml`)
      writeSuite(suite, `shards-${messages}`, corpus, config)
      const out = (i: number): string => path.join(folder, `out-${r}-${i + 1}`)
      const started = performance.now()
      const measured = await Promise.all(
        Array.from({ length: shards }, (_, i) =>
          timedCli(['run', suite, '--shard', `${i + 1}/${shards}`, '--no-latency', '--quiet', '--out', out(i)]).then(
            (m) => ({ ...m, load: os.loadavg()[0] ?? NaN }),
          ),
        ),
      )
      const allWallS = (performance.now() - started) / 1000
      measured.forEach((m, i) => {
        if (m.status !== 0) throw new Error(`shard ${i + 1} exited ${m.status}: ${m.stderr}`)
        console.log(
          `| ${messages.toLocaleString('en')} | ${(corpus.bytes / 2 ** 20).toFixed(1)} | ${i + 1}/${shards} | ${m.wallS.toFixed(1)} | ${m.cpuS.toFixed(1)} | ${m.maxRssMiB.toFixed(0)} | ${m.load.toFixed(2)} |`,
        )
      })
      const merged = path.join(folder, `merged-${r}`)
      const partials = measured.map((_, i) => path.join(out(i), 'partial.json'))
      const merge = await timedCli(['merge', ...partials, '--out', merged, '--no-charts', '--quiet'])
      if (merge.status !== 0 && merge.status !== 1) throw new Error(`merge exited ${merge.status}: ${merge.stderr}`)
      const cpuS = measured.reduce((sum, m) => sum + m.cpuS, 0)
      const results = JSON.parse(readFileSync(path.join(merged, 'results.json'), 'utf8')) as {
        runs: { metrics: { messages: number; ratio: number } }[]
      }
      const metrics = results.runs[0]?.metrics
      summary.push(
        `- ${messages.toLocaleString('en')} messages, ${shards} shard${shards > 1 ? 's' : ''}: all done in ${allWallS.toFixed(1)} s wall; ${Math.round(messages / cpuS).toLocaleString('en')} messages/s per core (messages / ${cpuS.toFixed(1)} CPU s); peak RSS per shard ${Math.min(...measured.map((m) => m.maxRssMiB)).toFixed(0)}-${Math.max(...measured.map((m) => m.maxRssMiB)).toFixed(0)} MiB; merge ${merge.wallS.toFixed(1)} s, ${merge.maxRssMiB.toFixed(0)} MiB; merged results.json: ${metrics?.messages.toLocaleString('en')} messages, ratio ${metrics?.ratio.toFixed(4)}`,
      )
      for (let i = 0; i < shards; i++) rmSync(out(i), { recursive: true, force: true })
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  console.log(`\n${summary.join('\n')}`)
  console.log(`- load average (1/5 min) after: ${load()}; ended ${new Date().toISOString()}`)
}

await main()
