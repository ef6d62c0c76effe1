/**
 * discover's warning when templates leave a large share of the training messages uncovered (round 37; the
 * s36 trial saw 37.9% coverage on an API's JSON responses and no word about it). The likely reason comes from
 * a sample of the uncovered messages: JSON whose arrays vary in length (discovery drafts one template per
 * JSON structure, the same keys in the same order and the same array lengths, and a structure too rare to
 * pay for its store entry gets none), JSON whose keys vary, or text messages shared by too few others.
 * CLI text only: the store is unchanged.
 */
import type { DiscoveryResult } from '../templates/index.ts'

/** Above this share of uncovered training messages, discover warns. */
export const UNCOVERED_WARN_SHARE = 0.2
/** Uncovered messages read back to find the likely reason. */
export const UNCOVERED_SAMPLE = 200

/** What a sample of uncovered messages holds. */
export interface UncoveredSample {
  sampled: number
  /** JSON objects or arrays */
  json: number
  /** of those, holding at least one array */
  withArrays: number
  /** distinct JSON structures (keys in order, array lengths) among them */
  structures: number
  /** distinct structures once array lengths are ignored */
  shapesIgnoringLengths: number
}

/** The structure of a JSON value: keys in order and array lengths (`lengths: false`: arrays as one element kind). */
function structureOf(value: unknown, lengths: boolean): string {
  if (Array.isArray(value))
    return lengths
      ? `[${value.length}:${value.map((v) => structureOf(v, lengths)).join(',')}]`
      : `[${[...new Set(value.map((v) => structureOf(v, lengths)))].sort().join('|')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${structureOf(v, lengths)}`)
      .join(',')}}`
  return typeof value
}

function hasArray(value: unknown): boolean {
  if (Array.isArray(value)) return true
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasArray)
  return false
}

/** Classifies the sampled uncovered messages (pure). */
export function sampleUncovered(texts: readonly string[]): UncoveredSample {
  const exact = new Set<string>()
  const loose = new Set<string>()
  let json = 0
  let withArrays = 0
  for (const text of texts) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      continue
    }
    if (value === null || typeof value !== 'object') continue
    json++
    if (hasArray(value)) withArrays++
    exact.add(structureOf(value, true))
    loose.add(structureOf(value, false))
  }
  return { sampled: texts.length, json, withArrays, structures: exact.size, shapesIgnoringLengths: loose.size }
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
      ? `; --max-templates ${maxTemplates} left out ${stats.cappedDrafts} more template${stats.cappedDrafts === 1 ? '' : 's'} drafted from ${stats.cappedMessages} of the training messages: a larger --max-templates may cover them`
      : ''
  const reason = sample === undefined || sample.sampled === 0 ? undefined : likelyReason(sample)
  return `${head}${capped}${reason === undefined ? '' : `; ${capped === '' ? '' : 'also '}likely reason (from ${sample?.sampled} of them): ${reason}`}\n`
}

function likelyReason(s: UncoveredSample): string {
  const most = (n: number) => n * 2 > s.sampled
  if (most(s.withArrays) && s.shapesIgnoringLengths < s.structures)
    return `${s.withArrays} are JSON holding arrays whose lengths vary (${s.structures} structures, ${s.shapesIgnoringLengths} once array lengths are ignored): discovery makes one template per JSON structure (the same keys in the same order and the same array lengths), and a structure too rare to pay for its store entry gets none; give discover more messages of each kind, or accept the fallback for them`
  if (most(s.json))
    return `${s.json} are JSON in ${s.structures} different structures (keys present or absent, in another order): discovery makes one template per structure, and a structure too rare to pay for its store entry gets none; give discover more messages of each kind`
  return `most are text whose wording too few other messages share (a template needs literal text its messages share): give discover more messages of the same kind, or a lower --min-support`
}
