/**
 * The summary's table (pure): one row per corpus, with a cell per latency budget's pick, the current
 * codec, the fastest Zstandard entry at least as small and the stateful figure.
 */
import { escapeCell, formatCount, formatMicros, formatRatio, renderTable } from '../report/index.ts'
import {
  currentCodecName,
  unsetCurrentSentence,
  formatBytes,
  formatEntryRatio,
  formatSpeedup,
  formatMeasuredRss,
  rssBelowRetained,
} from './format.ts'
import { isTimedWarm, type BudgetPick, type CorpusRecommendation } from './recommend.ts'
import { IN_SAMPLE_CAVEAT, MIN_HELD_OUT_FOR_PICK, p95, pickWorseThanCurrent } from './summary-sentences.ts'
import type { Comparison, ConnectionMemory, EntryResult } from './types.ts'

/** `zstd_dict 64K L19: 2.64x, p95 16.6 µs, +60.6 KiB dict`: one entry in a summary cell. */
function entryCell(entry: EntryResult | undefined): string {
  if (entry === undefined) return '—'
  const shared =
    entry.sharedStateBytes > 0
      ? `, +${formatBytes(entry.sharedStateBytes)} ${entry.spec.family === 'zstd_dict' ? 'dict' : 'shared'}`
      : ''
  const caveat = entry.inSample === true ? ` (${IN_SAMPLE_CAVEAT})` : ''
  return `${escapeCell(entry.spec.label)}${caveat}: **${formatEntryRatio(entry)}**, p95 ${p95(entry)}${shared}`
}

function budgetCell(pick: BudgetPick | undefined, current: EntryResult | undefined): string {
  if (pick === undefined) return '—'
  if (pick.bestExpanding !== undefined) return `**send uncompressed** (best ${formatEntryRatio(pick.bestExpanding)})`
  if (pick.best === undefined) return 'none fits'
  // s38-trial D11: a per-message pick that sends more than today's codec is not a recommendation over it: said in the cell
  const worse = pickWorseThanCurrent(pick, current)
  return `${entryCell(pick.best)}${worse === undefined ? '' : ` ⚠ sends ${formatRatio(worse)} more than current`}`
}

function statefulCell(
  rec: CorpusRecommendation,
  memory: ReadonlyMap<string, ConnectionMemory>,
  memoryCorpus: string | undefined,
): string {
  const best = rec.bestStatefulAnySpeed
  if (best === undefined) return '—'
  const measured = memory.get(best.spec.id)
  // the probe runs once, on the first corpus: the same figure on every row is that one reading
  const where = memoryCorpus === undefined ? '' : ` (measured once, on ${escapeCell(memoryCorpus)})`
  const rss =
    measured === undefined
      ? ''
      : rssBelowRetained(measured)
        ? `, RSS unreliable (below the ${formatBytes(measured.retainedBytes ?? 0)}/conn JS retains)${where}`
        : measured.measuredRssBytes > 0
          ? `, ${formatMeasuredRss(measured)}/conn${where}`
          : ', RSS n/a'
  // round 35 (s34-trial D4): against a per-connection current codec, how many times fewer bytes than it
  const vs = rec.statefulVsCurrent?.find((s) => s.entry === best)
  const againstCurrent = vs === undefined ? '' : `, ${formatRatio(vs.factor)} vs current`
  return `${entryCell(best)}${rss}${againstCurrent}${rec.corpus.hasRecordings ? '' : ' (one connection)'}`
}

/** One row per corpus: the pick within each budget, the current codec, the fastest entry at least as small, the stateful figure. */
export function renderSummaryTable(comparison: Comparison, recommendations: readonly CorpusRecommendation[]): string {
  const memory = new Map(comparison.connectionMemory.map((m) => [m.id, m]))
  const { current, currentIsDefault } = comparison.settings
  // round 37 (s36-trial D7): a default current codec the suite never asked for, measured on no corpus, gets no
  // column of "not measured" cells; a sentence under the table says what to set instead
  const unsetAndUnmeasured = currentIsDefault === true && recommendations.every((rec) => rec.current === undefined)
  const header = [
    'Corpus',
    ...comparison.settings.budgetsUs.map((b) => `Pick, encode p95 ≤ ${formatMicros(b)} µs`),
    ...(unsetAndUnmeasured
      ? []
      : [`Current (${escapeCell(currentCodecName(current))}${currentIsDefault === true ? ', the default' : ''})`]),
    'Fastest Zstandard at least as small',
    'Stateful (context per connection)',
  ]
  const rows = recommendations.map((rec) => {
    const match = rec.matchZstd ?? rec.matchZstdDict
    const faster =
      match === undefined
        ? rec.current === undefined
          ? '—'
          : 'none'
        : // s37-fixs M2: no speed ratio against a current codec timed cold (a cold first call is not its speed)
          `${entryCell(match.entry)} (${rec.current !== undefined && !isTimedWarm(rec.current) ? 'no speed ratio: current timed cold' : `${formatSpeedup(match.speedup)}${rec.current?.latencyUs?.method === 'in-order' ? '; current timed in connection order' : ''}`})`
    const few =
      rec.corpus.heldOutMessages < MIN_HELD_OUT_FOR_PICK
        ? ` ⚠ too few held-out messages for a pick (fewer than ${MIN_HELD_OUT_FOR_PICK})`
        : ''
    return [
      `${escapeCell(rec.corpus.name)} (${formatCount(rec.corpus.heldOutMessages)} msgs, mean ${formatCount(rec.corpus.heldOutBytes / Math.max(1, rec.corpus.heldOutMessages))} B)${few}`,
      ...rec.budgets.map((pick) => budgetCell(pick, rec.current)),
      ...(unsetAndUnmeasured ? [] : [rec.current === undefined ? 'not measured' : entryCell(rec.current)]),
      faster,
      statefulCell(rec, memory, comparison.corpora[0]?.corpus.name),
    ]
  })
  return [
    renderTable(header, rows),
    '',
    `Ratio = original / sent bytes over the held-out messages (higher is smaller); p95 = encode p95 per message. A pick is the highest ratio within the budget among entries that round-tripped byte-exact; an entry at or below 1.0x is never picked ("send uncompressed"); a pick marked ⚠ sends more bytes than the current codec. Dictionaries and contexts are shared state, not counted in the ratio.${unsetAndUnmeasured ? ` ${unsetCurrentSentence(currentCodecName(current))}` : ''}`,
  ].join('\n')
}
