/**
 * The prose of a comparison's summary (pure): the sentence for each budget's pick, the answer to the
 * replacement question, the timed-cold and stateful sentences, and one corpus's paragraph of them.
 */
import { escapeCell, formatCount, formatMicros, formatPercent, formatRatio } from '../report/index.ts'
import {
  formatBytes,
  formatEntryRatio,
  formatSpeedup,
  formatMeasuredRss,
  rssBelowRetained,
  unsetCurrentSentence,
} from './format.ts'
import { encodeP95Us, isTimedWarm, type BudgetPick, type CorpusRecommendation, type Match } from './recommend.ts'
import type { ConnectionMemory, EntryResult } from './types.ts'

/** The seed's question, as the summary's heading asks it. */
export const SEED_QUESTION = 'Replace Brotli with Zstandard (2-3x faster)?'

/** `4.10 µs`: an entry's encode p95, as the summary prints it. */
export function p95(entry: EntryResult): string {
  return `${formatMicros(encodeP95Us(entry))} µs`
}

/** Said wherever an in-sample entry is picked: its figures are better than unseen traffic would get. */
export const IN_SAMPLE_CAVEAT = 'in-sample: its store/dictionary saw these messages'

/** `**zstd_napi L3** (zstd-napi): 1.23x, 18.7% saved, encode p95 4.10 µs` */
function describePick(entry: EntryResult): string {
  const shared =
    entry.sharedStateBytes > 0
      ? `, plus ${formatBytes(entry.sharedStateBytes)} of ${entry.spec.family === 'zstd_dict' ? 'dictionary' : 'shared state'} on both sides`
      : ''
  const caveat = entry.inSample === true ? `; ${IN_SAMPLE_CAVEAT}` : ''
  return `**${entry.spec.label}** (${entry.library}${caveat}): ${formatEntryRatio(entry)}, ${formatPercent(entry.sizes.savings)} saved, encode p95 ${p95(entry)}${shared}`
}

function short(entry: EntryResult | undefined, none: string): string {
  return entry === undefined ? none : `${entry.spec.label} at ${formatEntryRatio(entry)}`
}

/**
 * s38-trial D11: how many times more bytes a budget's pick sends than the current codec, when it sends more (a pick
 * is the best per-message entry within the budget, not a recommendation over today's codec); undefined otherwise.
 */
export function pickWorseThanCurrent(pick: BudgetPick, current: EntryResult | undefined): number | undefined {
  if (pick.best === undefined || current === undefined || pick.best.sizes.ratio <= 0) return undefined
  return pick.best.sizes.ratio < current.sizes.ratio ? current.sizes.ratio / pick.best.sizes.ratio : undefined
}

/** One budget's sentence: the pick, Brotli's and Zstandard's best, and which sends fewer bytes. */
export function renderBudgetSentence(pick: BudgetPick, current?: EntryResult): string {
  const within = `Within encode p95 ≤ ${formatCount(pick.budgetUs)} µs`
  if (pick.bestExpanding !== undefined)
    return `${within} send uncompressed: no per-message entry beats 1.0x (the closest, ${short(pick.bestExpanding, '')}, sends more bytes than the messages).`
  if (pick.best === undefined) return `${within} no per-message entry qualifies on this machine.`
  const dict = pick.bestZstdDict === undefined ? '' : `, with a dictionary ${short(pick.bestZstdDict, '')}`
  const sides = `Brotli's best there is ${short(pick.bestBrotli, pick.brotliMeasured === false ? 'none (no Brotli entry was measured)' : 'none (no Brotli fits)')}; Zstandard's ${short(pick.bestZstd, 'none without a dictionary')}${dict}`
  let verdict = ''
  if (pick.winnerSavesShare !== undefined) {
    const [winner, loser] = pick.winner === 'zstd' ? ['Zstandard', 'Brotli'] : ['Brotli', 'Zstandard']
    verdict =
      pick.winnerSavesShare === 0
        ? ': a tie in bytes'
        : `: ${winner} sends ${formatPercent(pick.winnerSavesShare)} fewer bytes than ${loser}`
  }
  const worse = pickWorseThanCurrent(pick, current)
  const flag =
    worse === undefined || current === undefined
      ? ''
      : ` This pick sends ${formatRatio(worse)} more bytes than today’s ${current.spec.label} (${formatEntryRatio(current)}).`
  return `${within} pick ${describePick(pick.best)}. ${sides}${verdict}.${flag}`
}

function seedNote(speedup: number, seedWording: boolean): string {
  if (!seedWording) return ''
  if (speedup >= 2 && speedup <= 3) return ' (the seed’s 2-3x holds here)'
  return speedup > 3 ? ' (more than the seed’s 2-3x)' : ' (less than the seed’s 2-3x)'
}

/**
 * The Zstandard entry that matches the current codec's ratio, and how much faster it encodes. Against a
 * current codec timed cold (its size pass's first calls) no "N x faster" is said: a cold first call is not
 * its speed (s37-trial D5: brotli q11 timed cold gave "4,207x faster").
 */
function matchText(match: Match, current: EntryResult, seedWording: boolean): string {
  const at = `${match.entry.spec.label} is at least as small (${formatEntryRatio(match.entry)}) at encode p95 ${p95(match.entry)}`
  if (!isTimedWarm(current))
    return `${at}; no speed ratio is given, since ${current.spec.label} was timed cold (the size budget cut it; raise compare.size_budget_ms to time it warm)`
  // round 38: a per-connection current codec's p95 comes from its connection replay, not from a tinybench cycle
  const how = current.latencyUs?.method === 'in-order' ? ` (${IN_ORDER_RATIO})` : ''
  return `${at}, ${formatSpeedup(match.speedup)} than ${current.spec.label}${how}${seedNote(match.speedup, seedWording)}`
}

/** How a stateful entry's latency was timed (method `in-order`): said beside its p95 where a current codec's is quoted. */
export const TIMED_IN_ORDER = 'timed once per message, in connection order'

/** Said of a speed ratio whose current codec was timed in connection order, the Zstandard entry in a cycle (over `latencyUs.sample` messages: a sample, or every held-out one). */
export const IN_ORDER_RATIO =
  'at encode p95: the current codec timed once per message in connection order, the Zstandard entry in a warm cycle over its timed messages (a sample or every held-out message)'

/**
 * The answer to "replace the current codec with Zstandard?"; with `question` (the suite's own) it is
 * asked in those words, and the seed's "2-3x" is weighed only when the question is the seed's.
 */
export function renderReplaceSentence(
  rec: CorpusRecommendation,
  currentName: string,
  question?: string,
  currentIsDefault?: boolean,
  statefulFirst?: boolean,
): string {
  const seedWording = question === SEED_QUESTION
  // with the suite's question: "<question> Yes: …"; without one, no question is put: "Against brotli 11: …"
  // compare answers one question (can Zstandard replace the current codec?): a suite's own wording is restated as
  // that one, so its answer is not read as the answer to another question (s34-trial D4); s38-trial D4: when the
  // stateful configs against the current codec answered the suite's question first, this sentence asks its own
  // question in its own words and does not echo the suite's
  const asked =
    question === undefined || seedWording
      ? question
      : statefulFirst === true
        ? `Can Zstandard replace ${currentName}, the current codec?`
        : `${question} (answered as: can Zstandard replace ${currentName}, the current codec?)`
  const answer = (verdict: string): string =>
    asked === undefined
      ? `Against ${currentName}${verdict === 'Yes' || verdict === 'No' ? '' : `, ${verdict.toLowerCase()}`}:`
      : `${asked} ${verdict}:`
  const current = rec.current
  // round 37 (s36-trial D7): a default the suite never asked for is not spoken of as its current codec
  if (current === undefined && currentIsDefault === true)
    return asked === undefined ? unsetCurrentSentence(currentName) : `${asked} ${unsetCurrentSentence(currentName)}`
  if (current === undefined)
    return `${asked === undefined ? `Against ${currentName}:` : asked} The current codec (${currentName}) was not measured here, so there is nothing to compare against.`
  const how = !isTimedWarm(current)
    ? ` (${TIMED_COLD})`
    : current.latencyUs?.method === 'in-order'
      ? ` (${TIMED_IN_ORDER})`
      : ''
  const today = `today’s ${current.spec.label} gives ${formatEntryRatio(current)} at encode p95 ${p95(current)}${how}`
  if (rec.matchZstd !== undefined)
    return `${answer('Yes')} ${today}; ${matchText(rec.matchZstd, current, seedWording)}.`
  const bestWithout =
    rec.bestZstdAnySpeed === undefined
      ? 'none was measured'
      : `the best is ${rec.bestZstdAnySpeed.spec.label} at ${formatEntryRatio(rec.bestZstdAnySpeed)}`
  if (rec.matchZstdDict !== undefined) {
    return `${answer('Only with a dictionary')} ${today}, and no Zstandard level without a dictionary reaches that (${bestWithout}); ${matchText(rec.matchZstdDict, current, seedWording)}, with ${formatBytes(rec.matchZstdDict.entry.sharedStateBytes)} of dictionary on both sides.`
  }
  return `${answer('No')} ${today}, and no Zstandard entry reaches that ratio (without a dictionary ${bestWithout}).`
}

/** How the summary names an entry timed only in its size pass. */
export const TIMED_COLD = 'timed cold: each message of its size pass timed once, no time for a warm pass'

/** Most timed-cold entries named in a corpus's paragraph; the rest are counted. */
const TIMED_COLD_NAMED = 3

/**
 * The entries timed cold that could change a pick: smaller than every budget's pick (or any, when a
 * budget has none). They are neither picked nor excluded on their cold latency: the sentence says so.
 */
export function renderTimedColdSentence(rec: CorpusRecommendation): string | undefined {
  const floor = Math.min(...rec.budgets.map((p) => p.best?.sizes.ratio ?? 0))
  const relevant = rec.timedCold.filter((e) => e.sizes.ratio > Math.max(1, floor))
  if (relevant.length === 0) return undefined
  const named = relevant
    .slice(0, TIMED_COLD_NAMED)
    .map((e) => `${e.spec.label} at ${formatEntryRatio(e)} (cold encode p95 ${p95(e)})`)
  const more = relevant.length > TIMED_COLD_NAMED ? ` and ${relevant.length - TIMED_COLD_NAMED} more` : ''
  return `Not ranked by latency, ${TIMED_COLD}: ${named.join(', ')}${more}; a warm pass could place ${relevant.length === 1 ? 'it' : 'them'} within a budget above.`
}

/** `zlib`: the entry is a deflate stream, whose formula is zlib's documented one (cm's is its model's typed arrays). */
function memoryText(memory: ConnectionMemory | undefined, zlib: boolean): string {
  if (memory === undefined) return ''
  const formula =
    memory.formulaBytes === undefined
      ? ''
      : `${formatBytes(memory.formulaBytes.encoder + memory.formulaBytes.decoder)} by ${zlib ? 'zlib’s formula' : 'formula'}, `
  const rss = formatMeasuredRss(memory)
  if (memory.formulaExcludes !== undefined) {
    // the formula is not the connection's state here: the measured figures come first, the formula says what it leaves out
    const retained = memory.retainedBytes === undefined ? '' : `, ${formatBytes(memory.retainedBytes)} retained by JS`
    const partial =
      memory.formulaBytes === undefined
        ? ''
        : ` (the formula’s ${formatBytes(memory.formulaBytes.encoder + memory.formulaBytes.decoder)} leaves out ${memory.formulaExcludes})`
    return memory.measuredRssBytes > 0 && !rssBelowRetained(memory)
      ? `, holding ${rss} of measured RSS${retained} per connection${partial}`
      : `, holding measured RSS ${rss}${retained}${partial}`
  }
  return memory.measuredRssBytes > 0 && !rssBelowRetained(memory)
    ? `, holding ${formula}${rss} of measured RSS per connection`
    : `, holding ${formula}measured RSS ${rss}`
}

/** The stateful sentence: what keeping a context per connection reaches, and what it costs in memory. */
function renderStatefulSentence(
  rec: CorpusRecommendation,
  memory: ReadonlyMap<string, ConnectionMemory>,
): string | undefined {
  const best = rec.bestStatefulAnySpeed
  if (best === undefined) return undefined
  const replay = rec.corpus.hasRecordings
    ? `over its ${formatCount(rec.corpus.connections)} recorded connections`
    : rec.corpus.recordingsFile === undefined
      ? 'replaying the held-out messages as one connection, as the corpus has no recordings'
      : 'replaying the held-out messages as one connection, as no row of its recordings.tsv covers them, or its format does not read one: see the warnings'
  return `Keeping one context per connection (${replay}), ${best.spec.label} reaches ${formatEntryRatio(best)} at encode p95 ${p95(best)}${memoryText(memory.get(best.spec.id), best.spec.family.includes('deflate'))}.`
}

/**
 * With a per-connection current codec (round 35, s34-trial D4: `current: { codec: permessage_deflate }`), the stateful
 * entries against it: how many times fewer bytes each sends, and its encode p95 beside the current's.
 */
export function renderStatefulVsCurrentSentence(rec: CorpusRecommendation): string | undefined {
  const current = rec.current
  const others = rec.statefulVsCurrent
  if (current === undefined || others === undefined) return undefined
  if (others.length === 0)
    return `No other per-connection entry completed byte-exact to compare with today’s ${current.spec.label}.`
  const each = others.map(
    ({ entry, factor }) =>
      `${entry.spec.label} sends ${fewerOrMoreBytes(factor)} (${formatEntryRatio(entry)}, encode p95 ${p95(entry)})`,
  )
  return `Against today’s ${current.spec.label} (${formatEntryRatio(current)}, encode p95 ${p95(current)}) on the same connections: ${each.join('; ')}.`
}

/**
 * `1.67x fewer bytes`, `1.20x more bytes`, `the same bytes`: a ratio factor against the current codec, said as the
 * verdict counts it (s38-fixs: fewer only above 1, so a factor of 1 is not "1.00x fewer bytes" counted as no)
 */
export function fewerOrMoreBytes(factor: number): string {
  if (factor > 1) return `${formatRatio(factor)} fewer bytes`
  return factor < 1 ? `${formatRatio(1 / factor)} more bytes` : 'the same bytes'
}

/** s38-fixs: why a stateful config's entry has no figures against the current codec (`failed: E_TIMEOUT`, `3 of 40 round trips mismatched`). */
function whyNotCompared(entry: EntryResult): string {
  if (entry.state !== 'complete') return `failed${entry.error === undefined ? '' : `: ${entry.error.code}`}`
  if (entry.roundTrip.mismatches > 0)
    return `${formatCount(entry.roundTrip.mismatches)} of ${formatCount(entry.roundTrip.checked)} round trips mismatched`
  return entry.latencyUs === undefined ? 'not timed' : 'no message measured'
}

/** s38-fixs: `hybrid gw (stateful) did not complete byte-exact (failed: E_TIMEOUT)`, for each stateful config that failed. */
export function failedStatefulConfigs(rec: CorpusRecommendation): string | undefined {
  const failed = rec.statefulConfigsFailed ?? []
  if (failed.length === 0) return undefined
  return failed.map((e) => `${e.spec.label} did not complete byte-exact (${whyNotCompared(e)})`).join(', ')
}

/** s38-trial D4: the stateful configs (`mode: stateful` hybrids) against a per-connection current codec, best first. */
export function statefulConfigsVsCurrent(rec: CorpusRecommendation): { entry: EntryResult; factor: number }[] {
  return (rec.statefulVsCurrent ?? []).filter((s) => s.entry.spec.family === 'hybrid')
}

/**
 * s38-trial D4: with stateful configs and a per-connection current codec, the measured answer first: the suite's
 * question (when asked) restated as "does a stateful config send fewer bytes than the current codec?", then the
 * stateful entries against it.
 */
export function renderStatefulAnswer(
  rec: CorpusRecommendation,
  currentName: string,
  question?: string,
): string | undefined {
  const against = renderStatefulVsCurrentSentence(rec)
  const configs = statefulConfigsVsCurrent(rec)
  // s38-fixs: a stateful config that failed here is said, not dropped (the answer fell back to Zstandard's)
  const failed = failedStatefulConfigs(rec)
  if (against === undefined || (configs.length === 0 && failed === undefined)) return against
  const failedText = failed === undefined ? '' : ` Here ${failed}.`
  if (question === undefined) return `${against}${failedText}`
  const best = configs[0]
  const verdict = best !== undefined && best.factor > 1 ? 'Yes' : 'No'
  const lowered = `${against.charAt(0).toLowerCase()}${against.slice(1)}`
  return `${question} (answered first as: does a stateful config send fewer bytes than ${currentName}, the current codec?) ${verdict}: ${lowered}${failedText}`
}

/**
 * s40-trial D3: the suite's per-message configs that send fewer bytes than the current codec, at any speed. A hybrid
 * outside every latency budget was named nowhere in the summary, though the suite asked whether its configs beat it.
 */
export function renderConfigsBeatingCurrentSentence(rec: CorpusRecommendation): string | undefined {
  const beating = rec.configsBeatingCurrent
  const current = rec.current
  if (beating === undefined || current === undefined) return undefined
  const each = beating.map(
    ({ entry, factor }) =>
      `${entry.spec.label} sends ${fewerOrMoreBytes(factor)} (${formatEntryRatio(entry)}, encode p95 ${p95(entry)})`,
  )
  const which = beating.length === 1 ? 'config' : 'configs'
  return `Message by message, at any speed, the suite’s ${which} against today’s ${current.spec.label} (${formatEntryRatio(current)}): ${each.join('; ')}.`
}

/** s38-fixs: the corpus's measured answer comes from its stateful configs, completed or not. */
export function hasStatefulAnswer(rec: CorpusRecommendation): boolean {
  return statefulConfigsVsCurrent(rec).length > 0 || rec.statefulConfigsFailed !== undefined
}

/** One corpus's paragraph. */
export function renderCorpusParagraph(
  rec: CorpusRecommendation,
  currentName: string,
  memory: ReadonlyMap<string, ConnectionMemory>,
  question?: string,
  currentIsDefault?: boolean,
): string {
  const c = rec.corpus
  const few =
    c.heldOutMessages < MIN_HELD_OUT_FOR_PICK
      ? ` **Too few held-out messages for a pick (${formatCount(c.heldOutMessages)}, fewer than ${MIN_HELD_OUT_FOR_PICK}): the picks below rest on them alone; give the corpus more messages.**`
      : ''
  const head = `**${escapeCell(c.name)}** (${formatCount(c.heldOutMessages)} held-out messages, mean ${formatCount(c.heldOutBytes / c.heldOutMessages)} B).${few}`
  const budgets = rec.budgets.map((pick, i) => {
    const previous = rec.budgets[i - 1]
    const same =
      previous?.best !== undefined &&
      previous.best === pick.best &&
      previous.bestBrotli === pick.bestBrotli &&
      previous.bestZstd === pick.bestZstd &&
      previous.bestZstdDict === pick.bestZstdDict
    return same
      ? `Within encode p95 ≤ ${formatCount(pick.budgetUs)} µs the picks are the same.`
      : renderBudgetSentence(pick, rec.current)
  })
  // s36-trial D7: a corpus with no per-message entry (every codec family off) has no budget pick and no per-message
  // current codec to speak of ("no per-message entry qualifies on this machine", "brotli 11 was not measured")
  const perMessage = rec.hasPerMessage !== false
  const pmdHint =
    rec.hasStatefulAndPmd === true && rec.statefulVsCurrent === undefined
      ? 'To have the stateful configs compared with permessage-deflate here, set `compare.current: { codec: permessage_deflate }` in the suite.'
      : undefined
  // s38-trial D4: stateful configs against a per-connection current codec are the measured answer: said first
  const statefulFirst = hasStatefulAnswer(rec)
  const parts = [
    head,
    ...(perMessage ? budgets : []),
    renderTimedColdSentence(rec),
    statefulFirst ? renderStatefulAnswer(rec, currentName, question) : undefined,
    renderConfigsBeatingCurrentSentence(rec),
    perMessage ? renderReplaceSentence(rec, currentName, question, currentIsDefault, statefulFirst) : undefined,
    renderStatefulSentence(rec, memory),
    statefulFirst ? undefined : renderStatefulVsCurrentSentence(rec),
    pmdHint,
  ]
  return parts.filter((p): p is string => p !== undefined).join(' ')
}

/** Below this many held-out messages a corpus's picks are flagged as resting on too little (docs/compare.md). */
export const MIN_HELD_OUT_FOR_PICK = 30
