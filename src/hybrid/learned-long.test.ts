/** The learned template choice on long messages (round 42, s42-trial D1; kept when the band note was taken out, s42-rev4 F1). */
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { ChoiceLearner, createMatcher, createTemplateFrameEncoder, parseTemplateStore } from '../templates/index.ts'

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
