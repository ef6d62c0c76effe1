import { describe, expect, it } from 'vitest'
import { describeReplaySampling } from './wire-cost.ts'

describe('describeReplaySampling', () => {
  it('speaks of one connection in the singular, with its whole count (it read "1 connections ... 188.0 messages each")', () => {
    expect(
      describeReplaySampling({
        name: 'chat',
        recordedConnections: 3,
        heldOutMessages: 400,
        connections: 1,
        messages: 188,
      }),
    ).toBe('chat: 1 of 3 recorded connections replayed, 188 messages on it')
  })

  it('gives the mean per connection for several, without a decimal when it is whole', () => {
    const of = (connections: number, messages: number) =>
      describeReplaySampling({ name: 'llm', recordedConnections: 53, heldOutMessages: 900, connections, messages })
    expect(of(3, 34)).toBe('llm: 3 of 53 recorded connections replayed, 11.3 messages each')
    expect(of(2, 40)).toBe('llm: 2 of 53 recorded connections replayed, 20 messages each')
  })
})
