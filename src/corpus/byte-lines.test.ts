import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitByteLines, type ByteLine } from './byte-lines.ts'

async function* chunksOf(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut)
    start = cut
  }
  yield bytes.subarray(start)
}

async function lines(bytes: Uint8Array, maxLineBytes = 1 << 20, cuts: readonly number[] = []): Promise<ByteLine[]> {
  const out: ByteLine[] = []
  for await (const line of splitByteLines(chunksOf(bytes, cuts), maxLineBytes)) out.push(line)
  return out
}

const text = (line: ByteLine | undefined): string =>
  line?.state === 'line' ? Buffer.from(line.bytes).toString('latin1') : `<${line?.state}>`
const bytesOf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'))

/** Reference split: on \n, drop one trailing \r per line, no line after a final \n, BOM off line 1. */
function referenceLines(bytes: Uint8Array): string[] {
  let s = Buffer.from(bytes).toString('latin1')
  if (s.startsWith('\xef\xbb\xbf')) s = s.slice(3)
  const parts = s.split('\n')
  if (parts[parts.length - 1] === '') parts.pop()
  return parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p))
}

describe('splitByteLines', () => {
  it('strips CR of CRLF, keeps a final line without newline, numbers lines from 1', async () => {
    const out = await lines(bytesOf('a\r\nb\n\r\nlast'))
    expect(out.map(text)).toEqual(['a', 'b', '', 'last'])
    expect(out.map((l) => l.lineNumber)).toEqual([1, 2, 3, 4])
  })

  it('keeps a CR that is not at the end of a line, and emits nothing after a final newline', async () => {
    expect((await lines(bytesOf('a\rb\n'))).map(text)).toEqual(['a\rb'])
  })

  it('removes a UTF-8 BOM at the start of line 1 only, even when split across chunks', async () => {
    const out = await lines(bytesOf('\xef\xbb\xbfx\n\xef\xbb\xbfy'), 100, [1, 2])
    expect(out.map(text)).toEqual(['x', '\xef\xbb\xbfy'])
  })

  it('keeps invalid UTF-8 bytes exactly', async () => {
    const out = await lines(new Uint8Array([0xff, 0xc3, 0x28, 0x0a, 0x80]))
    expect(out[0]).toEqual({ state: 'line', lineNumber: 1, bytes: new Uint8Array([0xff, 0xc3, 0x28]) })
    expect(out[1]).toEqual({ state: 'line', lineNumber: 2, bytes: new Uint8Array([0x80]) })
  })

  it('reports a line over the limit as oversized with its full size (without the CR), and goes on', async () => {
    const out = await lines(bytesOf('abcdefgh\r\nok\n'), 4, [3, 6])
    expect(out[0]).toEqual({ state: 'oversized', lineNumber: 1, sizeBytes: 8 })
    expect(text(out[1])).toBe('ok')
  })

  it('a line exactly at the limit is kept even with its CR', async () => {
    expect((await lines(bytesOf('abcd\r\n'), 4)).map(text)).toEqual(['abcd'])
  })

  it('matches a reference split for any bytes and any chunking', async () => {
    const input = fc.uint8Array({ maxLength: 200 }).chain((raw) => {
      // bias towards line structure: map some bytes to \n and \r
      const bytes = raw.map((b) => (b % 7 === 0 ? 0x0a : b % 11 === 0 ? 0x0d : b))
      return fc.tuple(fc.constant(bytes), fc.array(fc.nat({ max: bytes.length }), { maxLength: 6 }))
    })
    await fc.assert(
      fc.asyncProperty(input, async ([bytes, cuts]) => {
        const out = await lines(bytes, 1 << 20, cuts)
        expect(out.map(text)).toEqual(referenceLines(bytes))
      }),
      { seed: 42, numRuns: 300 },
    )
  })

  it('views: the lines of a reference split, oversized past the limit (any bytes, any chunking, any limit)', async () => {
    const input = fc.uint8Array({ maxLength: 200 }).chain((raw) => {
      const bytes = raw.map((b) => (b % 7 === 0 ? 0x0a : b % 11 === 0 ? 0x0d : b))
      return fc.tuple(fc.constant(bytes), fc.array(fc.nat({ max: bytes.length }), { maxLength: 6 }), fc.nat(40))
    })
    await fc.assert(
      fc.asyncProperty(input, async ([bytes, cuts, limit]) => {
        const expected = referenceLines(bytes).map((line) => (line.length > limit ? '<oversized>' : line))
        const viewed: string[] = []
        for await (const line of splitByteLines(chunksOf(bytes, cuts), limit, undefined, true)) viewed.push(text(line))
        expect(viewed).toEqual(expected)
      }),
      { seed: 7, numRuns: 300 },
    )
  })
})
