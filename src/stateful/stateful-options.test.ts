import { describe, expect, it } from 'vitest'
import { parseCompressorConfig } from '../suite/config.ts'
import { createStatefulReceiver, createStatefulSender } from './connection.ts'
import { DEFAULT_CM_LARGE_MESSAGE_BYTES, statefulOptionsFromConfig } from './stateful-options.ts'

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
