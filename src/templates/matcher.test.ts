import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRandom } from '../core/index.ts'
import { createMatcher, encodeBinarySemantic, loadTemplateStore, parseTemplateStore, renderTemplate, type SlotSpec, type TemplateMatcher } from './index.ts'

const STORES = join(import.meta.dirname, '../../configs/templates')

function storeOf(templates: { id: number; pattern: string; slots?: SlotSpec[] }[]) {
  return parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'test', templates }, 'test.json')
}

const summary = (matcher: TemplateMatcher, message: string) => matcher.match(message).map((m) => [m.template.id, m.values])

describe('matching rules', () => {
  it('keeps the seed quirks of the expanded store', async () => {
    const expanded = createMatcher(await loadTemplateStore(join(STORES, 'expanded.json')))
    expect(expanded.match('Request completed in 45ms')).toEqual([])
    expect(expanded.match('Deployment started at 2025-10-23T10:30:00Z')).toEqual([])
    expect(summary(expanded, 'Request r1 completed in 45ms')).toEqual([
      [149, ['r1', '45']],
      [170, ['r1', '45ms']],
    ])
    expect(summary(expanded, 'Deployment api-v2 started at 2025-10-23T10:30:00Z')).toEqual([[155, ['api-v2', '2025-10-23T10:30:00Z']]])
    expect(summary(expanded, 'Processing request...')).toEqual([[160, []]])
    expect(expanded.match('Processing request... ')).toEqual([])
  })

  it('typed slots only take values of their type', async () => {
    const expanded = createMatcher(await loadTemplateStore(join(STORES, 'expanded.json')))
    expect(summary(expanded, 'Service api is healthy')).toEqual([[154, ['api', 'healthy']]])
    expect(expanded.match('Service api is fine')).toEqual([])
    expect(expanded.match('Deployment x started at yesterday')).toEqual([])
    expect(expanded.match('API rate limit: many/100 requests')).toEqual([])
  })

  it('splits leftmost-shortest and backtracks over typed slots', () => {
    const matcher = createMatcher(
      storeOf([
        { id: 1, pattern: 'Error {0}: {1}' },
        { id: 2, pattern: 'A {0}-{1}', slots: [{ type: 'string' }, { type: 'integer' }] },
        { id: 3, pattern: 'B {1} then {0}' },
      ]),
    )
    expect(summary(matcher, 'Error a: b: c')).toEqual([[1, ['a', 'b: c']]])
    expect(summary(matcher, 'A x-y-5')).toEqual([[2, ['x-y', '5']]])
    expect(summary(matcher, 'B first then second')).toEqual([[3, ['second', 'first']]])
    expect(renderTemplate(matcher.store.byId.get(3)!, ['second', 'first'])).toBe('B first then second')
    expect(summary(matcher, 'Error multi\nline: text\r\n')).toEqual([[1, ['multi\nline', 'text\r\n']]])
    expect(matcher.match('Error : x')).toEqual([])
    expect(matcher.match('Error a:')).toEqual([])
  })

  it('indexes templates that start or end with a placeholder', () => {
    const matcher = createMatcher(
      storeOf([
        { id: 1, pattern: '{0} joined the channel' },
        { id: 2, pattern: '{0} logged in from {1}' },
        { id: 3, pattern: '{0}: {1}' },
        { id: 4, pattern: 'x{0}' },
      ]),
    )
    expect(summary(matcher, 'alice joined the channel')).toEqual([[1, ['alice']]])
    expect(summary(matcher, 'bob logged in from 10.0.0.1')).toEqual([[2, ['bob', '10.0.0.1']]])
    expect(summary(matcher, 'k: v')).toEqual([[3, ['k', 'v']]])
    expect(summary(matcher, 'xy: z')).toEqual([
      [3, ['xy', 'z']],
      [4, ['y: z']],
    ])
    expect(matcher.match(': v')).toEqual([])
  })
})

/** 20 templates covering every index path: literal prefix, placeholder first, placeholders at both ends. */
const SMALL = [
  { id: 149, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'auto' }, { type: 'integer' }] },
  { id: 150, pattern: 'User {0} authenticated successfully' },
  { id: 151, pattern: 'Database query returned {0} results', slots: [{ type: 'integer' }] },
  { id: 152, pattern: 'Cache hit for key: {0}', slots: [{ type: 'string' }] },
  { id: 153, pattern: 'API rate limit: {0}/{1} requests', slots: [{ type: 'integer' }, { type: 'integer' }] },
  { id: 154, pattern: 'Service {0} is {1}', slots: [{ type: 'auto' }, { type: 'enum', values: ['healthy', 'down'] }] },
  { id: 155, pattern: 'Deployment {0} started at {1}', slots: [{ type: 'auto' }, { type: 'timestamp' }] },
  { id: 156, pattern: 'Health check passed: {0}' },
  { id: 157, pattern: 'Error {0}: {1}' },
  { id: 158, pattern: 'Retry {0}/{1} failed: {2}', slots: [{ type: 'integer' }, { type: 'integer' }, { type: 'string' }] },
  { id: 159, pattern: 'Timeout after {0}ms for {1}', slots: [{ type: 'integer' }, { type: 'string' }] },
  { id: 160, pattern: 'Processing request...' },
  { id: 161, pattern: 'Authentication successful' },
  { id: 164, pattern: 'Service status: {0}' },
  { id: 166, pattern: 'Invalid input: {0}', slots: [{ type: 'string' }] },
  { id: 170, pattern: 'Request {0} completed in {1}' },
  { id: 200, pattern: '{0} joined the channel' },
  { id: 201, pattern: '{0} ms elapsed', slots: [{ type: 'integer' }] },
  { id: 202, pattern: '{0} logged in from {1}' },
  { id: 203, pattern: '{0} => {1}' },
] satisfies { id: number; pattern: string; slots?: SlotSpec[] }[]

/** 980 more templates that cannot match the test messages (every one has a `~` and words the messages lack). */
function syntheticTemplates(count: number): { id: number; pattern: string }[] {
  const random = createRandom(42)
  // a leading Z: the test messages never hold an uppercase Z, so no synthetic word is one of their tokens
  const word = () => 'Z' + Array.from({ length: 2 + Math.floor(random() * 6) }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)]).join('')
  return Array.from({ length: count }, (_, i) => {
    const id = 1000 + i
    const shape = i % 4
    // a few share the real templates' prefixes, so the index must still tell them apart
    if (i < 8) return { id, pattern: `${['Request ', 'Service ', 'Error '][i % 3]}{0} ~${word()} {1}` }
    if (shape === 0) return { id, pattern: `${word()}~ ${word()} {0} ${word()}` }
    if (shape === 1) return { id, pattern: `${word()} {0} ~${word()} {1}` }
    if (shape === 2) return { id, pattern: `{0} ${word()} ~${word()}` }
    return { id, pattern: `{0} ~${word()} ${word()} {1}` }
  })
}

const text = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABC0123456789 .:/-_'), minLength: 1, maxLength: 16 })

function valueFor(slot: SlotSpec | undefined): fc.Arbitrary<string> {
  if (slot?.type === 'integer') return fc.nat({ max: 100_000 }).map(String)
  if (slot?.type === 'enum') return fc.constantFrom(...slot.values)
  if (slot?.type === 'timestamp') return fc.constantFrom('2025-10-23T10:30:00Z', '2025-10-23 10:30:00.250', '2024-01-01')
  return text
}

const messageArb = fc.oneof(
  fc.constantFrom(...SMALL).chain((t) => {
    const slotCount = (t.pattern.match(/\{\d+\}/g) ?? []).length
    const slots: (SlotSpec | undefined)[] = 'slots' in t ? t.slots : Array.from({ length: slotCount }, () => undefined)
    return fc.tuple(...slots.map(valueFor)).map((values) => ({ t, values }))
  }),
  text.map((t) => ({ t: undefined, values: [t] })),
)

describe('a 1,000-template store', () => {
  const small = storeOf(SMALL)
  const large = storeOf([...SMALL, ...syntheticTemplates(980)])
  const smallMatcher = createMatcher(small)
  const largeMatcher = createMatcher(large)

  it('gives the same matches and encodings as the 20 templates, from a handful of candidates', () => {
    expect(large.templates.length).toBe(1000)
    fc.assert(
      fc.property(messageArb, ({ t, values }) => {
        const template = t === undefined ? undefined : small.byId.get(t.id)
        const message = template === undefined ? (values[0] as string) : renderTemplate(template, values)
        const expected = summary(smallMatcher, message)
        if (template !== undefined) expect(expected.map(([id]) => id)).toContain(template.id)
        expect(summary(largeMatcher, message)).toEqual(expected)
        expect(encodeBinarySemantic(largeMatcher, message)).toEqual(encodeBinarySemantic(smallMatcher, message))
        expect(largeMatcher.candidates(message).length).toBeLessThanOrEqual(smallMatcher.candidates(message).length + 3)
      }),
      { seed: 42, numRuns: 300 },
    )
  })
})
