/**
 * Does a config's fallback codec take more than a millisecond per message? Measured, not guessed:
 * the codec the config builds encodes a typical 120-byte log line a few times on this machine. The
 * usual culprits are `fallback: zstd` (@mongodb-js/zstd builds a context on every call: ~0.5 ms at
 * level 3, ~230 ms at level 19 for a 150-byte line) and brotli-wasm at quality 10-11 (2-8 ms).
 * `validate` and `run` print the warning; nothing is refused.
 */
import { toBytes, type CompressorConfig } from '../core/index.ts'
import { createCodecSync } from '../codecs/index.ts'
import { codecSpecFor } from './codec-set.ts'

/** Per-message encode time above which a config is warned about. */
export const SLOW_MESSAGE_MS = 1

const SAMPLE = toBytes(
  '2025-11-27 10:31:07,412 INFO  [main] o.a.s.RequestService: Request 8f3a91 completed in 45ms for user 1042 from 10.0.4.17',
)
const TIMED_CALLS = 3

/** The cheaper choice to name for a slow fallback. */
function cheaperChoice(config: CompressorConfig): string {
  switch (config.fallback) {
    case 'zstd':
      return config.zstdLibrary === 'zstd-napi'
        ? 'a lower zstd_level, or fallback: zstd_dict (a dictionary from your traffic; zstd_level and zstd_library then go, zstd_dict_level sets its level)'
        : 'zstd_library: zstd-napi (same format, one reused context: a few µs per message), or fallback: zstd_dict (zstd-napi with a dictionary from your traffic; zstd_level and zstd_library then go, zstd_dict_level sets its level), or a lower zstd_level'
    case 'brotli':
      return config.brotliLibrary === 'node:zlib'
        ? 'a lower brotli_quality (9 is ~10x faster than 11)'
        : 'brotli_library: node:zlib (same format), or a lower brotli_quality'
    case 'zstd_dict':
      return 'a lower zstd_dict_level (3 takes a few µs)'
    case 'deflate':
      return 'a lower deflate_level'
  }
}

/** The fastest of a few timed encodes per fallback setting, measured once per process: configs that share a fallback share its time. */
const fastestByFallback = new Map<string, Promise<number>>()

/** How many distinct fallback settings were timed in this process (for tests). */
export function timedFallbackCount(): number {
  return fastestByFallback.size
}

async function timeFallback(config: CompressorConfig): Promise<number> {
  // a zstd_dict codec needs some dictionary: the sample itself (speed, not ratio, is measured)
  const codec = createCodecSync(codecSpecFor(config.fallback, config, SAMPLE))
  await codec.encode(SAMPLE)
  const times: number[] = []
  for (let i = 0; i < TIMED_CALLS; i++) {
    const t0 = performance.now()
    await codec.encode(SAMPLE)
    times.push(performance.now() - t0)
  }
  // the fastest call: other processes on a shared machine only ever add time
  return Math.min(...times)
}

/** A warning when the config's fallback takes more than SLOW_MESSAGE_MS per message here, else undefined (its " took N ms per " is what a merge of shards leaves out to say it once: core/in-sample.ts mergedWarningKey). */
export async function slowFallbackWarning(config: CompressorConfig): Promise<string | undefined> {
  const key = JSON.stringify(codecSpecFor(config.fallback, config, SAMPLE), (_, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  )
  let timing = fastestByFallback.get(key)
  if (timing === undefined) {
    timing = timeFallback(config)
    fastestByFallback.set(key, timing)
  }
  const fastestMs = await timing
  if (fastestMs <= SLOW_MESSAGE_MS) return undefined
  const level =
    config.fallback === 'zstd'
      ? ` level ${config.zstdLevel} (${config.zstdLibrary ?? '@mongodb-js/zstd'})`
      : config.fallback === 'brotli'
        ? ` quality ${config.brotliQuality} (${config.brotliLibrary})`
        : ''
  return `config ${config.name}: fallback ${config.fallback}${level} took ${fastestMs.toFixed(1)} ms per ${SAMPLE.length}-byte sample line here (the fastest of ${TIMED_CALLS} encodes of a built-in log line, timed before the run: not this run's messages; more than ${SLOW_MESSAGE_MS} ms); cheaper: ${cheaperChoice(config)}`
}
