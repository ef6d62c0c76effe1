/**
 * Memory per connection of the stateful hybrid, two readings side by side (a check of the probes, not
 * a goal's figure): connections opened with `openStatefulPair` (sender and receiver, no socket, no ws)
 * from the config a user writes (default configs/stateful/stateful.yaml), its dictionary made from the
 * corpus's training half as `compare` makes it; for each count N, N connections held open, then N more
 * held open after each was sent `--warm-kib` of held-out messages in order. After a full GC before and
 * after each step: RSS growth per connection and what live JS objects retain (V8's used heap plus
 * external memory). Printed beside them: the config's formula (cm: the model's typed arrays on both ends).
 *
 *   npx tsx bench/connection-memory.ts <messages.jsonl | System_2k.log> [--config FILE] [--counts 50,100,400] [--warm-kib 64]
 */
import { loadHeldOutWithDictionary, loadText, readBenchArgs } from './stateful-args.ts'
import { readMemoryAfterGc, type MemoryReading } from '../src/compare/index.ts'
import { cmFormulaBytes, openStatefulPair, statefulOptionsFromConfig } from '../src/stateful/index.ts'
import { loadCompressorConfig } from '../src/suite/config-file.ts'

const { corpora, option } = readBenchArgs(
  'tsx bench/connection-memory.ts <corpus> [--config FILE] [--counts 50,100,400] [--warm-kib 64]',
)
const counts = option('counts', '50,100,400').split(',').map(Number)
const warmBytes = Number(option('warm-kib', '64')) * 1024
const config = await loadCompressorConfig(option('config', 'configs/stateful/stateful.yaml'))
const path = corpora[0] as string
const { heldOut, dictionary } = await loadHeldOutWithDictionary(path, config.zstdDictSizeBytes)
const options = statefulOptionsFromConfig(config, dictionary)
const warm: Uint8Array[] = []
for (let i = 0, total = 0; total < warmBytes && heldOut.length > 0; i++) {
  const message = (heldOut[i % heldOut.length] as { bytes: Uint8Array }).bytes
  warm.push(message)
  total += message.length
}
const kib = (bytes: number): string => (bytes / 1024).toFixed(1)
const formula = options.codec === 'cm' ? cmFormulaBytes(options) : undefined
process.stdout.write(
  `${new Date().toISOString()}: ${config.name} on ${path}; formula ${formula === undefined ? '- (no formula for this codec)' : `${kib(formula.encoder + formula.decoder)} KiB (both ends)`}; warm ${warm.length} held-out messages per connection; load ${loadText()} (shared machine)\n\n`,
)
process.stdout.write(
  '| connections | step | RSS growth per connection KiB | retained by JS per connection KiB |\n|---:|---|---:|---:|\n',
)
const held: { close(): void }[][] = []
// one connection first, closed: what the config allocates once per process is not per connection
{
  const pair = openStatefulPair(options)
  for (const message of warm) await pair.decode(await pair.encode(message))
  pair.close()
}
for (const count of counts) {
  for (const step of ['opened', `opened, then sent ${kib(warmBytes)} KiB`]) {
    const open: { close(): void }[] = []
    held.push(open)
    const before: MemoryReading = readMemoryAfterGc()
    for (let i = 0; i < count; i++) {
      const pair = openStatefulPair(options)
      open.push(pair)
      if (step !== 'opened') for (const message of warm) await pair.decode(await pair.encode(message))
    }
    const after = readMemoryAfterGc()
    process.stdout.write(
      `| ${count} | ${step} | ${kib((after.rssBytes - before.rssBytes) / count)} | ${kib((after.retainedBytes - before.retainedBytes) / count)} |\n`,
    )
  }
}
for (const open of held) for (const pair of open) pair.close()
process.stdout.write(`\nload at the end ${loadText()}\n`)
