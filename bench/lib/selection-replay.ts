/**
 * bench/selection-tune.ts's replay: the seed's selection of every held-out line (the compressor with
 * `learnSelection: false`), replayed PASSES times through a SelectionLearner under one rule, and tallied.
 */
import { createHybridCompressor } from '../../src/hybrid/index.ts'
import { type LearningRule, SelectionLearner } from '../../src/hybrid/selection-learning.ts'
import { loadDictionary } from '../../src/runner/load-compressor.ts'
import { loadCompressorConfig } from '../../src/suite/index.ts'
import { createMatcher } from '../../src/templates/index.ts'

export const PASSES = 5
/** The seed's selection of one line; when the fallback ran with a template, what the learner sees and what a skip sends. */
export interface Seen {
  size: number
  /** the fallback ran (the learner is asked only then, and only with a template) */
  ran: boolean
  templateId: number | undefined
  binary: number
  fallback: number
  /** the message's length in bytes */
  messageBytes: number
  /** a skipped comparison's frame: the template's if it beats the uncompressed one by the seed's threshold (aura is off) */
  skipSize: number
}

/** Per pass: fallback calls, frames larger than the seed's, bytes; and pass 1's frame sizes. */
export function replay(seen: readonly Seen[], learner: SelectionLearner) {
  const passes: { calls: number; larger: number; bytes: number; seedBytes: number }[] = []
  const firstSizes: number[] = []
  for (let pass = 0; pass < PASSES; pass++) {
    const tally = { calls: 0, larger: 0, bytes: 0, seedBytes: 0 }
    for (const s of seen) {
      let size = s.size
      if (s.ran) {
        const id = s.templateId
        if (id !== undefined && learner.skipsFallback(id, s.binary, s.messageBytes)) size = s.skipSize
        else {
          tally.calls += 1
          if (id !== undefined) learner.record(id, s.binary, s.fallback, s.messageBytes)
        }
      }
      if (size > s.size) tally.larger += 1
      tally.bytes += size
      tally.seedBytes += s.size
      if (pass === 0) firstSizes.push(size)
    }
    passes.push(tally)
  }
  return { passes, firstSizes }
}

export async function seenOf(
  configPath: string,
  store: Parameters<typeof createMatcher>[0],
  lines: readonly Uint8Array[],
) {
  const config = await loadCompressorConfig(configPath)
  const resources = { store, matcher: createMatcher(store), dictionary: await loadDictionary(config) }
  const seed = await createHybridCompressor(config, resources, { learnSelection: false })
  // no fallback, and the template always beats the uncompressed frame: names the template the selection weighed
  const named = await createHybridCompressor(
    { ...config, minCompressionSizeBytes: Number.POSITIVE_INFINITY, binaryAdvantageThreshold: 0 },
    resources,
  )
  const { fallback, binaryAdvantageThreshold: threshold } = config
  return lines.map((m): Seen => {
    const { bytes, metadata } = seed.compressSync(m)
    const c = metadata.candidateBytes
    const [binary, uncompressed] = [c.binary_semantic ?? 0, c.uncompressed as number]
    return {
      size: bytes.length,
      ran: c[fallback] !== undefined,
      templateId: c.binary_semantic === undefined ? undefined : named.compressSync(m).metadata.templateId,
      binary,
      fallback: c[fallback] ?? 0,
      messageBytes: m.length,
      skipSize: binary * threshold <= uncompressed * (1 + 1e-9) ? binary : uncompressed,
    }
  })
}

export interface Tally {
  calls1: number
  callsLast: number
  extra1: number
  extraLast: number
  seed: number
  larger1: number
  larger: number
}
export const emptyTally = (): Tally => ({
  calls1: 0,
  callsLast: 0,
  extra1: 0,
  extraLast: 0,
  seed: 0,
  larger1: 0,
  larger: 0,
})

export function tallyOf(seen: readonly Seen[], rule: LearningRule): Tally {
  const { passes } = replay(seen, new SelectionLearner(rule))
  const [first, last] = [passes[0], passes[PASSES - 1]] as [(typeof passes)[0], (typeof passes)[0]]
  return {
    calls1: first.calls,
    callsLast: last.calls,
    extra1: first.bytes - first.seedBytes,
    extraLast: last.bytes - last.seedBytes,
    seed: first.seedBytes,
    larger1: first.larger,
    larger: passes.reduce((sum, p) => sum + p.larger, 0),
  }
}

export function add(into: Tally, t: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += t[k]
}
