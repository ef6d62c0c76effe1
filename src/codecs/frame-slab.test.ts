import { describe, expect, it } from 'vitest'
import { createRawContentDictionary } from './raw-content-dictionary.ts'
import { writeMethodFrame } from './framing.ts'
import { allocFrameBytes, copyFrameOut } from './frame-slab.ts'
import { createZstdDictCodec, writesFrames } from './zstd-dict.ts'

describe('frames carved from slabs', () => {
  it('copy a part of a buffer into a view of its own (the allocator itself: src/core/byte-slab.test.ts)', () => {
    const from = Uint8Array.from({ length: 40 }, (_, i) => i)
    expect([...copyFrameOut(from, 3, 10)]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(allocFrameBytes(5000).buffer.byteLength).toBe(5000)
  })

  it("hold the hybrid's uncompressed and zstd_dict frames and zstd_dict's payloads: views on a shared slab, each intact after many more", () => {
    const message = new TextEncoder().encode('x'.repeat(90))
    const frames = Array.from({ length: 400 }, (_, i) =>
      writeMethodFrame(
        'uncompressed',
        message.map((b) => b + (i % 7)),
      ),
    )
    // a 91-byte frame of its own would be a backing store of its own (the cost this avoids)
    expect(frames[0]?.buffer.byteLength).toBeGreaterThan(1024)
    frames.forEach((frame, i) => {
      expect(frame.length).toBe(91)
      expect(frame.subarray(1).every((b) => b === 120 + (i % 7))).toBe(true)
    })
    const codec = createZstdDictCodec({ level: 3, dictionary: createRawContentDictionary([message], 1024) })
    if (!writesFrames(codec)) throw new Error('zstd_dict writes its frames')
    const lines = Array.from({ length: 300 }, (_, i) => new TextEncoder().encode(`line ${i} ${'abc'.repeat(i % 40)}`))
    const taken = lines.map((line) => codec.takeFrame(codec.writeFrame(line, 7)))
    taken.forEach((frame, i) => {
      expect(frame.buffer.byteLength).toBeGreaterThan(frame.length)
      expect((codec.encode(lines[i] as Uint8Array) as Uint8Array).buffer.byteLength).toBeGreaterThan(frame.length)
      expect(Buffer.from(frame).equals(Buffer.from(codec.encodeFrame(lines[i] as Uint8Array, 7)))).toBe(true)
    })
  })
})
