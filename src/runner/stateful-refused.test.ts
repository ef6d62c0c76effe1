import { describe, expect, it } from 'vitest'
import { parseCompressorConfig } from '../suite/index.ts'
import { createCompressorFromConfig } from './load-compressor.ts'

describe('a mode: stateful config', () => {
  it('is never built as a per-message hybrid: E_SCHEMA at `mode`', async () => {
    const config = parseCompressorConfig('name: s\nmode: stateful\n', '/x/s.yaml')
    await expect(createCompressorFromConfig(config)).rejects.toMatchObject({
      code: 'E_SCHEMA',
      location: { file: '/x/s.yaml', field: 'mode' },
    })
  })
})
