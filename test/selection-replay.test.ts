// bench/selection-tune.ts replays the learning compressor's selection to weigh the short-cut's rules; its
// figures mean something only while the replay is the compressor's choice. On a small synthetic store and
// stream that has what the compressor learns besides the short-cut (a learned template choice whose winner
// sent alone is larger than the smallest frame, runs of lines no template matches long enough for the note
// of refused runs, more messages than one re-check spacing, re-weighings the memo skips), the replay at the
// shipped rule gives the shipped compressor's frame sizes, fallback runs and template frames weighed on every
// line of every pass (round s35-tune: it took the smallest template frame of every line and stopped at
// OpenSSH line 169). Checked: it fails when the replay leaves out any one of the learned choice, its gate,
// the note of refused runs, the short-cut's gate, the re-weighing memo.
import { describe, expect, it, vi } from 'vitest'
import { PASSES, replayDiffers, seenForConfig, walkForConfig } from '../bench/lib/selection-replay.ts'
import { createRawContentDictionary } from '../src/codecs/index.ts'
import { toBytes } from '../src/core/index.ts'
import { REFUSED_RUN } from '../src/hybrid/refusal-run.ts'
import { LEARN_MARGIN, RECHECK_MAX, RESET_BELOW } from '../src/hybrid/selection-learning.ts'
import { DEFAULT_TEST_CONFIG } from '../src/hybrid/test-support.ts'
import { createHybridCompressor } from '../src/index.ts'
import {
  CHOICE_RECHECK_EVERY,
  CHOICE_RECHECK_MAX,
  ChoiceLearner,
  type ChoiceRule,
} from '../src/templates/choice-learning.ts'
import { createMatcher, createTemplateFrameEncoder, parseTemplateStore } from '../src/templates/index.ts'
import { writeTemplateFrame } from '../src/codecs/index.ts'

const SHIPPED = { margin: LEARN_MARGIN, resetBelow: RESET_BELOW, recheckMax: RECHECK_MAX }

/**
 * Two templates of one candidate list. A listed path is smallest as 1's enum (one byte); any numbered path
 * fits 2, whose integer takes three bytes for a listed one: 2 has more literal text, so once both have won,
 * the learned choice tries 2 alone first and sends its larger frame (neither's first value is a string:
 * a header fallback is never tried alone, choice-learning.ts).
 */
const store = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'replay',
    templates: [
      {
        id: 1,
        pattern: 'GET {0} took {1} ms id={2}',
        slots: [{ type: 'enum', values: ['/api/100000', '/api/200000'] }, { type: 'integer' }, { type: 'string' }],
      },
      {
        id: 2,
        pattern: 'GET /api/{0} took {1} ms id={2}',
        slots: [{ type: 'integer' }, { type: 'integer' }, { type: 'string' }],
      },
    ],
  },
  'replay.json',
)

/**
 * A deterministic stream: listed and other numbered paths, each with a 24-character request id (a template
 * frame the fallback's smallest could beat, so the short-cut learns and re-checks); now and then a run of
 * lines no template matches, past REFUSED_RUN; and now and then a burst whose 40-character id the fallback
 * compresses away (wider than the learned frames, so compared; a frame sent alone that loses is re-weighed:
 * five with other paths, where the smallest frame is 2's own, so the re-weighing memo holds, then three
 * listed ones, where it would be 1's).
 */
function stream(count: number): Uint8Array[] {
  const lines: Uint8Array[] = []
  let state = 12345
  const next = (n: number): number => {
    state = (Math.imul(state, 1_103_515_245) + 12345) >>> 0
    return (state >>> 8) % n
  }
  const listed = (): string => ['/api/100000', '/api/200000'][next(2)] as string
  const other = (): string => `/api/${300_000 + next(10_000_000)}`
  const line = (path: string, id: string): Uint8Array => toBytes(`GET ${path} took ${next(5000)} ms id=${id}`)
  while (lines.length < count) {
    if (next(40) === 0) {
      const run = REFUSED_RUN + 8 + next(30)
      for (let k = 0; k < run; k++) lines.push(toBytes(`kernel: eth${next(4)} link state ${next(9000)} changed`))
    } else if (next(30) === 0) {
      for (let k = 0; k < 8; k++) lines.push(line(k < 5 ? other() : listed(), 'a'.repeat(40)))
    } else {
      const id = Array.from({ length: 24 }, () => next(36).toString(36)).join('')
      lines.push(line(next(3) === 0 ? other() : listed(), id))
    }
  }
  return lines.slice(0, count)
}

const config = {
  ...DEFAULT_TEST_CONFIG,
  fallback: 'zstd_dict' as const,
  zstdDictLevel: 3,
  minCompressionSizeBytes: 0,
}

describe("selection-tune's replay", () => {
  it('gives the shipped compressor the frame sizes, fallback runs and template frames weighed on every line of every pass', async () => {
    const dictionary = createRawContentDictionary([toBytes('GET /api/100000 took 12 ms\nkernel: eth0 link up\n')], 1024)
    const resources = { store, matcher: createMatcher(store), dictionary }
    const lines = stream(3000)
    const seen = seenForConfig(config, resources, lines)
    expect(seen).toHaveLength(PASSES)
    const compressor = await createHybridCompressor(config, resources)
    expect(replayDiffers(seen, SHIPPED, compressor, lines)).toBeUndefined()

    // the stream has what the replay must model: the learned choice sends frames larger than the smallest,
    // the note of refused runs keeps template lines off the screen, the short-cut skips the fallback
    const learning = await createHybridCompressor(config, resources)
    const noChoice = await createHybridCompressor(config, resources, { learnChoice: false })
    const seed = await createHybridCompressor(config, resources, { learnSelection: false })
    let [choiceLarger, keptOff, skipped] = [0, 0, 0]
    for (const line of lines) {
      const [a, b, s] = [learning.compressSync(line), noChoice.compressSync(line), seed.compressSync(line)]
      const [chosen, smallest] = [a.metadata.candidateBytes.binary_semantic, b.metadata.candidateBytes.binary_semantic]
      if (chosen !== undefined && smallest !== undefined && chosen > smallest) choiceLarger += 1
      if (s.method === 'binary_semantic' && a.metadata.candidateBytes.binary_semantic === undefined) keptOff += 1
      if (s.metadata.candidateBytes.zstd_dict !== undefined && a.metadata.candidateBytes.zstd_dict === undefined)
        skipped += 1
    }
    expect(choiceLarger).toBeGreaterThan(0)
    expect(keptOff).toBeGreaterThan(0)
    expect(skipped).toBeGreaterThan(0)
  })

  // bench/choice-tune.ts counts the lines the learned choice sent alone with this walk's learner (the compressor does
  // not say); until round s36-dedup a bare frame encoder counted them, without the compressor's re-check gate, note
  // of refused runs and screen
  it("walks a compressor of another choice rule (choice-tune's), and counts what a bare frame encoder does not", async () => {
    const dictionary = createRawContentDictionary([toBytes('GET /api/100000 took 12 ms\nkernel: eth0 link up\n')], 1024)
    const resources = { store, matcher: createMatcher(store), dictionary }
    const lines = stream(3000)
    const rule: ChoiceRule = {
      wins: 1,
      recheckEvery: CHOICE_RECHECK_EVERY,
      recheckMax: CHOICE_RECHECK_MAX,
      winnersMax: 1,
      widestShare: false,
      passOver: false,
    }
    const walked = walkForConfig(config, resources, lines, rule, 3)
    expect(walked.seen).toHaveLength(3)
    const compressor = () => createHybridCompressor(config, resources, { learnChoice: rule })
    expect(replayDiffers(walked.seen, SHIPPED, await compressor(), lines)).toBeUndefined()
    // the rule reaches the walk: the shipped rule's walk is not this compressor's
    expect(
      replayDiffers(walkForConfig(config, resources, lines, true, 3).seen, SHIPPED, await compressor(), lines),
    ).toBeDefined()

    const learner = new ChoiceLearner(rule)
    const bare = createTemplateFrameEncoder(resources.matcher, (id) => writeTemplateFrame(id, new Uint8Array(0)), {
      learnChoice: learner,
    })
    for (let pass = 0; pass < 3; pass++) for (const line of lines) bare.encodeBytes(line)
    expect(walked.choiceCounts.tried).toBeGreaterThan(0)
    expect(walked.choiceCounts).not.toEqual(learner.counts)

    // and the walk's counts are the compressor's own learner's (review s36-review1: the test above showed only
    // that they are not a bare encoder's): the learner a compressor of this rule makes, found by its calls
    const spy = vi.spyOn(ChoiceLearner.prototype, 'learned')
    const compressing = await compressor()
    for (let pass = 0; pass < 3; pass++) for (const line of lines) compressing.compressSync(line)
    const learners = new Set(spy.mock.contexts as ChoiceLearner[])
    spy.mockRestore()
    expect(learners.size).toBe(1)
    expect(walked.choiceCounts).toEqual(([...learners][0] as ChoiceLearner).counts)
  })
})
