import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BinaryDecoder, BinaryEncoder } from './binary-coder.ts'
import { ContextModel } from './context-model.ts'
import { createModelStreamFactory, encodeMessageWith, type PositionKind } from './model-stream.ts'
import { RUN_CLASS, RUN_MIN, RunModel } from './run-model.ts'
import { STATEFUL_FORMAT_VERSION } from './stateful-options.ts'

const text = (s: string) => new TextEncoder().encode(s)
const SHIPPED = { historyLog: 15, matchHashLog: 12, orderLog: 12 }
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A seeded generator of `length` characters of `alphabet`. */
function randomRun(length: number, seed: number, alphabet = B64): string {
  let state = seed >>> 0
  let out = ''
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    out += alphabet[(state >>> 8) % alphabet.length]
  }
  return out
}

/** Codes `messages` on one fresh connection (the shipped sizes), checking each round trip; returns the blocks. */
function roundTrip(dictionary: Uint8Array | null, messages: Uint8Array[]): Uint8Array[] {
  const factory = createModelStreamFactory(dictionary, SHIPPED)
  const encode = factory.encoder()
  const decode = factory.decoder(1 << 22)
  return messages.map((m) => {
    const block = encode(m)
    expect(Buffer.from(decode(block)).equals(Buffer.from(m))).toBe(true)
    return block
  })
}

describe('bitsSpent (the cost the run switch reads)', () => {
  it('property: the encoder and the decoder count the same bits after every bit, and the block is about that long', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 4095 }))), (bits) => {
        const encoder = new BinaryEncoder(1)
        const spent: number[] = []
        for (const [bit, p] of bits) {
          encoder.encode(bit, p)
          spent.push(encoder.bitsSpent())
        }
        const total = encoder.bitsSpent()
        const block = encoder.finish()
        expect(block.length).toBeLessThanOrEqual(Math.ceil(total / 8) + 1)
        const decoder = new BinaryDecoder(block)
        for (const [i, [, p]] of bits.entries()) {
          decoder.decode(p)
          expect(decoder.bitsSpent()).toBe(spent[i])
        }
      }),
    )
  })

  it('counts what the bits cost: 800 bits at p = 1/2 are 800 bits, 800 bits at p = 4095/4096 under 8', () => {
    const even = new BinaryEncoder()
    for (let i = 0; i < 800; i++) even.encode(i & 1, 2048)
    expect(Math.abs(even.bitsSpent() - 800)).toBeLessThanOrEqual(1)
    const sure = new BinaryEncoder()
    for (let i = 0; i < 800; i++) sure.encode(1, 4095)
    expect(sure.bitsSpent()).toBeLessThan(8)
  })
})

describe('the run model (block format 7)', () => {
  it('the class is base64, base64url, hex and identifier characters, all ASCII', () => {
    const members = [...RUN_CLASS.keys()].filter((b) => RUN_CLASS[b] === 1)
    expect(String.fromCharCode(...members)).toBe(`+-/${'0123456789'}${B64.slice(0, 26)}_${B64.slice(26, 52)}`)
    expect(members.every((b) => b < 128)).toBe(true)
  })

  it("codes a character's 7 bits and learns the class's frequencies: hex costs about 4 bits a character once learnt", () => {
    const model = new RunModel()
    const decoderModel = new RunModel()
    const run = text(randomRun(4000, 3, '0123456789abcdef'))
    const encoder = new BinaryEncoder()
    let lateBits = 0
    for (const [i, byte] of run.entries()) {
      const before = encoder.bitsSpent()
      model.code(byte, encoder, null)
      if (i >= 2000) lateBits += encoder.bitsSpent() - before
    }
    expect(lateBits / 2000).toBeLessThan(4.2)
    const decoder = new BinaryDecoder(encoder.finish())
    expect(Buffer.from(run.map(() => decoderModel.code(0, null, decoder))).equals(Buffer.from(run))).toBe(true)
  })

  it('a run starts after RUN_MIN class bytes that cost the mixer many bits, and a match turns it off', () => {
    const model = new ContextModel(SHIPPED, null)
    const encoder = new BinaryEncoder()
    const feed = (bytes: Uint8Array): boolean[] =>
      [...bytes].map((byte) => {
        const active = model.runActive()
        if (active) {
          const stay = RUN_CLASS[byte] as number
          encoder.encode(stay, model.predictStay())
          model.updateStay(stay)
          if (stay === 1) {
            model.codeRunByte(byte, encoder, null)
            return active
          }
        }
        const before = encoder.bitsSpent()
        model.codeByte(byte, encoder, null)
        model.noteCost(encoder.bitsSpent() - before)
        return active
      })
    const random = text(randomRun(200, 5))
    const active = feed(random)
    expect(active.slice(0, RUN_MIN).some(Boolean)).toBe(false)
    expect(active.slice(RUN_MIN + 8).every(Boolean)).toBe(true)
    // a byte outside the class ends it; the same 200 characters again are a match, so no run
    expect(feed(text(' '))).toEqual([true])
    expect(
      feed(random)
        .slice(RUN_MIN + 16)
        .some(Boolean),
    ).toBe(false)
    // text the mixer predicts (a word repeated) never starts one, however long the run of letters
    const word = text(`${'abcdefgh'.repeat(40)} `)
    feed(word)
    expect(
      feed(text('q'.repeat(200)))
        .slice(RUN_MIN + 8)
        .some(Boolean),
    ).toBe(false)
  })
})

describe('token runs in the cm stream (block format 7)', () => {
  it('round-trips runs that end at the message end, at a quote, at a match and inside an empty-ended connection', () => {
    const run = randomRun(3000, 9)
    const messages = [
      `{"type":"reasoning","encrypted_content":"${run}"}`,
      randomRun(RUN_MIN - 1, 10),
      randomRun(RUN_MIN, 11),
      randomRun(RUN_MIN + 1, 12),
      randomRun(500, 13),
      '',
      `{"again":"${run.slice(100, 1100)}","tail":"${randomRun(300, 14, B64URL)}"}`,
      `${randomRun(100, 15)}=="}`,
      randomRun(64, 16, '0123456789abcdef'),
      '',
    ].map(text)
    const blocks = roundTrip(null, messages)
    // the random characters cost about 6 bits each, the repeat far less
    expect((blocks[0] as Uint8Array).length).toBeLessThan((3000 * 6.15) / 8 + 40)
    expect((blocks[6] as Uint8Array).length).toBeLessThan(300 * 0.8 + 60)
  })

  it('property: random connections of runs, JSON and binary bytes round-trip', () => {
    const piece = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer()).map(([n, seed]) => randomRun(n, seed)),
      fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer()).map(([n, seed]) => randomRun(n, seed, B64URL)),
      fc.constantFrom('{"delta":"', '"}', '=', ' ', '\n', '"obfuscation":"', '%'),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    )
    const message = fc
      .array(piece, { maxLength: 6 })
      .map((parts) => Uint8Array.from(Buffer.from(parts.join(''), 'latin1')))
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 12 }), (messages) => {
        roundTrip(null, messages)
      }),
      { numRuns: 60 },
    )
  })

  it("the benches' encodeMessageWith codes the encoder's blocks exactly, and says which positions went to the run model", () => {
    const messages = [
      `{"encrypted_content":"${randomRun(2000, 21)}"}`,
      `{"delta":" the","obfuscation":"${randomRun(12, 22)}"}`,
      `${randomRun(400, 23, B64URL)}`,
    ].map(text)
    const blocks = roundTrip(null, messages)
    const primed = new ContextModel(SHIPPED, null)
    const model = primed.clone()
    for (const [i, message] of messages.entries()) {
      const coder = new BinaryEncoder()
      const kinds: PositionKind[] = []
      encodeMessageWith(model, coder, message, (at, kind) => {
        expect(at).toBe(kinds.length)
        kinds.push(kind)
      })
      expect(Buffer.from(coder.finish()).equals(Buffer.from(blocks[i] as Uint8Array))).toBe(true)
      expect(kinds).toHaveLength(message.length)
      if (i === 0) expect(kinds.filter((k) => k === 'run').length).toBeGreaterThan(1900)
      if (i === 1) expect(kinds.includes('run')).toBe(false)
    }
  })

  it('the blocks of a fixed connection with token runs are exactly these bytes (format 7)', () => {
    const dictionary = text(`{"id":"rs_${randomRun(40, 1)}","encrypted_content":"${randomRun(3000, 2)}"}\n`)
    const messages = Array.from({ length: 60 }, (_, i) =>
      text(
        i % 3 === 0
          ? `{"type":"response.output_text.delta","delta":"tok${i}","obfuscation":"${randomRun(10, i)}"}`
          : i % 3 === 1
            ? `{"type":"reasoning","encrypted_content":"${randomRun(200 + 10 * i, 100 + i)}"}`
            : `{"sig":"${randomRun(40, 7)}","hex":"${randomRun(64, 200 + i, '0123456789abcdef')}"}`,
      ),
    )
    const blocks = roundTrip(dictionary, messages)
    const hash = createHash('sha256')
    for (const block of blocks) hash.update(block)
    expect({ total: blocks.reduce((n, b) => n + b.length, 0), sha256: hash.digest('hex') }).toEqual({
      // with format 6's model (RUN_MIN out of reach, no run ever on) the same connection costs more, in other blocks
      total: 4860,
      sha256: 'd588d66780dbe963377a0fea24776032a45e7f69e7dcb997a5d4e775199646f6',
    })
    // other bytes here are another format: raise STATEFUL_FORMAT_VERSION (the compressors' fingerprint) with them
    expect(STATEFUL_FORMAT_VERSION).toBe(8)
  })
})
