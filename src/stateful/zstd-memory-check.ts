/**
 * s40-trial D2: a `mode: stateful` config with `codec: zstd` loads its dictionary into each connection's own
 * contexts (zstd-napi's binding has no call that shares a prepared dictionary between streaming contexts), and
 * libzstd sizes the sender's match-finder tables for the dictionary at the config's level. With a 1 MiB
 * dictionary and window_log 15 that is ~4 MiB a connection at level 3, ~21 at 9, ~41 at 12 and ~64 from 15 on,
 * and up to a second or more for a connection's first message (measured: docs/stateful.md). Measured here, not
 * guessed: one connection is opened with a dictionary of the config's size and the process's RSS growth is read.
 * `validate`, `run` and `compare` print the warning; nothing is refused.
 */
import { stat } from 'node:fs/promises'
import { memoryUsage } from 'node:process'
import { createZstdStreamDecoder, createZstdStreamEncoder } from '../codecs/index.ts'
import { collectGarbage, formatBytes, toBytes, type CompressorConfig } from '../core/index.ts'
import { statefulOptionsFromConfig, zstdOptions } from './stateful-options.ts'

/** Memory per connection above which a stateful zstd config is warned about (pmd L6 holds ~0.3 MiB). */
export const STATEFUL_ZSTD_WARN_BYTES = 8 * 1024 * 1024

const SAMPLE = toBytes('{"t":"MESSAGE_CREATE","s":1042,"op":0,"d":{"id":"1299","content":"hello","channel_id":"77"}}')

/** Deterministic bytes of a given size that look like text (the tables' size depends on the size, not the content). */
function syntheticDictionary(size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let x = 0x9e3779b9
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = 32 + ((x >>> 0) % 95)
  }
  return bytes
}

/** The dictionary size the config's connections load: its zstd_dict_path's file, or zstd_dict_size_bytes. */
async function dictionaryBytes(config: CompressorConfig): Promise<number> {
  if (config.zstdDictPath !== null) return (await stat(config.zstdDictPath).catch(() => undefined))?.size ?? 0
  return config.zstdDictSizeBytes
}

/** One connection's RSS growth (both ends) and the time of its first message, in this process. */
export function measureStatefulZstdConnection(
  config: CompressorConfig,
  dictionarySize: number,
): { rssBytes: number; firstMessageMs: number } {
  const options = zstdOptions(statefulOptionsFromConfig(config, syntheticDictionary(dictionarySize)))
  const before = memoryUsage.rss()
  const started = performance.now()
  const encode = createZstdStreamEncoder(options)
  const decode = createZstdStreamDecoder(options)
  decode(encode(SAMPLE))
  const firstMessageMs = performance.now() - started
  const rssBytes = Math.max(0, memoryUsage.rss() - before)
  return { rssBytes, firstMessageMs }
}

/** A warning when one connection of a stateful zstd config holds more than STATEFUL_ZSTD_WARN_BYTES here, else undefined. */
export async function statefulZstdMemoryWarning(config: CompressorConfig): Promise<string | undefined> {
  if (config.mode !== 'stateful' || config.stateful?.codec !== 'zstd') return undefined
  const size = await dictionaryBytes(config)
  if (size === 0) return undefined
  const { rssBytes, firstMessageMs } = measureStatefulZstdConnection(config, size)
  // the measured connection's contexts (~65 MiB at level 19) are native memory freed when V8 collects their
  // wrappers: collected now, not whenever the run's garbage next triggers a full collection (s40-rev1 F5)
  collectGarbage()
  if (rssBytes <= STATEFUL_ZSTD_WARN_BYTES) return undefined
  const thousand = (rssBytes * 1000) / 1024 ** 3
  return `config ${config.name}: a stateful zstd connection at level ${config.stateful.level} with a ${formatBytes(size)} dictionary held ${formatBytes(rssBytes)} of RSS here and took ${firstMessageMs.toFixed(0)} ms for its first message (one connection opened before the run: each connection loads the dictionary into contexts of its own, whose match-finder tables libzstd sizes for the dictionary at this level); 1,000 open connections would hold ${thousand.toFixed(1)} GiB. Cheaper: stateful.hash_log: 17 (bounds the tables), or a lower level (3 holds a few MiB), or a smaller dictionary`
}
