/**
 * s41-state: the cm coder's buffers for long messages are kept between messages for the whole process (one for the
 * encoders' long blocks, one for the decoders' messages) instead of grown afresh for each message and let go; the
 * frames are the same (the goldens in model-stream.test.ts and run-model.test.ts pin them). What these tests hold:
 * a decoded message is a copy of its own, two encoders coding long blocks at once each get their own bits back, and
 * the kept buffers stay within their bound.
 */
import { describe, expect, it } from 'vitest'
import { BinaryDecoder, BinaryEncoder, SPARE_KEEP_BYTES, spareEncoderBufferBytes } from './binary-coder.ts'
import { createModelStreamFactory, DECODE_BUFFER_KEEP_BYTES, spareDecodeBufferBytes } from './model-stream.ts'

const SIZES = { historyLog: 12, matchHashLog: 10, orderLog: 10 }
/** deterministic bytes: a JSON-like line repeated with a counter (the model predicts some of it, not all) */
function message(bytes: number, seed: number): Uint8Array {
  const text = Array.from(
    { length: Math.ceil(bytes / 20) },
    (_, i) => `{"seq":${seed * 100_000 + i},"v":"${(i * 7919) % 1000}"}`,
  )
  return new TextEncoder().encode(text.join('\n')).subarray(0, bytes)
}
const bits = (n: number, salt: number) =>
  Array.from({ length: n }, (_, i) => (Math.imul(i + salt, 0x9e3779b1) >>> 31) & 1)

describe('cm coder buffers kept between messages', () => {
  it('a decoded message is its own copy: decoding the next message does not change it', () => {
    const factory = createModelStreamFactory(null, SIZES)
    const encode = factory.encoder()
    const decode = factory.decoder(1 << 24)
    const long = message(20_000, 1)
    const short = message(300, 2)
    const first = decode(encode(long))
    const second = decode(encode(short))
    expect(first).toEqual(long)
    expect(second).toEqual(short)
    expect(first.buffer).not.toBe(second.buffer)
  })

  it('the decode buffer grown by a long message is kept for the next one, within its bound', () => {
    const factory = createModelStreamFactory(null, SIZES)
    const encode = factory.encoder()
    const decode = factory.decoder(1 << 24)
    expect(decode(encode(message(20_000, 3)))).toEqual(message(20_000, 3))
    expect(spareDecodeBufferBytes()).toBeGreaterThanOrEqual(20_000)
    expect(spareDecodeBufferBytes()).toBeLessThanOrEqual(DECODE_BUFFER_KEEP_BYTES)
  })

  it('two encoders coding long blocks at the same time each get their own bits back', () => {
    const a = new BinaryEncoder()
    const b = new BinaryEncoder()
    const bitsA = bits(100_000, 1)
    const bitsB = bits(60_000, 2)
    for (let i = 0; i < bitsA.length; i++) {
      a.encode(bitsA[i] as number, 2048)
      if (i < bitsB.length) b.encode(bitsB[i] as number, 2048)
    }
    const blockB = b.finish()
    const blockA = a.finish()
    const decodeA = new BinaryDecoder(blockA)
    const decodeB = new BinaryDecoder(blockB)
    expect(bitsA.map(() => decodeA.decode(2048))).toEqual(bitsA)
    expect(bitsB.map(() => decodeB.decode(2048))).toEqual(bitsB)
    expect(a.bufferBytes).toBe(256)
    expect(b.bufferBytes).toBe(256)
    // the buffer kept is the last finish()'s (a's here), within the bound
    expect(spareEncoderBufferBytes()).toBeGreaterThanOrEqual(blockA.length)
    expect(spareEncoderBufferBytes()).toBeLessThanOrEqual(SPARE_KEEP_BYTES)
  })

  it('an encoder buffer past the bound is not kept: a block of over 1 MiB (s41-rev1 F5)', () => {
    const big = new BinaryEncoder()
    // a bit coded against a near-certain prediction of the other value costs about 12 bits: ~1.5 MiB here
    for (let i = 0; i < SPARE_KEEP_BYTES; i++) big.encode(0, 4095)
    expect(big.finish().length).toBeGreaterThan(SPARE_KEEP_BYTES)
    expect(spareEncoderBufferBytes()).toBeLessThanOrEqual(SPARE_KEEP_BYTES)
    // the decoder's bound (DECODE_BUFFER_KEEP_BYTES) is not exercised here: a message of over 1 MiB through the cm
    // coder takes seconds, too long for the unit tier
  })

  it('a block that fails to decode gives the kept buffer back (s41-rev1 F4)', () => {
    const factory = createModelStreamFactory(null, SIZES)
    const long = message(20_000, 6)
    const block = factory.encoder()(long)
    expect(factory.decoder(1 << 24)(block)).toEqual(long)
    const kept = spareDecodeBufferBytes()
    expect(kept).toBeGreaterThanOrEqual(20_000)
    // a second connection whose bound is under the message's length: its decode throws E_FRAME_CORRUPT
    expect(() => createModelStreamFactory(null, SIZES).decoder(1_000)(block)).toThrow(/decodes past/)
    expect(spareDecodeBufferBytes()).toBe(kept)
  })
})
