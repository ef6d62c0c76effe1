/**
 * discover's warning when templates leave a large share of the training messages uncovered (round 37; the
 * s36 trial saw 37.9% coverage on an API's JSON responses and no word about it). The likely reason comes from
 * a sample of the uncovered messages: JSON whose top-level keys differ (discovery merges JSON structures that
 * share their keys down to a member whose keys or array length vary, that member one slot, since round
 * s38-json, but never ones whose top-level keys differ, and a group too rare to pay for its store entry gets
 * none), or text messages shared by too few others.
 * CLI text only: the store is unchanged.
 */
import { type DiscoveryResult, MAX_JSON_DEPTH } from '../templates/index.ts'

/** Above this share of uncovered training messages, discover warns. */
export const UNCOVERED_WARN_SHARE = 0.2
/** Uncovered messages read back to find the likely reason. */
export const UNCOVERED_SAMPLE = 200

/** What a sample of uncovered messages holds. */
export interface UncoveredSample {
  sampled: number
  /** JSON objects or arrays */
  json: number
  /** distinct JSON structures (keys in order, array lengths) among them */
  structures: number
  /** distinct top-level shapes among them (an object's keys in order; an array's length) */
  topLevelShapes: number
}

/**
 * The structure of a JSON value: keys in order and array lengths, down to discovery's MAX_JSON_DEPTH (below it,
 * `deep`: the walk recurses per level, and JSON.parse reads nestings thousands deep; the s39 trial's D7).
 */
function structureOf(value: unknown, depth = 1): string {
  if (value === null || typeof value !== 'object') return typeof value
  if (depth > MAX_JSON_DEPTH) return 'deep'
  if (Array.isArray(value)) return `[${value.length}:${value.map((v) => structureOf(v, depth + 1)).join(',')}]`
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}:${structureOf(v, depth + 1)}`)
    .join(',')}}`
}

/** The top level of a JSON value: an object's keys in order, an array's length. */
function topLevelOf(value: object): string {
  return Array.isArray(value) ? `[${value.length}]` : JSON.stringify(Object.keys(value))
}

/** Classifies the sampled uncovered messages (pure). */
export function sampleUncovered(texts: readonly string[]): UncoveredSample {
  const exact = new Set<string>()
  const top = new Set<string>()
  let json = 0
  for (const text of texts) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      continue
    }
    if (value === null || typeof value !== 'object') continue
    json++
    exact.add(structureOf(value))
    top.add(topLevelOf(value))
  }
  return { sampled: texts.length, json, structures: exact.size, topLevelShapes: top.size }
}

/** The warning, or undefined when templates cover enough of the training messages. */
export function uncoveredWarning(
  stats: DiscoveryResult['stats'],
  corpus: string,
  sample: UncoveredSample | undefined,
  maxTemplates?: number,
): string | undefined {
  const uncovered = stats.messages - stats.coveredMessages
  if (stats.messages === 0 || uncovered / stats.messages <= UNCOVERED_WARN_SHARE) return undefined
  const share = `${((uncovered / stats.messages) * 100).toFixed(1)}%`
  const head = `warning: no template covers ${uncovered} of the ${stats.messages} training messages of ${corpus} (${share}): the fallback codec sends them whole`
  // round 38 (trial D7): a cap that left templates out is said first, with how many messages they were drafted
  // from; the sample's reason follows, since both may hold
  const capped =
    maxTemplates !== undefined && stats.cappedDrafts > 0
      ? `; --max-templates ${maxTemplates} left out ${stats.cappedDrafts} more template${stats.cappedDrafts === 1 ? '' : 's'} drafted from up to ${stats.cappedMessages} of the training messages: a larger --max-templates may cover them`
      : ''
  const reason = sample === undefined || sample.sampled === 0 ? undefined : likelyReason(sample)
  return `${head}${capped}${reason === undefined ? '' : `; ${capped === '' ? '' : 'also '}likely reason (from ${sample?.sampled} of them): ${reason}`}\n`
}

function likelyReason(s: UncoveredSample): string {
  if (s.json * 2 > s.sampled)
    return `${s.json} are JSON in ${s.structures} structures with ${s.topLevelShapes} different sets of top-level keys: discovery merges JSON structures that share their keys down to a member whose keys or array length vary (that member becomes one slot), never ones whose top-level keys differ, and a group too rare to pay for its store entry gets none (a lower --min-support cannot change that); give discover more messages of each kind, or accept the fallback (zstd_dict alone) for them`
  return `most are text whose wording too few other messages share (a template needs literal text its messages share): give discover more messages of the same kind, or a lower --min-support`
}
