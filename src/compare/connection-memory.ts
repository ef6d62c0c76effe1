/**
 * Memory per connection of the stateful entries, two ways:
 * - formula: zlib's documented allocation (zconf.h): deflate (1 << (windowBits + 2)) + (1 << (memLevel + 9))
 *   bytes, inflate (1 << windowBits) plus about 7 KB; libzstd documents no closed formula (its
 *   estimate functions are not exposed by zstd-napi), so zstd streams have measurements only;
 * - measured: growth of the process's RSS (pages actually touched) over N connections held open at
 *   once, after each sent a window's worth of messages so its window pages are touched. compare
 *   measures each entry in a child process of its own (round 39, memory-probe-child.ts): in one
 *   process, what earlier entries freed stayed resident in the allocator and was reused by later
 *   ones without growing RSS. In-process (tests, the `isolate` option left out), every entry's
 *   connections stay open until all entries are measured. It includes each stream's JS objects and output
 *   buffers, so it is what a Node process pays, not the library alone. A full garbage collection
 *   runs before each reading (V8's gc, exposed for this module only): without it, garbage
 *   collected while the connections were opened shrinks the heap and hides their growth (a cm
 *   entry once read 62 KiB per connection against its 257 KiB of typed arrays).
 */
import { memoryUsage } from 'node:process'
import { collectGarbage, concatBytes } from '../core/index.ts'
import type { StatefulCodec, StatefulConnection } from './measure-stateful-entry.ts'
import type { ProbeCodecSpec, ProbeGrowth, ProbeRequest } from './memory-probe-child.ts'
import type { Pace } from './pace.ts'
import type { ConnectionMemory, EntrySpec } from './types.ts'

/** zlib's "plus about 7 kilobytes for small objects" of an inflate stream. */
const INFLATE_SMALL_OBJECTS_BYTES = 7 * 1024

/** zlib's documented allocation of a deflate and an inflate stream, in bytes. */
export function zlibFormulaBytes(windowBits: number, memLevel: number): { encoder: number; decoder: number } {
  return {
    encoder: 2 ** (windowBits + 2) + 2 ** (memLevel + 9),
    decoder: 2 ** windowBits + INFLATE_SMALL_OBJECTS_BYTES,
  }
}

/** One reading of the process's memory after two full garbage collections, in bytes. */
export interface MemoryReading {
  /** resident set size: every page the process holds, whoever allocated it */
  rssBytes: number
  /**
   * what live JavaScript objects retain: V8's used heap plus the external memory reported to it
   * (ArrayBuffers and typed arrays, Buffers, WebAssembly memory); not a native library's own
   * allocations (zlib's streams), nor pages the allocator keeps after they were freed
   */
  retainedBytes: number
}

/** Reads the process's memory (default: `readMemoryAfterGc`). */
export type MemoryReader = () => MemoryReading

/** RSS and retained memory after two full garbage collections. */
export function readMemoryAfterGc(): MemoryReading {
  // twice: memory the first collection finds dead (a typed array's backing store) is not always released by it
  collectGarbage()
  collectGarbage()
  const usage = memoryUsage()
  return { rssBytes: usage.rss, retainedBytes: usage.heapUsed + usage.external }
}

/**
 * s40-trial D1: the probe stops opening connections once they hold this much more RSS than before them, and reads
 * the growth per connection over those it opened (a stateful zstd config at 65 MiB a connection took the default
 * 100 connections to 6.9 GB, enough for a CI runner's OOM killer).
 */
export const PROBE_BUDGET_BYTES = 1024 * 1024 * 1024

/** One stateful entry to measure: its spec, how to open a connection, its window and zlib formula when it has one. */
export interface MemoryProbe {
  spec: EntrySpec
  codec: StatefulCodec
  windowBytes: number
  formulaBytes?: { encoder: number; decoder: number }
  /** what formulaBytes leaves out (ConnectionMemory.formulaExcludes) */
  formulaExcludes?: string
  /** the codec as plain data, for a probe in a child process (memory-probe-child.ts) */
  isolated?: ProbeCodecSpec
}

/**
 * Measures every probe in turn: opens `connections` connections, sends one message of `windowBytes`
 * (from `messages`) through each, and records the RSS growth per connection. In-process, all stay open
 * until the end. With `isolate` (compare since round 39), a probe that has an `isolated` spec is measured
 * by it instead, in a process of its own (memory-probe-child.ts): the reading then does not depend on the
 * entries probed before it.
 */
export async function measureConnectionMemory(
  probes: readonly MemoryProbe[],
  messages: readonly Uint8Array[],
  options: {
    connections: number
    readMemory?: MemoryReader
    pace?: Pace
    isolate?: (request: ProbeRequest, label: string) => Promise<ProbeGrowth>
  },
): Promise<Map<string, ConnectionMemory>> {
  const pace = options.pace ?? (async () => undefined)
  const read = options.readMemory ?? readMemoryAfterGc
  const open: StatefulConnection[] = []
  const measured = new Map<string, ConnectionMemory>()
  try {
    for (const probe of probes) {
      const warm = takeBytes(messages, probe.windowBytes)
      await pace()
      const growth =
        options.isolate !== undefined && probe.isolated !== undefined
          ? await options.isolate({ codec: probe.isolated, warm, connections: options.connections }, probe.spec.label)
          : await probeConnections(probe.codec, warm, options.connections, read, pace, open)
      measured.set(probe.spec.id, {
        ...(probe.formulaBytes === undefined ? {} : { formulaBytes: probe.formulaBytes }),
        ...(probe.formulaExcludes === undefined ? {} : { formulaExcludes: probe.formulaExcludes }),
        measuredRssBytes: growth.rssBytes,
        retainedBytes: growth.retainedBytes,
        connections: growth.connections ?? options.connections,
      })
    }
    return measured
  } finally {
    for (const connection of open) connection.close?.()
  }
}

/**
 * One entry's growth per connection: one connection opened, sent `warm` and closed before the first reading
 * (as replay's probe does: what an entry builds once per process on its first connection, a shared
 * dictionary's index or a primed model, is not per connection), then `connections` held open, each sent
 * `warm`, and the second reading; fewer (`connections` in the result) once they hold `budgetBytes` of RSS. The connections are pushed to `open` (the caller closes them), or closed here.
 */
export async function probeConnections(
  codec: StatefulCodec,
  warm: Uint8Array,
  connections: number,
  read: MemoryReader,
  pace: Pace = async () => undefined,
  open?: StatefulConnection[],
  budgetBytes = PROBE_BUDGET_BYTES,
  // the process's RSS between connections; by default only with the default reader (a reader given in its place, as
  // tests give, reads some other memory, against which this process's RSS means nothing)
  currentRss: (() => number) | undefined = read === readMemoryAfterGc ? () => memoryUsage.rss() : undefined,
): Promise<ProbeGrowth> {
  const first = codec.open()
  await first.decode(await first.encode(warm))
  first.close?.()
  const held: StatefulConnection[] = open ?? []
  const before = read()
  let opened = 0
  while (opened < connections) {
    // between connections, outside the readings' span of work: a turn of the event loop allocates nothing to speak of
    await pace()
    const connection = codec.open()
    held.push(connection)
    await connection.decode(await connection.encode(warm))
    opened++
    // s40-trial D1: bounded (no collection here: a cheap reading between connections, the exact ones stay around them)
    if (currentRss !== undefined && currentRss() - before.rssBytes > budgetBytes) break
  }
  const after = read()
  if (open === undefined) for (const connection of held) connection.close?.()
  return {
    rssBytes: Math.max(0, (after.rssBytes - before.rssBytes) / opened),
    retainedBytes: Math.max(0, (after.retainedBytes - before.retainedBytes) / opened),
    ...(opened < connections ? { connections: opened } : {}),
  }
}

/** Messages laid end to end (cycling when they are fewer than `sizeBytes`), cut at `sizeBytes`. */
function takeBytes(messages: readonly Uint8Array[], sizeBytes: number): Uint8Array {
  const parts: Uint8Array[] = []
  let total = 0
  if (!messages.some((m) => m.length > 0)) return new Uint8Array(0)
  for (let i = 0; total < sizeBytes; i++) {
    const part = (messages[i % messages.length] as Uint8Array).subarray(0, sizeBytes - total)
    parts.push(part)
    total += part.length
  }
  return concatBytes(parts)
}
