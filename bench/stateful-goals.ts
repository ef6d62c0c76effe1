/**
 * Issue 16's goals, read from a comparison.json written by `aura-bench compare` (e.g. on
 * suites/stateful.yaml): per corpus, the stateful hybrid's ratio against pmd L6 with context
 * takeover (goal >= 1.3x fewer bytes) and against the best per-message entry (goal >= 2x), its
 * encode p99 against pmd L6's, and memory per connection against pmd L6's 295 KiB formula.
 *
 *   npx tsx bench/stateful-goals.ts reports/examples/stateful/comparison.json [hybrid:stateful]
 */
import { readFileSync } from 'node:fs'
import type { Comparison, EntryResult } from '../src/compare/index.ts'

const [file, statefulId = 'hybrid:stateful'] = process.argv.slice(2)
if (file === undefined) {
  process.stderr.write('usage: tsx bench/stateful-goals.ts <comparison.json> [stateful entry id]\n')
  process.exit(2)
}
const comparison = JSON.parse(readFileSync(file, 'utf8')) as Comparison
const PMD = 'permessage_deflate:6:takeover'
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')
const x = (n: number) => `${n.toFixed(2)}x`
const usable = (e: EntryResult) => e.state === 'complete' && e.roundTrip.mismatches === 0

process.stdout.write(
  `comparison ${file} (${comparison.startedAt}, quick=${comparison.quick}, load ${comparison.loadAverage.start.toFixed(2)} -> ${comparison.loadAverage.end.toFixed(2)})\n\n`,
)
process.stdout.write(
  '| corpus | conns | best per-message entry | shipped hybrids (per message) | pmd L6 takeover | zstd stream | stateful hybrid | vs pmd (goal 1.3x) | vs best per-message (goal 2x) | encode p99 stateful / pmd µs |\n',
)
process.stdout.write('|---|---|---|---|---|---|---|---|---|---|\n')
for (const { corpus, entries } of comparison.corpora) {
  const stateful = entries.find((e) => e.spec.id === statefulId)
  const pmd = entries.find((e) => e.spec.id === PMD)
  const stream = entries.find((e) => e.spec.family === 'zstd_stream')
  const perMessage = entries.filter((e) => e.spec.kind === 'per-message' && usable(e))
  const best = perMessage.reduce<EntryResult | undefined>(
    (b, e) => (b === undefined || e.sizes.ratio > b.sizes.ratio ? e : b),
    undefined,
  )
  const hybrids = perMessage
    .filter((e) => e.spec.family === 'hybrid')
    .map((e) => `${e.spec.config} ${x(e.sizes.ratio)}`)
    .join(', ')
  if (stateful === undefined || pmd === undefined || best === undefined) {
    process.stdout.write(`| ${corpus.name} | missing entries |\n`)
    continue
  }
  const coverage = (e: EntryResult) =>
    e.sizes.coverage === 'all' ? '' : ` (${e.sizes.messages}/${e.sizes.heldOutMessages} msgs)`
  const vsPmd = stateful.sizes.ratio / pmd.sizes.ratio
  const vsBest = stateful.sizes.ratio / best.sizes.ratio
  const p99 = (e: EntryResult) => e.latencyUs?.encode.p99 ?? Number.NaN
  process.stdout.write(
    `| ${corpus.name} | ${corpus.connections} | ${best.spec.label} ${x(best.sizes.ratio)} | ${hybrids} | ${x(pmd.sizes.ratio)}${coverage(pmd)} | ${stream === undefined ? '' : x(stream.sizes.ratio)} | ${x(stateful.sizes.ratio)}${coverage(stateful)} | ${x(vsPmd)} ${verdict(vsPmd >= 1.3)} | ${x(vsBest)} ${verdict(vsBest >= 2)} | ${p99(stateful).toFixed(0)} / ${p99(pmd).toFixed(0)} ${verdict(p99(stateful) <= p99(pmd))} |\n`,
  )
}
process.stdout.write('\nmemory per connection (encoder + decoder):\n')
for (const m of comparison.connectionMemory) {
  const formula =
    m.formulaBytes === undefined
      ? 'no formula'
      : `formula ${((m.formulaBytes.encoder + m.formulaBytes.decoder) / 1024).toFixed(1)} KiB`
  const goal =
    m.id === statefulId
      ? ` — goal <= 295 KiB: stream ${verdict((m.formulaBytes === undefined ? Number.POSITIVE_INFINITY : m.formulaBytes.encoder + m.formulaBytes.decoder) <= 295 * 1024)} by formula (the slot and template tables are not in it), ${verdict(m.measuredRssBytes <= 295 * 1024)} by RSS`
      : ''
  process.stdout.write(
    `  ${m.label}: ${formula}, measured RSS ${(m.measuredRssBytes / 1024).toFixed(1)} KiB over ${m.connections} connections${goal}\n`,
  )
}
