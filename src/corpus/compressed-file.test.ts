import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { compressedKindOf } from './compressed-file.ts'
import { loadCorpus, resolveCorpusFormat } from './load-corpus.ts'

const tree = createTempTree('aura-compressed-corpus-')
const LINES = 'ts=2026-12-01T00:00:01Z dev=gw-1 temp=21.5\r\nts=2026-12-01T00:00:02Z dev=gw-2 temp=21.7\r\n'

async function refusal(options: Parameters<typeof loadCorpus>[0]): Promise<Error & { code?: string; hint?: string }> {
  return loadCorpus(options).then(
    () => {
      throw new Error('the corpus was read')
    },
    (error: unknown) => error as Error & { code?: string; hint?: string },
  )
}

describe('a compressed corpus file (s35-trial D5)', () => {
  it('a gzip file is refused by its bytes whatever format: says, with a hint that decompresses it', async () => {
    const file = path.join(tree.root, 'devices.txt.gz')
    writeFileSync(file, gzipSync(Buffer.from(LINES)))
    for (const format of ['txt', 'loghub', 'jsonl'] as const) {
      const error = await refusal({ path: file, format })
      expect(error.code).toBe('E_CORPUS_FORMAT')
      expect(error.message).toContain('devices.txt.gz is gzip-compressed')
      expect(error.hint).toContain('gunzip -k devices.txt.gz')
      expect(error.hint).not.toMatch(/set format/)
    }
    // renamed to .txt, it is still gzip
    const renamed = path.join(tree.root, 'renamed.txt')
    writeFileSync(renamed, gzipSync(Buffer.from(LINES)))
    expect((await refusal({ path: renamed })).message).toContain('is gzip-compressed')
  })

  it('a .gz name without format: is not answered with "set format: txt"', () => {
    let caught: (Error & { code?: string; hint?: string }) | undefined
    try {
      resolveCorpusFormat({ path: 'data/devices.txt.gz' })
    } catch (error) {
      caught = error as Error & { code?: string; hint?: string }
    }
    expect(caught?.code).toBe('E_CORPUS_FORMAT')
    expect(caught?.message).toContain('is named as a gzip-compressed file')
    expect(caught?.hint).toContain('gunzip -k devices.txt.gz')
    expect(caught?.hint).not.toContain('set format: txt')
  })

  it('tells zstd, bzip2, xz and zip by their magic, and text that starts alike is text', async () => {
    expect(compressedKindOf(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0]))?.name).toBe('zstd')
    expect(compressedKindOf(Buffer.from('BZh91AY&SY'))?.name).toBe('bzip2')
    expect(compressedKindOf(Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))?.name).toBe('xz')
    expect(compressedKindOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))?.name).toBe('zip')
    expect(compressedKindOf(Buffer.from('BZh9 is a line of text'))).toBeUndefined()
    expect(compressedKindOf(Buffer.from('PK 1234'))).toBeUndefined()
    const text = path.join(tree.root, 'plain.txt')
    writeFileSync(text, `BZh9 is a line\n${LINES}`)
    expect((await loadCorpus({ path: text })).length).toBe(3)
  })
})
