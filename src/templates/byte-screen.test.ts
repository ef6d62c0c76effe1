import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createMatcher, loadTemplateStore, parseTemplateStore, renderTemplate } from './index.ts'
import {
  createByteScreen,
  createEdgeScreen,
  createGroupCheck,
  passesRequired,
  requiredChecks,
  type RequiredChecks,
} from './byte-screen.ts'
import type { RequiredLiteral } from './required-literals.ts'
import { holds, prepareRequired, repivot, requiredLiterals, sharedLiterals } from './required-literals.ts'
import { literalKeysOf } from './literal-keys.ts'
import { matchWithoutIndex } from './matcher.ts'
import type { Template } from './store-types.ts'
import { storeOf } from './test-support.ts'

const LITERAL = fc.constantFrom('', 'Job ', ' done', 'é', '€ ', ': ', '{', '}', 'ok', ' ', '\n', '😀')
const VALUE = fc.constantFrom('a', '42', 'é', '😀 x', '{}', ' ', 'Job')

/** A pattern from literals and placeholders, with literal text between placeholders (as the store requires). */
const PATTERN = fc.array(LITERAL, { minLength: 1, maxLength: 4 }).map((literals) => {
  let pattern = literals[0] as string
  for (let k = 1; k < literals.length; k++) pattern += `{${k - 1}}${literals[k] === '' ? '-' : (literals[k] as string)}`
  return pattern
})

/**
 * A store of untyped templates whose literals are built from `pieces` (several pieces a literal, some
 * literals empty), and a message one of its templates matches (by matchWithoutIndex).
 */
function storeAndMatched(pieces: readonly string[], maxTemplates: number) {
  const literals = fc.array(fc.array(fc.constantFrom(...pieces), { maxLength: 4 }), { minLength: 1, maxLength: 4 })
  return fc
    .tuple(
      fc.array(literals, { minLength: 1, maxLength: maxTemplates }),
      fc.array(VALUE, { minLength: 4, maxLength: 4 }),
      fc.nat(),
    )
    .map(([templatesPieces, values, pick]) => ({
      patterns: templatesPieces.map((templateLiterals) =>
        templateLiterals
          .map((literal, k) => (k === 0 ? '' : `{${k - 1}}`) + (literal.join('') || (k === 0 ? '' : '-')))
          .join(''),
      ),
      values,
      pick,
    }))
    .filter(
      ({ patterns }) =>
        new Set(patterns).size === patterns.length &&
        patterns.every((pattern) => /[^{}\d]/.test(pattern.replace(/\{\d+\}/g, ''))),
    )
    .map(({ patterns, values, pick }) => {
      const store = storeOf(...patterns)
      const template = store.templates[pick % store.templates.length] as Template
      return { store, message: renderTemplate(template, values.slice(0, template.textOrder.length)) }
    })
    .filter(({ store, message }) => matchWithoutIndex(store, message).length > 0)
}

describe('byte screen (mayMatchBytes)', () => {
  it('never rules out a message some template matches', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(PATTERN, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.array(VALUE, { minLength: 4, maxLength: 4 }),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        (patterns, pick, values, noise) => {
          const valid = patterns.filter((pattern) => /[^{}\d]/.test(pattern.replace(/\{\d+\}/g, '')))
          fc.pre(valid.length > 0)
          const store = parseTemplateStore(
            {
              format: 'aura-template-store',
              version: 1,
              name: 's',
              templates: valid.map((pattern, i) => ({ id: i + 1, pattern })),
            },
            's.json',
          )
          const matcher = createMatcher(store)
          const template = store.templates[pick % store.templates.length]
          const rendered =
            template === undefined ? noise : renderTemplate(template, values.slice(0, template.textOrder.length))
          for (const message of [rendered, noise, `${noise}${rendered}`, `${rendered}${noise}`]) {
            if (!matcher.mayMatchBytes(toBytes(message))) expect(matchWithoutIndex(store, message)).toEqual([])
          }
        },
      ),
      { seed: 42, numRuns: 400 },
    )
  })

  it('rules out traffic the shipped store cannot match by its first byte (JSON, empty)', async () => {
    const matcher = createMatcher(
      await loadTemplateStore(new URL('../../configs/templates/expanded.json', import.meta.url).pathname),
    )
    expect(matcher.mayMatchBytes(toBytes('{"id":"chatcmpl-1","choices":[]}'))).toBe(false)
    expect(matcher.mayMatchBytes(new Uint8Array(0))).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('Request r1 completed in 5ms'))).toBe(true)
  })

  it('with a placeholder at both ends, rules out by the required literal and the anchor words', () => {
    const store = parseTemplateStore(
      { format: 'aura-template-store', version: 1, name: 's', templates: [{ id: 1, pattern: '{0} done {1}' }] },
      's.json',
    )
    const matcher = createMatcher(store)
    // the first and last byte rule nothing out; the whole word "done" must be a token of the message
    expect(matcher.mayMatchBytes(toBytes('{"x":1}'))).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('{"x":1} done ok'))).toBe(true)
    expect(matcher.mayMatchBytes(toBytes('{"x":1} undone ok'))).toBe(false)
    const bare = parseTemplateStore(
      { format: 'aura-template-store', version: 1, name: 's', templates: [{ id: 1, pattern: '{0}: {1}' }] },
      's.json',
    )
    // no anchor word: only the literal ': ', which every message the template matches holds
    expect(createMatcher(bare).mayMatchBytes(toBytes('{"x":1}'))).toBe(false)
    expect(createMatcher(bare).mayMatchBytes(toBytes('{"x": 1}'))).toBe(true)
  })

  it('rules out lines that lack a literal every template holds, and keeps the maximal ones only', () => {
    const store = storeOf('{0}|Step_LSC|{1}|onExtend:{2}', '{0}|Step_SPUtils|{1}| total = {2}', '{0} x|Step_é|{1}')
    // `|`, `S`, `t`, `|S`... are all inside `|Step_`; the letters `x`, `é` are not in every template
    expect(requiredLiterals(store.templates).map((r) => Buffer.from(r).toString('utf8'))).toEqual(['|Step_'])
    const matcher = createMatcher(store)
    // first and last byte pass (a placeholder at each end); the anchor scan would refuse these too, at a higher cost
    expect(matcher.mayMatchBytes(toBytes('20171223-22:15:29:606 Step_LSC onExtend:1'))).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('20171223-22:15:29:606|Step_LSC|30002312|onExtend:1'))).toBe(true)
    // false starts of the literal (each of its bytes, in other places) before the real one, or none
    expect(matcher.mayMatchBytes(toBytes('1|Step|Stepx_ |_Step_ Step_LSC|onExtend:1'))).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('1|Step|Stepx_ |_Step_ |Step_LSC|onExtend:1'))).toBe(true)
    // a template without literal text: nothing is required; a required word without a non-word byte is left to the anchors
    const withBare = [...store.templates, { ...(store.templates[0] as Template), literals: ['', ''] }]
    expect(requiredLiterals(withBare)).toEqual([])
    expect(requiredLiterals(storeOf('in{0}', '{0}in{1}').templates)).toEqual([])
    // a long literal every template shares comes out whole, and once
    const long = '"node_id":"MDQ6VXNlcjE=","url":"https://api.github.com/users/octocat",'
    const shared = sharedLiterals(storeOf(`{0}${long}{1}`, `x${long}y{0}`, `${long}: ${long}{0}`).templates)
    expect(shared.map((r) => Buffer.from(r).toString('utf8'))).toEqual([long])
  })

  it('never rules out a message some template matches, with typed slots at the message edges', () => {
    const SPEC = fc.constantFrom<object>(
      { type: 'integer' },
      { type: 'integer', width: 2 },
      { type: 'decimal' },
      { type: 'timestamp' },
      { type: 'ipv4' },
      { type: 'ipv6' },
      { type: 'hex' },
      { type: 'uuid' },
      { type: 'string' },
      { type: 'enum', values: ['Dec', '42', 'é'] },
      { type: 'enum', values: ['Dec'], other: 'integer' },
      { type: 'enum', values: ['x'], other: 'timestamp' },
    )
    const TYPED_VALUE = fc.constantFrom(
      '42',
      '-7',
      '+3',
      '07',
      '3.25',
      '-0.5',
      '2025-10-23',
      '2025-10-23T10:30:00Z',
      '2025-10-23 10:30:00+02:00',
      '10.0.0.1',
      'fe80::1',
      '::1',
      '::',
      'deadBEEF',
      '0x1f',
      '123e4567-e89b-12d3-a456-426614174000',
      'Dec',
      'é',
      'x',
      ' ',
    )
    const TEMPLATE = fc.record({
      pattern: fc.constantFrom('{0} = {1}', 'x {0} = {1}', '{0} = {1} y', '{0} ='),
      specs: fc.array(SPEC, { minLength: 2, maxLength: 2 }),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(TEMPLATE, { minLength: 1, maxLength: 3, selector: (t) => t.pattern }),
        fc.array(TYPED_VALUE, { minLength: 2, maxLength: 2 }),
        TYPED_VALUE,
        (templates, values, noise) => {
          const store = parseTemplateStore(
            {
              format: 'aura-template-store',
              version: 1,
              name: 's',
              templates: templates.map(({ pattern, specs }, i) => ({
                id: i + 1,
                pattern,
                slots: specs.slice(0, pattern.includes('{1}') ? 2 : 1),
              })),
            },
            's.json',
          )
          const matcher = createMatcher(store)
          for (const template of store.templates) {
            const rendered = renderTemplate(template, values.slice(0, template.textOrder.length))
            for (const message of [rendered, `${noise}${rendered}`, `${rendered}${noise}`]) {
              const matched = matchWithoutIndex(store, message)
              if (matched.length > 0) expect(matcher.mayMatchBytes(toBytes(message))).toBe(true)
            }
          }
        },
      ),
      { seed: 7, numRuns: 2000 },
    )
  })

  it('rules out lines whose first and last bytes no template allows (a store whose templates start and end with typed slots)', () => {
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 's',
        templates: [
          { id: 1, pattern: '{0} INFO {1}', slots: [{ type: 'integer', width: 6 }, { type: 'integer' }] },
          { id: 2, pattern: '{0} WARN {1}', slots: [{ type: 'enum', values: ['Dec', 'Jan'] }, { type: 'ipv4' }] },
        ],
      },
      's.json',
    )
    const matcher = createMatcher(store)
    expect(matcher.mayMatchBytes(toBytes('081109 INFO 42'))).toBe(true)
    expect(matcher.mayMatchBytes(toBytes('Dec WARN 10.0.0.1'))).toBe(true)
    // starts with a letter no template starts with, or ends with a letter where every template ends with a digit
    expect(matcher.mayMatchBytes(toBytes('Nov WARN 10.0.0.1'))).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('081109 INFO done'))).toBe(false)
  })

  it('keys: a message a template matches holds every required literal inside one of its keys (step 3)', () => {
    // literals built from pieces that share `]: ` and `: ` in several places, around and at the edges
    const pieces = [']: ', ': ', 'conn', 'auth', '(x)', ' ', 'é', 'Received ', 'SNMP', 'disc', ']']
    fc.assert(
      fc.property(
        storeAndMatched(pieces, 5),
        fc.constantFrom(0, 2, 16),
        fc.constantFrom(0, 1, 4),
        ({ store, message }, afterBytes, beforeBytes) => {
          const required = prepareRequired(store.templates, afterBytes, beforeBytes)
          for (const literal of required) expect(holds(toBytes(message), literal)).toBe(true)
          expect(createMatcher(store).mayMatchBytes(toBytes(message))).toBe(true)
        },
      ),
      { seed: 13, numRuns: 1500 },
    )
  })

  it('keys: rules out a line that holds the required literal only with other text around it', () => {
    // as the Linux store and OpenSSH lines: every template holds `: `, but each with its own text around it
    const store = storeOf(
      '{0} {1}[{2}]: authentication failure; logname= uid={3}',
      '{0} {1}[{2}]: Received SNMP packet(s) from {3}',
      '{0} {1}: cupsd startup succeeded',
    )
    expect(requiredLiterals(store.templates).map((r) => Buffer.from(r).toString('utf8'))).toEqual([': '])
    const keys = literalKeysOf(store.templates, toBytes(': '), 16, 4)
    expect(keys.map((k) => `${Buffer.from(k.before).toString()}|${Buffer.from(k.after).toString()}`)).toEqual([
      ']|authentication f',
      ']|Received SNMP pa',
      '|cupsd startup su',
    ])
    const matcher = createMatcher(store)
    expect(matcher.mayMatchBytes(toBytes('Dec 10 sshd[24200]: Received disconnect from 1.2.3.4: 11: Bye Bye'))).toBe(
      false,
    )
    expect(
      matcher.mayMatchBytes(toBytes('Dec 10 sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0')),
    ).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('Jun 14 sshd[1]: authentication failure; logname= uid=0'))).toBe(true)
    expect(matcher.mayMatchBytes(toBytes('Jun 14 cups: cupsd startup succeeded'))).toBe(true)
    // a template whose required literal is followed by a placeholder everywhere: no key rules anything out
    const open = storeOf('{0}: {1}', '{0}: done {1}')
    expect(createMatcher(open).mayMatchBytes(toBytes('x: y'))).toBe(true)
    expect(prepareRequired(open.templates)[0]?.keys).toBeUndefined()
    // a lone space: a line holds many, each one more probe; it stays a plain required literal
    const spaced = prepareRequired(storeOf('x {0} done', 'y {0} ok').templates)
    expect(spaced.map((r) => [Buffer.from(r.bytes).toString(), r.keys])).toEqual([[' ', undefined]])
  })

  it('groups: a message a template matches passes steps 2-4 under every split rule (step 4)', () => {
    const pieces = [']: ', ': ', '] - ', 'conn', 'auth', ' ', 'é', 'Received ', 'started', ',', '[']
    fc.assert(
      fc.property(
        storeAndMatched(pieces, 7),
        fc.constantFrom(1, 2, 3, 4),
        fc.boolean(),
        fc.boolean(),
        ({ store, message }, depth, byLiteral, onlyOpen) => {
          const checks = requiredChecks(store.templates, { depth, byLiteral, onlyOpen })
          // a group with nothing to look for would pass every line: step 4 is dropped then
          for (const group of checks.groups) expect(group.length).toBeGreaterThan(0)
          expect(passesRequired(toBytes(message), checks)).toBe(true)
          expect(createByteScreen(store.templates)(toBytes(message))).toBe(true)
        },
      ),
      { seed: 17, numRuns: 2000 },
    )
  })

  it('groups: each literal is looked for once a line, the one most groups have first, with the same answers', () => {
    const pieces = [']: ', ': ', '] - ', 'conn', ' ', 'é', 'Received ', 'started', ',', '[', ' set to ']
    const someGroupHolds = (m: Uint8Array, groups: RequiredChecks['groups']): boolean =>
      groups.some((group) => group.every((r) => holds(m, r)))
    fc.assert(
      fc.property(
        storeAndMatched(pieces, 7),
        fc.array(fc.array(fc.constantFrom(...pieces, 'x', '1'), { maxLength: 12 }), { maxLength: 6 }),
        ({ store, message }, others) => {
          const checks = requiredChecks(store.templates, { depth: 3, byLiteral: true, onlyOpen: false })
          const check = createGroupCheck(checks)
          const shares = checks.groupIds
            .flatMap((ids) => [...ids])
            .reduce((n, id) => n.set(id, (n.get(id) ?? 0) + 1), new Map<number, number>())
          checks.groupIds.forEach((ids, g) => {
            expect(new Set(ids).size).toBe(ids.length)
            expect([...ids].map((id) => checks.distinct[id])).toEqual(checks.groups[g])
            for (const id of ids) expect(shares.get(id)).toBeLessThanOrEqual(shares.get(ids[0] as number) as number)
          })
          // the same check object on a run of lines: what one line found is not taken for the next's
          for (const line of [message, ...others.map((parts) => parts.join('')), message])
            expect(check(toBytes(line))).toBe(
              checks.groups.length === 0 || someGroupHolds(toBytes(line), checks.groups),
            )
        },
      ),
      { seed: 23, numRuns: 1000 },
    )
    // the Zookeeper shape: `,` in four of five groups comes first in each, looked for once
    const zookeeper = storeOf(
      '{0} {1},{2} - INFO  [main:{3}] - {4} set to {5}',
      '{0} {1},{2} {3} {4}  [{5}:{6}] {7} {8} set to {9}',
      '{0} {1},{2} - INFO  [/{3}] - Received connection request /{4}',
      '{0} {1},{2} {3} {4}  [/{5}:{6}] {7} Received connection request /{8}',
      '{0} {1},{2} - WARN  [SendWorker:{3}] - Interrupted while waiting',
      '{0} {1},{2} {3} {4}  [{5}:{6}] {7} Interrupted while waiting',
      '{0}] - Cannot open channel to {1} at election address /{2}:{3}',
    )
    const checks = requiredChecks(zookeeper.templates)
    const comma = checks.distinct.findIndex((r) => Buffer.from(r.bytes).toString() === ',')
    const withComma = checks.groupIds.filter((ids) => ids.includes(comma))
    expect(withComma.length).toBeGreaterThan(1)
    for (const ids of withComma) expect(ids[0]).toBe(comma)
  })

  it('groups: rules out a line that holds the required literals of the store but of no group (the Zookeeper shape)', () => {
    // specific templates hold `] - ` before their words; their generic twins hold `] ` only before a placeholder
    const store = storeOf(
      '{0} {1},{2} - WARN  [SendWorker:{3}] - Interrupted while waiting',
      '{0} {1},{2} {3} {4}  [{5}:{6}] {7} Interrupted while waiting',
      '{0} {1},{2} - INFO  [main:{3}] - {4} set to {5}',
      '{0} {1},{2} {3} {4}  [{5}:{6}] {7} {8} set to {9}',
      '{0}] - Cannot open channel to {1} at election address /{2}:{3}',
    )
    const apache = toBytes(
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
    )
    const all = requiredChecks(store.templates, { depth: 0, byLiteral: false, onlyOpen: false })
    expect(all.groups).toEqual([])
    expect(passesRequired(apache, all)).toBe(true)
    const split = requiredChecks(store.templates, { depth: 1, byLiteral: false, onlyOpen: true })
    expect(split.groups.length).toBe(2)
    expect(passesRequired(apache, split)).toBe(false)
    for (const line of [
      '2015-07-29 17:41:44,747 - WARN  [SendWorker:188978561024] - Interrupted while waiting',
      '2015-07-29 17:41:44,747 WARN x  [SendWorker:188978561024:QuorumCnxManager] @ Interrupted while waiting',
      '2015-07-29 17:41:44,747 - INFO  [main:QuorumPeerConfig@101] - dataDir set to /var/lib',
      'Thread[x] - Cannot open channel to 2 at election address /10.10.34.12:3888',
    ])
      expect(passesRequired(toBytes(line), split)).toBe(true)
    expect(createMatcher(store).mayMatchBytes(apache)).toBe(false)
    // the store's own traffic: after 8 lines in a row that pass step 4, the next 256 that reach it skip it
    // (the anchor scan then refuses what it would have), and it runs again after them
    const screen = createByteScreen(store.templates)
    const own = toBytes('2015-07-29 17:41:44,747 - INFO  [main:QuorumPeerConfig@101] - dataDir set to /var/lib')
    expect(screen(apache)).toBe(false)
    for (let i = 0; i < 8; i++) expect(screen(own)).toBe(true)
    // (each refused by the anchor scan, as the matcher tells the screen: no rest of steps 2-4 starts)
    for (let i = 0; i < 256; i++) {
      expect(screen(apache)).toBe(true)
      screen.refusedAfter()
    }
    expect(screen(apache)).toBe(false)
    const matcher = createMatcher(store)
    for (let i = 0; i < 8; i++) expect(matcher.mayMatchBytes(own)).toBe(true)
    expect(matcher.mayMatchBytes(apache)).toBe(false)
  })

  it('rest: steps 2-4 are skipped after 64 lines in a row pass them, until the anchor scan refuses a line', () => {
    const store = storeOf(
      '{0} dfs.DataNode: Served block {1} to {2}',
      '{0} dfs.FSNamesystem: BLOCK* ask {1} to delete {2}',
    )
    const own = toBytes('081109 203615 dfs.DataNode: Served block blk_1 to /10.2.3.4')
    // same edge bytes (any), lacks ` dfs.` (step 2)
    const foreign = toBytes('081109 203615 INFO mapred.JobTracker: job 4')
    const screen = createByteScreen(store.templates)
    for (let i = 0; i < 63; i++) expect(screen(own)).toBe(true)
    // a refusal before the 64th starts the count again
    expect(screen(foreign)).toBe(false)
    for (let i = 0; i < 64; i++) expect(screen(own)).toBe(true)
    // resting: the foreign line passes the screen alone (the anchor scan refuses it), and that refusal ends the rest
    expect(screen(foreign)).toBe(true)
    expect(screen(foreign)).toBe(true)
    screen.refusedAfter()
    expect(screen(foreign)).toBe(false)
    // the rest lasts 256 lines
    for (let i = 0; i < 64; i++) expect(screen(own)).toBe(true)
    for (let i = 0; i < 256; i++) expect(screen(foreign)).toBe(true)
    expect(screen(foreign)).toBe(false)
    // through the matcher: own lines are never refused, the foreign line always is (by the scan while resting)
    const matcher = createMatcher(store)
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 70; i++) expect(matcher.mayMatchBytes(own)).toBe(true)
      expect(matcher.mayMatchBytes(foreign)).toBe(false)
    }
  })

  it('pivots: holds gives the same answer whichever byte of the literal memchr looks for', () => {
    const BYTE = fc.constantFrom(...': ]-[xé'.split(''))
    fc.assert(
      fc.property(
        fc.array(BYTE, { minLength: 1, maxLength: 4 }),
        fc.array(BYTE, { maxLength: 30 }),
        fc.boolean(),
        (literalChars, lineChars, keyed) => {
          const literal = literalChars.join('')
          const store = storeOf(`a${literal}x{0}`, `{0}b${literal}x`)
          const required = prepareRequired(store.templates, keyed ? 16 : 0, keyed ? 8 : 0).filter(
            (r) => Buffer.from(r.bytes).toString() === literal || r.bytes.length > 0,
          )
          const line = toBytes(lineChars.join(''))
          for (const r of required) {
            const answer = holds(line, r)
            for (let at = 0; at < r.bytes.length; at++) expect(holds(line, { ...r, pivotAt: at })).toBe(answer)
          }
        },
      ),
      { seed: 29, numRuns: 2000 },
    )
  })

  it("pivots: repivot moves a pivot to the literal's byte the counted lines hold fewest times, ties keep it", () => {
    const [literal] = prepareRequired(storeOf("{0} device node '{1}' x", "{0} y device node '{1}'").templates, 0, 0)
    const r = literal as RequiredLiteral
    expect(Buffer.from(r.bytes).toString()).toBe(" device node '")
    const counts = new Uint32Array(256)
    for (const byte of toBytes('Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for invalid user webmaster'))
      counts[byte] = (counts[byte] as number) + 1
    repivot([r], counts)
    expect(String.fromCharCode(r.bytes[r.pivotAt] as number)).toBe("'")
    // nothing rarer than the pivot: it stays
    const none = new Uint32Array(256)
    repivot([r], none)
    expect(String.fromCharCode(r.bytes[r.pivotAt] as number)).toBe("'")
  })

  it('pivots: the screen picks its pivots from the lines that reach step 2, and answers as before', () => {
    // the store's text holds `'` most, `v` least; the foreign lines hold a `v` and no `'`
    const store = storeOf("{0} device node '{1}' x '{2}' {3}", "{0} y device node '{1}' {2}")
    const foreign = toBytes('Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for invalid user webmaster')
    const own = toBytes("Jun 14 15:16:01 combo device node '/dev/x' x 'y' z")
    const screen = createByteScreen(store.templates)
    const fresh = requiredChecks(store.templates)
    const pivotBytes = (checks: RequiredChecks) =>
      [...checks.all, ...checks.distinct].map((r) => String.fromCharCode(r.bytes[r.pivotAt] as number)).join('')
    const before = pivotBytes(fresh)
    for (let i = 0; i < 7; i++) expect(screen(foreign)).toBe(passesRequired(foreign, fresh))
    expect(pivotBytes(screen.checks() as RequiredChecks)).toBe(before)
    // the eighth line counted: pivots picked from the foreign lines' bytes
    expect(screen(foreign)).toBe(passesRequired(foreign, fresh))
    const after = screen.checks() as RequiredChecks
    expect(pivotBytes(after)).not.toBe(before)
    for (const r of [...after.all, ...after.distinct]) {
      const held = [...foreign].filter((byte) => byte === r.bytes[r.pivotAt]).length
      for (const byte of r.bytes) expect(held).toBeLessThanOrEqual([...foreign].filter((b) => b === byte).length)
    }
    for (const line of [own, foreign, own]) expect(screen(line)).toBe(passesRequired(line, fresh))
  })

  it('step 4 looks for a literal from where step 2 found the literal of `all` it holds, with the same answers', () => {
    // the Linux shape: `: ` in every template, some with it right before a placeholder (no keys): split on it
    const store = storeOf('{0} combo udev[{1}]: {2}', "{0} device node '{1}': {2}", '{0}: authentication f{1}')
    const checks = requiredChecks(store.templates)
    const text = (r: RequiredLiteral) => Buffer.from(r.bytes).toString()
    expect(checks.all.map(text)).toEqual([': '])
    const where = checks.distinct.map((r, d) => [text(r), checks.holding[d], checks.inside[d]])
    const expected = [
      [" device node '", -1, 0],
      ["': ", 0, 1],
      [' combo udev[', -1, 0],
      [': authentication f', 0, 0],
      [']: ', 0, 1],
    ]
    expect(where.sort()).toEqual(expected.sort())
    // on runs of lines shorter than the screen's rests (STEP4_PASSES), the screen answers as step 1 and passesRequired
    const pieces = [']: ', ': ', '] - ', ':', ' ', 'é', 'Received ', ',', '[', ']', 'x']
    fc.assert(
      fc.property(
        storeAndMatched(pieces, 6),
        fc.array(fc.array(fc.constantFrom(...pieces, '1', '::'), { maxLength: 14 }), { maxLength: 6 }),
        ({ store, message }, others) => {
          const [screen, edges] = [createByteScreen(store.templates), createEdgeScreen(store.templates)]
          const fresh = requiredChecks(store.templates)
          for (const line of [...others.map((parts) => toBytes(parts.join(''))), toBytes(message)])
            expect(screen(line)).toBe(edges(line) && passesRequired(line, fresh))
        },
      ),
      { seed: 37, numRuns: 1500 },
    )
  })
})
