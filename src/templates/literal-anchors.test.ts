import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AnchorTable,
  FILTER_WORDS,
  foldedSignature,
  hashOf,
  ItemTable,
  packedOf,
  setBits,
  signatureOf,
} from './anchor-table.ts'
import { createAnchorIndex, firstWordOf } from './literal-anchors.ts'
import { textToBytes } from './text-bytes.ts'

/** The items the index passes on for a message, in the order it visits them. */
function selected(items: readonly string[][], message: string): number[] {
  const index = createAnchorIndex(
    items.map((literals, i) => ({ i, literals })),
    (item) => item.literals,
  )
  const out: number[] = []
  index.select(textToBytes(message), (item) => out.push(item.i) > 0)
  return out
}

/** The items one index (built once, for a store of thousands) passes on for each message, in the order visited. */
function reacher(items: readonly string[][]): (message: string) => number[] {
  const index = createAnchorIndex(
    items.map((literals, i) => ({ i, literals })),
    (item) => item.literals,
  )
  return (message) => {
    const out: number[] = []
    index.select(textToBytes(message), (item) => out.push(item.i) > 0)
    return out
  }
}

/**
 * Words whose signatures (length, first and last byte) collide (`abXcd`, `abYcd`), long ones either side of
 * the 63 bytes whose lengths the begins/ends flags tell apart, non-ASCII ones: the scan hashes a token only
 * when an anchor has its signature, and must still find every anchor a message holds.
 */
const LONG = 'w'.repeat(40)
const WORDS = [
  'abXcd',
  'abYcd',
  'ab',
  'cd',
  'x',
  LONG,
  `${LONG}${'z'.repeat(23)}`,
  `${LONG}${'z'.repeat(24)}`,
  'café',
  '中文',
]
const SEPARATORS = [' ', ': ', '/', '=', '-']

/** A literal of words and separators, and what a placeholder's value next to it may be. */
const literalArb = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 5 })
  .map((pieces) => pieces.join(''))
const valueArb = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 3 })
  .map((pieces) => pieces.join(''))

describe('the anchor index', () => {
  it('passes on every item whose literals a message holds around its values (the item matches it)', () => {
    const scenario = fc
      .array(fc.array(literalArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 })
      .chain((items) =>
        fc.tuple(
          fc.constant(items),
          fc.array(fc.tuple(fc.nat(), fc.array(valueArb, { minLength: 3, maxLength: 3 })), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
      )
    let reached = 0
    fc.assert(
      fc.property(scenario, ([items, renders]) => {
        for (const [which, values] of renders) {
          const k = which % items.length
          const literals = items[k] as string[]
          const message = literals.map((literal, j) => (j === 0 ? literal : `${values[j - 1]}${literal}`)).join('')
          // a message is literal0 value literal1 ... as the matcher sees it: its own item must be passed on
          expect({ message, k, passed: selected(items, message).includes(k) }).toEqual({ message, k, passed: true })
          reached += 1
        }
      }),
      { seed: 13, numRuns: 400 },
    )
    expect(reached).toBeGreaterThan(400)
  })

  it("reaches exactly the items whose word is a token of the message, or begins or ends one, whatever the tokens' lengths", () => {
    // one word an item: `{0} w {1}` (whole), `{0} w{1}` (begins a token), `{0}w {1}` (ends one); the scan's
    // token loop takes a token's bytes four at a time (a step of one near the message's end) and steps over the
    // byte that ended the last token: tokens of 1-9 bytes, ASCII or not, at both ends and after runs of
    // separators, must split as a plain reading of the text does (tokens: runs of word units)
    const wordArb = fc.stringMatching(/^[a-z0-9_é]{1,9}$/)
    const separatorArb = fc.constantFrom(' ', ':', '/ ', ' - ', '=')
    const scenario = fc.tuple(
      fc.uniqueArray(fc.tuple(wordArb, fc.constantFrom(0, 1, 2)), { minLength: 1, maxLength: 6, selector: ([w]) => w }),
      fc.array(fc.oneof(wordArb, separatorArb), { minLength: 1, maxLength: 12 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    )
    let hits = 0
    fc.assert(
      fc.property(scenario, ([words, pieces, picks]) => {
        // some pieces replaced by the items' words (so that messages reach items), with or without a separator
        const message = pieces
          .map((piece, i) => {
            const pick = picks[i % picks.length] as number
            return pick % 3 === 0 ? (words[pick % words.length] as [string, number])[0] : piece
          })
          .join('')
        const items = words.map(([w, kind]) =>
          kind === 0 ? ['', ` ${w} `, ''] : kind === 1 ? ['', ` ${w}`, ''] : ['', `${w} `, ''],
        )
        const tokens = message.split(/[^A-Za-z0-9_\u0080-\uffff]+/).filter((token) => token !== '')
        const expected = words
          .map(([w, kind], k) => {
            const reached = tokens.some((t) => (kind === 0 ? t === w : kind === 1 ? t.startsWith(w) : t.endsWith(w)))
            return reached ? k : -1
          })
          .filter((k) => k !== -1)
        hits += expected.length
        expect({ message, got: selected(items, message).sort((a, b) => a - b) }).toEqual({ message, got: expected })
      }),
      { seed: 41, numRuns: 1000 },
    )
    expect(hits).toBeGreaterThan(300)
  })

  it('tells words of one signature apart: an anchor is found by its bytes, not by its length and end bytes', () => {
    const items = [['abXcd {0}'], ['abYcd {0}']].map((literals) => literals[0]?.split('{0}') as string[])
    expect(selected(items, 'abXcd 1')).toEqual([0])
    expect(selected(items, 'abYcd 1')).toEqual([1])
    expect(selected(items, 'abZcd 1')).toEqual([])
  })

  it('finds anchors longer than 63 bytes, whole and at the start or end of a token', () => {
    const long = `${LONG}${'z'.repeat(30)}`
    // whole (item 0: `{long} {0}`), ending a token (item 1: `{0}{long}`), starting one (item 2: `{long}{0}`)
    const items = [
      [`${long} `, ''],
      ['', long],
      [long, ''],
    ]
    expect(selected(items, `${long} 7`)).toContain(0)
    expect(selected(items, `7${long}`)).toEqual([1])
    expect(selected(items, `${long}7`)).toEqual([2])
    expect(selected(items, `${long.slice(1)} 7`)).toEqual([])
  })

  it('passes on a template only when its other whole words are tokens too (the word filter)', () => {
    const items = [
      ['scoreboard block ', ' to ', ''],
      ['scoreboard ', ''],
    ]
    // item 0 is filed under `block` or `to` (fewer templates have them than `scoreboard`): a message with
    // its anchor but not its other words does not reach it
    expect(selected(items, 'scoreboard block 5 to 7')).toContain(0)
    expect(selected(items, 'block to 7')).not.toContain(0)
  })
  it("passes on a reached item exactly when the tokens' filter holds every bit of its whole words (all eight filter words)", () => {
    // one item, anchored by its longest word (every message has it): it is passed on exactly when the bits that
    // setBits sets for its whole words' signatures are all among those of the message's tokens, wherever in the
    // 256-bit filter they fall (many short words spread them over all its words; a word the message lacks
    // may still have its bits there, which this reference counts alike)
    const ANCHOR = 'anchorwordlongerthanany'
    const bitsOf = (words: readonly string[]): Uint32Array => {
      const filter = new Uint32Array(FILTER_WORDS)
      for (const word of words) {
        const bytes = textToBytes(word)
        setBits(filter, 0, signatureOf(bytes.length, bytes[0] as number, bytes[bytes.length - 1] as number))
      }
      return filter
    }
    const wordArb = fc.stringMatching(/^[a-z0-9_]{1,7}$/)
    const outcomes = { passed: 0, refused: 0 }
    fc.assert(
      fc.property(fc.uniqueArray(wordArb, { minLength: 1, maxLength: 24 }), fc.array(fc.nat()), (words, keep) => {
        const item = [`${ANCHOR} ${words.join(' ')} `, '']
        const present = words.filter((_, i) => ((keep[i % Math.max(1, keep.length)] ?? 1) & (1 << (i % 5))) !== 0)
        const message = `${ANCHOR} ${present.join(' ')} 7`
        const mask = bitsOf([ANCHOR, ...words])
        const tokens = bitsOf([ANCHOR, ...present, '7'])
        let holds = true
        for (let i = 0; i < FILTER_WORDS; i++) if (((mask[i] as number) & ~(tokens[i] as number)) !== 0) holds = false
        expect(selected([item], message)).toEqual(holds ? [0] : [])
        outcomes[holds ? 'passed' : 'refused']++
      }),
      { seed: 35, numRuns: 600 },
    )
    expect(outcomes.passed).toBeGreaterThan(40)
    expect(outcomes.refused).toBeGreaterThan(200)
  })

  it('finds every anchor of a store of thousands in its typed slots (whole, beginning and ending a token)', () => {
    // 3,000 whole words, 600 words before a placeholder and 600 after one: the
    // slots' probes wrap and chain
    const items = [
      ...Array.from({ length: 3000 }, (_, i) => [`event w${i} `, '']),
      ...Array.from({ length: 600 }, (_, i) => [`id b${i}x`, '']),
      ...Array.from({ length: 600 }, (_, i) => ['', `e${i}y done`]),
    ]
    const reached = reacher(items)
    for (const i of [0, 1, 777, 2999]) expect(reached(`event w${i} 5`), `w${i}`).toEqual([i])
    for (const i of [0, 599]) expect(reached(`id b${i}x42`), `b${i}x`).toEqual([3000 + i])
    for (const i of [0, 599]) expect(reached(`42e${i}y done`), `e${i}y`).toEqual([3600 + i])
    expect(reached('event w3000 5')).toEqual([])
    expect(reached('event w29 5')).toEqual([29])
  })
  it('probes a table of a few anchors through its typed slots too, and finds each (colliding slots chain)', () => {
    const table = new AnchorTable()
    const words = ['a', 'blk', 'to', 'ot', 'scoreboard']
    words.forEach((word, i) => table.add(word, i, false))
    table.seal()
    // a table of five anchors has slots (the map of 32-bit hashes boxed half of its look-ups: round 13)
    expect(table.slotMask).toBeGreaterThan(0)
    const line = textToBytes('a blk to ot scoreboard tox')
    const at = (word: string): number =>
      [...Buffer.from(line).toString().matchAll(/\w+/g)].find((m) => m[0] === word)?.index as number
    for (const [i, word] of words.entries()) {
      const start = at(word)
      expect(table.find(hashOf(line, start, start + word.length), line, start, start + word.length)?.indices).toEqual([
        i,
      ])
    }
    expect(table.find(hashOf(line, 23, 26), line, 23, 26)).toBeUndefined()
  })
  it('in a store of thousands, passes on only the items whose first and last literal the message has at its edges', () => {
    // the two share every whole word with the message, so both pass the word filter; one starts otherwise
    const items = [
      ...Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, '']),
      ['mod_jk child workerEnv in error state ', ''],
      ['error child workerEnv in error state ', ''],
      ['', ' child workerEnv in error state'],
    ]
    const reached = reacher(items)
    expect(reached('mod_jk child workerEnv in error state 6').sort()).toEqual([1000])
    expect(reached('error child workerEnv in error state 6').sort()).toEqual([1001])
    expect(reached('x child workerEnv in error state').sort()).toEqual([1002])
    // a lone candidate is passed on unchecked: the matcher checks its edges itself
    expect(reached('filler f7 x')).toEqual([7])
  })

  it('in a store of thousands, passes on only the items whose middle literals the message holds in order', () => {
    // near-duplicates of one template: each has the message's words (`size` is one later on) and its edges,
    // and all but the first lack a middle literal of theirs, or have it only before the one ahead of it
    const items = [
      ...Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, '']),
      ['BLOCK* updated: ', ':', ' is added to blk_', ' size ', ''],
      ['BLOCK* updated: ', ':', ' is size to blk_', ' size ', ''],
      ['BLOCK* updated: ', ' size ', ' is added to blk_', ''],
      ['BLOCK* updated: ', ':', ' is added to blk_', ' size ', ' size ', ''],
    ]
    const reached = reacher(items)
    expect(reached('BLOCK* updated: 10.2.3.4:50010 is added to blk_77 size 6710')).toEqual([1000])
    // a value between two literals is never empty: one right after the last is not in order
    expect(reached('BLOCK* updated: 10.2.3.4: is added to blk_77 size 6710').sort()).toEqual([])
  })

  it('in a store of thousands, searches no middle literal when the edges leave one item (the matcher checks it)', () => {
    // both items have the message's words and its first word; only the first starts as the message does, and
    // its middle `:` is not in the message after its first literal: the search is left to the matcher
    const items = [
      ...Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, '']),
      ['BLOCK* updated: ', ':', ' is added to blk_', ' size ', ''],
      ['BLOCK* is updated: ', ':', ' added to blk_', ' size ', ''],
    ]
    const reached = reacher(items)
    expect(reached('BLOCK* updated: 10.2.3.4 is added to blk_77 size 6710')).toEqual([1000])
    expect(reached('BLOCK* is updated: 10.2.3.4:50010 added to blk_77 size 6710')).toEqual([1001])
  })

  it('in a store of thousands, looks for the middle literals after the whole first literal, however long', () => {
    // the first literal is longer than the 32 bytes compared at the message's start, and holds ` size ` past
    // them: item 1001's middle literal is not in the message after it, only inside it
    const head = 'BLOCK* NameSystem.addStoredBlock: blockMap size updated: '
    const items = [...Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, '']), [head, ''], [head, ' size ', '']]
    const reached = reacher(items)
    expect(reached(`${head}10.2.3.4 is added`)).toEqual([1000])
    expect(reached(`${head}10.2.3.4 size 7`).sort()).toEqual([1000, 1001])
  })

  it('in a store of thousands, passes on every item whose literals a message holds around its values', () => {
    // the same property as the first test, past the 1,000 items from which the index checks edges, tests a
    // quick word before the filter and keys a word beginning or ending a token by 4 bytes
    const filler = Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, ''])
    const scenario = fc.tuple(
      fc.array(fc.array(literalArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.tuple(fc.nat(), fc.array(valueArb, { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 6 }),
    )
    fc.assert(
      fc.property(scenario, ([items, renders]) => {
        const reached = reacher([...filler, ...items])
        for (const [which, values] of renders) {
          const k = which % items.length
          const literals = items[k] as string[]
          const message = literals.map((literal, j) => (j === 0 ? literal : `${values[j - 1]}${literal}`)).join('')
          expect({ message, k, passed: reached(message).includes(1000 + k) }).toEqual({ message, k, passed: true })
        }
      }),
      { seed: 31, numRuns: 150 },
    )
  })

  it('in a store of thousands, looks up a word beginning or ending a token by its first or last 4 bytes', () => {
    const items = [
      ...Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, '']),
      // no whole word: each is filed under the word that begins (ends) a token
      ['blockade', ''],
      ['', 'tailgate'],
    ]
    const reached = reacher(items)
    expect(reached('blockade42')).toEqual([1000])
    expect(reached('42tailgate')).toEqual([1001])
    // a token that shares the 4 bytes reaches the item (the matcher refuses it); one that does not, not
    expect(reached('blocks42')).toEqual([1000])
    expect(reached('42xgate')).toEqual([1001])
    expect(reached('blanket42')).toEqual([])
    expect(reached('42tailgaxe')).toEqual([])
  })

  it('in a store of thousands, probes a token at each length 1-4 a beginning or ending word has, a shorter token at its own', () => {
    const items = [
      ...Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, '']),
      // no whole word: filed under the word beginning (1000-1004; 5 bytes keyed by 4) or ending (1005-1008) a token
      ['q', ''],
      ['qr', ''],
      ['qrs', ''],
      ['qrst', ''],
      ['qrstu', ''],
      ['', 'z'],
      ['', 'yz'],
      ['', 'xyz'],
      ['', 'wxyz'],
    ]
    const reached = (message: string) => reacher(items)(message).sort((a, b) => a - b)
    expect(reached('q1')).toEqual([1000])
    expect(reached('qr')).toEqual([1000, 1001])
    expect(reached('qrs9')).toEqual([1000, 1001, 1002])
    expect(reached('qrstu9')).toEqual([1000, 1001, 1002, 1003, 1004])
    // `qrstv` reaches 1004 by its first 4 bytes too, whose edges check (more than one item reached) refuses it
    expect(reached('qrstv')).toEqual([1000, 1001, 1002, 1003])
    expect(reached('qsr9')).toEqual([1000])
    expect(reached('1z')).toEqual([1005])
    expect(reached('yz')).toEqual([1005, 1006])
    expect(reached('9xyz')).toEqual([1005, 1006, 1007])
    expect(reached('wxyz')).toEqual([1005, 1006, 1007, 1008])
    // a suffix is keyed by its bytes in their order: `xz` and `yxz` are no anchor's
    expect(reached('9yxz')).toEqual([1005])
    expect(reached('qr 9xyz')).toEqual([1000, 1001, 1005, 1006, 1007])
  })

  it("in a store of thousands, checks each item's own middle literals (the items' edges side by side in one table)", () => {
    // 1000 has middle literals that 1001's and 1002's messages lack; 1001 two of its own, 1002 none: the edges
    // of all three sit side by side, and each item must be checked against its own
    const items = [
      ...Array.from({ length: 1000 }, (_, i) => [`filler f${i} `, '']),
      ['alpha ', ' mid1 ', ' mid4 ', ' end'],
      ['alpha ', ' mid2 ', ' mid3 ', ''],
      ['alpha ', ''],
    ]
    const reached = (message: string) => reacher(items)(message).sort((a, b) => a - b)
    expect(reached('alpha 1 mid2 2 mid3 3')).toEqual([1001, 1002])
    expect(reached('alpha 1 mid3 2 mid2 3')).toEqual([1002])
    expect(reached('alpha 1 mid1 2 mid4 3 end')).toEqual([1000, 1002])
    expect(reached('alpha 1 mid4 2 mid1 3 end')).toEqual([1002])
    expect(reached('alpha 1 mid1 2 mid4 3 end mid2 4 mid3 5')).toEqual([1001, 1002])
  })

  it("a folded table's signature bit tells a word's length: set for each anchor, clear for most other lengths", () => {
    // (a store of thousands' plain whole table: its scan tests the folded bit, so each anchor's must be set; the
    // low bits of signatureOf alone are those of a product, the same for every length of the same edge bytes)
    const bitSet = (table: AnchorTable, sig: number): boolean => {
      const bit = sig & table.hashMask
      return (((table.signatureBits[bit >>> 5] as number) >>> (bit & 31)) & 1) !== 0
    }
    const folded = new AnchorTable(false, true)
    const plain = new AnchorTable()
    const words = ['block', 'bk', 'workerEnv', 'w0rk3rEnv', 'écrit', 'x']
    words.forEach((word, i) => {
      folded.add(word, i, false)
      plain.add(word, i, false)
    })
    folded.seal()
    plain.seal()
    for (const word of words) {
      const bytes = textToBytes(word)
      const sig = signatureOf(bytes.length, bytes[0] as number, bytes[bytes.length - 1] as number)
      expect(bitSet(folded, foldedSignature(sig))).toBe(true)
      expect(bitSet(plain, sig)).toBe(true)
    }
    // tokens b...k of 2 to 60 bytes: the anchors' lengths are 2 and 5
    let foldedPassed = 0
    let plainPassed = 0
    for (let length = 2; length <= 60; length++) {
      if (length === 2 || length === 5) continue
      const sig = signatureOf(length, 'b'.charCodeAt(0), 'k'.charCodeAt(0))
      if (bitSet(folded, foldedSignature(sig))) foldedPassed++
      if (bitSet(plain, sig)) plainPassed++
    }
    expect(plainPassed).toBe(57)
    expect(foldedPassed).toBeLessThan(5)
  })

  it('finds a packed anchor by its bytes as one number, at every length up to 4 and with bytes from 0x80 up', () => {
    // 1-4 bytes, a prefix of another, the same bytes in another order, UTF-8 cut mid-character (as a store of
    // thousands keys a word beginning a token by its first 4 bytes), high bytes in every place of the number
    const words = ['a', 'ab', 'abc', 'abcd', 'dcba', 'ba', 'é', 'éa', 'aé', '中', '\u00ff\u00ff']
    const table = new AnchorTable()
    words.forEach((word, i) => table.add(word, i, false, 4))
    table.add('中文', words.length, false, 4)
    table.seal()
    table.pack()
    const find = (bytes: Uint8Array): number[] | undefined => {
      const id = table.findPacked(packedOf(bytes, 0, bytes.length))
      return id === -1 ? undefined : table.entryList[id]?.indices
    }
    for (const [i, word] of words.entries()) expect(find(textToBytes(word)), word).toEqual([i])
    expect(find(textToBytes('中文').slice(0, 4))).toEqual([words.length])
    for (const other of ['b', 'abd', 'bcd', 'ca', 'e', '文', '\u00ff'])
      expect(find(textToBytes(other)), other).toBeUndefined()
    // a longer anchor could never be found: packing its table is refused
    const long = new AnchorTable()
    long.add('abcde', 0, false)
    long.seal()
    expect(() => long.pack()).toThrow(/more than 4 bytes/)
  })

  it('in a store of thousands, anchors an item by its word the fewest items of its first word have, with that first word', () => {
    // 40 first words x 30 second words: globally a first word is the rarer (30 items, 40 a second word); among the
    // items of one first word, each second word is one item's
    const items = Array.from({ length: 1200 }, (_, i) => [`F${i % 40} G${Math.floor(i / 40)} `, ''])
    const index = createAnchorIndex(
      items.map((literals, i) => ({ i, literals })),
      (item) => item.literals,
    )
    expect(index.anchors.slice(0, 3)).toEqual(['G0', 'G0', 'G0'])
    expect(index.anchors[41]).toEqual('G1')
    const reached = reacher(items)
    expect(reached('F3 G7 x')).toEqual([283])
    // the same words after another first token: the items' first word is not the message's
    expect(reached('Z F3 G7 x')).toEqual([])
    // an item without a first word (a placeholder first) or whose first word runs into a placeholder is filed
    // as in a smaller store, and reached by any first token
    const more = reacher([...items, ['', ' G7 F3 tail'], ['F3x', ' G7 ', '']])
    expect(more('anything G7 F3 tail')).toEqual([1200])
    expect(more('F3xy G7 z')).toEqual([1201])
  })

  it('the first word of a template is the first token of every message it matches, when its first literal fixes it', () => {
    expect(firstWordOf(['[client ', '] Directory index forbidden by rule: ', ''])).toBe('client')
    expect(firstWordOf(['jk2_init() Found child ', ' in scoreboard slot ', ''])).toBe('jk2_init')
    expect(firstWordOf(['no slots at all'])).toBe('no')
    expect(firstWordOf(['whole'])).toBe('whole')
    expect(firstWordOf(['', ':', ' Served block blk_', ''])).toBeUndefined()
    expect(firstWordOf(['blk_', ' terminating'])).toBeUndefined()
    expect(firstWordOf(['-- ', ' --'])).toBeUndefined()
    expect(firstWordOf(['\u00e9t\u00e9 ', ''])).toBe('\u00e9t\u00e9')
  })

  it("the flat item table holds each entry's items, quick words and filters, entry after entry, table after table", () => {
    const tables = [new AnchorTable(), new AnchorTable(), new AnchorTable()]
    const words = ['alpha', 'beta', 'gamma', 'alpha', 'delta', 'beta', 'alpha']
    words.forEach((word, index) => tables[index % 3]?.add(word, index, index % 3 === 2))
    for (const table of tables) table.seal()
    let k = 0
    for (const table of tables)
      for (const entry of table.entryList) {
        entry.masks = Uint32Array.from({ length: entry.indices.length * FILTER_WORDS }, (_, i) => 7 * k + i)
        entry.quick = Int32Array.from(entry.indices, (index) => 100 + index)
        k += 1
      }
    const flat = new ItemTable(tables)
    let e = 0
    tables.forEach((table, t) => {
      expect(flat.bases[t]).toBe(e)
      for (const entry of table.entryList) {
        const [from, to] = [flat.starts[e] as number, flat.starts[e + 1] as number]
        expect([...flat.items.subarray(from, to)]).toEqual(entry.indices)
        expect([...flat.quick.subarray(from, to)]).toEqual([...entry.quick])
        expect([...flat.masks.subarray(from * FILTER_WORDS, to * FILTER_WORDS)]).toEqual([...entry.masks])
        e += 1
      }
    })
    expect(flat.starts[e]).toBe(words.length)
    expect(flat.stamps.length).toBe(e)
  })
})
