/** report.md of a comparison: summary first, then how it was measured, memory, and one section per corpus (pure). */
import { chartsLeftOut, createCorpusCharts } from './charts.ts'
import { FULL_COVERAGE_FACTOR } from './measure-message-entry.ts'
import {
  collapsible,
  escapeCell,
  formatCondition,
  formatCount,
  formatMetricValue,
  formatMicros,
  formatPercent,
  formatRatio,
  renderTable,
} from '../report/index.ts'
import { currentCodecName, formatBytes, formatEntryRatio, formatMBps, formatMeasuredRss } from './format.ts'
import { renderSummary } from './summary.ts'
import type { Comparison, CorpusComparison, EntryResult } from './types.ts'

/** Options of the comparison report. */
interface ComparisonMarkdownOptions {
  /** chart image extension the report links (`png`, or `svg` when PNGs were not rendered); none: no chart links */
  chartExtension?: 'png' | 'svg'
  /** sections after the gate's, e.g. the baseline comparison (the CLI renders it with the gate layer) */
  sections?: readonly string[]
}

/** A target's value as the gate judged it. */
function targetValue(metric: string, value: number | null): string {
  return value === null ? 'not measured' : formatMetricValue(metric, value)
}

/**
 * The Gate section (round 35): the suite's targets judged on the stateful config entries, with the
 * verdict and its reasons; absent when no target reaches a stateful config and no baseline was given.
 */
function renderGate(c: Comparison): string | undefined {
  const gate = c.gate
  if (gate === undefined) return undefined
  const badge = gate.status === 'pass' ? '✅ PASS' : '❌ FAIL'
  const rows = gate.judged.flatMap((j) =>
    j.targets.map((t) => [
      escapeCell(j.corpus),
      escapeCell(j.config),
      escapeCell(`${t.label} (${t.metric})`),
      targetValue(t.metric, t.value),
      formatCondition(t.metric, t.direction, t.pass) +
        (t.near === undefined ? '' : ` (near ${formatCondition(t.metric, t.direction, t.near)})`),
      t.status.toUpperCase(),
      t.gated ? 'yes' : 'no',
      j.messages === j.heldOutMessages
        ? formatCount(j.messages)
        : `${formatCount(j.messages)} of ${formatCount(j.heldOutMessages)}`,
    ]),
  )
  return [
    `## Gate: ${badge}`,
    '',
    `The suite's targets judged on its stateful configs' entries, from their figures on the held-out part (compare is where a \`mode: stateful\` config is gated: \`run\` refuses it). Per-message configs are judged by \`run\`.${gate.latencyGated ? '' : ' Latency targets and regressions are judged but do not gate (--no-latency-gate).'}`,
    '',
    ...(gate.reasons.length === 0 ? [] : [...gate.reasons.map((r) => `- ${escapeCell(r)}`), '']),
    rows.length === 0
      ? 'No target reaches a stateful config: the gate judged the baseline comparison alone.'
      : renderTable(['Corpus', 'Config', 'Target', 'Value', 'Pass', 'Status', 'Gated', 'Messages'], rows),
  ].join('\n')
}

function renderHeader(c: Comparison): string {
  const lines = [`# aura-bench comparison: ${escapeCell(c.suite)}`, '']
  if (c.description !== undefined) lines.push(escapeCell(c.description), '')
  lines.push(
    `**Started:** ${c.startedAt} · **Took:** ${formatCount(c.durationSeconds)} s · **Corpora:** ${c.corpora.length}${c.quick ? ' · **--quick** (fewer levels, small samples)' : ''}`,
  )
  return lines.join('\n')
}

/** How the figures were obtained, from the settings the comparison ran with. */
function renderMethod(c: Comparison): string {
  const s = c.settings
  const splits = [
    ...new Set(
      c.corpora.map(
        (x) =>
          `${x.corpus.split.mode} ${formatPercent(x.corpus.split.trainFraction, 0)} / ${formatPercent(1 - x.corpus.split.trainFraction, 0)}`,
      ),
    ),
  ]
  // s39-trial D8: a split by message cuts through recorded connections, so the dictionaries saw the held-out connections
  // s40-trial D5: only where some recorded connection has messages on both sides (files before round 40 do not say: warned)
  const recorded = c.corpora
    .filter((x) => x.corpus.hasRecordings && (x.corpus.connectionsAcrossSplit ?? 1) > 0)
    .map((x) => x.corpus.name)
  const sameConnections =
    recorded.length === 0
      ? ''
      : ` On ${recorded.length === 1 ? 'corpus' : 'corpora'} ${recorded.join(', ')} (recorded connections) the split is by message, not by connection: a connection's first messages can be in the training part and its later ones held out, so the dictionaries (and any store discovered in the suite) were built from the same connections' names and ids that the held-out messages repeat. A dictionary or store built from another day's traffic, as a deployment ships one, can compress the held-out messages less; to measure that, give the config a \`zstd_dict_training_corpus\` or a \`template_store_path\` made from another file.`
  return [
    '## How this was measured',
    '',
    `- **Split:** each corpus is split ${splits.join(', ')} (train / held out). Dictionaries are raw-content dictionaries (createRawContentDictionary) built from the training part; every figure is measured on the held-out part.${sameConnections}`,
    `- **Sizes:** every held-out message is compressed alone and decoded back byte-exact. An entry whose size pass runs past ${formatCount(s.sizeBudgetMs)} ms, and is not on course to finish within ${FULL_COVERAGE_FACTOR}x that, stops there (after at least ${s.minSizeMessages} messages), so it measured a uniform sample (the first messages of a seeded random order); the *Sized* column says how many. A few large messages can carry much of a corpus's bytes, so such an entry's ratio (marked ≈) is a ratio estimate for the whole held-out part: its bytes on the sample × a reference entry's bytes on every message / the reference's bytes on the same sample, the reference being the highest level of the same family that measured every message (named in the *Sized* column, with the sample's own ratio), never another family. When no entry of its family measured every message, the entry's ratio is its sample's own, unscaled, and the *Sized* column says so. Stateful entries cut by the budget replay whole connections and are not scaled; every per-connection entry (pmd, zstd_stream, stateful configs) is then cut to the connections all of them replayed (the first of one seeded order), so they compare on the same messages, and a ratio over such a sample says so wherever it is quoted.`,
    '- **What counts:** per-codec baselines count only the codec payload (no method tag or frame); hybrid configs count their whole frames, tag included (docs/contracts.md); stateful entries count what each message sends after its flush (permessage-deflate without the trailing 00 00 ff ff). Dictionaries and template stores are shared state, listed separately.',
    `- **Latency** (µs per message): the runner's measureLatency (tinybench, raw samples) cycles ${s.latency.samples} times per direction (at most ${formatCount(s.latency.timeMs)} ms, ${s.latency.warmup} warm-up calls) through a seeded sample of ${s.latency.messages} held-out messages, the same sample for every entry. Entries whose size pass hit its budget get the same warm pass when its floors fit in one more size budget; an entry too slow for that keeps its size pass's own per-message times (each sampled message timed once, cold: method *size-pass (cold)*) and is not ranked by latency in the Summary. Stateful entries time every replayed message in order (process.hrtime.bigint); corpora with recordings are replayed per connection, others as one connection. Async codecs (@mongodb-js/zstd, node:zlib streams) include their thread-pool round trip: that is what a Node server pays.`,
    '- **Throughput** (*Enc / dec MB/s at mean (mean µs)*, the mean call times beside): MB (10^6 bytes) of original message per second, from the same timings as the latency columns: the mean size of the timed messages ÷ the mean encode (decode) call time. Entries timed in the size pass or replayed in order: their bytes ÷ their summed call times (the same thing). A mean above its own p99 is carried by a few slow calls (a loaded machine): such a cell is marked ⚠ and also gives MB/s at the p50 (the mean size ÷ the p50 call time), the robust figure to rank by.',
    `- **Memory per connection** (stateful entries): zlib's documented formula where there is one, and RSS growth measured over ${s.memoryConnections} connections held open at once, each after a window's worth of messages.`,
    `- **Recommendation:** within each encode-p95 budget (${s.budgetsUs.map((b) => `${formatMicros(b)} µs`).join(', ')}), the per-message entry with the highest ratio among those that completed with every round trip byte-exact; "current" is ${currentCodecName(s.current)}${s.current.codec === 'permessage_deflate' ? ' (per connection: the stateful entries are compared with it, on the same connections)' : ''}. Hybrid and stateful configs' frames decode only with aura-bench in Node (zstd-napi, a native addon; no browser build): a pick of one applies to receivers that run Node, where a browser decodes permessage-deflate natively.`,
    `- **Machine:** ${escapeCell(c.environment.cpu)} × ${c.environment.cpus}, Node ${c.environment.node}, 1-minute load average ${c.loadAverage.start.toFixed(1)} at the start and ${c.loadAverage.end.toFixed(1)} at the end (above ${c.environment.cpus}, other work was competing for the CPUs and every timing is slower than on an idle machine, the async bindings' thread-pool hops most). Compare entries with each other, not with other machines. Seed ${s.seed}.`,
  ].join('\n')
}

function renderEnvironment(c: Comparison): string {
  const rows = Object.entries(c.environment.libraries).map(([name, version]) => [escapeCell(name), escapeCell(version)])
  return [
    '## Environment',
    '',
    renderTable(
      ['Library', 'Version'],
      [['Node', c.environment.node], ['Platform', `${c.environment.platform} ${c.environment.arch}`], ...rows],
    ),
  ].join('\n')
}

function renderMemory(c: Comparison): string | undefined {
  if (c.connectionMemory.length === 0) return undefined
  const rows = c.connectionMemory.map((m) => [
    `\`${m.label}\``,
    m.formulaBytes === undefined
      ? '— (no documented formula)'
      : `${formatBytes(m.formulaBytes.encoder)} + ${formatBytes(m.formulaBytes.decoder)} = ${formatBytes(m.formulaBytes.encoder + m.formulaBytes.decoder)}${m.formulaExcludes === undefined ? '' : ` (leaves out ${escapeCell(m.formulaExcludes)}: read the measured columns)`}`,
    formatMeasuredRss(m),
    m.retainedBytes === undefined ? '—' : formatBytes(m.retainedBytes),
  ])
  return [
    '## Memory per connection (stateful entries)',
    '',
    renderTable(
      [
        'Entry',
        'Formula (sender + receiver)',
        `Measured RSS growth per connection (${c.connectionMemory[0]?.connections ?? 0} open)`,
        'Retained by JS per connection (heap + external)',
      ],
      rows,
    ),
    '',
    `Measured once, on the first corpus (${escapeCell(c.corpora[0]?.corpus.name ?? '—')}), before any entry ran: each connection is warmed with that corpus's held-out messages, in order, up to its window's size; the Summary repeats this one reading on every corpus's row. ` +
      "The formula is what zlib allocates for the deflate entries (deflate: 2^(windowBits+2) + 2^(memLevel+9); inflate: 2^windowBits + about 7 KiB) and, for a cm stateful entry, the model's typed arrays on each side and the sender's coder buffer (docs/stateful.md). Each entry is measured in a child process of its own (since round 39: in one process an entry reused pages the entries measured before it had freed, and read low), which opens and closes one connection before its first reading: what it builds once per process (a shared dictionary's index, a primed model) is not per connection. The measurement also counts each Node stream's objects and output buffers, and only pages actually touched; RSS also keeps what the allocator held on to after calls that freed it. *Retained by JS* is the growth of V8's used heap plus external memory (typed arrays, Buffers) after two full GCs: the state live objects hold, without a native library's own allocations (zlib's streams appear in RSS only).",
  ].join('\n')
}

function latencyCells(e: EntryResult): string[] {
  const l = e.latencyUs
  if (l === undefined) return ['—', '—', '—']
  const triple = (p: { p50: number; p95: number; p99: number }) =>
    `${formatMicros(p.p50)} / ${formatMicros(p.p95)} / ${formatMicros(p.p99)}`
  return [triple(l.encode), triple(l.decode), l.method === 'size-pass' ? 'size-pass (cold, not ranked)' : l.method]
}

function entryRow(e: EntryResult): string[] {
  if (e.state === 'failed' && e.sizes.messages === 0)
    return [
      `\`${e.spec.label}\``,
      e.library || '—',
      `failed: ${escapeCell(e.error?.code ?? '')} ${escapeCell(e.error?.message ?? '')}`,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]
  const estimate =
    e.sizes.estimatedFrom !== undefined
      ? ` (sample ${formatRatio(e.sizes.sampleRatio ?? Number.NaN)}; scaled by \`${e.sizes.estimatedFrom}\`)`
      : e.spec.kind === 'per-message'
        ? ` (the sample's own ratio, unscaled: no ${e.spec.family} entry measured every message, or none on the same messages)`
        : e.sizes.connections !== undefined && e.sizes.heldOutConnections !== undefined
          ? ` (${formatCount(e.sizes.connections)} of ${formatCount(e.sizes.heldOutConnections)} connections${e.sizes.replayedBeyondCommon === undefined ? '' : `; replayed ${formatCount(e.sizes.replayedBeyondCommon.connections)}, cut to the connections every per-connection entry replayed`})`
          : ''
  const sized =
    e.sizes.coverage === 'all'
      ? `all ${formatCount(e.sizes.messages)}`
      : `${formatCount(e.sizes.messages)} of ${formatCount(e.sizes.heldOutMessages)}${estimate}`
  const roundTrip = e.roundTrip.mismatches === 0 ? '' : ` ❌ ${e.roundTrip.mismatches} round trips differ`
  const failed = e.state === 'failed' ? ` ❌ ${escapeCell(e.error?.code ?? 'failed')}` : ''
  return [
    `\`${e.spec.label}\`${e.pareto ? ' ◆' : ''}`,
    escapeCell(e.library),
    `${formatEntryRatio(e, true)}${roundTrip}${failed}`,
    formatPercent(e.sizes.savings),
    formatPercent(e.sizes.expansionRate),
    ...latencyCells(e),
    `${formatMBps(e.throughputMBps.encode)} / ${formatMBps(e.throughputMBps.decode)}${
      e.latencyUs === undefined
        ? ''
        : ` (mean ${formatMicros(e.latencyUs.encode.mean)} / ${formatMicros(e.latencyUs.decode.mean)} µs)${outlierMeanNote(e)}`
    }`,
    sized,
    e.sharedStateBytes > 0 ? formatBytes(e.sharedStateBytes) : '',
  ]
}

/**
 * s38-trial D12: a mean above its own p99 is carried by a few slow calls (preemption, a GC on a loaded machine), so
 * MB/s at that mean ranks by noise: the cell says which direction, and gives MB/s at the p50 (the mean size ÷ p50).
 */
export function outlierMeanNote(e: EntryResult): string {
  const latency = e.latencyUs
  if (latency === undefined) return ''
  const sides = (['encode', 'decode'] as const).filter((d) => latency[d].mean > latency[d].p99 && latency[d].p50 > 0)
  if (sides.length === 0) return ''
  const atP50 = (d: 'encode' | 'decode'): string => formatMBps((e.throughputMBps[d] * latency[d].mean) / latency[d].p50)
  const which = sides.length === 2 ? 'both means' : `the ${sides[0]} mean`
  return ` ⚠ ${which} above ${sides.length === 2 ? 'their' : 'its'} p99 (a few slow calls carry ${sides.length === 2 ? 'them' : 'it'}); at p50 ${atP50('encode')} / ${atP50('decode')} MB/s`
}

/** One corpus: what was measured, its charts, and every entry's row. */
function renderCorpusSection(
  c: CorpusComparison,
  chartLinks: readonly { title: string; path: string }[],
  withCharts: boolean,
): string {
  const leftOut = withCharts ? chartsLeftOut(c) : undefined
  const info = c.corpus
  const connections = info.hasRecordings
    ? `${formatCount(info.connections)} recorded connections`
    : info.recordingsFile === undefined
      ? 'no recordings (stateful entries replay it as one connection)'
      : 'a recordings.tsv that covers none of the held-out messages or is not read (see the warnings): stateful entries replay it as one connection'
  const header = [
    'Entry',
    'Library',
    'Ratio',
    'Saved',
    'Expanded',
    'Encode p50 / p95 / p99 µs',
    'Decode p50 / p95 / p99 µs',
    'Latency from',
    'Enc / dec MB/s at mean (mean µs)',
    'Sized',
    'Shared state',
  ]
  return [
    `## Corpus: ${escapeCell(info.name)}`,
    '',
    `\`${escapeCell(info.path)}\`: ${formatCount(info.trainMessages)} training and ${formatCount(info.heldOutMessages)} held-out messages (${formatBytes(info.heldOutBytes)}, mean ${formatCount(info.heldOutBytes / info.heldOutMessages)} B), ${connections}; latency sample ${info.latencySampleMessages} messages. ◆ marks the per-message Pareto frontier (no entry both smaller and faster at encode p95).`,
    '',
    ...(leftOut === undefined ? [] : [leftOut, '']),
    ...chartLinks.flatMap((link) => [`![${escapeCell(link.title)}](${encodeURI(link.path)})`, '']),
    renderTable(header, c.entries.map(entryRow)),
  ].join('\n')
}

/** Renders report.md (pure: same comparison, same text). */
export function renderComparisonMarkdown(c: Comparison, options: ComparisonMarkdownOptions = {}): string {
  const charts = options.chartExtension === undefined ? [] : createCorpusCharts(c)
  const linksOf = (index: number) =>
    (charts[index] ?? []).map((chart) => ({
      title: chart.title,
      path: `charts/${chart.name}.${options.chartExtension}`,
    }))
  // the summary table and findings on the first screen; method, memory, every corpus's full table and the environment folded
  const folded = [
    renderMethod(c),
    renderMemory(c),
    ...c.corpora.map((corpus, i) => renderCorpusSection(corpus, linksOf(i), options.chartExtension !== undefined)),
    renderEnvironment(c),
    c.warnings.length === 0
      ? undefined
      : ['## Warnings', '', ...c.warnings.map((w) => `- ${escapeCell(w)}`)].join('\n'),
  ]
  const sections = [
    renderHeader(c),
    ...[renderGate(c), ...(options.sections ?? [])].filter((s): s is string => s !== undefined),
    renderSummary(c),
    ...folded.filter((s): s is string => s !== undefined).map(collapsible),
  ]
  return `${sections.join('\n\n')}\n`
}
