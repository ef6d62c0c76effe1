import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTemplateStore, type SlotSpec } from './index.ts'
import { type Budget, compile, MAX_TEMPLATE_STEPS, matchOne } from './matcher-split.ts'

function storeOf(templates: { id: number; pattern: string; slots?: SlotSpec[] }[]) {
  return parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'test', templates }, 'test.json')
}

/** One matchOne of a template (compiled afresh) on a message: the answer, the values' spans and the steps spent. */
function matchOf(
  template: ReturnType<typeof storeOf>['templates'][number],
  message: string,
  fast: boolean,
  steps: number,
) {
  const c = compile(template, 0)
  const budget: Budget = { template: MAX_TEMPLATE_STEPS, message: steps }
  const matched = matchOne(c, message, budget, undefined, fast)
  return { matched, spans: matched ? Array.from(c.spans) : [], spent: MAX_TEMPLATE_STEPS - budget.template }
}

const AUTO: SlotSpec = { type: 'auto' }
const TWO_DIGITS: SlotSpec = { type: 'integer', width: 2 }

describe('the tail refusal before the split search (issue 13, Proxifier p99)', () => {
  // Proxifier's near-duplicate templates: every slot `auto` but the two-digit `lifetime {m}:{s}`
  const proxifierLike = storeOf([
    {
      id: 1,
      pattern:
        '[{0} {1}:{2}:{3}] {4} {5} {6} {7}:{8} close, {9} bytes ({10} {11}) sent, {12} bytes ({13} {14}) received, lifetime {15}:{16}',
      slots: [AUTO, AUTO, TWO_DIGITS, ...Array.from({ length: 12 }, () => AUTO), TWO_DIGITS, TWO_DIGITS],
    },
  ]).templates[0]!
  const hours =
    '[07.26 16:21:04] chrome.exe *64 - clients2.google.com:443 close, 154863 bytes (151 KB) sent, 321609 bytes (314 KB) received, lifetime 01:00:12'

  it('refuses a lifetime with hours (no split) after a few steps, where the full search tries the auto slots split by split', () => {
    const fast = matchOf(proxifierLike, hours, true, Infinity)
    const reference = matchOf(proxifierLike, hours, false, Infinity)
    expect([fast.matched, reference.matched]).toEqual([false, false])
    // measured: 18 steps (the literals once, then the tail from `) received, lifetime `) against 98
    expect(fast.spent).toBeLessThanOrEqual(25)
    expect(reference.spent).toBeGreaterThan(60)
  })

  it('still matches (the same split) when the tail splits and the greedy split does not, at the same budgets', () => {
    // the same line with `lifetime {15}:{16}` an auto slot and a two-digit one: `1:10:02` splits only as `1:10` `02`
    const autoMinutes = storeOf([
      { id: 2, pattern: proxifierLike.pattern, slots: [...proxifierLike.slots.slice(0, 15), AUTO, TWO_DIGITS] },
    ]).templates[0]!
    const cases = [
      [proxifierLike, hours.replace('01:00:12', '00:12').replace('(151 KB)', '(151 KB) sent, x (1 KB)')],
      // the clock's `1:6:21` backtracks before the tail, `lifetime 1:02:03` in the tail
      [proxifierLike, hours.replace('16:21:04', '1:6:21:04').replace('01:00:12', '1:02:03')],
      [proxifierLike, hours.replace('16:21:04', '1:6:21:04').replace('01:00:12', '10:02')],
      [proxifierLike, hours.replace('01:00:12', '10:0:12')],
      // the tail from `) received, lifetime ` splits after a try (and the clock's greedy split fails):
      // the search alone must then be given back every step the tail took
      [autoMinutes, hours.replace('16:21:04', '1:6:21:04').replace('01:00:12', '1:10:02')],
      [autoMinutes, hours.replace('01:00:12', '1:10:02')],
      // `:` at two places side by side: not pinned, the split takes the second
      [autoMinutes, hours.replace('01:00:12', '1::02')],
    ] as const
    let matched = 0
    for (const [template, message] of cases) {
      // the fewest steps the search alone needs (the message's budget is charged as the template's)
      const need = matchOf(template, message, false, Infinity).spent
      for (const steps of [need - 1, need, Infinity]) {
        const fast = matchOf(template, message, true, steps)
        const reference = matchOf(template, message, false, steps)
        expect({ message, steps, ...fast, spent: 0 }).toEqual({ message, steps, ...reference, spent: 0 })
        if (fast.matched) matched += 1
      }
    }
    expect(matched).toBeGreaterThanOrEqual(10)
  })

  // Near-duplicates of a Proxifier-like line: literal words turned into slots, slot types that refuse
  // some values, values holding the literals' text (so splits backtrack); checked template by template
  // against the search alone (shortcut off), under message budgets small enough to run out
  const WORDS = ['[', '07.26', ' ', '16', ':', '21', ':', '04', '] ', 'chrome.exe', ' ', '*64', ' - ']
  const TAIL = [
    'host',
    ':',
    '443',
    ' close, ',
    '12',
    ' bytes (',
    '1.2',
    ' ',
    'KB',
    ') sent, lifetime ',
    '01',
    ':',
    '00',
  ]
  const pieces = [...WORDS, ...TAIL]
  const specArb = fc.oneof(
    { arbitrary: fc.constant(AUTO), weight: 12 },
    {
      arbitrary: fc.constantFrom<SlotSpec>(TWO_DIGITS, { type: 'integer' }, { type: 'enum', values: ['KB', 'MB'] }),
      weight: 1,
    },
  )
  // a pattern: each piece kept as literal text or made a slot (never two slots in a row, one slot at least)
  const templateArb = fc
    .tuple(
      fc.array(fc.boolean(), { minLength: pieces.length, maxLength: pieces.length }),
      fc.array(specArb, { minLength: pieces.length, maxLength: pieces.length }),
    )
    .map(([asSlot, specs]) => {
      let pattern = ''
      const slots: SlotSpec[] = []
      const isSlot = pieces.map(() => false)
      for (let i = 0; i < pieces.length; i++) {
        if (asSlot[i] && !isSlot[i - 1]) {
          pattern += `{${slots.length}}`
          slots.push(specs[i] as SlotSpec)
          isSlot[i] = true
        } else pattern += pieces[i] as string
      }
      if (slots.length === 0) {
        pattern += '{0}'
        slots.push(AUTO)
      }
      return { pattern, slots, isSlot }
    })
  const valueArb = fc.constantFrom(
    '01',
    '00:12',
    '01:00:12',
    '7',
    'a b',
    'x - y',
    '443',
    'KB',
    ') sent, 9',
    '12:34',
    ' ',
  )
  // a message rendered from one of the patterns: each slot's piece kept or replaced by a value, and now
  // and then a literal piece replaced too (a near miss)
  const messageArb = fc.tuple(
    fc.nat(),
    fc.array(fc.option(valueArb, { freq: 2 }), { minLength: pieces.length, maxLength: pieces.length }),
    fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 30 }, { arbitrary: valueArb, weight: 1 }), {
      minLength: pieces.length,
      maxLength: pieces.length,
    }),
  )
  const render = (isSlot: boolean[], values: (string | null)[], damage: (string | null)[]): string =>
    pieces.map((piece, i) => (isSlot[i] ? (values[i] ?? piece) : (damage[i] ?? piece))).join('')

  it('gives the answer and the values of the search alone, on near-duplicate stores, under any message budget', () => {
    let [matched, refusedEarly] = [0, 0]
    fc.assert(
      fc.property(
        fc.array(templateArb, { minLength: 1, maxLength: 6 }),
        fc.array(messageArb, { minLength: 1, maxLength: 6 }),
        fc.oneof(
          { arbitrary: fc.constant(Infinity), weight: 3 },
          { arbitrary: fc.integer({ min: 1, max: 150 }), weight: 1 },
        ),
        (patterns, inputs, steps) => {
          const store = storeOf(patterns.map(({ pattern, slots }, i) => ({ id: i + 1, pattern, slots })))
          const messages = inputs.map(([k, values, damage]) =>
            render((patterns[k % patterns.length] as (typeof patterns)[number]).isSlot, values, damage),
          )
          for (const message of messages) {
            // every template on the message in a row, as the matcher checks its candidates, then each
            // alone by the search
            const fasts = store.templates.map((template) => matchOf(template, message, true, steps))
            store.templates.forEach((template, i) => {
              const fast = fasts[i] as ReturnType<typeof matchOf>
              const reference = matchOf(template, message, false, steps)
              expect({ message, pattern: template.pattern, fast: { ...fast, spent: 0 } }).toEqual({
                message,
                pattern: template.pattern,
                fast: { ...reference, spent: 0 },
              })
              // a match costs the steps the search alone takes (the tail's steps are given back)
              if (fast.matched) expect(fast.spent).toBe(reference.spent)
              if (fast.matched) matched += 1
              else if (fast.spent < reference.spent) refusedEarly += 1
            })
          }
        },
      ),
      { seed: 33, numRuns: 400 },
    )
    // not vacuous: messages match, and some are refused by the tail before the full search
    expect(matched).toBeGreaterThan(100)
    expect(refusedEarly).toBeGreaterThan(20)
  })
})
