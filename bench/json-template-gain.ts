/**
 * Where a JSON key-structure template can gain over zstd_dict, and where it cannot: a diagnostic,
 * not a goal figure (bench/discovery.ts --per-recording measures the goal through a suite).
 *
 *   npx tsx bench/json-template-gain.ts --jsonl <file>... [--inner]
 *
 * Each recording of a JSONL corpus (recordings.tsv) is split in order as bench/discovery.ts
 * --per-recording does: its first half trains (discovery with defaults, a 64 KB raw-content
 * dictionary, zstd level 19), its second half is measured. `--inner` splits the first half of each
 * recording again instead, so a rule can be chosen without looking at the measured halves.
 * Measured messages are counted apart by whether their recording has training messages (a source
 * present in training) or not. For each part, bytes sent:
 * - zstd_dict: the fallback frame (tag byte + zstd_dict payload);
 * - hybrid: the smaller of the discovered store's template frame and the zstd_dict frame;
 * - structure free, values raw: the smaller of zstd_dict and a frame that sends every JSON value's
 *   text with a one-byte length and nothing else (what a template that removes exactly the key
 *   structure, and types no value, would send);
 * - structure free, values by zstd_dict: the smaller of zstd_dict and the values alone (joined by a
 *   NUL) compressed with the same dictionary (the key structure removed for free).
 * Store bytes: the templates as `discover` writes them, per training message.
 */
import path from 'node:path'
import { writeTemplateFrame } from '../src/codecs/framing.ts'
import { createRawContentDictionary } from '../src/codecs/raw-content-dictionary.ts'
import { createZstdDictCodec } from '../src/codecs/zstd-dict.ts'
import { jsonValueSpans } from '../src/templates/json-spans.ts'
import { createTemplateFrameEncoder, discoverTemplates, toTemplateStoreJson } from '../src/templates/index.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { jsonlArguments, jsonlSystem, measuredLine, splitByRecording } from './lib/discovery-corpora.ts'

const DICTIONARY_BYTES = 65536
const NO_BODY = new Uint8Array(0)

interface Part {
  messages: number
  originalBytes: number
  dictBytes: number
  hybridBytes: number
  rawValuesBytes: number
  packedValuesBytes: number
}

function measureCorpus(train: readonly string[], test: readonly { text: string; seen: boolean }[]) {
  const encoder = new TextEncoder()
  const { store } = discoverTemplates(train)
  const storeBytes = JSON.stringify(toTemplateStoreJson(store).templates).length
  const zstd = createZstdDictCodec({
    dictionary: createRawContentDictionary(
      train.map((t) => encoder.encode(t)),
      DICTIONARY_BYTES,
    ),
    level: 19,
  })
  const templates = createTemplateFrameEncoder(store, (id) => writeTemplateFrame(id, NO_BODY))
  const parts = { seen: emptyPart(), unseen: emptyPart() }
  for (const { text, seen } of test) {
    const bytes = encoder.encode(text)
    const dict = 1 + (zstd.encode(bytes) as Uint8Array).length
    const frame = templates.encode(text, bytes)?.frame.length ?? Number.POSITIVE_INFINITY
    const values = (jsonValueSpans(text) ?? []).map(([start, end]) => text.slice(start, end))
    const raw = 2 + values.reduce((sum, v) => sum + 1 + encoder.encode(v).length, 0)
    const packed = 2 + (zstd.encode(encoder.encode(values.join('\u0000'))) as Uint8Array).length
    const part = seen ? parts.seen : parts.unseen
    part.messages++
    part.originalBytes += bytes.length
    part.dictBytes += dict
    part.hybridBytes += Math.min(dict, frame)
    part.rawValuesBytes += Math.min(dict, raw)
    part.packedValuesBytes += Math.min(dict, packed)
  }
  return { parts, storeBytes, templates: store.templates.length }
}

function emptyPart(): Part {
  return { messages: 0, originalBytes: 0, dictBytes: 0, hybridBytes: 0, rawValuesBytes: 0, packedValuesBytes: 0 }
}

const x = (a: number, b: number): string => (b === 0 ? '—' : `${(a / b).toFixed(2)}x`)

async function main(argv: readonly string[]): Promise<number> {
  const { files, flags } = jsonlArguments(argv, 'npx tsx bench/json-template-gain.ts --jsonl <file>... [--inner]', [
    'inner',
  ])
  const lines = [
    measuredLine(),
    `Split: ${flags.inner ? 'first half of each recording split again in order (training half only)' : 'ordered halves of each recording'}. Bytes sent against zstd_dict (64 KB raw-content dictionary, level 19); "seen" = recordings with training messages.`,
    '',
    '| corpus | part | messages | zstd_dict | hybrid (store + zstd_dict) | structure free, values raw | structure free, values by zstd_dict | store per training message |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const file of files) {
    const system = jsonlSystem(path.resolve(file))
    const { train, test } = await splitByRecording(system.file, flags.inner)
    const { parts, storeBytes, templates } = measureCorpus(train, test)
    for (const [name, p] of Object.entries(parts)) {
      if (p.messages === 0) continue
      lines.push(
        `| ${system.name} | ${name} | ${p.messages} | ${x(p.originalBytes, p.dictBytes)} | ${x(p.dictBytes, p.hybridBytes)} fewer | ${x(p.dictBytes, p.rawValuesBytes)} fewer | ${x(p.dictBytes, p.packedValuesBytes)} fewer | ${(storeBytes / Math.max(1, train.length)).toFixed(1)} B (${templates} templates) |`,
      )
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

await runBenchMain(main)
