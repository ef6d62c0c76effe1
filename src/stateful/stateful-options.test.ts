import { describe, expect, it } from 'vitest'
import { parseCompressorConfig } from '../suite/config.ts'
import { createStatefulReceiver, createStatefulSender } from './connection.ts'
import {
  DEFAULT_CM_LARGE_MESSAGE_BYTES,
  HISTORY_PATH_OVER_MEAN,
  statefulOptionsFromConfig,
} from './stateful-options.ts'

const options = (stateful: string) =>
  statefulOptionsFromConfig(parseCompressorConfig(`mode: stateful\nstateful: ${stateful}\n`, '/x/s.yaml'), null)

/** A zstd frame's magic number, 28 B5 2F FD, somewhere in `frame` (a fast-path block is byte 0 then a zstd frame). */
const holdsZstdFrame = (frame: Uint8Array) => Buffer.from(frame).includes(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))

describe('large_message_bytes of a cm config (round 39, s39-fixl D10)', () => {
  it('a cm config that names none bounds the model at 262,144 bytes; 0 turns the bound off; a value is kept', () => {
    expect(DEFAULT_CM_LARGE_MESSAGE_BYTES).toBe(262_144)
    expect(options('{ codec: cm }').largeMessageBytes).toBe(262_144)
    expect(options('{ codec: cm, large_message_bytes: 0 }')).not.toHaveProperty('largeMessageBytes')
    expect(options('{ codec: cm, large_message_bytes: 4096 }').largeMessageBytes).toBe(4096)
    // zstd and deflate code a message at zstd's or zlib's speed: no bound, as before
    expect(options('{ codec: zstd }')).not.toHaveProperty('largeMessageBytes')
    expect(options('{ codec: deflate }')).not.toHaveProperty('largeMessageBytes')
  })

  it('a message over the default goes through zstd, one at the bound through the model, and both round-trip', async () => {
    const cm = options('{ codec: cm }')
    const sender = createStatefulSender(cm)
    const receiver = createStatefulReceiver(cm)
    const line = (i: number) => `{"kind":"Pod","metadata":{"name":"web-${i % 97}","uid":"${(i * 7919) % 100_003}"}}\n`
    const sized = (bytes: number) => {
      let s = ''
      for (let i = 0; s.length < bytes; i++) s += line(i)
      return new TextEncoder().encode(s.slice(0, bytes))
    }
    for (const [bytes, fastPath] of [
      [DEFAULT_CM_LARGE_MESSAGE_BYTES + 1, true],
      [2_000, false],
      [DEFAULT_CM_LARGE_MESSAGE_BYTES, false],
    ] as const) {
      const message = sized(bytes)
      const frame = await sender.encode(message)
      expect(holdsZstdFrame(frame)).toBe(fastPath)
      expect(Buffer.from(await receiver.decode(frame)).equals(Buffer.from(message))).toBe(true)
    }
    sender.close()
    receiver.close()
  })
})

describe('history_path_bytes of a cm config (round 42)', () => {
  it('a positive value is the history path with the outlier rule; absent or 0 is none', () => {
    expect(options('{ codec: cm, history_path_bytes: 512 }').historyPath).toEqual({
      minBytes: 512,
      overMean: HISTORY_PATH_OVER_MEAN,
    })
    expect(HISTORY_PATH_OVER_MEAN).toBe(4)
    expect(options('{ codec: cm }')).not.toHaveProperty('historyPath')
    expect(options('{ codec: cm, history_path_bytes: 0 }')).not.toHaveProperty('historyPath')
  })

  it("a connection's outlier goes through zstd against its history, the rest through the model, and all round-trip", async () => {
    const cm = options('{ codec: cm, history_path_bytes: 512 }')
    const sender = createStatefulSender(cm)
    const receiver = createStatefulReceiver(cm)
    const tick = (i: number) => `{"e":"trade","p":"${(100 + i / 7).toFixed(3)}","q":"${i % 13}"}`
    const book = (i: number) =>
      `{"e":"book","bids":[${Array.from({ length: 60 }, (_, k) => `["${k + i}.5","${k * 3}"]`).join(',')}]}`
    for (let i = 0; i < 40; i++) {
      const message = new TextEncoder().encode(i % 10 === 9 ? book(i) : tick(i))
      const frame = await sender.encode(message)
      // a frame is the varint sequence number (one byte here) then the block
      expect(frame[1] === 0 && frame[2] === 1, `message ${i}`).toBe(i % 10 === 9)
      expect(Buffer.from(await receiver.decode(frame)).equals(Buffer.from(message))).toBe(true)
    }
    sender.close()
    receiver.close()
  })
})
