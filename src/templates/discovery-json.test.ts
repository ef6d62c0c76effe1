import { describe, expect, it } from 'vitest'
import { tryDecodeUtf8 } from '../core/index.ts'
import {
  createSampleReader,
  draftJsonTemplate,
  groupJsonMessages,
  MAX_DRAFT_SAMPLE,
  STORE_BYTES_PER_MESSAGE,
  structureStoreBytes,
} from './discovery-json.ts'
import { jsonValueSpans, MAX_JSON_DEPTH, scanJson } from './json-spans.ts'
import {
  createMatcher,
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  evaluateGroupingAccuracy,
  toTemplateStoreJson,
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
  it('reads nesting down to MAX_JSON_DEPTH and treats a deeper text as not JSON, at any depth without throwing', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}7${']'.repeat(depth)}`
    expect(jsonValueSpans(nested(MAX_JSON_DEPTH))).toEqual([[MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1]])
    expect(jsonValueSpans(nested(MAX_JSON_DEPTH + 1))).toBeUndefined()
    expect(scanJson(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`)).toBeUndefined()
    expect(scanJson('[1, [2]]')).toEqual(new Int32Array([1, 2, 5, 6]))
  })

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

  // the scanner reads character codes since round s34-jspeed: the grammar's edges as the regex-based one had them
  it('takes a number as far as JSON lets it go, and a string up to its unescaped quote', () => {
    expect(values('[0,-0,12,1.5,1e9,1E+2,-3.25e-7,true,false,null]')).toEqual([
      '0',
      '-0',
      '12',
      '1.5',
      '1e9',
      '1E+2',
      '-3.25e-7',
      'true',
      'false',
      'null',
    ])
    // a fraction or exponent without digits is not part of the number, so what follows it is refused
    for (const text of ['[1.]', '[1.e5]', '[1e]', '[1e+]', '[-]', '[01]', '[+1]', '[.5]', '[tru]', '[nulll]', '[1,]'])
      expect(jsonValueSpans(text), text).toBeUndefined()
    // an escaped backslash ends before the quote; an escaped quote does not end the string
    expect(values(String.raw`{"k\\":"\\","q":"a\"b","u":"\u00e9"}`)).toEqual(['\\\\', 'a\\"b', '\\u00e9'])
    // a raw control character, a quote left open, a backslash at the end
    for (const text of ['{"a":"x\ty"}', '{"a":"x}', '{"a":"x\\', '["x\\"]'])
      expect(jsonValueSpans(text), JSON.stringify(text)).toBeUndefined()
    expect(values(' \t\r\n[ 1 ,\n"x" ] \n')).toEqual(['1', 'x'])
  })

  it('gives each text its own spans, a long one scanned before a short one or after', () => {
    const long = JSON.stringify(Array.from({ length: 3000 }, (_v, i) => i))
    expect(values(long)).toHaveLength(3000)
    expect(values('[7]')).toEqual(['7'])
    expect(jsonValueSpans('[7,')).toBeUndefined()
    expect(values(long)?.[2999]).toBe('2999')
    // the flat spans returned are the caller's own, not a view of the scanner's scratch: a later scan leaves
    // them as they were; a text of more spans than the scratch keeps (2^18 entries) scans whole, and after it
    // (the scratch dropped) so does everything else
    const kept = scanJson(long)
    expect(scanJson('  [7]')).toEqual(new Int32Array([3, 4]))
    expect(kept?.subarray(0, 4)).toEqual(new Int32Array([1, 2, 3, 4]))
    const huge = JSON.stringify(Array.from({ length: 200_000 }, (_v, i) => i % 10))
    expect(scanJson(huge)).toHaveLength(400_000)
    expect(values('[7]')).toEqual(['7'])
    expect(values(long)?.[2999]).toBe('2999')
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

describe('the JSON messages of a grouping', () => {
  it('says which indexes are JSON, how many, and lists them ascending past its first 1,024 flags', () => {
    const messages = Array.from({ length: 2500 }, (_, i) => (i % 3 === 0 ? `log line ${i}` : JSON.stringify({ i })))
    const { json } = groupJsonMessages(messages)
    const expected = messages.map((_m, i) => i).filter((i) => i % 3 !== 0)
    expect(json.size).toBe(expected.length)
    expect([...json]).toEqual(expected)
    expect([0, 1, 2, 2498, 2500, -1].map((i) => json.has(i))).toEqual([false, true, true, true, false, false])
  })
})

describe('bounded drafting per JSON structure', () => {
  const many = Array.from({ length: 3 * MAX_DRAFT_SAMPLE }, (_, i) => JSON.stringify({ seq: i, state: 'ok' }))
  // enough messages to pay for their template's store bytes (STORE_BYTES_PER_MESSAGE)
  const other = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `x${i}` }))

  it('keeps the index of every message of a structure, and reads its first MAX_DRAFT_SAMPLE as its sample', () => {
    const messages = [...many, ...other]
    const { groups, json } = groupJsonMessages(messages)
    expect(json.size).toBe(many.length + other.length)
    expect(groups.map((g) => g.indexes.length)).toEqual([many.length, 12])
    const samples: [number, number[]][] = []
    const reader = createSampleReader(groups, (g, sample) => samples.push([g, sample.map((m) => m.index)]))
    let visited = 0
    messages.forEach((text, i) => {
      if (!reader.wants(i)) return
      visited++
      reader.visit(text, i)
    })
    // a read asks for the samples only, and each sample is handed over once complete: the short one first
    expect(visited).toBe(MAX_DRAFT_SAMPLE + 12)
    expect(samples).toEqual([
      [0, Array.from({ length: MAX_DRAFT_SAMPLE }, (_, i) => i)],
      [1, Array.from({ length: 12 }, (_, i) => many.length + i)],
    ])
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

describe('a JSON structure is templated only when its messages pay for its store bytes', () => {
  /** A record of `keys` keys (about 20 bytes of key text each), its values varying with `i`. */
  const record = (keys: number, i: number): string =>
    JSON.stringify(
      Object.fromEntries(Array.from({ length: keys }, (_v, k) => [`field_name_number_${k}`, i * keys + k])),
    )
  const wide = (count: number): string[] => Array.from({ length: count }, (_v, i) => record(40, i))
  const small = Array.from({ length: 20 }, (_v, i) => JSON.stringify({ seq: i, state: 'ok' }))

  it('prices a structure as a store entry, its key text written in a JSON string and a typed slot per value', () => {
    // an entry; {"a":} is 6 characters of key text, 2 of them quotes (escaped in the store): 8; one slot
    expect(structureStoreBytes('{"a":\u0000}', 1)).toBe(72 + 8 + 20)
  })

  it('drops a wide structure seen a few times, keeps it once enough messages pay for it', () => {
    const cost = structureStoreBytes(
      `{${Array.from({ length: 40 }, (_v, k) => `"field_name_number_${k}":\u0000`).join(',')}}`,
      40,
    )
    const enough = Math.ceil(cost / STORE_BYTES_PER_MESSAGE)
    expect(enough).toBeGreaterThan(20)
    const few = groupJsonMessages([...wide(enough - 1), ...small])
    expect(few.groups.map((g) => g.indexes.length)).toEqual([small.length])
    expect(few.json.size).toBe(enough - 1 + small.length)
    const many = groupJsonMessages([...wide(enough), ...small])
    expect(many.groups.map((g) => g.indexes.length)).toEqual([enough, small.length])
  })

  it('leaves a dropped structure to the fallback: no template, its store within budget', () => {
    const messages = [...wide(10), ...small]
    const result = discoverTemplates(messages)
    expect(result.store.templates.every((t) => !t.pattern.includes('field_name_number_'))).toBe(true)
    expect(result.templateIds.slice(0, 10).every((id) => id === undefined)).toBe(true)
    // what `discover` writes: the templates of the store file
    const written = JSON.stringify(toTemplateStoreJson(result.store).templates)
    // plus each template's `"uses":N` counter of the rolling refresh (discovery-refresh.ts), at most 12 bytes here,
    // and the `,"other":"auto"` (15 bytes) of each typed slot (round s31-slot)
    const others = written.split(',"other":"auto"').length - 1
    expect(others).toBeGreaterThan(0)
    expect(written.length).toBeLessThanOrEqual(
      STORE_BYTES_PER_MESSAGE * messages.length + 12 * result.store.templates.length + 15 * others,
    )
  })

  it('finds no template in a corpus of structures none of which pays (E_NO_TEMPLATES, as for one with no shared text)', () => {
    expect(() => discoverTemplates(wide(10))).toThrow(expect.objectContaining({ code: 'E_NO_TEMPLATES' }))
  })
})

describe('the sample reader holds values only', () => {
  it('drafts the same templates as the whole messages (empty strings widened, numbers, nesting)', () => {
    const messages = Array.from(
      { length: 60 },
      (_v, i) => `{"id":"r${i}","n":${i * 7},"tag":"${i % 3 === 0 ? '' : `t${i}`}","ok":true,"a":[${i},"x"]}`,
    )
    const { groups } = groupJsonMessages(messages)
    const samples: unknown[] = []
    const reader = createSampleReader(groups, (_g, sample) => {
      samples.push(draftJsonTemplate(sample), draftJsonTemplate(sample, true))
      // only the first message keeps its key text
      expect(sample.slice(1).every((m) => !m.text.includes('"tag"'))).toBe(true)
    })
    messages.forEach((text, index) => {
      if (reader.wants(index)) reader.visit(text, index)
    })
    const whole = messages.map((text, index) => ({
      index,
      text,
      spans: Int32Array.from((jsonValueSpans(text) ?? []).flat()),
    }))
    expect(samples).toEqual([draftJsonTemplate(whole), draftJsonTemplate(whole, true)])
  })
})

describe('a structure drafted twice (its template, then the fallback with every value a slot)', () => {
  const sample = (messages: string[]) =>
    messages.map((text, index) => ({ index, text, spans: Int32Array.from((jsonValueSpans(text) ?? []).flat()) }))
  const shared = Array.from({ length: 20 }, (_v, i) => `{"object":"chunk","model":"m1","seq":${i},"id":"c-${i * 13}"}`)
  const varying = Array.from({ length: 20 }, (_v, i) => `{"seq":${i},"id":"c-${i * 13}","t":"${i % 2 ? 'a' : 'bb'}"}`)

  it('drafts the fallback as a set drafted once would be (values cut once and reused)', () => {
    for (const messages of [shared, varying]) {
      const members = sample(messages)
      const tight = draftJsonTemplate(members)
      const open = draftJsonTemplate(members, true)
      expect(open).toEqual(draftJsonTemplate(sample(messages), true))
      expect(tight).toEqual(draftJsonTemplate(sample(messages)))
    }
  })

  it('gives the same fallback as its template when no value was literal, and a wider one when some was', () => {
    const varyingMembers = sample(varying)
    const all = draftJsonTemplate(varyingMembers)
    // the draft itself, not made a second time
    expect(draftJsonTemplate(varyingMembers, true)).toBe(all)
    const sharedMembers = sample(shared)
    const tight = draftJsonTemplate(sharedMembers)
    const open = draftJsonTemplate(sharedMembers, true)
    expect(tight.pattern).toContain('"model":"m1"')
    expect(open.pattern).not.toContain('"model":"m1"')
    expect(open.slots.length).toBe(tight.slots.length + 2)
  })
})
