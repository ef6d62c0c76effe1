// The decode-budget warning says what the user can do (trial s39 D4): a >1 MiB message that compresses
// better than 128:1 goes uncompressed in every config, a deflate baseline included, and no option raises it.
import { describe, expect, it } from 'vitest'
import { overBudgetWarning, type RunPartial } from './partial.ts'

function partial(overBudget: number | undefined): RunPartial {
  return {
    corpus: 'huge12',
    config: 'gzip-today',
    sizes: { overBudget },
    latency: { state: 'off' },
  } as unknown as RunPartial
}

describe('overBudgetWarning', () => {
  it('is absent when no message went over the budget', () => {
    expect(overBudgetWarning(partial(undefined))).toBeUndefined()
    expect(overBudgetWarning(partial(0))).toBeUndefined()
  })

  it('says the ratio counts the message at 1:1 in every config, that no option raises the budget, and what to do', () => {
    const one = overBudgetWarning(partial(1)) ?? ''
    expect(one).toMatch(/^config gzip-today on corpus huge12: 1 message over 1 MiB went uncompressed \(ratio 1\)/)
    expect(one).toContain('in every config, a deflate or gzip baseline too')
    expect(one).toContain('No config option raises the budget')
    expect(one).toContain('cut or split such messages')
    const two = overBudgetWarning(partial(2)) ?? ''
    expect(two).toContain('2 messages over 1 MiB')
    expect(two).toContain('counts them at 1:1')
  })
})
