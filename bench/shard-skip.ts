/**
 * What a shard pays for the messages that are not its own (issue 17): `aura-bench run --shard 1/K`
 * with K large, so the shard measures almost nothing and its CPU time is reading and skipping the
 * corpus. Per corpus file given on the command line, a corpus of each size is built in a temp folder
 * (bench/lib/shard-corpus.ts: jsonl with its recordings stays jsonl, partitioned by connection;
 * anything else becomes txt, partitioned by message index) and one shard process is timed under GNU
 * time. The skip cost per message is the slope between the two sizes, (CPU(b) - CPU(a)) / (b - a),
 * so start-up and other fixed costs drop out; it includes compressing the shard's 1/K share. The
 * machine's load is printed before and after: the machine is shared, say so.
 *
 *   npm run build && npx tsx bench/shard-skip.ts --config configs/week3-zstd.yaml --shards 1000 --messages 100000,400000 \
 *     ../shared/corpora/loghub/HDFS/HDFS_2k.log ../shared/corpora/llm-stream/messages.jsonl
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildCorpus, CLI, timedCli, writeSuite } from './lib/shard-corpus.ts'

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      shards: { type: 'string', default: '1000' },
      messages: { type: 'string', default: '100000,400000' },
    },
  })
  if (positionals.length === 0 || values.config === undefined)
    throw new Error('usage: bench/shard-skip.ts --config CONFIG.yaml [--shards K] [--messages A,B] CORPUS_FILE...')
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`)
  const shards = Number(values.shards)
  const [small, large] = values.messages.split(',').map(Number) as [number, number]
  const config = path.resolve(values.config)
  const folder = mkdtempSync(path.join(os.tmpdir(), 'aura-bench-shard-skip-'))
  const load = (): string =>
    os
      .loadavg()
      .slice(0, 2)
      .map((l) => l.toFixed(2))
      .join(' / ')
  console.log(
    `- ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, Node ${process.version}; the machine is shared with other jobs`,
  )
  console.log(`- load average (1/5 min) before: ${load()}`)
  console.log(
    `- \`aura-bench run <suite> --shard 1/${shards} --no-latency\`, config ${path.relative(process.cwd(), config)}, one process at a time\n`,
  )
  console.log('| source | format, partition | messages | corpus MiB | CPU s | wall s | peak RSS MiB | load (1 min) |')
  console.log('|---|---|---:|---:|---:|---:|---:|---:|')
  const summary: string[] = []
  try {
    for (const source of positionals) {
      const cpu: number[] = []
      let partition = ''
      for (const messages of [small, large]) {
        const corpusFolder = path.join(folder, `${path.basename(source)}-${messages}`)
        const corpus = await buildCorpus(source, corpusFolder, messages)
        partition = `${corpus.format}, ${corpus.connections ? 'by connection' : 'by index'}`
        const suite = path.join(corpusFolder, 'suite.yaml')
        writeSuite(suite, `skip-${messages}`, corpus, config)
        const args = ['run', suite, '--shard', `1/${shards}`, '--no-latency', '--quiet']
        const run = await timedCli([...args, '--out', path.join(corpusFolder, 'out')])
        if (run.status !== 0) throw new Error(`shard exited ${run.status}: ${run.stderr}`)
        cpu.push(run.cpuS)
        console.log(
          `| ${path.basename(source)} | ${partition} | ${messages.toLocaleString('en')} | ${(corpus.bytes / 2 ** 20).toFixed(1)} | ${run.cpuS.toFixed(2)} | ${run.wallS.toFixed(2)} | ${run.maxRssMiB.toFixed(0)} | ${os.loadavg()[0]?.toFixed(2)} |`,
        )
        rmSync(corpusFolder, { recursive: true, force: true })
      }
      const perMessageUs = (((cpu[1] as number) - (cpu[0] as number)) / (large - small)) * 1e6
      summary.push(
        `- ${path.basename(source)} (${partition}): ${perMessageUs.toFixed(2)} µs of CPU per message read by a shard that measures 1/${shards} of them`,
      )
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  console.log(`\n${summary.join('\n')}`)
  console.log(`- load average (1/5 min) after: ${load()}`)
}

await main()
