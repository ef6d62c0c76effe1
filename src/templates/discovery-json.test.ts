import { describe, expect, it } from 'vitest'
import { tryDecodeUtf8 } from '../core/index.ts'
import { groupJsonMessages, jsonValueSpans, MAX_DRAFT_SAMPLE } from './discovery-json.ts'
import {
  createMatcher,
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  evaluateGroupingAccuracy,
} from './index.ts'

const values = (text: string): string[] | undefined =>
  jsonValueSpans(text)?.map(([start, end]) => text.slice(start, end))

/** A chunk stream: the same keys every time, a few value kinds, strings that need escaping. */
function chunks(count: number, model: string): { text: string; event: string }[] {
  return Array.from({ length: count }, (_, i) => {
    if (i % 5 === 4)
      return { text: JSON.stringify({ id: `req-${i >> 3}`, done: true, usage: { tokens: i * 7 } }), event: 'done' }
    const content = ['Hello', ' "quoted"', ' a\\b', '', ' ünïcode'][i % 5] as string
    return {
      text: JSON.stringify({ id: `req-${i >> 3}`, object: 'chunk', model, delta: { content }, seq: i }),
      event: 'delta',
    }
  })
}

describe('JSON value spans', () => {
  it('finds every scalar value, not the keys, in objects and arrays as written', () => {
    expect(values('{"a": 1, "b": [true, null, "x"], "c": {"d": -2.5e3}}')).toEqual(['1', 'true', 'null', 'x', '-2.5e3'])
    expect(values('[["0.35","6195.0"],[]]')).toEqual(['0.35', '6195.0'])
    expect(values('{"s":"a\\"b"}')).toEqual(['a\\"b'])
  })

  it('refuses what is not one JSON object or array', () => {
    for (const text of [
      'Jun 14 15:16:01 combo sshd[1]: ok',
      '"just a string"',
      '{"a":1} trailing',
      '{"a":}',
      '{a:1}',
      '[1,2',
    ])
      expect(jsonValueSpans(text)).toBeUndefined()
  })
})

describe('JSON-aware discovery', () => {
  const train = chunks(200, 'gpt-a')
  const result = discoverTemplates(train.map((c) => c.text))

  it('makes one event per key structure, keys literal, values slots (a shared prefix of a value literal too)', () => {
    expect(
      evaluateGroupingAccuracy(
        result.events,
        train.map((c) => c.event),
      ).accuracy,
    ).toBe(1)
    const delta = result.store.templates.find((t) => t.pattern.includes('"object":"chunk"'))
    expect(delta?.pattern).toBe('{"id":"req-{0}","object":"chunk","model":"gpt-a","delta":{"content":{1}},"seq":{2}}')
  })

  it('round-trips every training message, escaped and empty strings included', () => {
    const matcher = createMatcher(result.store)
    for (const { text } of train) {
      const frame = encodeBinarySemantic(matcher, text)
      expect(frame, text).toBeDefined()
      if (frame !== undefined)
        expect(tryDecodeUtf8(decodeBinarySemantic(result.store, frame.templateId, frame.body))).toBe(text)
    }
  })

  it('matches a message whose value every training message shared now differs (another model)', () => {
    const next = chunks(10, 'gpt-b')[0] as { text: string }
    const frame = encodeBinarySemantic(result.store, next.text)
    expect(frame).toBeDefined()
    if (frame !== undefined)
      expect(tryDecodeUtf8(decodeBinarySemantic(result.store, frame.templateId, frame.body))).toBe(next.text)
  })

  it('is used for the JSON messages of a mixed corpus, word clustering for the rest', () => {
    const logs = Array.from({ length: 40 }, (_, i) => `job ${i} finished in ${i * 3} ms`)
    const mixed = discoverTemplates([...logs, ...train.map((c) => c.text)])
    expect(mixed.store.templates.some((t) => t.pattern.startsWith('job {0} finished in {1}'))).toBe(true)
    expect(mixed.store.templates.some((t) => t.pattern.startsWith('{"id":"req-{0}","done":true'))).toBe(true)
    expect(
      evaluateGroupingAccuracy(mixed.events, [...logs.map(() => 'job'), ...train.map((c) => c.event)]).accuracy,
    ).toBe(1)
  })

  it('without jsonAware, JSON messages go through word clustering as before', () => {
    const plain = discoverTemplates(
      train.map((c) => c.text),
      { jsonAware: false },
    )
    expect(
      plain.store.templates.some(
        (t) => t.pattern === '{"id":"req-{0}","object":"chunk","model":"gpt-a","delta":{"content":{1}},"seq":{2}}',
      ),
    ).toBe(false)
  })
})

describe('bounded drafting per JSON structure', () => {
  const many = Array.from({ length: 3 * MAX_DRAFT_SAMPLE }, (_, i) => JSON.stringify({ seq: i, state: 'ok' }))
  const other = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `x${i}` }))

  it('keeps the value spans of the first MAX_DRAFT_SAMPLE messages of a structure, the index of every one', () => {
    const { groups, json } = groupJsonMessages([...many, ...other])
    expect(json.size).toBe(many.length + other.length)
    expect(groups.map((g) => [g.sample.length, g.indexes.length])).toEqual([
      [MAX_DRAFT_SAMPLE, many.length],
      [5, 5],
    ])
    expect(groups[0]?.sample.map((m) => m.index)).toEqual(Array.from({ length: MAX_DRAFT_SAMPLE }, (_, i) => i))
  })

  it('gives every message of a structure its event and encodes the ones past the sample too', () => {
    const result = discoverTemplates([...many, ...other])
    expect(new Set(result.events.slice(0, many.length)).size).toBe(1)
    expect(result.stats.coveredMessages).toBe(many.length + other.length)
    // a value of a kind the sample never showed past it still round-trips (the slot is typed from the sample)
    const later = JSON.stringify({ seq: 10 ** 9, state: 'ok' })
    const frame = encodeBinarySemantic(result.store, later)
    expect(frame).toBeDefined()
    if (frame !== undefined)
      expect(tryDecodeUtf8(decodeBinarySemantic(result.store, frame.templateId, frame.body))).toBe(later)
  })
})
