/**
 * What a learning compressor sends beyond the seed's rule that `run` reports (s41-rev3 F2): a config (as a user
 * writes it, e.g. a store from `discover` and a zstd_dict trained on another day) and a jsonl corpus of
 * `{"text": ...}` lines, compressed in order by the compressor as loaded (learning on) and by its
 * `withoutLearning()` (what `run`'s size pass measures), in the recorded order, a seeded shuffle, and orders where
 * the messages the seed's rule sends as template frames ("wins") and the others come in bursts.
 *   npx tsx bench/learning-bytes.ts <config.yaml> <corpus.jsonl>
 */
import { readFileSync } from 'node:fs'
import { loadCompressor } from '../src/runner/load-compressor.ts'
import { describeMachine } from './lib/machine.ts'

const [configPath, corpusPath] = process.argv.slice(2)
if (configPath === undefined || corpusPath === undefined) {
  console.error('usage: npx tsx bench/learning-bytes.ts <config.yaml> <corpus.jsonl>')
  process.exit(2)
}
const messages = readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text)
const seed = (await loadCompressor(configPath)).withoutLearning()
const wins: string[] = []
const others: string[] = []
for (const m of messages) (seed.compressSync(m).method === 'binary_semantic' ? wins : others).push(m)

let state = 7
const random = (): number => {
  state = (state * 1103515245 + 12345) % 2147483648
  return state / 2147483648
}
function shuffled(list: readonly string[]): string[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as string, out[i] as string]
  }
  return out
}
function bursts(losing: number, winning: number): string[] {
  const out: string[] = []
  for (let i = 0, j = 0; i < others.length || j < wins.length; i += losing, j += winning)
    out.push(...others.slice(i, i + losing), ...wins.slice(j, j + winning))
  return out
}

console.log(describeMachine())
console.log(
  `${messages.length} messages; the seed's rule sends ${wins.length} as template frames, ${others.length} otherwise`,
)
const orders: [string, string[]][] = [
  ['recorded order', messages],
  ['seeded shuffle', shuffled(messages)],
  ['all others, then all wins', [...others, ...wins]],
  ['bursts of 200 others / 200 wins', bursts(200, 200)],
  ['bursts of 100 others / 300 wins', bursts(100, 300)],
  ['bursts of 1000 others / 200 wins', bursts(1000, 200)],
]
for (const [name, stream] of orders) {
  const learning = await loadCompressor(configPath)
  const seedRule = (await loadCompressor(configPath)).withoutLearning()
  let sent = 0
  let counted = 0
  for (const m of stream) {
    sent += learning.compressSync(m).bytes.length
    counted += seedRule.compressSync(m).bytes.length
  }
  const extra = (100 * (sent - counted)) / counted
  console.log(`${name.padEnd(34)} learning ${sent} B, seed's rule (run) ${counted} B, ${extra.toFixed(2)}% more`)
}
