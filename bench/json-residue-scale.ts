/**
 * Store size and learning cost of the JSON residue prototype's model (bench/lib/json-residue.ts) on
 * the corpus bench/discovery-scale.ts builds for JSON (the files' messages dealt round-robin, later
 * passes with their digits and hex runs re-drawn, seed as given). A diagnostic of the prototype, not
 * a goal figure: the library does not learn this model.
 *
 *   npx tsx bench/json-residue-scale.ts --jsonl <file>... [--messages 100000] [--seed 1] [--budget] [--sample 256|all] [--sample-messages 4096|all]
 *
 * `--budget`: hold the model to STORE_BYTES_PER_MESSAGE bytes per training message (as
 * bench/json-residue-proto.ts's budget column). Peak RSS is the whole process's (loading included;
 * its RSS before learning is printed beside it). `--sample`: values counted per key (learnResidueModel's
 * sampleValues, default 256; `all` counts every value, round 33's prototype); `--sample-messages` likewise
 * the training messages learnt from (sampleMessages, default 4096).
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { AuraError, tryDecodeUtf8 } from '../src/core/index.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { STORE_BYTES_PER_MESSAGE } from '../src/templates/discovery-json.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { measuredLine } from './lib/discovery-corpora.ts'
import { dealDistinct } from './lib/distinct-copies.ts'
import { learnResidueModel, residueModelBytes } from './lib/json-residue.ts'

const HINT =
  'npx tsx bench/json-residue-scale.ts --jsonl <file>... [--messages 100000] [--seed 1] [--budget] [--sample 256|all] [--sample-messages 4096|all]'

function positive(value: string | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new AuraError('E_USAGE', `--${field} must be a positive integer, got ${value}`, { field }, { hint: HINT })
  return n
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      jsonl: { type: 'string', multiple: true },
      messages: { type: 'string' },
      seed: { type: 'string' },
      budget: { type: 'boolean' },
      sample: { type: 'string' },
      'sample-messages': { type: 'string' },
    },
    strict: true,
  })
  const files = values.jsonl ?? []
  if (files.length === 0)
    throw new AuraError('E_USAGE', 'name at least one --jsonl file', { field: 'arguments' }, { hint: HINT })
  const count = positive(values.messages, 100_000, 'messages')
  const seed = positive(values.seed, 1, 'seed')
  const sources = await Promise.all(
    files.map(async (file) =>
      (await loadCorpus({ path: file, format: 'jsonl' })).map((m) => tryDecodeUtf8(m.bytes) ?? '').filter((t) => t),
    ),
  )
  const sampleValues = values.sample === 'all' ? Number.POSITIVE_INFINITY : positive(values.sample, 256, 'sample')
  const sampleMessages =
    values['sample-messages'] === 'all'
      ? Number.POSITIVE_INFINITY
      : positive(values['sample-messages'], 4096, 'sample-messages')
  const dealt = dealDistinct(sources, count, seed)
  const rssBefore = process.memoryUsage().rss / 2 ** 20
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const model = learnResidueModel(dealt, {
    sampleValues,
    sampleMessages,
    ...(values.budget === true ? { storeBytesPerMessage: STORE_BYTES_PER_MESSAGE } : {}),
  })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  let patterns = 0
  for (const list of model.rules.values()) patterns += list.length
  const bytes = residueModelBytes(model)
  const per = 100_000 / dealt.length
  process.stdout.write(
    `${[
      measuredLine(),
      `${dealt.length} messages (${new Set(dealt).size} distinct) from ${files.length} files, seed ${seed}, ${values.budget === true ? `budget ${STORE_BYTES_PER_MESSAGE} B per training message` : 'no store budget'}, values counted per key: ${Number.isFinite(sampleValues) ? `${sampleValues} in octaves` : 'all'}, messages learnt from: ${Number.isFinite(sampleMessages) ? `${sampleMessages} in octaves` : 'all'}:`,
      `${model.shapes.length} object shapes, ${model.rules.size} keys with ${patterns} patterns; store bytes ${bytes} (${((bytes / 1e6) * per).toFixed(2)} MB per 100k messages); learnt in ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (${(seconds * per).toFixed(1)} s wall, ${(cpuSeconds * per).toFixed(1)} s CPU per 100k; load ${os.loadavg()[0]?.toFixed(2)}); peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${rssBefore.toFixed(0)} MB before learning: the corpus loaded and dealt).`,
    ].join('\n')}\n`,
  )
  return 0
}

await runBenchMain(main)
