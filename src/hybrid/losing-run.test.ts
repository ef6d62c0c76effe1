/** The note that a store's template frames keep losing (round 41, s41-trial D1). */
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { createMatcher, parseTemplateStore, type TemplateStore } from '../templates/index.ts'
import { createHybridCompressor } from './index.ts'
import { LOST_RUN, LosingRun, PROBE_FIRST, PROBE_MAX, WIN_SPAN } from './losing-run.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'losing-run',
    templates: [{ id: 1, pattern: 'Request {0}', slots: [{ type: 'string' }] }],
  },
  'losing-run.json',
)
const BODY = 'user agent Mozilla/5.0 (Linux; Android 13; SM-G991B) AppleWebKit/537.36 bidfloor 0.25 currency USD '
const DICTIONARY = createRawContentDictionary([toBytes(`Request ${BODY.repeat(3)}`)], 4096)
const CONFIG = { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict' as const, zstdDictLevel: 3, minCompressionSizeBytes: 16 }
/** A message the template matches whose frame (the slot's text, raw) loses to zstd_dict's (the text is in its dictionary). */
const losing = (i: number): Uint8Array => toBytes(`Request ${BODY}${BODY.slice(0, 10 + (i % 7))}`)
/** One whose template frame wins (too short for the fallback to be weighed). */
const winning = (i: number): Uint8Array => toBytes(`Request ${i % 10}`)

describe('LosingRun', () => {
  it('holds after LOST_RUN losses in a row, probes at a rate that halves with each lost probe, and ends on a won probe', () => {
    const run = new LosingRun()
    for (let i = 0; i < LOST_RUN - 1; i++) {
      expect(run.skips()).toBe(false)
      run.record(false)
    }
    run.record(true)
    for (let i = 0; i < LOST_RUN; i++) {
      expect(run.skips()).toBe(false)
      run.record(false)
    }
    const gaps: number[] = []
    let skipped = 0
    for (let probe = 0; probe < 8; probe++) {
      while (run.skips()) skipped++
      gaps.push(skipped)
      skipped = 0
      // a probe stays a probe until a matched message was weighed
      expect(run.skips()).toBe(false)
      run.record(false)
    }
    expect(PROBE_MAX).toBe(32)
    expect(gaps).toEqual([PROBE_FIRST, 16, PROBE_MAX, PROBE_MAX, PROBE_MAX, PROBE_MAX, PROBE_MAX, PROBE_MAX])
    while (run.skips()) skipped++
    run.record(true)
    expect(run.skips()).toBe(false)
  })

  it('does not hold on a burst of losses after a stretch of wins (s41-rev3 F1: blocks of no-wins and wins)', () => {
    const run = new LosingRun()
    for (let block = 0; block < 4; block++) {
      for (let i = 0; i < 200; i++) {
        expect(run.skips()).toBe(false)
        run.record(true)
      }
      // 200 losses in a row: the share of wins over the last ~WIN_SPAN matched messages stays over one in 64
      for (let i = 0; i < 200; i++) {
        expect(run.skips()).toBe(false)
        run.record(false)
      }
    }
    // a store that stops winning altogether is noticed once the share has decayed (a few WIN_SPANs)
    let weighed = 0
    for (let i = 0; i < 4 * WIN_SPAN; i++)
      if (!run.skips()) {
        weighed++
        run.record(false)
      }
    expect(weighed).toBeLessThan(4 * WIN_SPAN)
  })

  it('skips the template side of a compressor whose frames keep losing, with the frames of the seed rule', async () => {
    const compressor = await createHybridCompressor(CONFIG, {
      store: STORE,
      matcher: createMatcher(STORE),
      dictionary: DICTIONARY,
    })
    const seed = compressor.withoutLearning()
    const weighed = (messages: Uint8Array[]): number =>
      messages.filter((message) => {
        const result = compressor.compressSync(message)
        expect(result.bytes).toEqual(seed.compressSync(message).bytes)
        expect(result.method).toBe('zstd_dict')
        return result.metadata.candidateBytes.binary_semantic !== undefined
      }).length
    const messages = Array.from({ length: 400 }, (_, i) => losing(i))
    expect(weighed(messages.slice(0, LOST_RUN))).toBe(LOST_RUN)
    // 336 more: probes after 8, 16, then every 32 skipped messages (11 of them within the 336)
    expect(weighed(messages.slice(LOST_RUN))).toBe(11)
    // strings take the same path
    expect(compressor.compressSync(`Request ${BODY}x`).metadata.candidateBytes.binary_semantic).toBeUndefined()
    // traffic that changes: the template frames win again from the next probe on
    const won = Array.from({ length: 300 }, (_, i) => compressor.compressSync(winning(i)).method === 'binary_semantic')
    expect(won.filter(Boolean).length).toBeGreaterThan(300 - PROBE_MAX)
    expect(won.slice(-10).every(Boolean)).toBe(true)
  })

  it('a message ending in \\r follows the note: its body is not weighed while the note holds (s41-rev3 F3)', async () => {
    const compressor = await createHybridCompressor(CONFIG, {
      store: STORE,
      matcher: createMatcher(STORE),
      dictionary: DICTIONARY,
    })
    const seed = compressor.withoutLearning()
    let weighed = 0
    for (let i = 0; i < 400; i++) {
      const message = toBytes(`Request ${BODY}${BODY.slice(0, 10 + (i % 7))}\r`)
      const result = compressor.compressSync(message)
      expect(result.bytes).toEqual(seed.compressSync(message).bytes)
      if (result.metadata.candidateBytes.binary_semantic !== undefined) weighed++
    }
    // without the note on this path every body was weighed (400)
    expect(weighed).toBeLessThan(100)
  })
})
