/**
 * Encode p99 of the stateful hybrid against permessage-deflate L6 with context takeover, on the
 * HELD-OUT half of each corpus as `compare` replays it (ordered split 0.5, dictionary of the config's
 * size from the training half, connections from recordings.tsv in compare's seeded order, Loghub as
 * one connection), with the config a user writes (default configs/stateful/stateful.yaml).
 *
 * Each message is encoded by both senders side by side in this process, the order alternating message
 * by message (hrtime around each call: pmd's encode is asynchronous, as node:zlib's streams are, and
 * `compare` times it the same way). Every connection is replayed `--rounds` times (fresh contexts each
 * round, every round trip checked in the first). Printed per corpus: the p50/p99 of all samples and
 * the ratio; the p99 of each message's fastest round (preemption on the shared machine mostly
 * removed; labelled "min-of-rounds"); where the slow messages are (median size of the slowest 1% by
 * fastest round, against the median size); the stateful sender's µs per KiB; the load. Since s41-state a second line
 * per corpus says how many of the slowest 1% are among the 1% largest messages, and how many are a connection's
 * first message (or in its first five). Since s43-state a third line: the messages over pmd L6's min-of-rounds p99 by kind
 * (a connection's first, the history path's, others through the model) and the p99 if a kind cost nothing: how far
 * routing messages elsewhere could take the p99, and what is left to the model's per-byte speed.
 *
 * `--numbers false`: the cm model without its number model (a variant the config cannot name; labelled).
 * `--base SRC_DIR` (round 12): a third sender, the stateful hybrid of another copy of src (e.g. main's),
 * with the same config and dictionary, timed in the same rotation (its frames must equal this
 * checkout's unless `--bytes-may-differ`), so a speed change is read against main in one process.
 *
 *   npx tsx bench/stateful-p99.ts <messages.jsonl | System_2k.log>... [--config FILE] [--rounds 3] [--numbers false] [--base SRC_DIR]
 */
import { resolve } from 'node:path'
import { hrtime } from 'node:process'
import { loadHeldOutWithDictionary, loadText, PMD_L6, readBenchArgs } from './stateful-args.ts'
import { toPercentilesUs } from '../src/compare/percentiles.ts'
import { groupByConnection } from '../src/compare/group-connections.ts'
import {
  createPermessageDeflateConnection,
  openStatefulPair,
  statefulOptionsFromConfig,
} from '../src/stateful/index.ts'
import { loadCompressorConfig } from '../src/suite/config-file.ts'
import { codeModelledByte } from '../src/stateful/modelled-byte.ts'
import { perBitLoopTier } from './lib/cm-tier.ts'
import { takesHistoryPath } from '../src/stateful/history-path.ts'

const { args, corpora, option } = readBenchArgs(
  'tsx bench/stateful-p99.ts <corpus>... [--config FILE] [--rounds 3] [--base SRC_DIR]',
  ['--bytes-may-differ'],
)
const rounds = Number(option('rounds', '3'))
type Stateful = typeof import('../src/stateful/index.ts')
const base: Stateful | null = args.includes('--base')
  ? await import(resolve(option('base', ''), 'stateful/index.ts'))
  : null
const baseLoop: unknown =
  base === null ? null : (await import(resolve(option('base', ''), 'stateful/modelled-byte.ts'))).codeModelledByte
const mayDiffer = args.includes('--bytes-may-differ')
const config = await loadCompressorConfig(option('config', 'configs/stateful/stateful.yaml'))
process.stdout.write(
  `HELD-OUT halves; ${config.name}${base === null ? '' : `; base = ${option('base', '')}`}${args.includes('--numbers') ? ` (VARIANT: number model ${option('numbers', 'true')})` : ''}; ${rounds} rounds; load ${loadText()} (shared machine)\n`,
)
let met = 0
for (const path of corpora) {
  const { heldOut, dictionary } = await loadHeldOutWithDictionary(path, config.zstdDictSizeBytes)
  const options = {
    ...statefulOptionsFromConfig(config, dictionary),
    numberModel: option('numbers', 'true') !== 'false',
  }
  const connections = groupByConnection(heldOut, 0)
  const sizes = connections.flat().map((m) => m.bytes.length)
  const ours: number[][] = sizes.map(() => [])
  const pmd: number[][] = sizes.map(() => [])
  const baseUs: number[][] = sizes.map(() => [])
  // warm-up, untimed: a throwaway connection of each over the first messages (as compare's warm-up)
  await replay(connections.flat().slice(0, 200), null, null, null, 0, false)
  for (let round = 0; round < rounds; round++) {
    let offset = 0
    for (const connection of connections) {
      await replay(connection, ours, pmd, baseUs, offset, round === 0, round)
      offset += connection.length
    }
  }
  const oursAll = toPercentilesUs(ours.flat())
  const pmdAll = toPercentilesUs(pmd.flat())
  const oursMin = toPercentilesUs(ours.map((t) => Math.min(...t)))
  const pmdMin = toPercentilesUs(pmd.map((t) => Math.min(...t)))
  if (oursAll.p99 <= pmdAll.p99) met += 1
  const bySlowest = sizes
    .map((size, i) => ({ size, index: i, us: Math.min(...(ours[i] as number[])) }))
    .sort((a, b) => b.us - a.us)
  const slow = bySlowest.slice(0, Math.max(1, Math.ceil(sizes.length / 100))).map((s) => s.size)
  // s41-state: what the slowest 1% are: how many are among the 1% largest messages, and where in their connection
  const slowIndices = new Set(bySlowest.slice(0, slow.length).map((s) => s.index))
  const largestCut = [...sizes].sort((a, b) => b - a)[slow.length - 1] as number
  const positions = connections.flatMap((c) => c.map((_, i) => i))
  const slowAt = (test: (i: number) => boolean): number =>
    [...slowIndices].filter((k) => test(positions[k] as number)).length
  const totalUs = ours.reduce((sum, t) => sum + Math.min(...t), 0)
  const totalKiB = sizes.reduce((a, b) => a + b, 0) / 1024
  if (base !== null) {
    const baseAll = toPercentilesUs(baseUs.flat())
    const baseMin = toPercentilesUs(baseUs.map((t) => Math.min(...t)))
    const cpu = (samples: number[][]): number => samples.reduce((sum, t) => sum + Math.min(...t), 0) / 1e3
    process.stdout.write(
      `${path.split('/').at(-2)}: base p99 ${baseAll.p99.toFixed(0)} µs, this ${oursAll.p99.toFixed(0)} µs (this/base ${(oursAll.p99 / baseAll.p99).toFixed(3)}); min-of-rounds p99 base ${baseMin.p99.toFixed(0)}, this ${oursMin.p99.toFixed(0)} (${(oursMin.p99 / baseMin.p99).toFixed(3)}); CPU (fastest rounds) base ${cpu(baseUs).toFixed(1)} ms, this ${cpu(ours).toFixed(1)} ms (${(cpu(ours) / cpu(baseUs)).toFixed(3)})\n`,
    )
  }
  process.stdout.write(
    `${path.split('/').at(-2)}: ${sizes.length} msgs in ${connections.length} conns; encode µs p50 ${oursAll.p50.toFixed(0)} / pmd ${pmdAll.p50.toFixed(0)}, p99 ${oursAll.p99.toFixed(0)} / pmd ${pmdAll.p99.toFixed(0)} (${(oursAll.p99 / pmdAll.p99).toFixed(2)}x); min-of-rounds p99 ${oursMin.p99.toFixed(0)} / ${pmdMin.p99.toFixed(0)} (${(oursMin.p99 / pmdMin.p99).toFixed(2)}x); slowest 1% median ${median(slow)} B (all ${median(sizes)} B); ${(totalUs / totalKiB).toFixed(0)} µs/KiB; load ${loadText()}\n`,
  )

  process.stdout.write(
    `${path.split('/').at(-2)}: slowest 1% (${slow.length} by fastest round): ${[...slowIndices].filter((k) => (sizes[k] as number) >= largestCut).length} among the 1% largest messages (>= ${largestCut} B); ${slowAt((i) => i === 0)} a connection's first message, ${slowAt((i) => i < 5)} in its first 5 (${connections.length} connections)\n`,
  )

  // s43-state: what the p99 would need. Over pmd L6's min-of-rounds p99: how many messages, of which kind, against
  // the 1% the p99 leaves out; and the p99 if a kind of message cost nothing (what routing those messages elsewhere
  // could give at best; the model's per-byte speed is what is left)
  const kinds = connections.flatMap((c) => {
    let count = 0
    let total = 0
    return c.map((m, i) => {
      const history =
        options.historyPath !== undefined && takesHistoryPath(options.historyPath, m.bytes.length, count, total)
      count += 1
      total += m.bytes.length
      return i === 0 ? 'first' : history ? 'history' : 'model'
    })
  })
  const fastest = ours.map((t) => Math.min(...t))
  const over = fastest.map((_, k) => k).filter((k) => (fastest[k] as number) > pmdMin.p99)
  const overOf = (kind: string) => over.filter((k) => kinds[k] === kind)
  const freeP99 = (free: (k: number) => boolean): string =>
    toPercentilesUs(fastest.map((us, k) => (free(k) ? 0 : us))).p99.toFixed(0)
  process.stdout.write(
    `${path.split('/').at(-2)}: over pmd's min-of-rounds p99: ${over.length} messages (the p99 leaves out ${slow.length}): ${overOf('first').length} a connection's first, ${overOf('history').length} on the history path, ${overOf('model').length} others through the model (median ${overOf('model').length === 0 ? 0 : median(overOf('model').map((k) => sizes[k] as number))} B); min-of-rounds p99 if these cost nothing: first messages ${freeP99((k) => kinds[k] === 'first')} µs, and the history path's ${freeP99((k) => kinds[k] !== 'model')} µs, and every message of 1 KiB or more ${freeP99((k) => kinds[k] !== 'model' || (sizes[k] as number) >= 1024)} µs\n`,
  )

  async function replay(
    messages: readonly { bytes: Uint8Array; index: number }[],
    oursUs: number[][] | null,
    pmdUs: number[][] | null,
    otherUs: number[][] | null,
    offset: number,
    check: boolean,
    round = 0,
  ): Promise<void> {
    const pair = openStatefulPair(options)
    const other = base?.openStatefulPair(options)
    const reference = createPermessageDeflateConnection(PMD_L6)
    for (const [i, message] of messages.entries()) {
      // the contenders in a rotation that moves by one each message and each round
      let frame: Uint8Array | undefined
      let otherFrame: Uint8Array | undefined
      const turns = other === undefined ? 2 : 3
      for (let t = 0; t < turns; t++) {
        const turn = (i + round + t) % turns
        if (turn === 0) await timed(pmdUs?.[offset + i], () => reference.encode(message.bytes))
        else if (turn === 1) frame = await timed(oursUs?.[offset + i], () => pair.encode(message.bytes))
        else otherFrame = await timed(otherUs?.[offset + i], () => (other as typeof pair).encode(message.bytes))
      }
      if (frame === undefined) throw new Error('unreachable')
      if (otherFrame !== undefined && !mayDiffer && !Buffer.from(otherFrame).equals(Buffer.from(frame)))
        throw new Error(`${path}: message ${message.index}: the base's frame differs (--bytes-may-differ to allow)`)
      if (check && !Buffer.from(await pair.decode(frame)).equals(Buffer.from(message.bytes)))
        throw new Error(`${path}: message ${message.index} did not round-trip`)
    }
    pair.close()
    other?.close()
    reference.close()
  }
}
process.stdout.write(`encode p99 <= pmd L6's on ${met} of ${corpora.length} (all samples); load ${loadText()}\n`)
// a process whose per-bit loop fell back to V8's baseline tier encodes ~3x slower throughout (bench/lib/cm-tier.ts)
process.stdout.write(
  `per-bit loop tier at the end: this ${perBitLoopTier(codeModelledByte)}${baseLoop === null ? '' : `, base ${perBitLoopTier(baseLoop)}`}\n`,
)

async function timed<T>(samples: number[] | undefined, run: () => T | Promise<T>): Promise<T> {
  const t0 = hrtime.bigint()
  const result = await run()
  samples?.push(Number(hrtime.bigint() - t0) / 1e3)
  return result
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
