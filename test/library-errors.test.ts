/** Errors a library user meets through the package entry (src/index.ts) carry the codes docs/contracts.md lists. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FrameError, loadCompressor } from '../src/index.ts'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aura-lib-errors-'))
  const lines = Array.from({ length: 100 }, (_, i) =>
    JSON.stringify({ level: 'info', msg: `request ${i} done`, ms: i }),
  )
  await writeFile(path.join(dir, 'train.log'), `${lines.join('\n')}\n`)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('frame errors through loadCompressor', () => {
  // trial round 29: `Restored data doesn't match checksum` came back as E_FRAME_CORRUPT
  it('a zstd_dict frame whose checksum does not match is E_FRAME_CHECKSUM', async () => {
    const config = path.join(dir, 'svc2.yaml')
    await writeFile(
      config,
      'name: svc2\nfallback: zstd_dict\nzstd_dict_training_corpus: train.log\nzstd_checksum: true\n',
    )
    const compressor = await loadCompressor(config)
    const message = JSON.stringify({ level: 'warn', msg: 'request 7 slow', ms: 1234 }).repeat(3)
    const { bytes, method } = await compressor.compress(message)
    expect(method).toBe('zstd_dict')
    expect(new TextDecoder().decode(await compressor.decompress(bytes))).toBe(message)
    const flipped = Uint8Array.from(bytes)
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 0xff
    const error: unknown = await compressor.decompress(flipped).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FrameError)
    expect(error).toMatchObject({ code: 'E_FRAME_CHECKSUM' })
  })
})
