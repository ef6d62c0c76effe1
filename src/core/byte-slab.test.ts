import { describe, expect, it } from 'vitest'
import { allocBytes } from './byte-slab.ts'

describe('allocBytes', () => {
  it('hands out zero-filled buffers of the size asked that never share a byte, across slabs, and large ones of their own', () => {
    const outs: Uint8Array[] = []
    for (let i = 0; i < 2000; i++) {
      const out = allocBytes(1 + ((i * 37) % 300))
      expect(out.every((b) => b === 0)).toBe(true)
      out.fill(i % 251)
      outs.push(out)
    }
    outs.forEach((out, i) => {
      expect(out.length).toBe(1 + ((i * 37) % 300))
      expect(out.every((b) => b === i % 251)).toBe(true)
    })
    const large = allocBytes(5000)
    expect(large.byteOffset).toBe(0)
    expect(large.buffer.byteLength).toBe(5000)
  })
})
