/**
 * Tuning the stateful hybrid on TRAINING halves only (docs/stateful.md, "How the settings were
 * chosen"): for each corpus on the command line, the ordered training half is split again in order;
 * the shared dictionary comes from its first half and every connection of its second half is
 * replayed in order through the stateful hybrid and through permessage-deflate L6 with context
 * takeover (w15, memLevel 8), every round trip checked. The held-out half is never read, unless
 * `--held-out` is given (then: dictionary from the training half, figures from the held-out half, as
 * `compare` does).
 *
 * Encode times: each message is encoded by both contenders side by side in this process, the order
 * alternating message by message (hrtime around each call, as `compare` times stateful entries); the
 * p50/p99 of each and the machine's load are printed. The machine is shared: times are noisy, the
 * byte counts are not.
 *
 *   npx tsx bench/stateful-tune.ts <messages.jsonl | System_2k.log>... [--codec cm] [--window 15]
 *     [--hash 12] [--level 9] [--dict-kib 1024] [--fields true|false] [--large BYTES] [--numbers false] [--held-out]
 *     [--history MIN_BYTES[:OVER_MEAN]] (cm's history path: messages longer than MIN_BYTES and than OVER_MEAN times
 *     the connection's mean so far go through zstd against the connection's history; model-stream.ts)
 */
import { hrtime } from 'node:process'
import { loadText, PMD_L6, readBenchArgs } from './stateful-args.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { toPercentilesUs } from '../src/compare/percentiles.ts'
import { groupByConnection } from '../src/compare/group-connections.ts'
import { createRawContentDictionary } from '../src/codecs/index.ts'
import { createPermessageDeflateConnection, openStatefulPair, type StatefulOptions } from '../src/stateful/index.ts'

const { args, corpora, option } = readBenchArgs(
  'tsx bench/stateful-tune.ts <corpus>... [--codec cm] [--window 15] [--hash 12] ...',
  ['--held-out'],
)
const heldOut = args.includes('--held-out')
process.stdout.write(
  `${heldOut ? 'HELD-OUT halves' : 'training halves only'}; ${args.filter((a) => !corpora.includes(a)).join(' ') || 'defaults'}; load ${loadText()}\n`,
)
let logSum = 0
let p99Met = 0
for (const path of corpora) {
  const format = path.endsWith('.jsonl') ? 'jsonl' : 'loghub'
  const split = { trainFraction: 0.5, seed: 0, mode: 'ordered' as const }
  const train = await loadCorpus({ path, format, name: path, split: { ...split, use: 'train' } })
  const half = Math.floor(train.length / 2)
  const dictionarySource = heldOut ? train : train.slice(0, half)
  const evaluated = heldOut
    ? await loadCorpus({ path, format, name: path, split: { ...split, use: 'test' } })
    : train.slice(half)
  const options: StatefulOptions = {
    codec: option('codec', 'cm') as StatefulOptions['codec'],
    level: Number(option('level', '9')),
    windowLog: Number(option('window', '15')),
    hashLog: Number(option('hash', '12')),
    memLevel: 8,
    dictionary: createRawContentDictionary(
      dictionarySource.map((m) => m.bytes),
      Number(option('dict-kib', '1024')) * 1024,
    ),
    fieldOperators: option('fields', 'false') === 'true',
    numberModel: option('numbers', 'true') !== 'false',
    ...(args.includes('--large') ? { largeMessageBytes: Number(option('large', '0')) } : {}),
    ...(args.includes('--history') ? { historyPath: historyRule(option('history', '0')) } : {}),
  }
  const oursUs: number[] = []
  const pmdUs: number[] = []
  let original = 0
  let ours = 0
  let pmd = 0
  for (const connection of groupByConnection(evaluated, 0)) {
    const pair = openStatefulPair(options)
    const reference = createPermessageDeflateConnection(PMD_L6)
    for (const message of connection) {
      const pmdFirst = message.index % 2 === 0
      if (pmdFirst) pmd += (await timed(pmdUs, () => reference.encode(message.bytes))).length
      const frame = await timed(oursUs, () => pair.encode(message.bytes))
      if (!pmdFirst) pmd += (await timed(pmdUs, () => reference.encode(message.bytes))).length
      if (!Buffer.from(await pair.decode(frame)).equals(Buffer.from(message.bytes)))
        throw new Error(`${path}: message ${message.index} did not round-trip`)
      original += message.bytes.length
      ours += frame.length
    }
    pair.close()
    reference.close()
  }
  logSum += Math.log(pmd / ours)
  const { p50: ours50, p99: ours99 } = toPercentilesUs(oursUs)
  const { p50: pmd50, p99: pmd99 } = toPercentilesUs(pmdUs)
  if (ours99 <= pmd99) p99Met += 1
  process.stdout.write(
    `${path.split('/').at(-2)}: ${evaluated.length} msgs, pmd L6 ${(original / pmd).toFixed(2)}x, stateful ${(original / ours).toFixed(2)}x, vs pmd ${(pmd / ours).toFixed(3)}x; encode µs p50 ${ours50.toFixed(0)} / pmd ${pmd50.toFixed(0)}, p99 ${ours99.toFixed(0)} / pmd ${pmd99.toFixed(0)} (${(ours99 / pmd99).toFixed(2)}x); load ${loadText()}\n`,
  )
}
process.stdout.write(
  `geometric mean vs pmd: ${Math.exp(logSum / corpora.length).toFixed(3)}x; encode p99 <= pmd L6's on ${p99Met} of ${corpora.length}\n`,
)

function historyRule(text: string): { minBytes: number; overMean: number } {
  const [min, over] = text.split(':')
  return { minBytes: Number(min), overMean: Number(over ?? '0') }
}

async function timed<T>(samples: number[], run: () => T | Promise<T>): Promise<T> {
  const t0 = hrtime.bigint()
  const result = await run()
  samples.push(Number(hrtime.bigint() - t0) / 1e3)
  return result
}
