import { describe, expect, it } from 'vitest'
import { parseCompressorConfig } from '../suite/config.ts'
import { STATEFUL_ZSTD_WARN_BYTES, statefulZstdMemoryWarning } from './zstd-memory-check.ts'

const config = (yaml: string) => parseCompressorConfig(`name: gw\nmode: stateful\n${yaml}`, '/x/gw.yaml')

// s40-trial D2: a valid stateful zstd config (level 19, the default 1 MiB dictionary) held ~65 MiB per connection and
// compare's memory probe took 100 of them to 6.9 GB without a word; the measured warning names the cost and the way out
describe('the memory warning of a stateful zstd config', () => {
  it('warns at level 19 with a 1 MiB dictionary, naming the measured MiB, the first message and hash_log', async () => {
    const warning = await statefulZstdMemoryWarning(
      config('zstd_dict_size_bytes: 1048576\nstateful: { codec: zstd, level: 19, window_log: 15 }\n'),
    )
    expect(warning).toMatch(
      /^config gw: a stateful zstd connection at level 19 with a 1.00 MiB dictionary held [\d.]+ MiB of RSS here and took \d+ ms for its first message/,
    )
    const mib = Number(/held ([\d.]+) MiB/.exec(warning ?? '')?.[1])
    expect(mib * 1048576).toBeGreaterThan(STATEFUL_ZSTD_WARN_BYTES)
    expect(warning).toContain('Cheaper: stateful.hash_log: 17')
  })

  it('says nothing where a connection is small: level 3 with 64 KiB, hash_log 17, cm and per-message', async () => {
    for (const yaml of [
      'zstd_dict_size_bytes: 65536\nstateful: { codec: zstd, level: 3, window_log: 15 }\n',
      'zstd_dict_size_bytes: 1048576\nstateful: { codec: zstd, level: 19, window_log: 15, hash_log: 17 }\n',
      'stateful: { codec: cm }\n',
    ])
      expect(await statefulZstdMemoryWarning(config(yaml)), yaml).toBeUndefined()
    expect(await statefulZstdMemoryWarning(parseCompressorConfig('name: pm\n', '/x/pm.yaml'))).toBeUndefined()
  })
})
