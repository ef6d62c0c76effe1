/**
 * Prototype (round 33, s33-json): the bytes a JSON residue frame (bench/lib/json-residue.ts: object
 * shapes from a table learnt in training, string values that rules rebuild from their siblings left
 * out, the other values compressed together by zstd with the config's dictionary) would send, beside
 * today's hybrid. A diagnostic, not a goal figure: the goal is measured by bench/discovery.ts
 * --per-recording through a suite (since round 35 with the library's json_residue frame, whose store
 * rule is not the budget column's).
 *
 *   npx tsx bench/json-residue-proto.ts --jsonl <file>... [--inner]
 *
 * Each recording of a JSONL corpus (recordings.tsv) is split in order as bench/discovery.ts
 * --per-recording does: its first half trains (discovery with defaults, a 64 KB raw-content
 * dictionary, zstd level 19, the residue model), its second half is measured. `--inner` splits the
 * first half of each recording again instead (choose on the training half only). Every residue frame
 * is decoded and compared with its message before it is counted (encodeResidue checks it).
 * Columns, bytes sent against zstd_dict (tag byte counted everywhere):
 * - hybrid today: the smaller of the discovered store's template frame and the zstd_dict frame;
 * - + residue frame: the smallest of those and the residue frame (tag byte + payload): with the
 *   shape table and no derivation rule (every value sent), with no store budget, and with a budget
 *   of STORE_BYTES_PER_MESSAGE store bytes per training message for shapes and rules together (the
 *   JSON templates' store rule, discovery-json.ts; shapes most used first take up to half, then
 *   patterns most used first).
 */
import os from 'node:os'
import path from 'node:path'
import { writeTemplateFrame } from '../src/codecs/framing.ts'
import { createRawContentDictionary } from '../src/codecs/raw-content-dictionary.ts'
import { createZstdDictCodec } from '../src/codecs/zstd-dict.ts'
import { STORE_BYTES_PER_MESSAGE } from '../src/templates/discovery-json.ts'
import { createTemplateFrameEncoder, discoverTemplates } from '../src/templates/index.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { jsonlArguments, jsonlSystem, measuredLine, splitByRecording } from './lib/discovery-corpora.ts'
import { encodeResidue, learnResidueModel, type ResidueModel, residueModelBytes } from './lib/json-residue.ts'

const DICTIONARY_BYTES = 65536
const NO_BODY = new Uint8Array(0)

async function main(argv: readonly string[]): Promise<number> {
  const { files, flags } = jsonlArguments(argv, 'npx tsx bench/json-residue-proto.ts --jsonl <file>... [--inner]', [
    'inner',
  ])
  const lines = [
    measuredLine(),
    `Split: ${flags.inner ? 'first half of each recording split again in order (training half only)' : 'ordered halves of each recording'}; "seen" = recordings with training messages, "all" = every measured message (the goal bench's row). Bytes sent against zstd_dict (64 KB raw-content dictionary, level 19, tag byte counted). Every residue frame counted was decoded back to its message.`,
    '',
    '| corpus | part | messages | zstd_dict bytes | hybrid today | + residue frame, no rules, no store budget | + residue frame, no store budget | + residue frame, store budget | messages the residue frame wins (budget) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ]
  const notes: string[] = []
  const encoder = new TextEncoder()
  for (const file of files) {
    const system = jsonlSystem(path.resolve(file))
    const { train, test } = await splitByRecording(system.file, flags.inner)
    const { store } = discoverTemplates(train)
    const templates = createTemplateFrameEncoder(store, (id) => writeTemplateFrame(id, NO_BODY))
    const zstd = createZstdDictCodec({
      dictionary: createRawContentDictionary(
        train.map((t) => encoder.encode(t)),
        DICTIONARY_BYTES,
      ),
      level: 19,
    })
    const codec = {
      encode: (b: Uint8Array) => zstd.encode(b) as Uint8Array,
      decode: (b: Uint8Array) => zstd.decode(b) as Uint8Array,
    }
    const models: ResidueModel[] = []
    for (const budget of [Number.POSITIVE_INFINITY, STORE_BYTES_PER_MESSAGE]) {
      const started = performance.now()
      const model = learnResidueModel(train, { storeBytesPerMessage: budget })
      const ms = performance.now() - started
      models.push(model)
      if (!Number.isFinite(budget)) models.push({ ...model, rules: new Map() })
      let patterns = 0
      for (const list of model.rules.values()) patterns += list.length
      notes.push(
        `${system.name}, ${Number.isFinite(budget) ? `budget ${budget} B` : 'no budget'}: ${train.length} training messages; ${model.shapes.length} object shapes, ${model.rules.size} keys with ${patterns} patterns; store bytes added ${residueModelBytes(model)} (${(residueModelBytes(model) / train.length).toFixed(1)} B per training message); learnt in ${ms.toFixed(0)} ms (load ${os.loadavg()[0]?.toFixed(2)}).`,
      )
    }
    const parts = new Map<string, number[]>()
    for (const { text, seen } of test) {
      const bytes = encoder.encode(text)
      const dict = 1 + (zstd.encode(bytes) as Uint8Array).length
      const hybrid = Math.min(dict, templates.encode(text, bytes)?.frame.length ?? Number.POSITIVE_INFINITY)
      const [free, noRules, budget] = models.map(
        (m) => 1 + (encodeResidue(m, text, codec)?.length ?? Number.POSITIVE_INFINITY),
      ) as [number, number, number]
      for (const name of [seen ? 'seen' : 'unseen', 'all']) {
        const acc = parts.get(name) ?? [0, 0, 0, 0, 0, 0, 0]
        parts.set(name, acc)
        const add = [1, dict, hybrid, Math.min(hybrid, noRules), Math.min(hybrid, free), Math.min(hybrid, budget)]
        add.push(budget < hybrid ? 1 : 0)
        add.forEach((v, i) => {
          acc[i] = (acc[i] as number) + v
        })
      }
    }
    for (const [name, [n, dict, hybrid, noRules, free, budget, won] = []] of parts) {
      const x = (v: number | undefined) => `${((dict as number) / (v as number)).toFixed(3)}x`
      lines.push(
        `| ${system.name} | ${name} | ${n} | ${dict} | ${x(hybrid)} | ${x(noRules)} | ${x(free)} | **${x(budget)}** | ${won} |`,
      )
    }
  }
  process.stdout.write(`${[...lines, '', ...notes].join('\n')}\n`)
  return 0
}

await runBenchMain(main)
