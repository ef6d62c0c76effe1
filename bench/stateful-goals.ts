/**
 * Issue 16's goals, read from a comparison.json written by `aura-bench compare` (e.g. on
 * suites/stateful.yaml, whose corpora are the paths it names): per corpus, the stateful hybrid's
 * ratio against pmd L6 with context takeover (goal >= 1.3x fewer bytes) and against the best
 * per-message entry (goal >= 2x), its encode p99 against pmd L6's on the same held-out replay, and
 * memory per connection against pmd L6's 295 KiB (zlib's formula) and pmd L6's RSS measured beside
 * it. Every figure comes from the comparison's held-out halves (ordered splits; a connection's
 * messages in order). The last lines give each goal's verdict, computed here: met only if met on
 * every corpus. The machine's load during the comparison is printed first: times are shared-machine
 * times.
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
const perCorpus: { corpus: string; vsPmd: boolean; vsBest: boolean; p99: boolean }[] = []
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
  perCorpus.push({
    corpus: corpus.name,
    vsPmd: vsPmd >= 1.3 && usable(stateful),
    vsBest: vsBest >= 2 && usable(stateful),
    p99: p99(stateful) <= p99(pmd),
  })
  process.stdout.write(
    `| ${corpus.name} | ${corpus.connections} | ${best.spec.label} ${x(best.sizes.ratio)} | ${hybrids} | ${x(pmd.sizes.ratio)}${coverage(pmd)} | ${stream === undefined ? '' : x(stream.sizes.ratio)} | ${x(stateful.sizes.ratio)}${coverage(stateful)} | ${x(vsPmd)} ${verdict(vsPmd >= 1.3)} | ${x(vsBest)} ${verdict(vsBest >= 2)} | ${p99(stateful).toFixed(0)} / ${p99(pmd).toFixed(0)} ${verdict(p99(stateful) <= p99(pmd))} |\n`,
  )
}
process.stdout.write('\nmemory per connection (encoder + decoder):\n')
const PMD_FORMULA_BYTES = 295 * 1024
const memoryOf = (id: string) => comparison.connectionMemory.find((m) => m.id === id)
const formulaOf = (id: string) => {
  const f = memoryOf(id)?.formulaBytes
  return f === undefined ? Number.POSITIVE_INFINITY : f.encoder + f.decoder
}
/** An RSS reading below what the entry's JS retains (compare's report calls it unreliable, round 38). */
const rssUnreliable = (m: { measuredRssBytes: number; retainedBytes?: number }): boolean =>
  m.retainedBytes !== undefined && m.measuredRssBytes < m.retainedBytes
for (const m of comparison.connectionMemory) {
  const formula =
    m.formulaBytes === undefined
      ? 'no formula'
      : `formula ${((m.formulaBytes.encoder + m.formulaBytes.decoder) / 1024).toFixed(1)} KiB`
  const goal =
    m.id === statefulId
      ? ` — goal <= pmd L6's 295 KiB: ${verdict(formulaOf(m.id) <= PMD_FORMULA_BYTES)} by formula, ${rssUnreliable(m) ? 'RSS unreliable (its growth below what JS retains: pages freed by entries probed before it were reused; the formula and JS readings decide)' : `${verdict(m.measuredRssBytes <= (memoryOf(PMD)?.measuredRssBytes ?? 0))} by RSS (vs pmd L6's RSS in the same probe)`}${m.retainedBytes === undefined ? '' : `, ${verdict(m.retainedBytes <= PMD_FORMULA_BYTES)} by what JS retains`}`
      : ''
  process.stdout.write(
    `  ${m.label}: ${formula}, measured RSS ${(m.measuredRssBytes / 1024).toFixed(1)} KiB${m.retainedBytes === undefined ? '' : `, retained by JS ${(m.retainedBytes / 1024).toFixed(1)} KiB`} over ${m.connections} connections${goal}\n`,
  )
}

const count = (key: 'vsPmd' | 'vsBest' | 'p99') => perCorpus.filter((c) => c[key]).length
const missed = (key: 'vsPmd' | 'vsBest' | 'p99') =>
  perCorpus
    .filter((c) => !c[key])
    .map((c) => c.corpus)
    .join(', ')
const corpusGoal = (key: 'vsPmd' | 'vsBest' | 'p99', text: string) => {
  const n = count(key)
  const all = n === perCorpus.length && n === comparison.corpora.length
  process.stdout.write(
    `goal: ${text}: ${verdict(all)} (met on ${n} of ${comparison.corpora.length} corpora${all ? '' : `; not on ${missed(key) || 'corpora with missing entries'}`})\n`,
  )
}
process.stdout.write('\n')
corpusGoal('vsPmd', '>= 1.3x fewer bytes than pmd L6 with context takeover on every corpus')
corpusGoal('vsBest', '>= 2x fewer bytes than the best per-message entry on every corpus')
const stateful = memoryOf(statefulId)
const pmdMemory = memoryOf(PMD)
// every reading must be within the goal: the formula, RSS against pmd's in the same probe, and (when the
// comparison has it) what the connection's JS objects retain, which the formula leaves out
const memoryMet =
  formulaOf(statefulId) <= PMD_FORMULA_BYTES &&
  stateful !== undefined &&
  pmdMemory !== undefined &&
  (rssUnreliable(stateful) || stateful.measuredRssBytes <= pmdMemory.measuredRssBytes) &&
  (stateful.retainedBytes === undefined || stateful.retainedBytes <= PMD_FORMULA_BYTES)
process.stdout.write(
  `goal: memory per connection <= pmd L6's 295 KiB: ${verdict(memoryMet)} (formula ${(formulaOf(statefulId) / 1024).toFixed(1)} KiB; RSS ${((stateful?.measuredRssBytes ?? Number.NaN) / 1024).toFixed(1)} KiB${stateful !== undefined && rssUnreliable(stateful) ? ' (unreliable)' : ''} vs pmd L6 ${((pmdMemory?.measuredRssBytes ?? Number.NaN) / 1024).toFixed(1)} KiB${stateful?.retainedBytes === undefined ? '' : `; retained by JS ${(stateful.retainedBytes / 1024).toFixed(1)} KiB`})\n`,
)
corpusGoal('p99', "encode p99 <= pmd L6's on the same replay, every corpus")
