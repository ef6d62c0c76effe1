import { describe, expect, it } from 'vitest'
import { createHybridCompressor } from '../hybrid/index.ts'
import { DEFAULT_TEST_CONFIG } from '../hybrid/test-support.ts'
import { permessageDeflateWireConfig, perMessageWireConfig, rawWireConfig, statefulWireConfig } from './configs.ts'
import { CLIENT_CLOSE_BYTES, expectedWireBytes, frameHeaderBytes, SERVER_CLOSE_BYTES } from './framing.ts'
import { measureWireMemory, openWireServer, replayConnection, type WireConfig } from './socket-replay.ts'

const text = (s: string) => new TextEncoder().encode(s)
// sizes across the 7-bit, 16-bit and 64-bit length forms, and an empty message
const MESSAGES = [
  ...Array.from({ length: 30 }, (_, i) =>
    text(
      `{"stream":"btcusdt@trade","data":{"E":${1626916421925 + i * 13},"p":"${(427.7 + i / 10).toFixed(2)}","q":"${i}"}}`,
    ),
  ),
  new Uint8Array(0),
  text('x'.repeat(125)),
  text('y'.repeat(126)),
  Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251),
]

const HYBRID = await createHybridCompressor(
  { ...DEFAULT_TEST_CONFIG, fallback: 'deflate' },
  { store: null, matcher: null, dictionary: null },
)

describe('RFC 6455 framing accounting', () => {
  it('header sizes follow the three length forms and masking', () => {
    expect([
      frameHeaderBytes(0, false),
      frameHeaderBytes(125, false),
      frameHeaderBytes(126, false),
      frameHeaderBytes(65535, false),
      frameHeaderBytes(65536, false),
    ]).toEqual([2, 2, 4, 4, 10])
    expect(frameHeaderBytes(2, true)).toBe(6)
    expect([CLIENT_CLOSE_BYTES, SERVER_CLOSE_BYTES]).toEqual([8, 4])
  })
})

describe('replay over a real WebSocket on 127.0.0.1', () => {
  const configs: WireConfig[] = [
    rawWireConfig(),
    permessageDeflateWireConfig({ level: 6, memLevel: 8, windowBits: 15, contextTakeover: true }),
    permessageDeflateWireConfig({ level: 6, memLevel: 8, windowBits: 12, contextTakeover: false }),
    perMessageWireConfig('test', HYBRID),
    statefulWireConfig('test', {
      codec: 'deflate',
      level: 9,
      windowLog: 15,
      dictionary: text('{"stream":"btcusdt@trade"}'),
      fieldOperators: true,
    }),
    statefulWireConfig('test-zstd', { codec: 'zstd', level: 3, windowLog: 15, dictionary: null, fieldOperators: true }),
    statefulWireConfig('test-cm', {
      codec: 'cm',
      level: 0,
      windowLog: 12,
      hashLog: 10,
      dictionary: null,
      fieldOperators: false,
    }),
  ]
  it.each(configs.map((c) => [c.name, c] as const))(
    '%s: every message byte-exact; socket bytes = handshake + payloads + frame headers + close, to the byte',
    async (_name, config) => {
      const server = await openWireServer(config)
      try {
        const replay = await replayConnection(server, MESSAGES)
        expect(replay.mismatches).toBe(0)
        expect(replay.messages).toBe(MESSAGES.length)
        const expected = expectedWireBytes(replay.payloadSizes, replay.handshake)
        expect(replay.server.bytesWritten).toBe(expected.serverToClient)
        expect(replay.server.bytesRead).toBe(expected.clientToServer)
        expect(replay.client).toEqual({ bytesWritten: replay.server.bytesRead, bytesRead: replay.server.bytesWritten })
        expect(replay.handshake.requestBytes).toBeGreaterThan(100)
        if (config.name !== 'raw') expect(replay.payloadBytes).toBeLessThan(replay.originalBytes)
      } finally {
        await server.close()
      }
    },
  )
})

describe('memory probe', () => {
  it('holds its connections open until released and reports growth per connection from the reader', async () => {
    let open = 0
    const raw = rawWireConfig()
    const counted: WireConfig = {
      ...raw,
      open() {
        const connection = raw.open()
        open++
        return {
          ...connection,
          close() {
            open--
            connection.close()
          },
        }
      },
    }
    const server = await openWireServer(counted)
    try {
      const readings = [
        { rssBytes: 1_000_000, retainedBytes: 500_000 },
        { rssBytes: 1_000_000 + 3 * 40_960, retainedBytes: 500_000 + 3 * 1_024 },
      ]
      const held = await measureWireMemory(
        server,
        MESSAGES.slice(0, 4),
        3,
        () => readings.shift() ?? { rssBytes: 0, retainedBytes: 0 },
      )
      // still open after the reading: the next config's probe must not reuse their memory
      expect(open).toBe(3)
      expect(held.bytesPerConnection).toBe(40_960)
      expect(held.retainedBytesPerConnection).toBe(1_024)
      held.release()
      expect(open).toBe(0)
    } finally {
      await server.close()
    }
  })
})

describe('a connection whose encode is synchronous (s39-fixl, D10)', () => {
  it('gives the event loop a turn between messages: a signal handler runs before the connection is encoded', async () => {
    const raw = rawWireConfig()
    let encoded = 0
    let turnAt = -1
    const slow: WireConfig = {
      ...raw,
      open() {
        const connection = raw.open()
        return {
          ...connection,
          encode(message) {
            // what a signal handler needs to run: a turn of the event loop (a macrotask), asked for at the first message
            if (encoded === 0) setImmediate(() => (turnAt = encoded))
            const until = performance.now() + 10 // 10 ms of synchronous work, as a cm model coding a large message
            while (performance.now() < until) {}
            encoded += 1
            return connection.encode(message)
          },
        }
      },
    }
    const server = await openWireServer(slow)
    try {
      const messages = MESSAGES.slice(0, 30)
      const replay = await replayConnection(server, messages)
      expect(replay.mismatches).toBe(0)
      // without a yield the turn came only once all 30 (300 ms) were encoded
      expect(turnAt).toBeGreaterThan(0)
      expect(turnAt).toBeLessThan(messages.length)
    } finally {
      await server.close()
    }
  })
})
