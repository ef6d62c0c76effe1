import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { brotliWindowBits } from './brotli-header.ts'
import { createBrotliCodec } from './brotli.ts'

/** node:zlib's verdict on a stream's first byte: refused for its window bits, or not. */
function nodeRefusesWindow(first: number): boolean {
  try {
    brotliDecompressSync(Uint8Array.of(first, 0, 0, 0), { maxOutputLength: 64 })
    return false
  } catch (error) {
    return (error as { code?: string }).code === 'ERR__ERROR_FORMAT_WINDOW_BITS'
  }
}

describe('brotli stream header', () => {
  it('refuses exactly the first bytes node:zlib refuses for their window (the large-window signature)', () => {
    for (let first = 0; first < 256; first++) {
      let refused = false
      try {
        brotliWindowBits('brotli', Uint8Array.of(first))
      } catch (error) {
        expect((error as { code?: string }).code).toBe('E_FRAME_CORRUPT')
        refused = true
      }
      expect({ first, refused }).toEqual({ first, refused: nodeRefusesWindow(first) })
    }
  })

  it('reads the window node:zlib wrote, 10 to 24 bits', () => {
    const message = new TextEncoder().encode('window bits '.repeat(20))
    for (let windowBits = 10; windowBits <= 24; windowBits++) {
      const payload = brotliCompressSync(message, { params: { [constants.BROTLI_PARAM_LGWIN]: windowBits } })
      // the encoder may declare a smaller window than asked for a short input, never a larger one
      expect(brotliWindowBits('brotli', payload)).toBeLessThanOrEqual(windowBits)
      expect(createBrotliCodec().decode(payload)).toEqual(new Uint8Array(message))
    }
  })

  it('a 29-byte large-window stream (issue 19, config emergency) is refused before brotli-wasm allocates its window', () => {
    const payload = Buffer.from('111e952cfbe51fc642881ce4623b3d8a6e4eee3f9993b6cb7a7af3f134', 'hex')
    const rssBefore = process.memoryUsage().rss
    expect(() => createBrotliCodec().decode(payload)).toThrow(
      expect.objectContaining({ code: 'E_FRAME_CORRUPT', message: expect.stringContaining('large window') }),
    )
    // before the header check this grew the process by about 1 GB (a 2^30-byte window)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024)
  })
})
