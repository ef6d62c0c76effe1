/** The note of a band of message lengths whose template frames save almost nothing (round 42, s42-trial D1). */
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import {
  ChoiceLearner,
  createMatcher,
  createTemplateFrameEncoder,
  parseTemplateStore,
  type TemplateStore,
} from '../templates/index.ts'
import { BandNote, bandOf, PROBE_FIRST, PROBE_MAX, SEEN_MIN } from './band-note.ts'
import { createHybridCompressor } from './index.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'band-note',
    templates: [{ id: 1, pattern: 'Request {0}', slots: [{ type: 'string' }] }],
  },
  'band-note.json',
)
const BODY = 'user agent Mozilla/5.0 (Linux; Android 13; SM-G991B) AppleWebKit/537.36 bidfloor 0.25 currency USD '
const DICTIONARY = createRawContentDictionary([toBytes(`Request ${BODY.repeat(3)}`)], 4096)
const CONFIG = { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict' as const, zstdDictLevel: 3, minCompressionSizeBytes: 16 }
/** A long message the template matches whose frame (the slot's text, raw) loses to zstd_dict's (the text is in its dictionary). */
const losing = (i: number): Uint8Array => toBytes(`Request ${BODY}${BODY.slice(0, 10 + (i % 7))}`)
/** A short one whose template frame wins. */
const winning = (i: number): Uint8Array => toBytes(`Request ${i % 10}`)

describe('BandNote', () => {
  it('holds for a band whose frames saved under the share after SEEN_MIN messages, probes it, and leaves other bands alone', () => {
    const note = new BandNote()
    const [long, short] = [900, 60]
    expect(bandOf(long)).not.toBe(bandOf(short))
    for (let i = 0; i < SEEN_MIN; i++) {
      expect(note.skips(long)).toBe(false)
      note.record(long, 200, i === 0 ? 1 : 0)
      expect(note.skips(short)).toBe(false)
      note.record(short, 10, 40)
    }
    const gaps: number[] = []
    for (let probe = 0; probe < 5; probe++) {
      let skipped = 0
      while (note.skips(long)) skipped++
      gaps.push(skipped)
      note.record(long, 200, 0)
    }
    expect(gaps).toEqual([PROBE_FIRST, 16, PROBE_MAX, PROBE_MAX, PROBE_MAX])
    expect(note.skips(short)).toBe(false)
    expect(note.skips(-1)).toBe(false)
  })

  it('lets a band go once its probes save bytes again', () => {
    const note = new BandNote()
    for (let i = 0; i < SEEN_MIN; i++) note.record(900, 200, 0)
    let weighed = 0
    for (let i = 0; i < 2000; i++)
      if (!note.skips(900)) {
        weighed++
        note.record(900, 100, 100)
      }
    expect(weighed).toBeGreaterThan(1900)
  })

  it("skips the template side on a compressor's losing band while the store wins on others, with the seed rule's frames", async () => {
    const compressor = await createHybridCompressor(CONFIG, {
      store: STORE,
      matcher: createMatcher(STORE),
      dictionary: DICTIONARY,
    })
    const seed = compressor.withoutLearning()
    let [longWeighed, shortWon] = [0, 0]
    for (let i = 0; i < 400; i++) {
      const long = compressor.compressSync(losing(i))
      expect(long.bytes).toEqual(seed.compressSync(losing(i)).bytes)
      if (long.metadata.candidateBytes.binary_semantic !== undefined) longWeighed++
      if (compressor.compressSync(winning(i)).method === 'binary_semantic') shortWon++
    }
    // the store wins half its matched messages (losing-run.ts's note never holds); without the band note all 400 were weighed
    expect(shortWon).toBe(400)
    expect(longWeighed).toBeLessThan(SEEN_MIN + 40)
    // withoutLearning() weighs every one
    expect(seed.compressSync(losing(1)).metadata.candidateBytes.binary_semantic).toBeDefined()
  })
})

describe('the learned template choice on messages over ~300 characters (round 42, s42-trial D1)', () => {
  it('sends a learned winner alone instead of always missing (the compiled writers had the 1 KiB slab as their bound)', () => {
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'long',
        templates: [
          // a leading integer: a template whose first value is a string is never tried alone (choice-learning.ts)
          { id: 1, pattern: 'start {0} {1} end', slots: [{ type: 'integer' }, { type: 'string' }] },
          {
            id: 2,
            pattern: 'start {0} {1} mid {2} end',
            slots: [{ type: 'integer' }, { type: 'string' }, { type: 'string' }],
          },
        ],
      },
      'long.json',
    )
    const learner = new ChoiceLearner()
    const encoder = createTemplateFrameEncoder(createMatcher(store), (id) => new Uint8Array([id]), {
      learnChoice: learner,
    })
    const plain = createTemplateFrameEncoder(createMatcher(store), (id) => new Uint8Array([id]))
    for (let i = 0; i < 40; i++) {
      const text = `start ${i} ${String.fromCharCode(97 + (i % 26)).repeat(400)} mid ${'v'.repeat(50)} end`
      const frame = encoder.encode(text, toBytes(text))
      expect(frame?.frame).toEqual(plain.encode(text, toBytes(text))?.frame)
    }
    expect(learner.counts.tried).toBeGreaterThan(30)
    expect(learner.counts.missed).toBe(0)
  })
})
