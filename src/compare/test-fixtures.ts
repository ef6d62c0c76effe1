/** Fixed comparison fixtures for tests of the recommendation, summary, charts and report (no timing). */
import type { Compressor } from '../core/index.ts'
import type { Comparison, CorpusComparison, CorpusInfo, EntryFamily, EntryResult, EntrySpec } from './types.ts'

/** An entry with a ratio and an encode p95; everything else plausible and overridable. */
export function createFixtureEntry(
  label: string,
  ratio: number,
  encodeP95Us: number,
  overrides: Partial<EntrySpec> & { mismatches?: number; state?: EntryResult['state']; sharedStateBytes?: number } = {},
): EntryResult {
  const [codec = 'zstd_napi', levelText = 'L3'] = label.split(' ')
  const family: EntryFamily = codec.startsWith('brotli')
    ? 'brotli'
    : codec === 'zstd_napi' || codec === 'zstd'
      ? 'zstd'
      : (codec as EntryFamily)
  const { mismatches = 0, state = 'complete', sharedStateBytes = 0, ...specOverrides } = overrides
  const spec: EntrySpec = {
    id: label.replace(' ', ':'),
    label,
    family,
    codec: codec as EntrySpec['codec'],
    level: Number(levelText.replace(/^[qL]/, '')) || 0,
    kind: family === 'permessage_deflate' || family === 'zstd_stream' ? 'stateful' : 'per-message',
    ...specOverrides,
  }
  const originalBytes = 100_000
  const percentiles = {
    p50: encodeP95Us / 2,
    p95: encodeP95Us,
    p99: encodeP95Us * 1.5,
    mean: encodeP95Us / 1.8,
    samples: 300,
  }
  return {
    spec,
    library: codec === 'brotli' ? 'brotli-wasm' : codec.startsWith('zstd') ? 'zstd-napi' : 'node:zlib',
    state,
    sizes: {
      messages: 1000,
      heldOutMessages: 1000,
      coverage: 'all',
      originalBytes,
      compressedBytes: Math.round(originalBytes / ratio),
      ratio,
      meanRatio: ratio,
      savings: 1 - 1 / ratio,
      expansionRate: 0,
    },
    roundTrip: { checked: 1000, mismatches },
    latencyUs: {
      encode: percentiles,
      decode: { ...percentiles, p95: encodeP95Us / 4 },
      method: spec.kind === 'stateful' ? 'in-order' : 'tinybench-cycle',
    },
    throughputMBps: { encode: 100 / encodeP95Us, decode: 400 / encodeP95Us },
    sharedStateBytes,
    pareto: false,
  }
}

/** Corpus info of a fixture corpus. */
export function createFixtureCorpus(name: string, overrides: Partial<CorpusInfo> = {}): CorpusInfo {
  return {
    name,
    path: `../corpora/${name}.jsonl`,
    trainMessages: 1000,
    heldOutMessages: 1000,
    heldOutBytes: 100_000,
    connections: 12,
    hasRecordings: true,
    latencySampleMessages: 256,
    split: { trainFraction: 0.5, mode: 'ordered', seed: 0 },
    ...overrides,
  }
}

/**
 * The fixture corpus: Brotli smaller but slower, Zstandard faster, a dictionary smaller still.
 * Budgets 50 and 500 µs: within 50 µs zstd_dict 64K L3 (1.80x, 20 µs) beats brotli_native q5
 * (1.40x, 45 µs); within 500 µs zstd_dict 64K L19 (1.90x, 60 µs) beats brotli_native q11 (1.60x, 400 µs).
 */
export function createFixtureCorpusComparison(): CorpusComparison {
  return {
    corpus: createFixtureCorpus('fixture'),
    entries: [
      createFixtureEntry('brotli q11', 1.6, 3000),
      createFixtureEntry('brotli_native q5', 1.4, 45),
      createFixtureEntry('brotli_native q11', 1.6, 400),
      createFixtureEntry('zstd_napi L3', 1.3, 5),
      createFixtureEntry('zstd_napi L19', 1.62, 1200),
      createFixtureEntry('zstd L3', 1.3, 60),
      createFixtureEntry('zstd_dict 64K L3', 1.8, 20, {
        family: 'zstd_dict',
        codec: 'zstd_dict',
        level: 3,
        dictionarySizeBytes: 65536,
      }),
      createFixtureEntry('zstd_dict 64K L19', 1.9, 60, {
        family: 'zstd_dict',
        codec: 'zstd_dict',
        level: 19,
        dictionarySizeBytes: 65536,
      }),
      // smaller than everything, but a round trip failed: never picked
      createFixtureEntry('deflate L9', 3, 10, { mismatches: 1 }),
      createFixtureEntry('permessage_deflate L6', 5, 70, {
        family: 'permessage_deflate',
        codec: 'permessage_deflate',
        kind: 'stateful',
        contextTakeover: true,
      }),
    ],
  }
}

/** A whole comparison around the fixture corpus. */
export function createFixtureComparison(): Comparison {
  return {
    schemaVersion: 1,
    kind: 'compare',
    suite: 'fixture-suite',
    startedAt: '2025-10-31T09:00:00.000Z',
    durationSeconds: 12.5,
    quick: false,
    loadAverage: { start: 1.5, end: 1.7 },
    environment: {
      node: 'v20.0.0',
      platform: 'linux',
      arch: 'x64',
      cpu: 'Test CPU',
      cpus: 2,
      libraries: { 'zstd-napi': '0.0.13' },
    },
    settings: {
      budgetsUs: [50, 500],
      current: { codec: 'brotli', level: 11 },
      latency: { messages: 256, samples: 300, warmup: 30, timeMs: 250 },
      sizeBudgetMs: 700,
      minSizeMessages: 20,
      memoryConnections: 100,
      seed: 1,
    },
    corpora: [createFixtureCorpusComparison()],
    connectionMemory: [
      {
        id: 'permessage_deflate:L6',
        label: 'permessage_deflate L6',
        formulaBytes: { encoder: 262144, decoder: 39936 },
        measuredRssBytes: 340000,
        connections: 100,
      },
    ],
    warnings: [],
  }
}

/** The spec of a stateful config entry `hybrid <config> (stateful)`, as compare's plan names it. */
export function statefulFixtureSpec(config: string): EntrySpec {
  return {
    id: `hybrid:${config}`,
    label: `hybrid ${config} (stateful)`,
    family: 'hybrid',
    codec: 'hybrid',
    kind: 'stateful',
    config,
  }
}

/** A stateful hybrid entry `hybrid st (stateful)` of config `st` at `ratio` (the gate's and history's tests). */
export function createStatefulFixtureEntry(ratio: number, encodeP95Us = 40): EntryResult {
  return createFixtureEntry('hybrid st', ratio, encodeP95Us, statefulFixtureSpec('st'))
}

/** Suite `gw`, one corpus `gw` holding zstd_napi L3 and, unless left out, the stateful entry at `ratio`. */
export function createStatefulFixtureComparison(ratio: number, encodeP95Us = 40, stateful = true): Comparison {
  const entries = [createFixtureEntry('zstd_napi L3', 1.3, 5)]
  if (stateful) entries.push(createStatefulFixtureEntry(ratio, encodeP95Us))
  return { ...createFixtureComparison(), suite: 'gw', corpora: [{ corpus: createFixtureCorpus('gw'), entries }] }
}

/**
 * A per-message compressor that sends every message as it is (`uncompressed`) and decodes by echo;
 * `onCompress` runs first on each call with the message's bytes (a counter, a pause), as a test needs.
 */
export function createEchoCompressor(name: string, onCompress: (bytes: Uint8Array) => void = () => {}): Compressor {
  return {
    name,
    sharedStateBytes: 0,
    libraries: {},
    async compress(message) {
      const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message
      onCompress(bytes)
      return {
        bytes,
        method: 'uncompressed',
        metadata: { ratio: 1, method: 'uncompressed', originalBytes: bytes.length, compressedBytes: bytes.length },
      }
    },
    decompress: async (frame) => frame,
  }
}

/**
 * JSON chat-like messages, varied enough that the codecs' windows and tables fill (the memory probes' tests: compare's
 * with a `text` member, replay's without, whose thresholds rest on that data). Deterministic for a seed.
 */
export function chatMessages(count: number, seed: number, options: { text: boolean }): Uint8Array[] {
  const out: Uint8Array[] = []
  let x = seed
  const next = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return x
  }
  const encoder = new TextEncoder()
  for (let i = 0; i < count; i++) {
    const message: Record<string, string | number> = {
      t: 'msg',
      ch: `c${next() % 30}`,
      u: `user${next() % 500}`,
      ts: 1765000000000 + i * 37,
    }
    if (options.text) message.text = `w${next().toString(36)} ${next().toString(36)} ok ${i}`
    out.push(encoder.encode(JSON.stringify(message)))
  }
  return out
}
