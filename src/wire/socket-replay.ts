/**
 * Wire truth: a real `ws` WebSocket server and client on 127.0.0.1, one connection per recorded
 * connection, the server sending its messages in order and the client checking each arrives
 * byte-exact. Bytes are read off the server's TCP socket (bytesWritten: server to client,
 * bytesRead: client to server) after both sides closed, and off the client's socket as a cross-check.
 *
 * Choices:
 * - Only 127.0.0.1, an ephemeral port, one server per config (permessage-deflate is negotiated per
 *   server); every message is a binary frame, so ws never validates or re-encodes text.
 * - ws's permessage-deflate gets threshold 0 (ws sends messages under 1 KiB uncompressed by
 *   default) and the level, memLevel and window bits the suite names, so the replica in
 *   stateful/permessage-deflate.ts with the same settings predicts its payloads to the byte.
 * - Our codecs encode on the server side and decode on the client side of the same process; their
 *   calls are timed (process.hrtime.bigint). ws's own deflate runs inside ws: its encode time is the
 *   replica's (the same zlib stream and settings), its inflate is not timed.
 */
import { once } from 'node:events'
import type { AddressInfo, Socket } from 'node:net'
import { hrtime } from 'node:process'
import { WebSocket, WebSocketServer, type PerMessageDeflateOptions } from 'ws'
import { createPace, type MemoryReading } from '../compare/index.ts'
import { AuraError, firstDifference } from '../core/index.ts'

/** The permessage-deflate ws negotiates for a config. */
export interface WirePermessageDeflate {
  level: number
  memLevel: number
  windowBits: number
  contextTakeover: boolean
}

/** One open connection of a config's codec: encode on the server, decode on the client. */
export interface WireConnection {
  encode(message: Uint8Array): Uint8Array | Promise<Uint8Array>
  decode(payload: Uint8Array): Uint8Array | Promise<Uint8Array>
  /** the frame payload the accounting expects for this message (pmd: the replica's; else the encoded bytes' length) */
  payloadBytes(message: Uint8Array, encoded: Uint8Array): number | Promise<number>
  close(): void
}

/** A config as the replay runs it. */
export interface WireConfig {
  name: string
  /** false when the client's decode is done inside ws (permessage-deflate): its time is not measured here */
  timesDecode: boolean
  perMessageDeflate: WirePermessageDeflate | null
  open(): WireConnection
}

/** What one connection's replay measured. */
export interface ConnectionReplay {
  messages: number
  mismatches: number
  originalBytes: number
  payloadBytes: number
  payloadSizes: number[]
  handshake: { requestBytes: number; responseBytes: number }
  server: { bytesWritten: number; bytesRead: number }
  client: { bytesWritten: number; bytesRead: number }
  encodeUs: number[]
  decodeUs: number[]
}

/** A listening server for one config. */
interface WireServer {
  url: string
  config: WireConfig
  close(): Promise<void>
}

function deflateOptions(pmd: WirePermessageDeflate | null): PerMessageDeflateOptions | false {
  if (pmd === null) return false
  return {
    threshold: 0,
    serverNoContextTakeover: !pmd.contextTakeover,
    clientNoContextTakeover: !pmd.contextTakeover,
    serverMaxWindowBits: pmd.windowBits,
    clientMaxWindowBits: pmd.windowBits,
    zlibDeflateOptions: { level: pmd.level, memLevel: pmd.memLevel },
  }
}

interface OpenPair {
  client: WebSocket
  server: WebSocket
  serverSocket: Socket
  clientSocket: Socket
  handshake: { requestBytes: number; responseBytes: number }
}

async function connect(
  server: WireServer,
  wss: { once(event: 'connection', listener: (ws: WebSocket, request: { socket: Socket }) => void): void },
): Promise<OpenPair> {
  const accepted = new Promise<{ ws: WebSocket; socket: Socket; handshake: OpenPair['handshake'] }>((resolve) => {
    wss.once('connection', (ws, request) =>
      resolve({
        ws,
        socket: request.socket,
        handshake: { requestBytes: request.socket.bytesRead, responseBytes: request.socket.bytesWritten },
      }),
    )
  })
  const client = new WebSocket(server.url, {
    perMessageDeflate: deflateOptions(server.config.perMessageDeflate),
    maxPayload: 64 * 1024 * 1024,
  })
  client.binaryType = 'nodebuffer'
  let clientSocket: Socket | undefined
  client.once('upgrade', (response) => {
    clientSocket = response.socket as Socket
  })
  await once(client, 'open')
  const side = await accepted
  if (clientSocket === undefined) throw new AuraError('E_INTERNAL', 'ws opened without an upgrade response')
  return { client, server: side.ws, serverSocket: side.socket, clientSocket, handshake: side.handshake }
}

/** The WebSocketServer behind a WireServer (kept private to this module). */
const servers = new WeakMap<WireServer, WebSocketServer>()

/** Starts a server on 127.0.0.1 (ephemeral port) for one config. */
export async function openWireServer(config: WireConfig): Promise<WireServer> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: deflateOptions(config.perMessageDeflate),
    maxPayload: 64 * 1024 * 1024,
  })
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const wire: WireServer = {
    url: `ws://127.0.0.1:${port}`,
    config,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate()
        server.close(() => resolve())
      }),
  }
  servers.set(wire, server)
  return wire
}

function serverOf(wire: WireServer): WebSocketServer {
  const server = servers.get(wire)
  if (server === undefined) throw new AuraError('E_INTERNAL', 'wire server was not opened with openWireServer')
  return server
}

/** Replays one connection: the server sends every message in order, the client decodes and checks each; then both close. */
export async function replayConnection(wire: WireServer, messages: readonly Uint8Array[]): Promise<ConnectionReplay> {
  const pair = await connect(wire, serverOf(wire))
  const codec = wire.config.open()
  const result: ConnectionReplay = {
    messages: 0,
    mismatches: 0,
    originalBytes: 0,
    payloadBytes: 0,
    payloadSizes: [],
    handshake: pair.handshake,
    server: { bytesWritten: 0, bytesRead: 0 },
    client: { bytesWritten: 0, bytesRead: 0 },
    encodeUs: [],
    decodeUs: [],
  }
  try {
    let received = 0
    let chain = Promise.resolve()
    let failure: unknown
    const allReceived = new Promise<void>((resolve, reject) => {
      if (messages.length === 0) resolve()
      pair.client.on('message', (data: Buffer) => {
        const index = received++
        chain = chain
          .then(async () => {
            const t0 = hrtime.bigint()
            const decoded = await codec.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
            result.decodeUs.push(Number(hrtime.bigint() - t0) / 1e3)
            if (firstDifference(decoded, messages[index] as Uint8Array) !== -1) result.mismatches += 1
            if (index === messages.length - 1) resolve()
          })
          .catch((error: unknown) => {
            failure ??= error
            reject(error)
          })
      })
    })
    // encode is often synchronous: without a turn of the event loop between messages a SIGINT / SIGTERM reaches
    // the CLI's handler only once the whole connection is encoded (s39-fixl, D10): pace() gives it two turns every 50 ms
    const pace = createPace(undefined)
    for (const message of messages) {
      await pace()
      const t0 = hrtime.bigint()
      const encoded = await codec.encode(message)
      // timed with the payload accounting: for permessage-deflate that is the replica's deflate, the work ws does on send
      const size = await codec.payloadBytes(message, encoded)
      result.encodeUs.push(Number(hrtime.bigint() - t0) / 1e3)
      result.payloadSizes.push(size)
      result.payloadBytes += size
      result.originalBytes += message.length
      result.messages += 1
      pair.server.send(encoded, { binary: true })
    }
    await allReceived
    if (failure !== undefined) throw failure
    const closed = Promise.all([once(pair.serverSocket, 'close'), once(pair.clientSocket, 'close')])
    pair.client.close(1000)
    await closed
    result.server = { bytesWritten: pair.serverSocket.bytesWritten, bytesRead: pair.serverSocket.bytesRead }
    result.client = { bytesWritten: pair.clientSocket.bytesWritten, bytesRead: pair.clientSocket.bytesRead }
    return result
  } finally {
    codec.close()
    pair.client.terminate()
  }
}

/** Connections a memory probe holds open until every config has been measured. */
export interface HeldConnections {
  /** RSS growth per connection (bytes) */
  bytesPerConnection: number
  /** growth per connection of what live JavaScript objects retain (V8's used heap plus external memory, bytes) */
  retainedBytesPerConnection: number
  release(): void
}

/**
 * RSS growth per connection over `count` connections held open at once, each after `warm` was sent
 * through it; `readMemory` is read before and after (the caller's reader: RSS and retained memory
 * after two full garbage collections). The connections stay open until `release()`: the caller measures every config before
 * releasing any, so memory one config frees is not reused by the next without growing RSS.
 */
export async function measureWireMemory(
  wire: WireServer,
  warm: readonly Uint8Array[],
  count: number,
  readMemory: () => MemoryReading,
): Promise<HeldConnections> {
  const open: { pair: OpenPair; codec: WireConnection }[] = []
  const release = (): void => {
    for (const { pair, codec } of open) {
      codec.close()
      pair.client.terminate()
    }
    open.length = 0
  }
  try {
    const before = readMemory()
    for (let i = 0; i < count; i++) {
      const pair = await connect(wire, serverOf(wire))
      const codec = wire.config.open()
      open.push({ pair, codec })
      let received = 0
      let chain = Promise.resolve()
      const done = new Promise<void>((resolve) => {
        if (warm.length === 0) resolve()
        pair.client.on('message', (data: Buffer) => {
          chain = chain.then(async () => {
            await codec.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
            if (++received === warm.length) resolve()
          })
        })
      })
      for (const message of warm) pair.server.send(await codec.encode(message), { binary: true })
      await done
    }
    const after = readMemory()
    return {
      bytesPerConnection: Math.max(0, (after.rssBytes - before.rssBytes) / count),
      retainedBytesPerConnection: Math.max(0, (after.retainedBytes - before.retainedBytes) / count),
      release,
    }
  } catch (error) {
    release()
    throw error
  }
}
