/**
 * The summary of a comparison (pure): one table, a row per corpus (the pick within each budget, the
 * current codec, the fastest at least as small, the stateful figure), then prose only for findings.
 * The question heading it is the suite's `question:`; the seed's wording appears only when asked.
 */
import { escapeCell, formatCount, formatMicros } from '../report/index.ts'
import { currentCodecName, formatEntryRatio, formatFactor, formatSpeedupRange, unsetCurrentSentence } from './format.ts'
import {
  compareBindings,
  encodeP95Us,
  isTimedWarm,
  recommendCorpus,
  type BudgetPick,
  type CorpusRecommendation,
} from './recommend.ts'
import {
  failedStatefulConfigs,
  fewerOrMoreBytes,
  hasStatefulAnswer,
  IN_ORDER_RATIO,
  renderBudgetSentence,
  SEED_QUESTION,
  statefulConfigsVsCurrent,
} from './summary-sentences.ts'
import { renderReceiverFinding } from './summary-receivers.ts'
import { renderSummaryTable } from './summary-table.ts'
import type { Comparison, EntryResult } from './types.ts'

/** Findings across corpora: what the bindings cost, and how often Zstandard wins within each budget. */
function renderFindings(comparison: Comparison, recommendations: readonly CorpusRecommendation[]): string[] {
  const findings: string[] = []
  for (const [codec, other, levels, names] of [
    ['brotli', 'brotli_native', [10, 11], ['brotli-wasm', 'node:zlib']],
    ['zstd', 'zstd_napi', [3, 19], ['@mongodb-js/zstd (async)', 'zstd-napi (sync)']],
  ] as const) {
    for (const level of levels) {
      const cost = compareBindings(comparison.corpora, codec, other, level)
      if (cost === undefined) continue
      findings.push(
        `${names[0]} at ${codec === 'brotli' ? 'q' : 'level '}${level}: median encode p95 ${formatMicros(cost.medianP95Us)} µs against ${formatMicros(cost.otherMedianP95Us)} µs through ${names[1]}, ` +
          `${formatFactor(cost.medianFactor)} the time for the same algorithm (median over ${cost.corpora} ${cost.corpora === 1 ? 'corpus' : 'corpora'}): the binding, not the codec, sets this cost.`,
      )
    }
  }
  for (const [i, budgetUs] of comparison.settings.budgetsUs.entries()) {
    const picks = recommendations.map((r) => r.budgets[i]).filter((p): p is BudgetPick => p !== undefined)
    const zstd = picks.filter((p) => p.winner === 'zstd').length
    const brotli = picks.filter((p) => p.winner === 'brotli').length
    findings.push(
      `Within encode p95 ≤ ${formatCount(budgetUs)} µs, Zstandard (with or without a dictionary) sends fewer bytes than Brotli on ${zstd} of ${picks.length} corpora, Brotli on ${brotli}.`,
    )
  }
  return findings
}

/** Every corpus's recommendation, in comparison order. */
export function recommendAll(comparison: Comparison): CorpusRecommendation[] {
  return comparison.corpora.map((c) => recommendCorpus(c, comparison.settings.budgetsUs, comparison.settings.current))
}

/** Findings worth prose: budgets where nothing beats 1.0x, and the replacement question where the suite asks it. */
function corpusFindings(comparison: Comparison, recommendations: readonly CorpusRecommendation[]): string[] {
  const findings: string[] = []
  for (const rec of recommendations) {
    for (const pick of rec.budgets)
      if (pick.bestExpanding !== undefined)
        findings.push(`**${escapeCell(rec.corpus.name)}**: ${renderBudgetSentence(pick, rec.current)}`)
  }
  const question = comparison.question
  // s38-trial D4/D11: stateful configs against a per-connection current codec are the measured answer: their line first,
  // under the suite's question; the Zstandard line then asks its own question without echoing the suite's
  const stateful = renderStatefulFinding(comparison, recommendations, question)
  if (stateful !== undefined) findings.push(stateful)
  const configs = renderConfigsBeatingFinding(comparison, recommendations)
  if (configs !== undefined) findings.push(configs)
  if (question !== undefined)
    findings.push(renderQuestionAnswer(comparison, recommendations, question, stateful !== undefined))
  // s39-trial D6: a replacement for permessage-deflate holds only where the receiver can decode it
  const receivers = renderReceiverFinding(recommendations)
  if (receivers !== undefined) findings.push(receivers)
  return findings
}

/**
 * s40-trial D3: the suite's per-message configs that send fewer bytes than the current codec, at any speed, per corpus
 * (a hybrid outside every latency budget was named in no pick, paragraph or finding).
 */
function renderConfigsBeatingFinding(
  comparison: Comparison,
  recommendations: readonly CorpusRecommendation[],
): string | undefined {
  const each = recommendations.flatMap((rec) => {
    const current = rec.current
    if (current === undefined || rec.configsBeatingCurrent === undefined) return []
    const figures = rec.configsBeatingCurrent.map(
      ({ entry, factor }) =>
        `${escapeCell(entry.spec.label)} ${fewerOrMoreBytes(factor)} (${formatEntryRatio(entry)} against ${formatEntryRatio(current)}, encode p95 ${formatMicros(encodeP95Us(entry))} against ${formatMicros(encodeP95Us(current))} µs)`,
    )
    return [`${escapeCell(rec.corpus.name)}: ${figures.join('; ')}`]
  })
  if (each.length === 0) return undefined
  const current = currentCodecName(comparison.settings.current)
  return `The suite’s per-message configs that send fewer bytes than ${current}, the current codec, at any speed: ${each.join('; ')}.`
}

/** s38-trial D11: on how many corpora a stateful config sends fewer bytes than the per-connection current codec, and by how much. */
function renderStatefulFinding(
  comparison: Comparison,
  recommendations: readonly CorpusRecommendation[],
  question: string | undefined,
): string | undefined {
  // s38-fixs: every corpus with a stateful config's entry in any state counts; one that failed is said, not dropped
  const withConfigs = recommendations.filter(hasStatefulAnswer)
  if (withConfigs.length === 0) return undefined
  const current = currentCodecName(comparison.settings.current)
  const per = withConfigs.map((r) => {
    const best = statefulConfigsVsCurrent(r)[0]
    return { rec: r, best }
  })
  const yes = per.filter((p) => p.best !== undefined && p.best.factor > 1)
  const no = per.filter((p) => p.best !== undefined && p.best.factor <= 1)
  const failedOnly = per.filter((p) => p.best === undefined)
  const each = per.map(({ rec, best }) => {
    const failed = failedStatefulConfigs(rec)
    const figures =
      best === undefined
        ? []
        : [
            `${escapeCell(best.entry.spec.label)} ${fewerOrMoreBytes(best.factor)} (${formatEntryRatio(best.entry)} against ${formatEntryRatio(rec.current as EntryResult)}, encode p95 ${formatMicros(encodeP95Us(best.entry))} against ${formatMicros(encodeP95Us(rec.current as EntryResult))} µs)`,
          ]
    return `${escapeCell(rec.corpus.name)}: ${[...figures, ...(failed === undefined ? [] : [escapeCell(failed)])].join('; ')}`
  })
  const asked = `Does a stateful config send fewer bytes than ${current}, the current codec?`
  const head = question === undefined ? asked : `**${escapeCell(question)}** ${asked}`
  const n = withConfigs.length
  const counts = [
    `yes on ${yes.length}`,
    ...(no.length > 0 ? [`no on ${no.length}`] : []),
    ...(failedOnly.length > 0
      ? [
          `the stateful config did not complete byte-exact on ${failedOnly.map((p) => escapeCell(p.rec.corpus.name)).join(', ')}`,
        ]
      : []),
  ]
  return `${head} Of ${n} ${n === 1 ? 'corpus' : 'corpora'}: ${counts.join(', ')}. ${each.join('; ')}.`
}

/** The suite's question answered once across corpora: on how many corpora yes, only with a dictionary, or no, and the speed-ups. */
function renderQuestionAnswer(
  comparison: Comparison,
  recommendations: readonly CorpusRecommendation[],
  question: string,
  statefulFirst = false,
): string {
  const current = currentCodecName(comparison.settings.current)
  const measured = recommendations.filter((r) => r.current !== undefined)
  // round 37 (s36-trial D7): no current codec set and the default measured nowhere: nothing was asked to be replaced
  if (measured.length === 0 && comparison.settings.currentIsDefault === true)
    return `**${escapeCell(question)}** ${unsetCurrentSentence(current)}`
  const yes = measured.filter((r) => r.matchZstd !== undefined)
  const dictOnly = measured.filter((r) => r.matchZstd === undefined && r.matchZstdDict !== undefined)
  const no = measured.length - yes.length - dictOnly.length
  // s37-fixs M2: a corpus whose current codec was timed cold gives no speed-up (its cold first call is not its speed)
  const warm = (r: CorpusRecommendation): boolean => r.current !== undefined && isTimedWarm(r.current)
  const speedups = [
    ...yes.filter(warm).map((r) => r.matchZstd?.speedup ?? 0),
    ...dictOnly.filter(warm).map((r) => r.matchZstdDict?.speedup ?? 0),
  ]
  const cold = yes.length + dictOnly.length - speedups.length
  // round 38: a per-connection current codec (permessage_deflate) was timed in connection order: the ratio says so
  const inOrder = [...yes, ...dictOnly].some((r) => warm(r) && r.current?.latencyUs?.method === 'in-order')
  const coldNote =
    cold === 0
      ? ''
      : ` No speed ratio on ${cold} ${cold === 1 ? 'corpus' : 'corpora'}: ${current} was timed cold there.`
  const range =
    speedups.length === 0
      ? ''
      : ` The fastest Zstandard entry at least as small as ${current} encodes ${formatSpeedupRange(Math.min(...speedups), Math.max(...speedups))} ${inOrder ? IN_ORDER_RATIO : 'at p95'}${question === SEED_QUESTION ? ` (the seed said 2-3x)` : ''}.`
  const parts = [
    yes.length > 0 ? `yes on ${yes.length}` : undefined,
    dictOnly.length > 0 ? `only with a dictionary on ${dictOnly.length}` : undefined,
    no > 0 ? `no on ${no} (no Zstandard entry is as small)` : undefined,
  ].filter((p): p is string => p !== undefined)
  const unmeasured = recommendations.length - measured.length
  const missing =
    unmeasured > 0 ? ` ${current} was not measured on ${unmeasured} corpus${unmeasured === 1 ? '' : 'es'}.` : ''
  // compare answers one question, whether Zstandard can replace the current codec: a suite's own wording gets that answer said as such
  const asked =
    question === SEED_QUESTION ? `Against ${current}, of` : `Can Zstandard replace ${current}, the current codec? Of`
  // s38-trial D4: after the stateful line has answered the suite's question, this line is not headed by it again
  const lead = statefulFirst && question !== SEED_QUESTION ? '' : `**${escapeCell(question)}** `
  return `${lead}${asked} ${measured.length} ${measured.length === 1 ? 'corpus' : 'corpora'}: ${parts.join(', ') || 'none answered'}.${range}${coldNote}${missing} The table has each corpus's entry.`
}

/** What a --quick comparison's picks rest on, said before them. */
function quickCaveat(comparison: Comparison): string {
  const { samples, warmup } = comparison.settings.latency
  return `**--quick:** latency percentiles here rest on at most ${samples} timed calls after ${warmup} warm-up calls per entry (an entry too slow for that keeps one cold timing per sampled message and is not ranked), so a pick within a latency budget can leave out an entry a full run would pick. Decide on a full \`compare\`.`
}

/** The Summary section: the suite's question (if any), one table, then the findings. */
export function renderSummary(comparison: Comparison): string {
  const recommendations = recommendAll(comparison)
  const heading = comparison.question === undefined ? '## Summary' : `## Summary: ${escapeCell(comparison.question)}`
  return [
    heading,
    '',
    ...(comparison.quick ? [quickCaveat(comparison), ''] : []),
    renderSummaryTable(comparison, recommendations),
    '',
    '### Findings',
    '',
    ...[...corpusFindings(comparison, recommendations), ...renderFindings(comparison, recommendations)].map(
      (f) => `- ${f}`,
    ),
  ].join('\n')
}
