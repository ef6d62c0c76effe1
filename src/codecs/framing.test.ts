import { describe, expect, it } from 'vitest'
import { isTagByte, methodTag, parseFrame, writeMethodFrame } from './framing.ts'

describe('methodTag', () => {
  it('is the first byte writeMethodFrame writes, a tag byte parseFrame reads back as the method', () => {
    const payload = Uint8Array.of(1, 2, 3)
    const methods = ['brotli', 'zstd', 'zstd_dict', 'deflate', 'aura', 'uncompressed'] as const
    for (const method of methods) {
      const frame = writeMethodFrame(method, payload)
      expect(frame[0]).toBe(methodTag(method))
      expect(isTagByte(methodTag(method))).toBe(true)
      expect(parseFrame(frame, 'text-passthrough')).toEqual({ method, payload })
    }
    expect(new Set(methods.map(methodTag)).size).toBe(methods.length)
  })
})
