import { describe, expect, it } from 'vitest'
import { parseCompressorConfig } from '../suite/index.ts'
import { slowFallbackWarning, timedFallbackCount } from './speed-check.ts'

describe('slow fallback warning', () => {
  it('names the cheaper choice for @mongodb-js/zstd at level 19 (a context per call: hundreds of ms), and stays quiet for zstd_dict at level 3', async () => {
    const slow = parseCompressorConfig('name: slow\nfallback: zstd\nzstd_level: 19', 'slow.yaml')
    const warning = await slowFallbackWarning(slow)
    expect(warning).toMatch(
      /^config slow: fallback zstd level 19 \(@mongodb-js\/zstd\) took [\d.]+ ms per 120-byte sample line here \(the fastest of 3 encodes of a built-in log line, timed before the run: not this run's messages; more than 1 ms\); cheaper: zstd_library: zstd-napi .*fallback: zstd_dict/,
    )
    const fast = parseCompressorConfig(
      'name: fast\nfallback: zstd_dict\nzstd_dict_path: d.bin\nzstd_dict_level: 3',
      'fast.yaml',
    )
    expect(await slowFallbackWarning(fast)).toBeUndefined()
    // the cheaper choice named: zstd-napi without a dictionary, the same format
    expect(
      await slowFallbackWarning(
        parseCompressorConfig('name: napi\nfallback: zstd\nzstd_library: zstd-napi\nzstd_level: 3', 'napi.yaml'),
      ),
    ).toBeUndefined()
  })

  it('times a fallback setting once per process: configs that share it share its figure', async () => {
    const a = parseCompressorConfig('name: a\nfallback: deflate\ndeflate_level: 9', 'a.yaml')
    const b = parseCompressorConfig('name: b\nfallback: deflate\ndeflate_level: 9\nmin_compression_size: 10', 'b.yaml')
    const c = parseCompressorConfig('name: c\nfallback: deflate\ndeflate_level: 1', 'c.yaml')
    const before = timedFallbackCount()
    await slowFallbackWarning(a)
    await slowFallbackWarning(b)
    expect(timedFallbackCount()).toBe(before + 1)
    await slowFallbackWarning(c)
    expect(timedFallbackCount()).toBe(before + 2)
  })
})
