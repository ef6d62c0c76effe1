/** What a replay reports (replay.json) and its Markdown rendering. */
import type { WireMemoryRow } from './replay-memory.ts'

/** Bounds of a replay. */
export interface ReplayLimits {
  maxConnections: number
  maxMessages: number
  /** connections held open at once for the memory figure (first corpus only) */
  memoryConnections: number
}

/** One config on one corpus. */
export interface ConfigReplay {
  config: string
  /** a permessage-deflate row (round 40): the window_bits ws negotiated; absent for other rows and in older files */
  windowBits?: number
  connections: number
  messages: number
  mismatches: number
  originalBytes: number
  payloadBytes: number
  /** RFC 6455 frame headers the accounting expects for those payloads */
  framingBytes: number
  handshakeBytes: number
  /** server to client, as the server's socket counted */
  wireBytes: number
  /** client to server (handshake request and close frame) */
  wireBytesUp: number
  /** connections whose socket counts (both sides, both directions) equal the accounting to the byte */
  exactConnections: number
  encodeUs: { p50: number; p99: number }
  /** absent when ws decodes (permessage-deflate) */
  decodeUs?: { p50: number; p99: number }
  /**
   * The config could not send a message (one over its max_message_bytes, a codec error): its figures
   * are left at 0 and the replay exits 1, as run and compare mark that config failed (round 32;
   * absent for a config that replayed)
   */
  failed?: { code: string; message: string }
}

/** What `replay` writes (replay.json) and renders. */
export interface ReplayReport {
  suite: string
  startedAt: string
  loadAverage: { start: number; end: number }
  limits: ReplayLimits
  corpora: { name: string; heldOutMessages: number; recordedConnections: number; configs: ConfigReplay[] }[]
  /** RSS growth per connection (server and client ends, ws and codec), measured on the first corpus */
  memory: WireMemoryRow[]
  /** derived entries measured on messages their store or dictionary was built from (as run and compare warn); absent when none */
  warnings?: string[]
}

export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The replay as Markdown: one table per corpus, then memory per connection. */
export function renderReplay(report: ReplayReport): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
  const lines = [
    `# Wire replay: ${report.suite}`,
    '',
    `Started ${report.startedAt}; 1-minute load average ${report.loadAverage.start.toFixed(2)} at start, ${report.loadAverage.end.toFixed(2)} at end (shared machine: times are indicative). Loopback 127.0.0.1 through the ws library; at most ${countOf(report.limits.maxConnections, 'connection', 'connections')} and ${countOf(report.limits.maxMessages, 'message', 'messages')} per corpus and config, whole connections in recorded order (a first connection longer than that is cut to its first ${report.limits.maxMessages} messages).`,
    '',
    "Columns: *payload* is the bytes the codec produced; *framing* the WebSocket frame headers the server wrote around them; *wire (server→client)* every byte the server's socket sent: its HTTP 101 upgrade reply, the frames (payload + framing) and its close frame (4 bytes), counted on the socket; *handshake* the upgrade request and reply together (both directions); *sockets = accounting* the connections whose socket counts, in both directions, equal that sum to the byte. Ratios are original bytes over payload or wire bytes.",
    '',
    "Ratios: *payload ratio* = original ÷ payload; *wire ratio* = original ÷ wire (server→client), so the config is charged its framing and handshake while the original side carries none. `cost --replay`'s ratio is the raw row's wire ÷ this config's wire, higher by the raw row's framing and handshake (docs/compare.md, Ratios).",
    '',
  ]
  for (const warning of report.warnings ?? []) lines.push(`> **Warning:** ${warning}`, '')
  for (const corpus of report.corpora) {
    lines.push(
      `## ${corpus.name}`,
      '',
      `${corpus.heldOutMessages} held-out messages in ${corpus.recordedConnections} connection(s).`,
      '',
    )
    lines.push(
      '| config | conns | messages | byte-exact | original | payload | payload ratio (original ÷ payload) | framing | wire (server→client) | wire ratio (original ÷ wire) | handshake | sockets = accounting | encode p50 / p99 µs | decode p50 / p99 µs |',
    )
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (const c of corpus.configs) {
      if (c.failed !== undefined) {
        lines.push(
          `| ${c.config} | FAILED: ${c.failed.code}: ${c.failed.message.replace(/\s+/g, ' ').replaceAll('|', '\\|')} | | | | | | | | | | | | |`,
        )
        continue
      }
      const ratio = (n: number) => (n === 0 ? '-' : `${(c.originalBytes / n).toFixed(2)}x`)
      lines.push(
        `| ${c.config} | ${c.connections} | ${c.messages} | ${c.mismatches === 0 ? 'yes' : `NO (${c.mismatches})`} | ${c.originalBytes} | ${c.payloadBytes} | ${ratio(c.payloadBytes)} | ${c.framingBytes} | ${c.wireBytes} | ${ratio(c.wireBytes)} | ${c.handshakeBytes} | ${c.exactConnections}/${c.connections} | ${c.encodeUs.p50.toFixed(1)} / ${c.encodeUs.p99.toFixed(1)} | ${c.decodeUs === undefined ? 'inside ws' : `${c.decodeUs.p50.toFixed(1)} / ${c.decodeUs.p99.toFixed(1)}`} |`,
      )
    }
    lines.push('')
  }
  lines.push(
    '## Memory per connection (server and client ends in one process, ws included)',
    '',
    "*RSS growth*: every page the process gained, including what the allocator keeps after calls that freed it (a per-message config holds no state per connection and still shows some). *Retained by JS*: growth of V8's used heap plus external memory (typed arrays, Buffers), after two full GCs: the state live objects hold, without a native library's own allocations (zlib's streams under permessage-deflate are in RSS only).",
    '',
    // s40-rev3 F1: a fresh process per config spreads its own growth over the connections (raw read 672 KiB at 20)
    "Each config is measured in a process of its own (since round 40, where the package's files allow it): that process's own growth while it opens the connections is spread over them, so with few connections every row reads high, the stateless `raw` row too, and a stateful row can read below what JS retains. Read each row against `raw`, and measure with 100 connections or more (`--memory-connections`).",
    '',
    '| config | RSS growth per connection | retained by JS per connection | connections |',
    '|---|---|---|---|',
  )
  for (const m of report.memory)
    if (m.failed !== undefined) lines.push(`| ${m.config} | FAILED: ${m.failed.code} | - | 0 |`)
    else
      lines.push(
        `| ${m.config} | ${rssCell(m, kib)} | ${m.retainedBytesPerConnection === undefined ? '-' : kib(m.retainedBytesPerConnection)} | ${m.connections} |`,
      )
  return `${lines.join('\n')}\n`
}

/**
 * A row's RSS growth as compare words it (s41-trial D6: "0.0 KiB" read as no memory for a config that keeps ~300 KiB
 * a connection): no growth is no reading, and growth below what JS retains is not the row's figure.
 */
function rssCell(
  m: { rssBytesPerConnection: number; retainedBytesPerConnection?: number; connections: number },
  kib: (bytes: number) => string,
): string {
  if (m.rssBytesPerConnection <= 0) return `not measurable (no RSS growth over ${m.connections} connections)`
  if (m.retainedBytesPerConnection !== undefined && m.rssBytesPerConnection < m.retainedBytesPerConnection)
    return `unreliable (${kib(m.rssBytesPerConnection)}, below the ${kib(m.retainedBytesPerConnection)} JS retains: pages freed before its reading were reused; read the retained figure)`
  return kib(m.rssBytesPerConnection)
}
