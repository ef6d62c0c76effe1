/**
 * The frame decoder's direct route for template frames (two-byte header, no check byte, a peer whose store
 * is not refused) gives what the general route gives: decodeBinarySemantic of the body after the header,
 * refused above max_message_bytes; and frames the route does not take (a refused store, a check byte, a
 * one-byte frame) keep their own answers.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FrameError, toBytes } from '../core/index.ts'
import { createMatcher, decodeBinarySemantic, parseTemplateStore, type TemplateStore } from '../templates/index.ts'
import { createHybridCompressor, type HybridCompressor } from './index.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'frame-decoder',
    templates: [
      { id: 1, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'string' }, { type: 'integer' }] },
      { id: 300, pattern: '[{0}] user {1} logged in', slots: [{ type: 'enum', values: ['web'] }, { type: 'auto' }] },
    ],
  },
  'frame-decoder.json',
)

async function compressorWith(config: Partial<typeof DEFAULT_TEST_CONFIG>, store = STORE): Promise<HybridCompressor> {
  return createHybridCompressor(
    { ...DEFAULT_TEST_CONFIG, fallback: 'deflate', ...config },
    { store, matcher: createMatcher(store), dictionary: null },
  )
}

type Outcome = { bytes: number[] } | { code: string; message: string }

function outcome(decode: () => Uint8Array): Outcome {
  try {
    return { bytes: Array.from(decode()) }
  } catch (error) {
    if (!(error instanceof FrameError)) throw error
    return { code: error.code, message: error.message }
  }
}

/** What decodeParsed answers for a template frame of this store with no check byte: the body after the header, bounded. */
function expected(frame: Uint8Array, maxMessageBytes: number): Outcome {
  return outcome(() => {
    const message = decodeBinarySemantic(
      STORE,
      (((frame[0] as number) & 0x3f) << 8) | (frame[1] as number),
      frame.subarray(2),
    )
    if (message.length > maxMessageBytes)
      throw new FrameError(
        'E_FRAME_TOO_LARGE',
        `binary_semantic frame decodes to ${message.length} bytes, more than ${maxMessageBytes}`,
      )
    return message
  })
}

const LINES = fc.oneof(
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.nat()).map(([s, n]) => `Request ${s} completed in ${n}ms`),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `[web] user ${s} logged in`),
)

describe('template frames straight to the store', () => {
  it('give the bytes or the error of the general route, sync and async, whole and damaged', async () => {
    // frames of messages of any size, read by a compressor that takes at most 40 bytes
    const [writer, compressor] = [await compressorWith({}), await compressorWith({ maxMessageBytes: 40 })]
    const frames: Uint8Array[] = []
    fc.assert(
      fc.property(LINES, fc.nat(), fc.integer({ min: 0, max: 255 }), (line, at, byte) => {
        const frame = writer.compressSync(toBytes(line)).bytes
        if (((frame[0] as number) & 0xc0) !== 0x80) return
        const damaged = frame.slice()
        damaged[2 + (at % Math.max(1, frame.length - 2))] = byte
        frames.push(frame, damaged, frame.subarray(0, 2 + (at % (frame.length - 1))))
      }),
      { seed: 3, numRuns: 400 },
    )
    // an id the store lacks (both header bytes)
    frames.push(Uint8Array.of(0x80, 2, 1, 0x61), Uint8Array.of(0x81, 0x2c, 0x41, 0x61, 0x62))
    expect(frames.length).toBeGreaterThan(600)
    for (const frame of frames) {
      const want = expected(frame, 40)
      expect(outcome(() => compressor.decompressSync(frame))).toEqual(want)
      const viaAsync = await compressor.decompress(frame).then(
        (bytes) => ({ bytes: Array.from(bytes) }),
        (error: FrameError) => ({ code: error.code, message: error.message }),
      )
      expect(viaAsync).toEqual(want)
    }
  })

  it('leave refused stores, check bytes and one-byte frames to the general route', async () => {
    const own = await compressorWith({})
    const frame = own.compressSync(toBytes('[web] user ann logged in')).bytes
    expect(frame[0]).toBe(0x81)
    const otherStore = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'other',
        templates: [{ id: 1, pattern: 'other {0}', slots: [{ type: 'string' }] }],
      },
      'other.json',
    )
    const refused = own.acceptHandshake((await compressorWith({}, otherStore)).handshake())
    expect(outcome(() => refused.decompressSync(frame))).toMatchObject({ code: 'E_FRAME_STORE_MISMATCH' })
    const checked = await compressorWith({ storeCheck: 'frame' })
    const checkedFrame = checked.compressSync(toBytes('[web] user ann logged in')).bytes
    expect(toBytes('[web] user ann logged in')).toEqual(checked.decompressSync(checkedFrame))
    expect(outcome(() => checked.decompressSync(frame))).toMatchObject({ code: 'E_FRAME_STORE_MISMATCH' })
    expect(outcome(() => own.decompressSync(frame.subarray(0, 1)))).toMatchObject({ code: 'E_FRAME_TRUNCATED' })
  })
})
