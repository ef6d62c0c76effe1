import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { createMatcher, parseTemplateStore, RECHECK_SPACING, RecheckGate } from '../templates/index.ts'
import { createHybridCompressor } from './index.ts'
import { LEARN_WINS, RECHECK_EVERY, RECHECK_MAX, REWEIGH_SAME, SelectionLearner } from './selection-learning.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

/** The uses (1-based, after the template learned) on which `learner` compares, among `uses`, each comparison scored by `fallbackBytes(use)` against a 10-byte template frame. */
function comparedUses(learner: SelectionLearner, uses: number, fallbackBytes: (use: number) => number): number[] {
  for (let i = 0; i < LEARN_WINS; i++) {
    expect(learner.skipsFallback(7, 10, 100)).toBe(false)
    learner.record(7, 10, 20, 100)
  }
  const compared: number[] = []
  for (let use = 1; use <= uses; use++) {
    if (learner.skipsFallback(7, 10, 100)) continue
    compared.push(use)
    learner.record(7, 10, fallbackBytes(use), 100)
  }
  return compared
}

describe('re-weighings of a frame sent alone (round s35-e2e)', () => {
  it("are skipped after REWEIGH_SAME gave the template's own frame back, and run again after one that gave another", () => {
    const learner = new SelectionLearner()
    // nothing known of the template: re-weighed, and a re-weighing of an unknown template is not counted
    expect(learner.skipsReweigh(8)).toBe(false)
    learner.recordReweigh(8, 8)
    learner.record(8, 30, 20, 100)
    for (let i = 0; i < REWEIGH_SAME; i++) {
      expect(learner.skipsReweigh(8)).toBe(false)
      learner.recordReweigh(8, 8)
    }
    for (let i = 1; i < RECHECK_EVERY; i++) expect(learner.skipsReweigh(8)).toBe(true)
    // the re-check: it gives another template's frame, and the count starts over
    expect(learner.skipsReweigh(8)).toBe(false)
    learner.recordReweigh(8, 3)
    expect(learner.skipsReweigh(8)).toBe(false)
    // no frame at all (undefined) is not the template's own either
    learner.recordReweigh(8, undefined)
    expect(learner.skipsReweigh(8)).toBe(false)
    // another template's count is its own
    expect(learner.skipsReweigh(3)).toBe(false)
  })
})

describe('a fair re-check gate (review of round s35-e2e)', () => {
  /**
   * Template 1 on every message, template 2 on every `period`-th, both learned, one RecheckGate (RECHECK_SPACING)
   * for the short-cut's re-checks and the re-weighings, as a compressor has: template 2's re-checks (or, with
   * `reweigh`, its re-weighings) and its longest run of uses without one (the uses at the end included).
   */
  function periodic(
    period: number,
    messages: number,
    reweigh: boolean,
  ): { rechecks: number; uses: number; longest: number; busy: number } {
    const gate = new RecheckGate()
    const learner = new SelectionLearner(undefined, gate)
    for (const id of [1, 2]) for (let i = 0; i < LEARN_WINS; i++) learner.record(id, 10, 20, 100)
    if (reweigh) for (let i = 0; i < REWEIGH_SAME; i++) learner.recordReweigh(2, 2)
    let rechecks = 0
    let uses = 0
    let lastAt = 0
    let longest = 0
    let busy = 0
    for (let message = 0; message < messages; message++) {
      gate.tick()
      const id = message % period === 0 ? 2 : 1
      if (id === 1) {
        if (!learner.skipsFallback(1, 10, 100)) {
          busy += 1
          learner.record(1, 10, 20, 100)
        }
        continue
      }
      uses += 1
      const ran = reweigh ? !learner.skipsReweigh(2) : !learner.skipsFallback(2, 10, 100)
      if (!ran) continue
      rechecks += 1
      longest = Math.max(longest, uses - lastAt)
      lastAt = uses
      if (reweigh) learner.recordReweigh(2, 2)
      else learner.record(2, 10, 20, 100)
    }
    return { rechecks, uses, longest: Math.max(longest, uses - lastAt), busy }
  }

  // the gate let the first asker through once it opened: template 1 asked on every message, so it took every
  // slot at the message the gate opened, and template 2, whose uses fell on other messages, got none at all
  // (main at 9e296d3: 0 re-checks and 0 re-weighings in 3,907 uses for period 1,024)
  it.each([
    [512, false],
    [1024, false],
    [2048, false],
    [1024, true],
  ])(
    're-checks a template used every %i-th message within 2 x RECHECK_SPACING of its uses (re-weighing: %s)',
    (period, reweigh) => {
      const messages = 4 * 1024 * 1024
      const { rechecks, uses, longest, busy } = periodic(period, messages, reweigh)
      expect(longest).toBeLessThanOrEqual(2 * RECHECK_SPACING)
      expect(rechecks).toBeGreaterThanOrEqual(Math.floor(uses / (2 * RECHECK_SPACING)))
      // the busy template keeps its one re-check per RECHECK_SPACING messages, no more
      expect(busy).toBeLessThanOrEqual(Math.ceil(messages / RECHECK_SPACING))
    },
  )
})

describe('re-checks of a learned template', () => {
  it('double the uses between them while the template keeps winning comfortably, up to RECHECK_MAX', () => {
    const compared = comparedUses(new SelectionLearner(), 2000, () => 20)
    const expected: number[] = []
    for (let gap = RECHECK_EVERY, at = 0; at + gap <= 2000; gap = Math.min(2 * gap, RECHECK_MAX)) {
      at += gap
      expected.push(at)
    }
    // 32, 96, 224, 480, 736, ...: 1 use in 256 once it has won 3 re-checks (af15f88 compared 1 in 32: 62 uses)
    expect(expected.slice(0, 4)).toEqual([32, 96, 224, 480])
    expect(compared).toEqual(expected)
    expect(compared.length).toBeLessThan(2000 / RECHECK_EVERY / 4)
  })

  it('start again at RECHECK_EVERY, from zero wins, after a re-check that is not a comfortable win', () => {
    // the third re-check (use 224) finds the fallback's frame only 1.1x the template's
    const compared = comparedUses(new SelectionLearner(), 224 + LEARN_WINS + 40, (use) => (use === 224 ? 11 : 20))
    // then LEARN_WINS comparisons in a row before it skips again, and the next re-check 32 uses later
    const relearned = Array.from({ length: LEARN_WINS }, (_, i) => 225 + i)
    expect(compared).toEqual([32, 96, 224, ...relearned, 224 + LEARN_WINS + RECHECK_EVERY])
  })
})

describe('a compressor learns as the rule says', () => {
  const ONE = { id: 1, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'string' }, { type: 'integer' }] }
  // a second template every message also matches (its frame larger): each message is a situation of two
  // candidates, whose learned choice re-checks on its own schedule (round s35-e2e: with one gate for both
  // learners, the choice's re-checks took every slot and the fallback short-cut's never came)
  const TWO = { id: 2, pattern: 'Request {0} completed in {1}', slots: [{ type: 'string' }, { type: 'string' }] }
  it.each([
    ['one template', [ONE]],
    ['two candidates per message (the learned choice re-checks too)', [ONE, TWO]],
  ])(
    'compares a template that always wins comfortably on its first uses and its re-checks only (%s)',
    async (_, templates) => {
      const store = parseTemplateStore(
        { format: 'aura-template-store', version: 1, name: 'one', templates },
        'one.json',
      )
      const dictionary = createRawContentDictionary([toBytes('unrelated dictionary text 0123456789')], 1024)
      const compressor = await createHybridCompressor(
        { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict', zstdDictLevel: 3, minCompressionSizeBytes: 0 },
        { store, matcher: createMatcher(store), dictionary },
      )
      const compared: number[] = []
      for (let use = 1; use <= 2500; use++) {
        // a 24-character id and a 3-digit time (a frame of one width, so every use is as wide as those it learned from): the template's frame (~28 bytes) is past what the fallback's smallest frame could beat
        const id = ((use * 2_654_435_761) % 2 ** 32).toString(36).padStart(12, 'x').repeat(2)
        const result = compressor.compressSync(`Request ${id} completed in ${200 + (use % 700)}ms`)
        expect(result.metadata).toMatchObject({ method: 'binary_semantic', templateId: 1 })
        if (result.metadata.candidateBytes.zstd_dict !== undefined) compared.push(use - LEARN_WINS)
      }
      // the first LEARN_WINS uses learn (numbered -15 ... 0 here), then the re-checks of the 2,484 uses left: due
      // after 32, 64, 128 and 256 uses (32, 96, 224, 480, 736 alone), but a compressor runs at most one re-check
      // per RECHECK_SPACING messages (its RecheckGate, round s31-p99; 1,024 since round s35-e2e, 256 before): the
      // one due at 96 waits until 1,024 messages after the one at 32 (use 1056), and so on
      const learning = Array.from({ length: LEARN_WINS }, (_, i) => i + 1 - LEARN_WINS)
      expect(RECHECK_SPACING).toBe(1024)
      expect(compared).toEqual([...learning, 32, 1056, 2080])
    },
  )
})

describe('a learned template meets a message unlike those it learned from', () => {
  it('compares a frame wider than the learned ones (the learner alone)', () => {
    const learner = new SelectionLearner()
    for (let i = 0; i < LEARN_WINS; i++) learner.record(7, 10, 20, 100)
    expect(learner.skipsFallback(7, 10, 100)).toBe(true)
    // a frame taking 90% of its message where the learned ones took 10%: the fallback runs
    expect(learner.skipsFallback(7, 900, 1000)).toBe(false)
    // a narrower one still skips
    expect(learner.skipsFallback(7, 15, 200)).toBe(true)
  })

  it('skips a frame of exactly the learned share (15 B of 22 B: a quotient times 22 lands below 15)', () => {
    const learner = new SelectionLearner()
    for (let i = 0; i < LEARN_WINS; i++) learner.record(7, 15, 100, 22)
    expect(learner.skipsFallback(7, 15, 22)).toBe(true)
  })

  it('keeps the re-check schedule when wider frames are compared and win (they are no re-checks)', () => {
    const learner = new SelectionLearner()
    for (let i = 0; i < LEARN_WINS; i++) learner.record(7, 10, 40, 40)
    // five wider frames (11-15 B of 40 B), each compared and won comfortably
    for (let b = 11; b <= 15; b++) {
      expect(learner.skipsFallback(7, b, 40)).toBe(false)
      learner.record(7, b, 40, 40)
    }
    // the first re-check still comes on the RECHECK_EVERY-th skipped use
    let use = 0
    while (learner.skipsFallback(7, 10, 40)) use += 1
    expect(use + 1).toBe(RECHECK_EVERY)
  })

  it('weighs the fallback for a record whose trailing slot took a stack trace (trial s29: it went uncompressed)', async () => {
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'one',
        templates: [
          {
            id: 1,
            pattern: '{0} INFO request {1} done: {2}',
            slots: [{ type: 'integer' }, { type: 'integer' }, { type: 'string' }],
          },
        ],
      },
      'one.json',
    )
    const dictionary = createRawContentDictionary(
      [toBytes('    at handler (/srv/app/src/routes/users.js:100:17)\n')],
      1024,
    )
    const compressor = await createHybridCompressor(
      { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict', zstdDictLevel: 3, minCompressionSizeBytes: 0 },
      { store, matcher: createMatcher(store), dictionary },
    )
    for (let use = 1; use <= 80; use++) {
      const id = ((use * 2_654_435_761) % 2 ** 32).toString(36).padStart(12, 'x').repeat(2)
      expect(compressor.compressSync(`${1_700_000_000 + use} INFO request ${use} done: ${id}`).method).toBe(
        'binary_semantic',
      )
    }
    const trace = Array.from(
      { length: 40 },
      (_, k) => `    at handler${k % 7} (/srv/app/src/routes/users.js:${100 + k}:17)`,
    )
    const record = `1700000081 INFO request 81 done: upstream reset\n${trace.join('\n')}`
    const result = compressor.compressSync(record)
    expect(result.metadata.candidateBytes.zstd_dict).toBeDefined()
    expect(result.method).toBe('zstd_dict')
    expect(result.bytes.length).toBeLessThan(record.length / 4)
  })
})

// s43-rev3 (medium): a reset rule that let wins by 1.1-1.2x neither count nor reset learnt a template whose other
// messages lose heavily: 1.4% more bytes than always comparing on such a stream (goal <= 0.5%); it was not kept
describe('a template whose wins are often narrow and whose rare losses are heavy (s43-rev3)', () => {
  it('costs at most 0.5% more bytes than always comparing', async () => {
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'copy',
        templates: [{ id: 1, pattern: 'copy {0} to {1} done', slots: [{ type: 'string' }, { type: 'string' }] }],
      },
      'copy.json',
    )
    const dictionary = createRawContentDictionary([toBytes('unrelated dictionary text 0123456789')], 1024)
    const config = {
      ...DEFAULT_TEST_CONFIG,
      fallback: 'zstd_dict' as const,
      zstdDictLevel: 3,
      minCompressionSizeBytes: 0,
    }
    const resources = { store, matcher: createMatcher(store), dictionary }
    const learning = await createHybridCompressor(config, resources, { learnChoice: false })
    const always = await createHybridCompressor(config, resources, { learnSelection: false, learnChoice: false })
    let seed = 99
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff
      return seed / 0x7fffffff
    }
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('')
    let learnt = 0
    let compared = 0
    for (let i = 0; i < 8000; i++) {
      const u = random()
      const a = hex(20)
      // 50% unrelated paths (the template wins comfortably), 45% a destination repeating 18 of the source's 20
      // digits (the template wins by ~1.19x), 5% one character repeated (the fallback's frame is far smaller)
      const c = hex(1).repeat(20)
      const message =
        u < 0.05
          ? `copy /srv/${c} to /bak/${c} done`
          : u < 0.55
            ? `copy /srv/${a} to /bak/${hex(20)} done`
            : `copy /srv/${a} to /bak/${a.slice(0, 18)}${hex(2)} done`
      learnt += learning.compressSync(message).bytes.length
      compared += always.compressSync(message).bytes.length
    }
    expect(learnt / compared).toBeLessThanOrEqual(1.005)
  })
})
