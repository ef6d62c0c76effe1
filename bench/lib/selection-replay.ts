/**
 * bench/selection-tune.ts's replay of the learning compressor's selection (src/hybrid/compressor.ts
 * compressSync, aura off), replayed PASSES times through a SelectionLearner under one rule (tallied in selection-tally.ts).
 *
 * What the compressor's frame of a line depends on besides the fallback short-cut's rule is computed once
 * per line and pass (`seenOf`), as the compressor does it, in order, across the passes: the note of refused
 * runs (refusal-run.ts: a line it keeps off the screen goes untemplated), the learned template choice
 * (templates/choice-learning.ts, its own RecheckGate: a winner's frame sent alone may be larger than the
 * smallest). Neither depends on the short-cut. What does is replayed per rule (`replay`): whether the
 * fallback runs (skipsFallback, with the compressor's other RecheckGate), the learner's record, and whether
 * a frame sent alone that lost is re-weighed with the smallest template frame (skipsReweigh /
 * recordReweigh, round s35-e2e). Until round s35-tune the replay took the smallest template frame of every
 * line (the compressor with `learnSelection: false`): that stopped being the compressor's choice when
 * round s30-choice's learned choice came (OpenSSH line 169: 22 B sent alone where the smallest is 21 B).
 * `replayDiffers` checks the replay at the shipped rule against the shipped compressor, frame by frame.
 */
import { isUtf8 } from 'node:buffer'
import { decodeLimitBytes, minPayloadBytes, uncompressedFrameSizeBytes } from '../../src/codecs/index.ts'
import { type CompressorConfig, tryDecodeUtf8 } from '../../src/core/index.ts'
import { binaryCandidate, createTemplateSide } from '../../src/hybrid/candidates.ts'
import { createCodecSet } from '../../src/hybrid/codec-set.ts'
import type { HybridCompressor, HybridResources } from '../../src/hybrid/index.ts'
import { RefusalRun } from '../../src/hybrid/refusal-run.ts'
import { syncFallbackFrame } from '../../src/hybrid/selection.ts'
import { type LearningRule, SelectionLearner } from '../../src/hybrid/selection-learning.ts'
import { loadDictionary } from '../../src/runner/load-compressor.ts'
import { loadCompressorConfig } from '../../src/suite/index.ts'
import { type ChoiceRule, createMatcher, RecheckGate } from '../../src/templates/index.ts'

export const PASSES = 5

/** One line of one pass, as the learning compressor meets it; the sizes of its frame the short-cut can lead to. */
export interface Seen {
  /** the frame with the short-cut off (every comparison and every re-weighing run): what a rule's frames are weighed against */
  size: number
  /** the learner is asked: a template frame, and the fallback would run without the short-cut */
  ran: boolean
  /** the fallback runs whatever the learner says (a line without a template frame, from min_compression_size up) */
  fallbackRuns: boolean
  /** the template frame weighed when the learner is not asked (-1: none) */
  weighed: number
  templateId: number | undefined
  /** the template frame the learner sees (the learned choice's) */
  binary: number
  fallback: number
  /** the message's length in bytes */
  messageBytes: number
  /** a skipped comparison's frame: the template's if it beats the uncompressed one by the threshold (aura is off) */
  skipSize: number
  /** the fallback ran and no re-weighing: the template's frame, or the best other */
  keptSize: number
  /** the fallback ran, and the frame was sent alone by the learned choice and lost: re-weighed unless skipsReweigh */
  reweighs: boolean
  /** the re-weighing's template (the smallest frame's) and its size (-1: none), and the frame it gives */
  plainId: number | undefined
  plainBytes: number
  reweighedSize: number
}

/** a <= b up to a relative 1e-9, as selection.ts weighs frames */
const atMost = (a: number, b: number): boolean => a <= b + 1e-9 * Math.max(1, Math.abs(b))

/**
 * Per pass: fallback calls the learner let run, frames larger than with the short-cut off, bytes; and every
 * line's frame size, whether its fallback ran (`called`, every run counted) and the template frame weighed. A
 * learner under `rule` with its own RecheckGate, ticked on every line, as the compressor's.
 */
export function replay(seen: readonly (readonly Seen[])[], rule: LearningRule) {
  const gate = new RecheckGate()
  const learner = new SelectionLearner(rule, gate)
  const passes: { calls: number; larger: number; bytes: number; seedBytes: number }[] = []
  const sizes: number[][] = []
  /** per pass, whether each line's fallback ran, and the template frame weighed (-1: none) */
  const called: boolean[][] = []
  const weighed: number[][] = []
  for (const lines of seen) {
    const tally = { calls: 0, larger: 0, bytes: 0, seedBytes: 0 }
    const passSizes: number[] = []
    const passCalled: boolean[] = []
    const passWeighed: number[] = []
    for (const s of lines) {
      gate.tick()
      let size = s.size
      let ran = s.fallbackRuns
      let template = s.ran ? s.binary : s.weighed
      if (s.ran) {
        const id = s.templateId as number
        if (learner.skipsFallback(id, s.binary, s.messageBytes)) size = s.skipSize
        else {
          tally.calls += 1
          ran = true
          learner.record(id, s.binary, s.fallback, s.messageBytes)
          size = s.keptSize
          if (s.reweighs && !learner.skipsReweigh(id)) {
            learner.recordReweigh(id, s.plainId)
            size = s.reweighedSize
            template = s.plainBytes
          }
        }
      }
      if (size > s.size) tally.larger += 1
      tally.bytes += size
      tally.seedBytes += s.size
      passSizes.push(size)
      passCalled.push(ran)
      passWeighed.push(template)
    }
    passes.push(tally)
    sizes.push(passSizes)
    called.push(passCalled)
    weighed.push(passWeighed)
  }
  return { passes, sizes, called, weighed }
}

/** `seenForConfig` for a config file (the store given, its dictionary as the config loads it). */
export async function seenOf(
  configPath: string,
  store: Parameters<typeof createMatcher>[0],
  lines: readonly Uint8Array[],
): Promise<Seen[][]> {
  const config = await loadCompressorConfig(configPath)
  return seenForConfig(
    config,
    { store, matcher: createMatcher(store), dictionary: await loadDictionary(config) },
    lines,
  )
}

/**
 * Each line of `lines`, PASSES times in order, as a learning compressor of `config` and `resources` meets it
 * (see the file comment). Aura off and a sync fallback: the compressSync path the replay models.
 */
export function seenForConfig(
  config: CompressorConfig,
  resources: HybridResources,
  lines: readonly Uint8Array[],
): Seen[][] {
  return walkForConfig(config, resources, lines).seen
}

/** What the learned choice's learner counted over the walk (choice-learning.ts `counts`). */
export type ChoiceCounts = { readonly tried: number; readonly missed: number; readonly recorded: number }

/**
 * `seenForConfig` with the learned choice under `choice` (a compressor's `learnChoice`: true is the shipped
 * rule) and `passes` passes; with the choice learner's counts at the end (bench/choice-tune.ts: the lines sent
 * alone, which the compressor does not say).
 */
export function walkForConfig(
  config: CompressorConfig,
  resources: HybridResources,
  lines: readonly Uint8Array[],
  choice: true | ChoiceRule = true,
  passCount: number = PASSES,
): { seen: Seen[][]; choiceCounts: ChoiceCounts } {
  if (config.enableAura) throw new Error(`${config.file}: the selection replay models aura off (enable_aura: true)`)
  const codecs = createCodecSet(config, resources.dictionary)
  if (codecs.fallback.isAsync) throw new Error(`${config.file}: the selection replay needs a sync fallback`)
  const fallbackFrame = syncFallbackFrame(config, codecs.fallback)
  const checkStore = config.storeCheck === 'frame' ? resources.store : null
  const plain = createTemplateSide(resources.matcher, checkStore)
  // the learned choice's side, with its own gate (compressor.ts: `gate`), ticked on every message
  const choiceGate = new RecheckGate()
  const learning = createTemplateSide(resources.matcher, checkStore, choice, choiceGate, plain)
  const refusals = new RefusalRun()
  const { binaryAdvantageThreshold: threshold, minCompressionSizeBytes: minBytes, framing } = config
  const passthrough = framing === 'text-passthrough'
  const fallbackSizes = lines.map((m) => (m.length >= minBytes ? fallbackFrame.write(m) : -1))
  /** the re-weighing's frame per line (the smallest template frame: a function of the line alone), when asked */
  const plainOf = new Map<number, { id: number | undefined; bytes: number | undefined }>()
  const fixed = (size: number, m: Uint8Array, fallbackRuns: boolean, weighed = -1): Seen => ({
    size,
    ran: false,
    fallbackRuns,
    weighed,
    templateId: undefined,
    binary: 0,
    fallback: -1,
    messageBytes: m.length,
    skipSize: size,
    keptSize: size,
    reweighs: false,
    plainId: undefined,
    plainBytes: -1,
    reweighedSize: size,
  })
  const passes: Seen[][] = []
  for (let pass = 0; pass < passCount; pass++) {
    passes.push(
      lines.map((m, i): Seen => {
        choiceGate.tick()
        const fallback = fallbackSizes[i] as number
        // the best frame without a template: the fallback's when it runs, is smaller and within its decode budget
        const bestOther = (uncompressed: number): number =>
          fallback >= 0 && fallback < uncompressed && m.length <= decodeLimitBytes(fallback, config.maxMessageBytes)
            ? fallback
            : uncompressed
        if (m.length > config.maxMessageBytes) throw new Error(`line ${i}: over max_message_bytes`)
        if (learning === null || refusals.skips() || !learning.matcher.mayMatchBytes(m)) {
          refusals.refusedOne()
          return fixed(
            bestOther(uncompressedFrameSizeBytes(m.length, framing, passthrough && isUtf8(m))),
            m,
            fallback >= 0,
          )
        }
        refusals.passedOne()
        const text = tryDecodeUtf8(m)
        const uncompressed = uncompressedFrameSizeBytes(m.length, framing, text !== undefined)
        const binary = text === undefined ? undefined : binaryCandidate(learning, text, m)
        const binaryWins = (bytes: number, other: number): boolean => atMost(bytes * threshold, other)
        if (binary === undefined) return fixed(bestOther(uncompressed), m, fallback >= 0)
        const withoutFallback = binaryWins(binary.sizeBytes, uncompressed) ? binary.sizeBytes : uncompressed
        const floor = 1 + minPayloadBytes(config.fallback, m.length)
        // step 4 without the short-cut: the fallback runs unless it provably cannot change the choice
        if (fallback < 0 || binaryWins(binary.sizeBytes, Math.min(uncompressed, floor)))
          return fixed(withoutFallback, m, false, binary.sizeBytes)
        const best = bestOther(uncompressed)
        const keptSize = binaryWins(binary.sizeBytes, best) ? binary.sizeBytes : best
        const reweighs = binary.alone === true && !binaryWins(binary.sizeBytes, best)
        let re = plainOf.get(i)
        if (reweighs && re === undefined) {
          const smallest = binaryCandidate(plain as NonNullable<typeof plain>, text as string, m)
          re = { id: smallest?.templateId, bytes: smallest?.sizeBytes }
          plainOf.set(i, re)
        }
        const reweighedSize = re?.bytes !== undefined && binaryWins(re.bytes, best) ? re.bytes : best
        return {
          size: reweighs ? reweighedSize : keptSize,
          ran: true,
          fallbackRuns: false,
          weighed: binary.sizeBytes,
          templateId: binary.templateId,
          binary: binary.sizeBytes,
          fallback,
          messageBytes: m.length,
          skipSize: withoutFallback,
          keptSize,
          reweighs,
          plainId: re?.id,
          plainBytes: re?.bytes ?? -1,
          reweighedSize,
        }
      }),
    )
  }
  const counts = learning?.learner?.counts ?? { tried: 0, missed: 0, recorded: 0 }
  return { seen: passes, choiceCounts: { ...counts } }
}

/**
 * Where the replay at `rule` (the shipped one) and the shipped compressor part: `lines` compressed in order by
 * `compressor` (fresh, learning) as many times as `seen` has passes, each frame's size, whether the fallback ran and the size
 * of the template frame weighed (both from `candidateBytes`) against the replay's; undefined when every line
 * is the same in both. The last two are the short-cut's decisions, which may move no frame's size: on the
 * Loghub systems a replay without the short-cut's RecheckGate sends every frame the compressor does.
 */
export function replayDiffers(
  seen: readonly (readonly Seen[])[],
  rule: LearningRule,
  compressor: HybridCompressor,
  lines: readonly Uint8Array[],
): { pass: number; line: number; replay: string; compressor: string } | undefined {
  const { sizes, called, weighed } = replay(seen, rule)
  const fallback = compressor.config.fallback
  const said = (bytes: number | undefined, ran: boolean | undefined, template: number | undefined): string =>
    `${bytes ?? '-'} B, fallback ${ran === true ? 'ran' : 'not run'}, template frame weighed ${template === undefined || template < 0 ? 'none' : `${template} B`}`
  for (let pass = 0; pass < seen.length; pass++)
    for (let line = 0; line < lines.length; line++) {
      const result = compressor.compressSync(lines[line] as Uint8Array)
      const { candidateBytes } = result.metadata
      const [bytes, ran, template] = [
        result.bytes.length,
        candidateBytes[fallback] !== undefined,
        candidateBytes.binary_semantic ?? -1,
      ]
      const [replayed, replayedRan, replayedTemplate] = [
        sizes[pass]?.[line],
        called[pass]?.[line],
        weighed[pass]?.[line],
      ]
      if (bytes !== replayed || ran !== replayedRan || template !== replayedTemplate)
        return {
          pass: pass + 1,
          line,
          replay: said(replayed, replayedRan, replayedTemplate),
          compressor: said(bytes, ran, template),
        }
    }
  return undefined
}
