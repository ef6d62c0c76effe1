import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasCode } from '../core/index.ts'
import { createPermessageDeflateConnection, SYNC_FLUSH_TAIL, trimSyncFlushTail } from './permessage-deflate.ts'
import { createZstdStreamConnection } from '../codecs/index.ts'

const text = (s: string) => new TextEncoder().encode(s)
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('permessage-deflate (RFC 7692)', () => {
  it('reproduces the RFC 7692 section 7.2.3 examples: "Hello", then "Hello" again with and without context takeover', async () => {
    const takeover = createPermessageDeflateConnection({ level: 6, contextTakeover: true })
    const fresh = createPermessageDeflateConnection({ level: 6, contextTakeover: false })
    try {
      expect(hex(await takeover.encode(text('Hello')))).toBe('f248cdc9c90700')
      // 7.2.3.2: the second "Hello" refers back to the first
      expect(hex(await takeover.encode(text('Hello')))).toBe('f200110000')
      expect(hex(await fresh.encode(text('Hello')))).toBe('f248cdc9c90700')
      expect(hex(await fresh.encode(text('Hello')))).toBe('f248cdc9c90700')
    } finally {
      takeover.close()
      fresh.close()
    }
  })

  it('sends an empty message as the single byte 00 (RFC 7692 7.2.3.6) and decodes it back', async () => {
    const connection = createPermessageDeflateConnection({ level: 6, contextTakeover: true })
    try {
      const payload = await connection.encode(new Uint8Array(0))
      expect(hex(payload)).toBe('00')
      expect(await connection.decode(payload)).toHaveLength(0)
    } finally {
      connection.close()
    }
  })

  it('trims exactly the trailing 00 00 ff ff of a sync flush, and refuses data that does not end with it', () => {
    expect(hex(trimSyncFlushTail(Uint8Array.of(0xf2, 0x48, 0x00, 0x00, 0xff, 0xff)))).toBe('f248')
    expect(hex(trimSyncFlushTail(SYNC_FLUSH_TAIL))).toBe('')
    for (const bad of [Uint8Array.of(0x00, 0xff, 0xff), Uint8Array.of(0x01, 0x00, 0x00, 0xff, 0xfe)]) {
      let caught: unknown
      try {
        trimSyncFlushTail(bad)
      } catch (error) {
        caught = error
      }
      expect(hasCode(caught) && caught.code).toBe('E_INTERNAL')
    }
  })

  it('round-trips any sequence of messages per connection, in both modes, with the trailer never sent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (messages, contextTakeover) => {
          const connection = createPermessageDeflateConnection({ level: 6, contextTakeover })
          try {
            for (const message of messages) {
              const payload = await connection.encode(message)
              expect(await connection.decode(payload)).toEqual(message)
            }
          } finally {
            connection.close()
          }
        },
      ),
      { seed: 42, numRuns: 25 },
    )
  })

  it('keeps state per connection: two interleaved connections each decode only their own stream', async () => {
    const a = createPermessageDeflateConnection({ level: 6, contextTakeover: true })
    const b = createPermessageDeflateConnection({ level: 6, contextTakeover: true })
    try {
      const ticks = [
        '{"type":"ticker","price":"101.5"}',
        '{"type":"ticker","price":"101.6"}',
        '{"type":"ticker","price":"101.7"}',
      ]
      const sizes: number[] = []
      for (const tick of ticks) {
        const fromA = await a.encode(text(tick))
        const fromB = await b.encode(text(`${tick} b`))
        sizes.push(fromA.length)
        expect(new TextDecoder().decode(await a.decode(fromA))).toBe(tick)
        expect(new TextDecoder().decode(await b.decode(fromB))).toBe(`${tick} b`)
      }
      // with context takeover a repeat costs a fraction of the first message
      expect(sizes[1]).toBeLessThan((sizes[0] as number) / 2)
    } finally {
      a.close()
      b.close()
    }
  })

  it('rejects a payload that is not deflate data with a frame error', async () => {
    const connection = createPermessageDeflateConnection({ level: 6, contextTakeover: true })
    try {
      await expect(connection.decode(Uint8Array.of(0xff, 0xff, 0xff))).rejects.toMatchObject({
        code: 'E_FRAME_CORRUPT',
      })
    } finally {
      connection.close()
    }
  })
})

describe('Zstandard stream per connection', () => {
  it('round-trips any sequence of messages, and a repeat costs less than the first message', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 12 }), (messages) => {
        const connection = createZstdStreamConnection({ level: 3, windowLog: 15 })
        for (const message of messages) expect(connection.decode(connection.encode(message))).toEqual(message)
      }),
      { seed: 42, numRuns: 25 },
    )
    const connection = createZstdStreamConnection({ level: 3, windowLog: 15 })
    const tick = text('{"type":"ticker","product_id":"BTC-USD","price":"101.5","side":"buy"}')
    const first = connection.encode(tick)
    const again = connection.encode(tick)
    expect(connection.decode(first)).toEqual(tick)
    expect(connection.decode(again)).toEqual(tick)
    expect(again.length).toBeLessThan(first.length / 2)
  })

  it('round-trips a message larger than its 128 KiB output chunk, twice on one connection', () => {
    const connection = createZstdStreamConnection({ level: 1, windowLog: 17 })
    const random = fc.sample(fc.uint8Array({ minLength: 300_000, maxLength: 300_000 }), {
      seed: 42,
      numRuns: 1,
    })[0] as Uint8Array
    expect(connection.decode(connection.encode(random))).toEqual(random)
    expect(connection.decode(connection.encode(random))).toEqual(random)
  })
})
