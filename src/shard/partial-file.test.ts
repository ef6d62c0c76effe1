import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPartialFile } from './partial-file.ts'

describe('readPartialFile: errors name the partial as the user gave it', () => {
  it('a missing partial is E_FILE_MISSING with no raw system text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aura-partial-'))
    const error = await readPartialFile(path.join(dir, 'nope.json'), 'nope.json').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'E_FILE_MISSING', message: 'partial not found: nope.json' })
    expect(String((error as Error).message)).not.toMatch(/ENOENT|no such file/)
  })

  it('a folder given as the partial is refused as a folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aura-partial-'))
    await expect(readPartialFile(dir, 'shard-1')).rejects.toMatchObject({ code: 'E_FILE_IS_DIRECTORY' })
  })

  it('a partial that is not JSON is E_JSON_SYNTAX naming it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aura-partial-'))
    const file = path.join(dir, 'partial.json')
    writeFileSync(file, '{')
    await expect(readPartialFile(file, 'shard-1/partial.json')).rejects.toMatchObject({
      code: 'E_JSON_SYNTAX',
      message: expect.stringContaining('shard-1/partial.json'),
    })
  })
})
