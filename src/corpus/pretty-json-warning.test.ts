import { describe, expect, it } from 'vitest'
import { startsLikePrettyJson } from './pretty-json-warning.ts'

describe('startsLikePrettyJson (s33 D10)', () => {
  it('a pretty-printed array or object', () => {
    expect(startsLikePrettyJson('[\n  {\n    "id": 1\n  }\n]')).toBe(true)
    expect(startsLikePrettyJson('{\n  "items": []\n}')).toBe(true)
    expect(startsLikePrettyJson('\uFEFF[\r\n\t"a",\r\n\t"b"\r\n]')).toBe(true)
  })

  it('not log lines, JSON lines or a one-line document', () => {
    expect(startsLikePrettyJson('2026-12-06 INFO started\n2026-12-06 INFO ready')).toBe(false)
    expect(startsLikePrettyJson('{"id": 1}\n{"id": 2}')).toBe(false)
    expect(startsLikePrettyJson('[{"id": 1}, {"id": 2}]')).toBe(false)
    expect(startsLikePrettyJson('[\nnot indented')).toBe(false)
    expect(startsLikePrettyJson('{')).toBe(false)
  })
})
