/**
 * Where the stateful hybrid's bytes go on one corpus (docs/history/stateful-rounds.md, "Round 8"): every connection
 * replayed in order through the shipped cm settings and through pmd L6 with context takeover, the
 * frames summed by kind of message (a connection's first; later ones by size); then, for the
 * messages up to --small bytes, the coded bits of each byte summed by the JSON key it belongs to
 * (the last quoted string before a ':'), from the model's own probabilities: -log2 of the
 * probability each coded event had, the end-of-message flags, expected-byte events and modelled bits.
 *
 * Training halves by default (dictionary from the first half of the ordered training half, figures
 * from its second, as bench/stateful-tune.ts); --held-out: dictionary from the training half, figures
 * from the held-out half. Sizes only: nothing is timed.
 *
 *   npx tsx bench/stateful-breakdown.ts <messages.jsonl | System_2k.log> [--held-out] [--small 500] [--keys 12] [--dict-kib 1024]
 */
import { createRawContentDictionary } from '../src/codecs/index.ts'
import { groupByConnection } from '../src/compare/group-connections.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { ContextModel } from '../src/stateful/context-model.ts'
import { createSharedDictionary } from '../src/stateful/match-model.ts'
import { BinaryEncoder } from '../src/stateful/binary-coder.ts'
import { cmSizes, encodeMessageWith } from '../src/stateful/model-stream.ts'
import { createPermessageDeflateConnection, openStatefulPair } from '../src/stateful/index.ts'

const args = process.argv.slice(2)
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`)
  return i < 0 ? fallback : Number(args[i + 1])
}
const path = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'))
if (path === undefined) {
  process.stderr.write(
    'usage: tsx bench/stateful-breakdown.ts <corpus> [--held-out] [--small 500] [--keys 12] [--dict-kib 1024]\n',
  )
  process.exit(2)
}
const heldOut = args.includes('--held-out')
const smallBytes = option('small', 500)
const format = path.endsWith('.jsonl') ? 'jsonl' : 'loghub'
const split = { trainFraction: 0.5, seed: 0, mode: 'ordered' as const }
const train = await loadCorpus({ path, format, name: path, split: { ...split, use: 'train' } })
const half = Math.floor(train.length / 2)
const evaluated = heldOut
  ? await loadCorpus({ path, format, name: path, split: { ...split, use: 'test' } })
  : train.slice(half)
const dictionary = createRawContentDictionary(
  (heldOut ? train : train.slice(0, half)).map((m) => m.bytes),
  option('dict-kib', 1024) * 1024,
)
const connections = groupByConnection(evaluated, 0)

type Kind = 'first' | 'large' | 'medium' | 'small'
const kinds: Record<Kind, string> = {
  first: "a connection's first message",
  large: 'later, over 2,000 bytes',
  medium: `later, ${smallBytes + 1}-2,000 bytes`,
  small: `later, up to ${smallBytes} bytes`,
}
const totals = new Map<Kind, { count: number; bytes: number; ours: number; pmd: number }>()
for (const connection of connections) {
  const pair = openStatefulPair({
    codec: 'cm',
    level: 0,
    windowLog: 15,
    hashLog: 12,
    dictionary,
    fieldOperators: false,
  })
  const pmd = createPermessageDeflateConnection({ level: 6, windowBits: 15, memLevel: 8, contextTakeover: true })
  for (const [i, message] of connection.entries()) {
    const length = message.bytes.length
    const kind: Kind = i === 0 ? 'first' : length > 2000 ? 'large' : length > smallBytes ? 'medium' : 'small'
    const row = totals.get(kind) ?? { count: 0, bytes: 0, ours: 0, pmd: 0 }
    row.count += 1
    row.bytes += length
    row.ours += (await pair.encode(message.bytes)).length
    row.pmd += (await pmd.encode(message.bytes)).length
    totals.set(kind, row)
  }
  pair.close()
  pmd.close()
}
process.stdout.write(
  `${heldOut ? 'HELD-OUT half' : 'training half'} of ${path}: ${evaluated.length} messages, ${connections.length} connections\n\n`,
)
process.stdout.write('| messages | count | bytes | stateful | pmd L6 |\n|---|---|---|---|---|\n')
for (const kind of Object.keys(kinds) as Kind[]) {
  const row = totals.get(kind)
  if (row !== undefined)
    process.stdout.write(`| ${kinds[kind]} | ${row.count} | ${row.bytes} | ${row.ours} | ${row.pmd} |\n`)
}

// the coded bits of the small messages, by JSON key
const shared = createSharedDictionary(dictionary)
const primed = new ContextModel(cmSizes({ windowLog: 15, hashLog: 12 }), shared)
primed.prime()
const bitsByKey = new Map<string, number>()
let smallMessages = 0
let smallBits = 0
const cost = (p1: number, bit: number): number => -Math.log2(bit === 1 ? p1 / 4096 : 1 - p1 / 4096)
for (const connection of connections) {
  const model = primed.clone()
  for (const message of connection) {
    const counted = message.bytes.length <= smallBytes
    const keys = counted ? jsonKeys(message.bytes) : []
    // every event's cost as the encoder codes it (encodeMessageWith), charged to the position it was coded at
    const coder = new BinaryEncoder()
    let bits = 0
    const sink = {
      encode(bit: number, p1: number) {
        bits += cost(p1, bit)
        coder.encode(bit, p1)
      },
      bitsSpent: () => coder.bitsSpent(),
    }
    encodeMessageWith(model, sink, message.bytes, (at) => {
      if (counted) bitsByKey.set(keys[at] as string, (bitsByKey.get(keys[at] as string) ?? 0) + bits)
      if (counted) smallBits += bits
      bits = 0
    })
    coder.finish()
    // the end of the message (and a run's end before it)
    if (counted) smallBits += bits
    if (counted) smallMessages += 1
  }
}
process.stdout.write(
  `\n${smallMessages} messages up to ${smallBytes} bytes: ${(smallBits / 8 / smallMessages).toFixed(2)} coded bytes a message (before the frame's sequence byte and the code's last byte); by JSON key:\n`,
)
for (const [key, bits] of [...bitsByKey].sort((a, b) => b[1] - a[1]).slice(0, option('keys', 12)))
  process.stdout.write(`  ${key.padEnd(24)} ${(bits / 8 / smallMessages).toFixed(2)} bytes a message\n`)

/** For each byte, the JSON key it belongs to: the last quoted string followed by ':' ("(start)" before the first). */
function jsonKeys(bytes: Uint8Array): string[] {
  const keys: string[] = []
  let key = '(start)'
  let inString = false
  let current: number[] = []
  let lastString = ''
  for (const byte of bytes) {
    keys.push(key)
    if (byte === 0x22) {
      if (inString) lastString = Buffer.from(current).toString('latin1')
      inString = !inString
      current = []
    } else if (inString) current.push(byte)
    else if (byte === 0x3a) key = lastString
  }
  return keys
}
