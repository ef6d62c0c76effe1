/**
 * Encode cost of the json_residue side (round s35-jfix): two builds side by side in one process,
 * interleaved, compressSync on the held-out half of a JSONL corpus with a store discovered on the ordered
 * first half and a 64 KB raw-content dictionary of it. Build A may predate the jsonResidue store field:
 * it gets the store without it.
 *
 *   npx tsx bench/json-residue-encode-ab.ts --a <dist A> --b <dist B> --config configs/loghub/discovered.yaml <messages.jsonl>
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({
  options: { a: { type: 'string' }, b: { type: 'string' }, config: { type: 'string' }, rounds: { type: 'string' } },
  allowPositionals: true,
})
if (values.a === undefined || values.b === undefined || values.config === undefined || positionals.length !== 1) {
  console.error('usage: npx tsx bench/json-residue-encode-ab.ts --a <dist> --b <dist> --config <yaml> <messages.jsonl>')
  process.exit(2)
}
const file = positionals[0] as string
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line).text as string)
const half = Math.floor(texts.length / 2)
const train = texts.slice(0, half)
const test = texts.slice(half)
const enc = new TextEncoder()

// biome-ignore lint/suspicious/noExplicitAny: two builds' dist indexes, typed alike
async function side(dist: string, withModel: boolean): Promise<any> {
  const api = await import(path.resolve(dist, 'index.js'))
  const B = await import(path.resolve(values.b as string, 'index.js'))
  const { store } = B.discoverTemplates(train, { corpus: path.basename(file) })
  const json = B.toTemplateStoreJson(store)
  if (!withModel) delete json.jsonResidue
  const parsed = api.parseTemplateStore(JSON.parse(JSON.stringify(json)), 'store.json')
  const config = await api.loadCompressorConfig(values.config as string)
  const dictionary = api.createRawContentDictionary(
    train.map((t) => enc.encode(t)),
    65536,
  )
  return api.createHybridCompressor(config, { store: parsed, matcher: api.createMatcher(parsed), dictionary })
}

const a = await side(values.a, false)
const b = await side(values.b, true)
const rounds = Number(values.rounds ?? 5)
const time = { a: 0, b: 0 }
const bytes = { a: 0, b: 0 }
const residueFrames = { a: 0, b: 0 }
for (let r = 0; r < rounds; r++)
  for (const [name, c] of (r % 2 === 0
    ? [
        ['a', a],
        ['b', b],
      ]
    : [
        ['b', b],
        ['a', a],
      ]) as [
    'a' | 'b',
    // biome-ignore lint/suspicious/noExplicitAny: see side()
    any,
  ][]) {
    const start = process.hrtime.bigint()
    let total = 0
    let residue = 0
    for (const t of test) {
      const result = c.compressSync(t)
      total += result.bytes.length
      if (result.method === 'json_residue') residue++
    }
    time[name] += Number(process.hrtime.bigint() - start) / 1e3
    bytes[name] = total
    residueFrames[name] = residue
  }
const original = test.reduce((n, t) => n + enc.encode(t).length, 0)
console.log(
  `${path.basename(path.dirname(file))}: ${test.length} held-out messages, ${rounds} interleaved rounds, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
for (const name of ['a', 'b'] as const)
  console.log(
    `  ${name} (${name === 'a' ? values.a : values.b}): ${(time[name] / rounds / test.length).toFixed(1)} us/message, ${bytes[name]} bytes (${(original / bytes[name]).toFixed(3)}x), json_residue frames ${residueFrames[name]}`,
  )
console.log(`  b/a time ${(time.b / time.a).toFixed(2)}x`)
