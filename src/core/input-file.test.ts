import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { InputFingerprints, readInputChunks } from './input-file.ts'

const dir = mkdtempSync(join(tmpdir(), 'input-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readInputChunks', () => {
  const file = join(dir, 'data.bin')
  const bytes = Buffer.from(Array.from({ length: 3500 }, (_v, i) => (i * 7) % 251))
  writeFileSync(file, bytes)
  const spec = { path: file, kind: 'corpus file', maxBytes: Number.POSITIVE_INFINITY, chunkBytes: 1024 }

  it('reads chunks of chunkBytes; with reuse, every chunk in one buffer, the bytes the same and the fingerprint checked', async () => {
    const fingerprints = new InputFingerprints()
    for (const reuse of [false, true, true]) {
      const copies: Buffer[] = []
      const buffers = new Set<ArrayBufferLike>()
      for await (const chunk of readInputChunks({ ...spec, fingerprints }, reuse)) {
        copies.push(Buffer.from(chunk))
        buffers.add(chunk.buffer)
      }
      expect(copies.map((c) => c.length)).toEqual([1024, 1024, 1024, 428])
      expect(Buffer.concat(copies).equals(bytes)).toBe(true)
      if (reuse) expect(buffers.size).toBe(1)
    }
    expect(fingerprints.paths).toEqual([file])
  })
})
