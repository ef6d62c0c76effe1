import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadModuleCompressor } from './module-compressor.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'aura-module-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('an external module that throws at import', () => {
  it('throws something not an Error (`throw null`): E_EXTERNAL naming the module, not an internal error', async () => {
    const modulePath = path.join(dir, 'throws-null.mjs')
    writeFileSync(modulePath, 'throw null\n')
    await expect(loadModuleCompressor({ name: 'n', modulePath })).rejects.toMatchObject({
      code: 'E_EXTERNAL',
      message: expect.stringContaining(`cannot import ${modulePath}: it threw null`),
    })
  })
})
