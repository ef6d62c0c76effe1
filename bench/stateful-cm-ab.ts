/**
 * A/B of the cm coder's speed, same bytes: this checkout's src/stateful/model-stream.ts against
 * another copy of src (`--base DIR`, e.g. a copy of main's src), on the TRAINING halves only (the
 * second half of each ordered training half replayed connection by connection, dictionary from its
 * first half, as bench/stateful-tune.ts). Each message is encoded by both, the order alternating
 * message by message; the blocks must be byte-identical (else exit 1). Printed per corpus: total CPU
 * of each (the sum over messages of the fastest of `--rounds` rounds) and the ratio B/A, and the
 * load (the machine is shared). `--numbers false`: B runs without the number model (a different
 * model: bytes are then compared, not required equal); `--bytes-may-differ`: the same for a base that is
 * a different model (an ablation), labelled so.
 *
 * `--large N` (round 12): B sends messages over N bytes through the fast path (`large_message_bytes`;
 * bytes then compared, not required equal), to read what a bound costs in bytes and CPU side by side.
 *
 * `--decode` (round 13): each block is also decoded by A's and B's receivers (one per connection each,
 * the order alternating as for the encoders; both must give the message back), and their CPU is
 * printed the same way on a second line. Needs identical blocks (not with `--numbers`, `--large`).
 *
 *   npx tsx bench/stateful-cm-ab.ts --base /tmp/base/src <messages.jsonl | System_2k.log>... [--rounds 3] [--numbers false] [--large N] [--decode]
 */
import { hrtime } from 'node:process'
import { loadText, readBenchArgs } from './stateful-args.ts'
import { resolve } from 'node:path'
import { createRawContentDictionary } from '../src/codecs/index.ts'
import { groupByConnection } from '../src/compare/group-connections.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import * as current from '../src/stateful/model-stream.ts'

const { args, corpora, option } = readBenchArgs(
  'tsx bench/stateful-cm-ab.ts --base SRC_DIR <corpus>... [--rounds 3] [--dict-kib 1024] [--decode]',
  ['--bytes-may-differ', '--decode'],
)
if (!args.includes('--base')) {
  process.stderr.write('usage: tsx bench/stateful-cm-ab.ts --base SRC_DIR <corpus>... (--base is required)\n')
  process.exit(2)
}
const base: typeof current = await import(resolve(option('base', ''), 'stateful/model-stream.ts'))
const rounds = Number(option('rounds', '3'))
const sizes = current.cmSizes({ windowLog: 15, hashLog: 12 })
const numbersOff = option('numbers', 'true') === 'false'
const largeB = args.includes('--large') ? Number(option('large', '0')) : undefined
const mayDiffer = numbersOff || largeB !== undefined || args.includes('--bytes-may-differ')
const decode = args.includes('--decode')
if (decode && mayDiffer) {
  process.stderr.write(
    'stateful-cm-ab: --decode needs identical blocks (not with --numbers, --large, --bytes-may-differ)\n',
  )
  process.exit(2)
}
const sizesB = current.cmSizes({ windowLog: 15, hashLog: 12, numberModel: !numbersOff })
process.stdout.write(
  `training halves; A = ${option('base', '')}, B = this checkout${largeB === undefined ? '' : ` with large_message_bytes ${largeB}`}; load ${loadText()} (shared machine)\n`,
)
for (const path of corpora) {
  const format = path.endsWith('.jsonl') ? 'jsonl' : 'loghub'
  const train = await loadCorpus({
    path,
    format,
    name: path,
    split: { trainFraction: 0.5, seed: 0, mode: 'ordered', use: 'train' },
  })
  const half = Math.floor(train.length / 2)
  const dictionary = createRawContentDictionary(
    train.slice(0, half).map((m) => m.bytes),
    Number(option('dict-kib', '1024')) * 1024,
  )
  const connections = groupByConnection(train.slice(half), 0)
  const count = connections.reduce((sum, c) => sum + c.length, 0)
  const fastestA = new Float64Array(count).fill(Number.POSITIVE_INFINITY)
  const fastestB = new Float64Array(count).fill(Number.POSITIVE_INFINITY)
  const decodeA = new Float64Array(count).fill(Number.POSITIVE_INFINITY)
  const decodeB = new Float64Array(count).fill(Number.POSITIVE_INFINITY)
  const factoryA = base.createModelStreamFactory(dictionary, sizes)
  const factoryB = current.createModelStreamFactory(dictionary, sizesB)
  let bytesA = 0
  let bytesB = 0
  for (let round = 0; round < rounds; round++) {
    let i = 0
    for (const connection of connections) {
      const a = factoryA.encoder()
      const b = factoryB.encoder(largeB)
      const receiveA = factoryA.decoder(1 << 24)
      const receiveB = factoryB.decoder(1 << 24)
      for (const message of connection) {
        const aFirst = (i + round) % 2 === 0
        let blockA: Uint8Array | undefined
        let blockB: Uint8Array | undefined
        if (aFirst) blockA = time(fastestA, i, () => a(message.bytes))
        blockB = time(fastestB, i, () => b(message.bytes))
        if (!aFirst) blockA = time(fastestA, i, () => a(message.bytes))
        if (round === 0) {
          bytesA += (blockA as Uint8Array).length
          bytesB += blockB.length
        }
        if (!mayDiffer && !Buffer.from(blockA as Uint8Array).equals(Buffer.from(blockB))) {
          process.stderr.write(`${path}: message ${message.index}: blocks differ\n`)
          process.exit(1)
        }
        if (decode) {
          const block = blockB
          const receive = (timings: Float64Array, receiver: (block: Uint8Array) => Uint8Array): void =>
            check(
              path,
              message,
              time(timings, i, () => receiver(block)),
            )
          if (aFirst) receive(decodeA, receiveA)
          receive(decodeB, receiveB)
          if (!aFirst) receive(decodeA, receiveA)
        }
        i += 1
      }
    }
  }
  const sumA = fastestA.reduce((s, t) => s + t, 0)
  const sumB = fastestB.reduce((s, t) => s + t, 0)
  const p99 = (values: Float64Array): number =>
    [...values].sort((x, y) => x - y)[Math.floor(values.length * 0.99)] as number
  process.stdout.write(
    `${path.split('/').at(-2)}: ${count} msgs, ${mayDiffer ? `blocks A ${bytesA} B, B ${bytesB} B (B/A ${(bytesB / bytesA).toFixed(4)})` : 'bytes identical'}; CPU A ${(sumA / 1e3).toFixed(1)} ms, B ${(sumB / 1e3).toFixed(1)} ms, B/A ${(sumB / sumA).toFixed(3)}; p99 A ${p99(fastestA).toFixed(0)} µs, B ${p99(fastestB).toFixed(0)} µs; load ${loadText()}\n`,
  )
  if (decode) {
    const dA = decodeA.reduce((s, t) => s + t, 0)
    const dB = decodeB.reduce((s, t) => s + t, 0)
    process.stdout.write(
      `${path.split('/').at(-2)}: decode CPU A ${(dA / 1e3).toFixed(1)} ms, B ${(dB / 1e3).toFixed(1)} ms, B/A ${(dB / dA).toFixed(3)}; p99 A ${p99(decodeA).toFixed(0)} µs, B ${p99(decodeB).toFixed(0)} µs; load ${loadText()}\n`,
    )
  }
}

/** Exits 1 when a receiver did not give the message back. */
function check(path: string, message: { index: number; bytes: Uint8Array }, decoded: Uint8Array): void {
  if (Buffer.from(decoded).equals(Buffer.from(message.bytes))) return
  process.stderr.write(`${path}: message ${message.index}: a receiver decoded other bytes\n`)
  process.exit(1)
}

function time(fastest: Float64Array, i: number, run: () => Uint8Array): Uint8Array {
  const t0 = hrtime.bigint()
  const result = run()
  const us = Number(hrtime.bigint() - t0) / 1e3
  if (us < (fastest[i] as number)) fastest[i] = us
  return result
}
