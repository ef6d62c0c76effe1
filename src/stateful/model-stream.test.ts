import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BinaryDecoder, BinaryEncoder } from './binary-coder.ts'
import { modelStateBytes } from './model-sizes.ts'
import { createSharedDictionary, dictionaryIndexLog, dictionaryTagBits, sharedDictionaryBytes } from './match-model.ts'
import { hashBytes } from './cm-tables.ts'
import {
  cmFormulaBytes,
  createModelStreamFactory,
  modelStreamFactory,
  statefulSharedStateBytes,
} from './model-stream.ts'

const text = (s: string) => new TextEncoder().encode(s)
const SIZES = { historyLog: 12, matchHashLog: 10, orderLog: 10 }

describe('binary coder', () => {
  it('property: any bits at any probabilities decode as coded, and the block ends without zero bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 4095 }))), (bits) => {
        const encoder = new BinaryEncoder(1)
        for (const [bit, p] of bits) encoder.encode(bit, p)
        const block = encoder.finish()
        expect(block.length === 0 || block[block.length - 1] !== 0).toBe(true)
        const decoder = new BinaryDecoder(block)
        expect(bits.map(([, p]) => decoder.decode(p))).toEqual(bits.map(([bit]) => bit))
      }),
    )
  })

  it('a buffer grown by a large block goes back to its first size after it, and the next block still decodes', () => {
    const encoder = new BinaryEncoder()
    const bits = Array.from({ length: 100_000 }, (_, i) => (Math.imul(i, 0x9e3779b1) >>> 31) & 1)
    for (const bit of bits) encoder.encode(bit, 2048)
    expect(encoder.finish().length).toBeGreaterThan(12_000)
    expect(encoder.bufferBytes).toBe(256)
    for (const bit of bits.slice(0, 500)) encoder.encode(bit, 2048)
    const decoder = new BinaryDecoder(encoder.finish())
    expect(bits.slice(0, 500).map(() => decoder.decode(2048))).toEqual(bits.slice(0, 500))
  })

  it('well-predicted bits cost almost nothing: 1,000 bits at p = 4095 fit in 2 bytes', () => {
    const encoder = new BinaryEncoder()
    for (let i = 0; i < 1000; i++) encoder.encode(1, 4095)
    expect(encoder.finish().length).toBeLessThanOrEqual(2)
  })
})

describe('cm stream', () => {
  it('round-trips messages holding the separator byte, empty messages and binary bytes, and learns the connection', () => {
    const factory = createModelStreamFactory(text('GET /api/v1/orders?id=1 HTTP/1.1\n'), SIZES)
    const encode = factory.encoder()
    const decode = factory.decoder(1 << 20)
    const messages = [
      '',
      'line one\nline two\n',
      ...Array.from({ length: 40 }, (_, i) => `GET /api/v1/orders?id=${i} HTTP/1.1`),
      '\u0000\u00ff\n\n',
    ].map(text)
    const sizes: number[] = []
    for (const m of messages) {
      const block = encode(m)
      sizes.push(block.length)
      expect(Buffer.from(decode(block)).equals(Buffer.from(m))).toBe(true)
    }
    // a repeated request line costs a few bytes once learnt
    expect(Math.max(...sizes.slice(30, 42))).toBeLessThanOrEqual(6)
  })

  it('the number model: a counter and a clock that move every message cost about a byte a message once learnt', () => {
    const factory = createModelStreamFactory(text('{"type":"tick","seq":1,"at":"081109 203615"}'), SIZES)
    const encode = factory.encoder()
    const sizes = Array.from({ length: 200 }, (_, i) => {
      const at = String(203615 + i).padStart(6, '0')
      return encode(text(`{"type":"tick","seq":${9900 + i * 3},"at":"081109 ${at}"}`)).length
    })
    // without the number model (the match model predicting the previous values) these cost 2-4 bytes each: 125 in all
    expect(sizes.slice(150).reduce((a, b) => a + b)).toBeLessThanOrEqual(60)
  })

  it("numberModel: false (the benches' variant) round-trips, costs those counters more bytes, and has its own primed factory", () => {
    const dictionary = text('{"type":"tick","seq":1,"at":"081109 203615"}')
    const off = { ...SIZES, numberModel: false }
    const encodeOn = createModelStreamFactory(dictionary, SIZES).encoder()
    const factoryOff = createModelStreamFactory(dictionary, off)
    const encodeOff = factoryOff.encoder()
    const decodeOff = factoryOff.decoder(1 << 20)
    let bytesOn = 0
    let bytesOff = 0
    for (let i = 0; i < 200; i++) {
      const message = text(`{"type":"tick","seq":${9900 + i * 3},"at":"081109 ${String(203615 + i).padStart(6, '0')}"}`)
      bytesOn += encodeOn(message).length
      const block = encodeOff(message)
      bytesOff += block.length
      expect(decodeOff(block)).toEqual(message)
    }
    expect(bytesOff).toBeGreaterThan(bytesOn * 1.2)
    expect(modelStreamFactory(dictionary, off)).not.toBe(modelStreamFactory(dictionary, SIZES))
  })

  it('every connection starts from the same primed state: two encoders give the same blocks', () => {
    const factory = createModelStreamFactory(text('{"e":"trade","p":"1.00"}'), SIZES)
    const a = factory.encoder()
    const b = factory.encoder()
    for (const m of ['{"e":"trade","p":"1.01"}', '{"e":"trade","p":"1.02"}'].map(text))
      expect(Buffer.from(a(m)).equals(Buffer.from(b(m)))).toBe(true)
  })

  it('property: a cm block never starts with byte 0, so a block that does is a fast-path block', () => {
    const encode = createModelStreamFactory(text('{"e":"trade"}'), SIZES).encoder()
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (message) => {
        expect(encode(message)[0]).not.toBe(0)
      }),
    )
  })

  it('messages longer than largeMessageBytes take the fast path: byte 0 then zstd, round-trip, and leave the model as it was', () => {
    const factory = createModelStreamFactory(text('{"e":"trade","p":"1.00","q":"5"}'), SIZES)
    const withLarge = factory.encoder(32)
    const without = factory.encoder()
    const decode = factory.decoder(1 << 20)
    const large = text(`{"e":"snapshot","bids":[${Array.from({ length: 50 }, (_, i) => `"${i}.5"`).join(',')}]}`)
    const small = [1, 2, 3].map((i) => text(`{"e":"trade","p":"1.0${i}"}`))
    for (const [i, m] of [small[0], large, small[1], large, small[2]].entries()) {
      const block = withLarge(m as Uint8Array)
      expect(block[0] === 0).toBe(m === large)
      expect(Buffer.from(decode(block)).equals(Buffer.from(m as Uint8Array))).toBe(true)
      // the model never saw the large messages: the small ones code exactly as on a connection without them
      if (m !== large)
        expect(Buffer.from(block).equals(Buffer.from(without(m as Uint8Array))), `message ${i}`).toBe(true)
    }
  })

  it('a fast-path block that would decode past the output bound fails with a typed error', () => {
    const factory = createModelStreamFactory(text('abc'), SIZES)
    const block = factory.encoder(8)(new Uint8Array(4096).fill(0x61))
    expect(() => factory.decoder(100)(block)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^E_/) }))
  })

  it('a block that would decode past the output bound is E_FRAME_CORRUPT', () => {
    const decode = createModelStreamFactory(null, SIZES).decoder(8)
    expect(() => decode(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff))).toThrow(
      expect.objectContaining({ code: 'E_FRAME_CORRUPT' }),
    )
  })

  it('memory by formula: each end is its typed arrays (the sender also its coder buffer), and the shipped sizes fit under pmd L6 (295 KiB)', () => {
    const formula = cmFormulaBytes({ windowLog: 15, hashLog: 12 })
    expect(formula.decoder).toBe(modelStateBytes({ historyLog: 15, matchHashLog: 12, orderLog: 12 }))
    expect(formula.encoder).toBe(formula.decoder + 256)
    expect(formula.encoder + formula.decoder).toBeLessThanOrEqual(295 * 1024)
  })
})

describe('a dictionary larger than the history (round 10)', () => {
  /** `length` bytes of seeded random letters and digits: only a match can code them under ~6 bits a byte. */
  const randomText = (length: number, seed: number): Uint8Array => {
    let state = seed
    return Uint8Array.from({ length }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      return 0x30 + ((state >>> 8) % 75)
    })
  }

  it('the index has one entry per 4 dictionary bytes, at least 2^16 (unchanged up to 256 KiB) and at most 2^22', () => {
    expect([32768, 256 * 1024, 256 * 1024 + 1, 1 << 20, 1 << 30].map(dictionaryIndexLog)).toEqual([16, 16, 17, 18, 22])
    expect(sharedDictionaryBytes(1 << 20)).toBe((1 << 20) + 4 * 2 ** 18)
  })

  it("an index entry keeps its position under the hash's next bits (s33), so a search with other bytes skips the dictionary", () => {
    // 12 bits of tag up to 512 KiB - 1 (19 position bits), fewer above, none where a position takes 31 bits
    expect(
      [
        [1 << 18, 16],
        [(1 << 19) - 1, 17],
        [1 << 20, 18],
        [1 << 30, 22],
        [2 ** 31 - 1, 22],
      ].map(([n, log]) => dictionaryTagBits(n as number, log as number)),
    ).toEqual([12, 12, 10, 0, 0])
    const dictionary = randomText(100 * 1024, 5)
    const shared = createSharedDictionary(dictionary)
    expect([shared.positionBits, shared.tagBits]).toEqual([17, 12])
    let tagged = 0
    let wrong = 0
    for (let bucket = 0; bucket < shared.index.length; bucket++) {
      const entry = shared.index[bucket] as number
      if (entry < 0) continue
      const end = entry & (2 ** shared.positionBits - 1)
      let h = 0
      for (let k = end - 4; k < end; k++) h = hashBytes(h, dictionary[k] as number)
      // the entry is the latest position whose 4 bytes hash to this bucket, and its tag is that hash's next 12 bits
      if (h >>> (32 - shared.indexLog) !== bucket || entry >>> shared.positionBits !== (h << shared.indexLog) >>> 20)
        wrong += 1
      if (entry >>> shared.positionBits !== 0) tagged += 1
    }
    expect(wrong).toBe(0)
    expect(tagged).toBeGreaterThan(1000)
  })

  it('shared state: cm holds the dictionary, its index and one primed model; other codecs the dictionary alone', () => {
    const dictionary = new Uint8Array(1 << 20)
    const cm = { codec: 'cm', dictionary, windowLog: 15, hashLog: 12 }
    expect(statefulSharedStateBytes(cm)).toBe(
      sharedDictionaryBytes(1 << 20) + modelStateBytes({ historyLog: 15, matchHashLog: 12, orderLog: 12 }),
    )
    expect(statefulSharedStateBytes({ ...cm, dictionary: null })).toBe(
      modelStateBytes({ historyLog: 15, matchHashLog: 12, orderLog: 12 }),
    )
    expect(statefulSharedStateBytes({ ...cm, codec: 'zstd' })).toBe(1 << 20)
  })

  it('the match model reaches the whole dictionary: 2,000 random bytes from 600 KiB before its end cost a few dozen bytes', () => {
    const dictionary = randomText(640 * 1024, 7)
    const factory = createModelStreamFactory(dictionary, { historyLog: 15, matchHashLog: 12, orderLog: 12 })
    const message = dictionary.slice(40 * 1024, 40 * 1024 + 2000)
    const block = factory.encoder()(message)
    expect(Buffer.from(factory.decoder(1 << 20)(block)).equals(Buffer.from(message))).toBe(true)
    expect(block.length).toBeLessThan(60)
    // the same bytes with no dictionary reach: about 6.2 bits a byte
    const alone = createModelStreamFactory(randomText(640 * 1024, 8), {
      historyLog: 15,
      matchHashLog: 12,
      orderLog: 12,
    })
    expect(alone.encoder()(message).length).toBeGreaterThan(1400)
  })

  it('blocks with a 300 KiB dictionary are exactly these bytes (format 6: the model primed with its last 64 KiB, the index of 2^17 entries, the JSON column context, bit-history order tables)', () => {
    const dictionary = randomText(300 * 1024, 11)
    dictionary.set(text('{"type":"tick","seq":1,"t":"081109 203615","p":"427.77","o":"x"}\n'), 1000)
    const messages = Array.from({ length: 60 }, (_, i) =>
      i % 2 === 0 ? dictionary.slice(i * 4000, i * 4000 + 300) : text(`{"type":"tick","seq":${i},"o":"y"}`),
    )
    expect(codedConnection(dictionary, messages)).toEqual({
      // format 5 (round 11): 523 bytes, 5c7899de...; format 6 (round 14, bit-history order tables, mixer rate 96): these
      total: 511,
      sha256: 'f198225086fc5b1256283fe789083ae03ec44dc40262cdc084155887044681df',
    })
  })
})

describe('cm block format (golden)', () => {
  /** A fixed connection: JSON ticks with counters, a clock, prices and a random token; log lines; text (a seeded generator). */
  const goldenMessages = (): Uint8Array[] => {
    let seed = 12345
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return (seed >>> 8) % n
    }
    const words = ['the', 'block', 'served', 'packet', 'from', 'node', 'to', 'terminating', 'received']
    return Array.from({ length: 400 }, (_, i) => {
      const token = Array.from({ length: 5 + next(10) }, () => String.fromCharCode(97 + next(26))).join('')
      if (i % 3 === 0)
        return text(
          `{"type":"tick","seq":${1000 + i},"t":"081109 ${203615 + next(3)}","p":"${(427.77 + next(50) / 100).toFixed(2)}","o":"${token}"}`,
        )
      if (i % 3 === 1)
        return text(
          `081109 2036${10 + (i % 50)} ${next(300)} INFO dfs.DataNode: blk_${next(1e9)} ${words[next(9)]} ${words[next(9)]}`,
        )
      return text(Array.from({ length: 3 + next(12) }, () => words[next(9)]).join(' '))
    })
  }

  it('the blocks of a fixed connection are exactly these bytes (a speed change must keep them; a format change updates this and says so in docs/stateful.md)', () => {
    expect(
      codedConnection(
        text(
          '{"type":"tick","seq":1,"t":"081109 203615","p":"427.77","o":"x"}\n081109 203615 148 INFO dfs.DataNode: blk_1 served',
        ),
        goldenMessages(),
      ),
    ).toEqual({
      // format 5 (round 11): 4,277 bytes, 0dfc2c7f...; format 6 (round 14, bit-history order tables, mixer rate 96): these
      total: 4083,
      sha256: 'b9890c9ddccae07520c8d6a4bff0c16b8e7f1a7ac96e45bb547493b70a571e8f',
    })
  })
})

/** Codes `messages` on one connection primed with `dictionary` (the shipped sizes), checks each round trip, and returns the blocks' total length and SHA-256. */
function codedConnection(dictionary: Uint8Array, messages: Uint8Array[]): { total: number; sha256: string } {
  const factory = createModelStreamFactory(dictionary, { historyLog: 15, matchHashLog: 12, orderLog: 12 })
  const encode = factory.encoder()
  const decode = factory.decoder(1 << 20)
  const hash = createHash('sha256')
  let total = 0
  for (const m of messages) {
    const block = encode(m)
    expect(Buffer.from(decode(block)).equals(Buffer.from(m))).toBe(true)
    hash.update(block)
    total += block.length
  }
  return { total, sha256: hash.digest('hex') }
}
