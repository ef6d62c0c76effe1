/**
 * The cm sender's first pass in a fresh process (round 12), as `compare` meets it when a corpus is the
 * first one its process codes: the factory primed with the dictionary (from the training half), 40
 * held-out messages on a throwaway connection, then one timed pass over the held-out half as one
 * connection. Prints the pass's p99 and total. `SRC_DIR` is the src to load (this checkout's, or a
 * copy of another commit's), so two versions are compared by alternating processes; the machine is
 * shared, so the load is printed. A copy whose optimised code deoptimises during the pass spends the
 * recompile time in unoptimised code, which shows in the total.
 *
 *   npx tsx bench/stateful-cold.ts <messages.jsonl | System_2k.log> [--src SRC_DIR] [--name LABEL]
 */
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { hrtime } from 'node:process'
import { loadHeldOutWithDictionary, readBenchArgs } from './stateful-args.ts'

const { corpora, option } = readBenchArgs('tsx bench/stateful-cold.ts <corpus> [--src SRC_DIR] [--name LABEL]')
const model: typeof import('../src/stateful/model-stream.ts') = await import(
  resolve(option('src', 'src'), 'stateful/model-stream.ts')
)
const path = corpora[0] as string
const { heldOut, dictionary } = await loadHeldOutWithDictionary(path, 1 << 20)
const factory = model.createModelStreamFactory(dictionary, model.cmSizes({ windowLog: 15, hashLog: 12 }))
const warm = factory.encoder()
for (const message of heldOut.slice(0, 40)) warm(message.bytes)
const encode = factory.encoder()
const us: number[] = []
for (const message of heldOut) {
  const t0 = hrtime.bigint()
  encode(message.bytes)
  us.push(Number(hrtime.bigint() - t0) / 1e3)
}
const sorted = [...us].sort((a, b) => a - b)
const p99 = sorted[Math.floor(us.length * 0.99)] as number
const totalMs = us.reduce((a, b) => a + b, 0) / 1e3
process.stdout.write(
  `${option('name', option('src', 'src'))} ${path.split('/').at(-2)}: one pass, ${us.length} msgs, p99 ${p99.toFixed(0)} µs, total ${totalMs.toFixed(1)} ms; load ${(loadavg()[0] as number).toFixed(2)} (shared machine)\n`,
)
