import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRandom } from '../core/index.ts'
import {
  createMatcher,
  encodeBinarySemantic,
  loadTemplateStore,
  parsePattern,
  parseTemplateStore,
  renderTemplate,
  type SlotSpec,
  type TemplateMatcher,
} from './index.ts'
import { matchWithoutIndex } from './matcher.ts'
import { mutate, patternArbs } from './test-pattern-arbs.ts'

const STORES = join(import.meta.dirname, '../../configs/templates')

function storeOf(templates: { id: number; pattern: string; slots?: SlotSpec[] }[]) {
  return parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'test', templates }, 'test.json')
}

const summary = (matcher: TemplateMatcher, message: string) =>
  matcher.match(message).map((m) => [m.template.id, m.values])

describe('matching rules', () => {
  it('keeps the seed quirks of the expanded store', async () => {
    const expanded = createMatcher(await loadTemplateStore(join(STORES, 'expanded.json')))
    expect(expanded.match('Request completed in 45ms')).toEqual([])
    expect(expanded.match('Deployment started at 2025-10-23T10:30:00Z')).toEqual([])
    expect(summary(expanded, 'Request r1 completed in 45ms')).toEqual([
      [149, ['r1', '45']],
      [170, ['r1', '45ms']],
    ])
    expect(summary(expanded, 'Deployment api-v2 started at 2025-10-23T10:30:00Z')).toEqual([
      [155, ['api-v2', '2025-10-23T10:30:00Z']],
    ])
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
  {
    id: 158,
    pattern: 'Retry {0}/{1} failed: {2}',
    slots: [{ type: 'integer' }, { type: 'integer' }, { type: 'string' }],
  },
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
  const word = () =>
    `Z${Array.from({ length: 2 + Math.floor(random() * 6) }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)]).join('')}`
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

const text = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABC0123456789 .:/-_'),
  minLength: 1,
  maxLength: 16,
})

function valueFor(slot: SlotSpec | undefined): fc.Arbitrary<string> {
  if (slot?.type === 'integer') return fc.nat({ max: 100_000 }).map(String)
  if (slot?.type === 'enum') return fc.constantFrom(...slot.values)
  if (slot?.type === 'timestamp')
    return fc.constantFrom('2025-10-23T10:30:00Z', '2025-10-23 10:30:00.250', '2024-01-01')
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

/** Words and separators literals are made of: few, so near-duplicates share most of their text and values hold literal words. */
const WORDS = ['block', 'blk_', 'size', 'to', 'Served', 'served', 'ms', 'x', 'café', '中文', '𝒜b', 'id7']
const SEPARATORS = [' ', ': ', '/', '=', ', ', '-', '.']
const { piece, patternArb, valueArb } = patternArbs(WORDS, SEPARATORS, 4)

/** Base patterns and up to 60 near-duplicates of them (one piece changed, in any literal); invalid or repeated patterns are dropped. */
const nearDuplicateStoreArb = fc
  .tuple(
    fc.array(patternArb, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), piece, fc.nat({ max: 2 }), fc.boolean()), {
      minLength: 10,
      maxLength: 60,
      size: 'max',
    }),
  )
  .map(([bases, changes]) => {
    const patterns = new Map<string, SlotSpec[] | undefined>()
    for (const base of bases) patterns.set(base, undefined)
    for (const [which, at, replacement, kind, integers] of changes) {
      const pattern = mutate(bases[which % bases.length] as string, at, replacement, kind)
      const slotCount = (pattern.match(/\{\d+\}/g) ?? []).length
      if (!patterns.has(pattern))
        patterns.set(
          pattern,
          integers ? Array.from({ length: slotCount }, () => ({ type: 'integer' as const })) : undefined,
        )
    }
    const templates = [...patterns].map(([pattern, slots], i) =>
      slots === undefined ? { id: i + 1, pattern } : { id: i + 1, pattern, slots },
    )
    return storeOf(templates.filter((t) => parsePattern(t.pattern).status === 'ok'))
  })

describe('near-duplicate templates', () => {
  it('the index selects every template that matches: match equals checking each template without the index', () => {
    const scenario = nearDuplicateStoreArb.chain((store) =>
      fc.tuple(
        fc.constant(store),
        fc.array(
          fc.oneof(
            fc.tuple(fc.nat(), fc.array(valueArb, { minLength: 3, maxLength: 3 })),
            fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
          ),
          { minLength: 1, maxLength: 12 },
        ),
      ),
    )
    let matched = 0
    fc.assert(
      fc.property(scenario, ([store, inputs]) => {
        const matcher = createMatcher(store)
        for (const input of inputs) {
          const template =
            typeof input === 'string'
              ? undefined
              : (store.templates[input[0] % store.templates.length] as (typeof store.templates)[number])
          const message =
            typeof input === 'string' ? input : renderTemplate(template!, input[1].slice(0, template!.slots.length))
          const expected = matchWithoutIndex(store, message).map((m) => [m.template.id, m.values])
          expect({ message, matches: summary(matcher, message) }).toEqual({ message, matches: expected })
          matched += expected.length
          const candidates = matcher.candidates(message).map((t) => t.id)
          expect(new Set(candidates).size).toBe(candidates.length)
        }
      }),
      { seed: 42, numRuns: 250 },
    )
    // not vacuous: rendered messages match their template (and often near-duplicates of it)
    expect(matched).toBeGreaterThan(500)
  })
})

/** Loghub-like templates: literal prefixes, placeholders first, words glued to placeholders on either side. */
const LOG_TEMPLATES = [
  'jk2_init() Found child {0} in scoreboard slot {1}',
  'workerEnv.init() ok {0}',
  'mod_jk child workerEnv in error state {0}',
  '[client {0}] Directory index forbidden by rule: {1}',
  "jk2_init() Can't find child {0} in scoreboard",
  '{0}:{1} Served block blk_{2} to /{3}',
  '{0}:{1}:Got exception while serving blk_{2} to /{3}:',
  'BLOCK* ask {0}:{1} to delete  blk_{2}',
  'BLOCK* NameSystem.addStoredBlock: blockMap updated: {0}:{1} is added to blk_{2} size {3}',
  'Deleting block blk_{0} file /{1}/blk_{2}',
  'PacketResponder {0} for block blk_{1} terminating',
  'Received block blk_{0} of size {1} from /{2}',
  '{0}ms elapsed for request {1} on node {2}',
  '{0} joined the channel after {1}s',
]

/** Each template, then `perWord` variants of it for each word of its literals, that word replaced by a word no message holds. */
function nearDuplicates(patterns: readonly string[], perWord: number): string[] {
  const out = new Set(patterns)
  let n = 0
  for (const pattern of patterns) {
    const words = [...pattern.matchAll(/[A-Za-z][A-Za-z_]*/g)].filter(
      (m) => !/\{\d+\}/.test(pattern.slice(m.index - 1, m.index + m[0].length + 1)),
    )
    for (const word of words)
      for (let k = 0; k < perWord; k++)
        out.add(`${pattern.slice(0, word.index)}Zq${(n++).toString(36)}${pattern.slice(word.index + word[0].length)}`)
  }
  return [...out]
}

describe('near-duplicate templates: candidates', () => {
  const patterns = nearDuplicates(LOG_TEMPLATES, 13)
  const store = storeOf(patterns.map((pattern, i) => ({ id: i + 1, pattern })))
  const matcher = createMatcher(store)

  it('a message reaches its own template only, not the dozens of variants that share its text', () => {
    expect(store.templates.length).toBeGreaterThan(1000)
    const random = createRandom(42)
    const value = () =>
      random() < 0.5
        ? String(Math.floor(random() * 100_000))
        : `10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`
    for (const base of store.templates.slice(0, LOG_TEMPLATES.length)) {
      // the variants of this template: every literal but one is the same
      const variants = store.templates.filter(
        (t) =>
          t.literals.length === base.literals.length &&
          t.literals.filter((l, k) => l !== base.literals[k]).length === 1,
      )
      expect(variants.length).toBeGreaterThanOrEqual(24)
      for (let i = 0; i < 10; i++) {
        const message = renderTemplate(base, base.slots.map(value))
        expect({ message, candidates: matcher.candidates(message).map((t) => t.pattern) }).toEqual({
          message,
          candidates: [base.pattern],
        })
        expect(summary(matcher, message)).toEqual(
          matchWithoutIndex(store, message).map((m) => [m.template.id, m.values]),
        )
      }
    }
  })
})

describe('lone surrogates', () => {
  it('a message with a lone UTF-16 surrogate matches nothing, a surrogate pair is text: match equals the reference', () => {
    const store = storeOf(['a{0}', '{0}a', '{0} {1}'].map((pattern, i) => ({ id: i + 1, pattern })))
    const matcher = createMatcher(store)
    const unit = fc.constantFrom('a', ' ', '𝒜', '\ud835', '\udc9c', '\udbff', '\udc00', '\ud800\udfff')
    let lone = 0
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 6 }), (units) => {
        const message = `a${units.join('')}a`
        const expected = matchWithoutIndex(store, message).map((m) => [m.template.id, m.values])
        expect({ message, matches: summary(matcher, message) }).toEqual({ message, matches: expected })
        // 'a{0}' matches every well-formed message here: nothing matches exactly when a surrogate is lone
        expect(expected.length === 0).toBe(/\p{Surrogate}/u.test(message))
        if (expected.length === 0) lone += 1
      }),
      { seed: 42, numRuns: 300 },
    )
    // not vacuous: both kinds of message were tried
    expect(lone).toBeGreaterThan(50)
    expect(lone).toBeLessThan(250)
  })
})

describe('templates filed under a whole word', () => {
  it('are not candidates of a message without their other words that the index looks for anyway', () => {
    const patterns = [
      'jk2_init() Found child {0} in scoreboard slot {1}',
      '{0}:{1} scoreboard block blk_{2} to /{3}',
      '{0} block {1}',
    ]
    const store = storeOf(patterns.map((pattern, i) => ({ id: i + 1, pattern })))
    const matcher = createMatcher(store)
    // 'block' is a key of the index (the third template), so the second one is filtered by it at no cost
    const jk2 = 'jk2_init() Found child 5 in scoreboard slot 7'
    expect(matcher.candidates(jk2).map((t) => t.id)).toEqual([1])
    const served = '10.0.0.1:50010 scoreboard block blk_42 to /10.0.0.2'
    expect(new Set(matcher.candidates(served).map((t) => t.id))).toEqual(new Set([2, 3]))
    for (const message of [jk2, served])
      expect(summary(matcher, message)).toEqual(matchWithoutIndex(store, message).map((m) => [m.template.id, m.values]))
  })
})

describe('the literal a refusal found missing', () => {
  it('is looked for first next time, and refuses only while it is missing: match equals the reference on a stream that alternates', () => {
    const store = storeOf([
      {
        id: 1,
        pattern: '[{0}] {1} close, {2} bytes ({3}) sent',
        slots: [{ type: 'auto' }, { type: 'string' }, { type: 'integer' }, { type: 'string' }],
      },
      {
        id: 2,
        pattern: '[{0}] {1} close, {2} bytes sent',
        slots: [{ type: 'auto' }, { type: 'string' }, { type: 'integer' }],
      },
      { id: 3, pattern: '[{0}] {1} open {2}', slots: [{ type: 'auto' }, { type: 'string' }, { type: 'string' }] },
    ])
    const matcher = createMatcher(store)
    const messages = fc.sample(
      fc
        .tuple(
          fc.constantFrom(...store.templates),
          fc.array(fc.constantFrom('10.30', 'a b', 'sent', '(', ')', '12', 'open x'), { minLength: 4, maxLength: 4 }),
        )
        .map(([template, values]) => renderTemplate(template, values.slice(0, template.slots.length))),
      { seed: 3, numRuns: 400 },
    )
    const counts = new Map<number, number>()
    for (const message of messages) {
      const got = summary(matcher, message)
      expect(got, message).toEqual(matchWithoutIndex(store, message).map((m) => [m.template.id, m.values]))
      for (const [id] of got) counts.set(id as number, (counts.get(id as number) ?? 0) + 1)
    }
    // each template matched often, between messages that refused it
    for (const id of [1, 2, 3]) expect(counts.get(id) ?? 0).toBeGreaterThan(10)
  })

  it('does not spend the step budget: a long message matches after a refusal as it does on a fresh matcher', () => {
    const store = storeOf([{ id: 1, pattern: '{0} {1}', slots: [{ type: 'string' }, { type: 'string' }] }])
    const long = `${'x'.repeat(600_000)} y`
    const fresh = createMatcher(store)
    expect(summary(fresh, long).map(([id]) => id)).toEqual([1])
    const used = createMatcher(store)
    expect(used.match('xyz')).toEqual([])
    expect(summary(used, long).map(([id]) => id)).toEqual([1])
  })
})

describe('matching budget (issue 19 item 10)', () => {
  it('a 129 KB message against 20,000 candidate templates stops at the per-message budget, and agrees with the reference below it', () => {
    // every template has the word "req" as its only anchor (the rest is punctuation), so all 20,000 are candidates of the message
    const symbols = (i: number): string =>
      [...i.toString(17)].map((digit) => '!#$%&*+-./;<=>?@~'[parseInt(digit, 17)]).join('')
    const store = storeOf(
      Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, pattern: `{0} req {1} (${symbols(i)}) {2}` })),
    )
    const matcher = createMatcher(store)
    const message = 'req '.repeat(129_000 / 4)
    expect(matcher.candidates(message).length).toBe(20_000)
    const t0 = performance.now()
    expect(matcher.match(message)).toEqual([])
    // generous for a loaded machine: without the per-message budget this took tens of seconds
    expect(performance.now() - t0).toBeLessThan(5000)
    const small = `a req b (${symbols(7)}) c`
    expect(summary(matcher, small)).toEqual(matchWithoutIndex(store, small).map((m) => [m.template.id, m.values]))
    expect(summary(matcher, small)).toEqual([[8, ['a', 'b', 'c']]])
  })

  it('a template whose last literal is missing fails without exploring every split of its text-taking slots', () => {
    // 12 auto slots separated by spaces: leftmost-shortest backtracking without memory tried ~C(60, 11) splits before the step limit
    const pattern = `${Array.from({ length: 12 }, (_, i) => `{${i}}`).join(' ')} END`
    const store = storeOf([{ id: 1, pattern }])
    const matcher = createMatcher(store)
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ')
    expect(matcher.match(`${words} END`)[0]?.values.length).toBe(12)
    // the greedy check refuses it at once; with a typed last slot the split search itself must fail fast
    const typed = storeOf([
      {
        id: 1,
        pattern: `${Array.from({ length: 12 }, (_, i) => `{${i}}`).join(' ')} END`,
        slots: [...Array.from({ length: 11 }, () => ({ type: 'auto' as const })), { type: 'integer' as const }],
      },
    ])
    const t0 = performance.now()
    expect(createMatcher(typed).match(`${words} END`)).toEqual([])
    expect(matchWithoutIndex(typed, `${words} END`)).toEqual([])
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})

describe('a store of 1,000+ templates (anchors qualified by the first word)', () => {
  // first words of several kinds: ASCII, accented, CJK, with digits; each heads many templates, so the
  // large store's first-word tables are used; some templates start with a slot or punctuation (no first word)
  const FIRST = ['client', 'héllo', '日本', 'node7', 'GET', 'x']
  const WORDS = ['alpha', 'beta', 'gamma', 'délta', '端点', 'open', 'close', 'sent', 'to', 'from']
  const random = createRandom(34)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const patterns = new Set<string>()
  while (patterns.size < 1200) {
    const head = pick(['first', 'first', 'first', 'slot', 'bracket', 'space'])
    const first = pick(FIRST)
    const body = `${pick(WORDS)} {0} ${pick(WORDS)}${pick(['', ' {1}', ': {1} ok', ' ({1})'])} ${pick(WORDS)}${patterns.size}`
    const start = { first: `${first} `, slot: '{9} ', bracket: `[${first}] `, space: `  ${first} ` }[head]
    patterns.add(`${start}${body}`.replace('{9}', body.includes('{1}') ? '{2}' : '{1}'))
  }
  patterns.add('client')
  patterns.add('日本')
  const store = storeOf([...patterns].map((pattern, i) => ({ id: i + 1, pattern })))
  const matcher = createMatcher(store)

  it('matches as the reference does on lines with leading spaces, multi-byte first words, a line that is its first word, and first words swapped', () => {
    expect(store.templates.length).toBeGreaterThan(1000)
    const template = fc.constantFrom(...store.templates)
    const value = fc.constantFrom('1', 'abc', 'héllo', '日本', 'client', '', 'a b', '10.0.0.1')
    const edit = fc.constantFrom('none', 'none', 'lead-space', 'swap-first', 'drop-first', 'trail-space')
    let matched = 0
    fc.assert(
      fc.property(
        template,
        fc.array(value, { minLength: 3, maxLength: 3 }),
        edit,
        fc.constantFrom(...FIRST),
        (t, values, how, other) => {
          let message = renderTemplate(t, values.slice(0, t.slots.length))
          if (how === 'lead-space') message = ` ${message}`
          if (how === 'trail-space') message = `${message} `
          if (how === 'swap-first') message = message.replace(/^(\s*\[?)[^\s\]]+/u, `$1${other}`)
          if (how === 'drop-first') message = message.replace(/^(\s*\[?)[^\s\]]+/u, '$1')
          const expected = matchWithoutIndex(store, message).map((m) => [m.template.id, m.values])
          expect({ message, matches: summary(matcher, message) }).toEqual({ message, matches: expected })
          if (expected.length > 0) matched += 1
        },
      ),
      { seed: 34, numRuns: 1500 },
    )
    // not vacuous: most lines match some template, and some do not
    expect(matched).toBeGreaterThan(300)
    expect(matched).toBeLessThan(1500)
    for (const line of ['client', '日本', 'client ', ' client', 'héllo'])
      expect(summary(matcher, line), line).toEqual(matchWithoutIndex(store, line).map((m) => [m.template.id, m.values]))
  })
})
