/**
 * Long string values that a connection repeats (docs/history/stateful-rounds.md, "Round 10"): for each corpus, the
 * messages of its ordered TRAINING half (or --held-out) grouped by connection as `compare` does; every
 * JSON string value of at least --min bytes (the bytes between two unescaped quotes) is looked up
 * among the earlier values of the same connection. Printed: how many long values, their bytes, how
 * many repeat an earlier one exactly, their bytes, and how many of those lie further back than
 * --window bytes of the connection's history (out of reach of a 2^15 history); and the largest set
 * of distinct long values a connection held (what a store of them would need).
 * Sizes only: nothing is coded or timed.
 *
 *   npx tsx bench/stateful-repeats.ts <messages.jsonl>... [--min 1024] [--window 32768] [--held-out]
 */
import { readBenchArgs } from './stateful-args.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { groupByConnection } from '../src/compare/group-connections.ts'

const { args, corpora, option } = readBenchArgs(
  'tsx bench/stateful-repeats.ts <messages.jsonl>... [--min 1024] [--window 32768] [--held-out]',
  ['--held-out'],
)
const minBytes = Number(option('min', '1024'))
const windowBytes = Number(option('window', '32768'))
const heldOut = args.includes('--held-out')
for (const path of corpora) {
  const format = path.endsWith('.jsonl') ? 'jsonl' : 'loghub'
  const split = { trainFraction: 0.5, seed: 0, mode: 'ordered' as const }
  const messages = await loadCorpus({ path, format, name: path, split: { ...split, use: heldOut ? 'test' : 'train' } })
  let total = 0
  let longCount = 0
  let longBytes = 0
  let repeatCount = 0
  let repeatBytes = 0
  let farCount = 0
  let farBytes = 0
  let largestStore = 0
  const connections = groupByConnection(messages, 0)
  for (const connection of connections) {
    const seen = new Map<string, number>()
    let position = 0
    let store = 0
    for (const message of connection) {
      total += message.bytes.length
      for (const [start, end] of stringValues(message.bytes)) {
        if (end - start < minBytes) continue
        longCount += 1
        longBytes += end - start
        const key = Buffer.from(message.bytes.subarray(start, end)).toString('latin1')
        const at = position + start
        const previous = seen.get(key)
        if (previous !== undefined) {
          repeatCount += 1
          repeatBytes += end - start
          if (at - previous > windowBytes) {
            farCount += 1
            farBytes += end - start
          }
        } else store += end - start
        seen.set(key, position + end)
      }
      position += message.bytes.length + 1
    }
    largestStore = Math.max(largestStore, store)
  }
  process.stdout.write(
    `${path.split('/').at(-2)} (${heldOut ? 'held-out' : 'training'} half): ${messages.length} msgs, ${connections.length} conns, ${total} bytes; values >= ${minBytes} B: ${longCount} (${longBytes} B); exact repeats in the connection: ${repeatCount} (${repeatBytes} B), of which > ${windowBytes} B back: ${farCount} (${farBytes} B); largest distinct long values of one connection ${largestStore} B\n`,
  )
}

/** [start, end) of every JSON string value's bytes (between unescaped quotes). */
function stringValues(bytes: Uint8Array): [number, number][] {
  const spans: [number, number][] = []
  let start = -1
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number
    if (start >= 0 && byte === 0x5c) i += 1
    else if (byte === 0x22) {
      if (start < 0) start = i + 1
      else {
        spans.push([start, i])
        start = -1
      }
    }
  }
  return spans
}
