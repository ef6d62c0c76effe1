import { describe, expect, it } from 'vitest'
import { commitOutputSlab, outputSlabBytes, reserveOutputSlab } from './output-slab.ts'

/** Writes `size` bytes of `fill` at a reserved place and hands them out, as ByteSink does. */
function output(size: number, fill: number): Uint8Array {
  const at = reserveOutputSlab(256 + size)
  outputSlabBytes().fill(fill, at, at + size)
  return commitOutputSlab(size)
}

describe('output slabs', () => {
  it('hand out views of the size asked that never share a byte, across slabs', () => {
    const outs: Uint8Array[] = []
    for (let i = 0; i < 3000; i++) outs.push(output(1 + ((i * 37) % 300), i % 251))
    outs.forEach((out, i) => {
      expect(out.length).toBe(1 + ((i * 37) % 300))
      expect(out.every((b) => b === i % 251)).toBe(true)
    })
    expect(new Set(outs.map((out) => out.buffer)).size).toBeGreaterThan(10)
  })

  it('start the next output where an output that was not handed out started', () => {
    const at = reserveOutputSlab(300)
    outputSlabBytes().fill(7, at, at + 100)
    expect(reserveOutputSlab(300)).toBe(at)
    expect(commitOutputSlab(3).byteOffset).toBe(at)
  })

  it('refuse an output larger than a slab', () => {
    expect(reserveOutputSlab(16 * 1024 + 1)).toBe(-1)
  })
})
