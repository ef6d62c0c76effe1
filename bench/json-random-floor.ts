/**
 * A lower bound on the bytes any coder must send for held-out JSON messages, against zstd_dict's:
 * the largest "fewer bytes than zstd_dict" factor that any coder could reach (issue 12's JSON goal).
 *
 *   npx tsx bench/json-random-floor.ts --jsonl <file>...
 *
 * Split as bench/discovery.ts --per-recording and bench/json-template-gain.ts split: each recording's
 * messages in order, first half trains, second half is measured; "seen" = messages of a recording
 * with training messages (the goal's "sources present in training"). The coder knows the training
 * half and the 64 KB raw-content dictionary made from it (zstd level 19, as the goal's zstd_dict) and
 * encodes each message on its own. For each measured message: zstd_dict's frame (tag byte + payload)
 * and L, the bytes no such coder can avoid on average: the random-by-construction values new to the
 * training half (bench/lib/random-values.ts says which, and why the bound holds), bits / 8 - 1 per
 * message. zstd_dict / L is the factor no coder can exceed in expectation.
 * The last column counts every distinct 40-hex, 64-hex and UUID v4 not in the training half whole,
 * with no exclusion: no argument from these values alone can give a smaller bound than it.
 */
import path from 'node:path'
import { createRawContentDictionary } from '../src/codecs/raw-content-dictionary.ts'
import { createZstdDictCodec } from '../src/codecs/zstd-dict.ts'
import { runBenchMain } from './lib/bench-main.ts'
import {
  type HeldOutMessage,
  jsonlArguments,
  jsonlSystem,
  measuredLine,
  splitByRecording,
} from './lib/discovery-corpora.ts'
import { countRandomValues, floorBytes, knownText, RANDOM_VALUE_CLASSES } from './lib/random-values.ts'

const DICTIONARY_BYTES = 65536

interface Part {
  messages: number
  originalBytes: number
  dictBytes: number
  floorBytes: number
  generousBytes: number
  counted: Map<string, number>
  inTraining: number
  wellKnown: number
  contentObject: number
}

function emptyPart(): Part {
  const counted = new Map(RANDOM_VALUE_CLASSES.map((c) => [c.name, 0]))
  return {
    messages: 0,
    originalBytes: 0,
    dictBytes: 0,
    floorBytes: 0,
    generousBytes: 0,
    counted,
    inTraining: 0,
    wellKnown: 0,
    contentObject: 0,
  }
}

function measure(train: readonly string[], test: readonly HeldOutMessage[]): { seen: Part; unseen: Part } {
  const encoder = new TextEncoder()
  const dictionary = createRawContentDictionary(
    train.map((t) => encoder.encode(t)),
    DICTIONARY_BYTES,
  )
  const zstd = createZstdDictCodec({ dictionary, level: 19 })
  const known = knownText([...train, Buffer.from(dictionary).toString('latin1')])
  const parts = { seen: emptyPart(), unseen: emptyPart() }
  for (const { text, seen } of test) {
    const part = seen ? parts.seen : parts.unseen
    const bytes = encoder.encode(text)
    const count = countRandomValues(text, known)
    part.messages++
    part.originalBytes += bytes.length
    part.dictBytes += 1 + (zstd.encode(bytes) as Uint8Array).length
    part.floorBytes += floorBytes(count.counted.reduce((sum, c) => sum + c.bits, 0))
    part.generousBytes += count.newWholeBits / 8
    for (const c of count.counted) part.counted.set(c.className, (part.counted.get(c.className) ?? 0) + 1)
    part.inTraining += count.inTraining
    part.wellKnown += count.wellKnown
    part.contentObject += count.contentObject
  }
  return parts
}

const x = (a: number, b: number): string => (b === 0 ? '∞' : `${(a / b).toFixed(2)}x`)

async function main(argv: readonly string[]): Promise<number> {
  const { files } = jsonlArguments(argv, 'npx tsx bench/json-random-floor.ts --jsonl <file>...')
  const lines = [
    measuredLine(),
    'Split: ordered halves of each recording; "seen" = recordings with training messages. zstd_dict: 64 KB raw-content dictionary from the training half, level 19, tag byte included. L: bytes no coder knowing the training half and the dictionary can avoid, per message on its own, on average (bench/lib/random-values.ts).',
    '',
    `| corpus | part | messages | bytes | zstd_dict bytes | L (bytes) | largest factor any coder can reach (zstd_dict / L) | counted (${RANDOM_VALUE_CLASSES.map((c) => c.name).join(' / ')}) | left out: in training / well-known / content object | every new one counted whole, no exclusion |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const file of files) {
    const system = jsonlSystem(path.resolve(file))
    const { train, test } = await splitByRecording(system.file)
    for (const [name, p] of Object.entries(measure(train, test))) {
      if (p.messages === 0) continue
      lines.push(
        `| ${system.name} | ${name} | ${p.messages} | ${p.originalBytes} | ${p.dictBytes} | ${Math.round(p.floorBytes)} | **${x(p.dictBytes, p.floorBytes)}** | ${[...p.counted.values()].join(' / ')} | ${p.inTraining} / ${p.wellKnown} / ${p.contentObject} | ${x(p.dictBytes, p.generousBytes)} |`,
      )
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

await runBenchMain(main)
