/**
 * Decoding what is not a valid frame, for every shipped config: truncated, bit-flipped, random and
 * hand-made frames either give bytes back (bounded by max_message_bytes) or reject with an Error
 * whose `code` is a string, and never hang. A copy of each config with a 64-byte max checks the bound.
 */
import path from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCodec, loadCorpus, type HybridCompressor } from '../src/index.ts'
import { loadShipped, REPO_ROOT, SHIPPED_CONFIG_FILES, type ShippedCompressor } from './support.ts'

const SEED = 42
const SMALL_MAX_BYTES = 64
/** fast-check fails a case whose promise has not settled by then */
const CASE_TIMEOUT_MS = 5000
// 0xFB (round 41): a binary_semantic frame of a message without its final \r follows
const METHOD_TAGS = [0xc0, 0xc1, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb]
const RESERVED_TAGS = [0xfc, 0xfd, 0xfe, 0xff]

type Outcome = { state: 'bytes'; sizeBytes: number } | { state: 'rejected'; code: string }

/** Decodes a frame and says what happened; anything but bytes or a coded Error fails the test. */
async function decodeOutcome(compressor: HybridCompressor, frame: Uint8Array): Promise<Outcome> {
  try {
    const out = await compressor.decompress(frame)
    expect(out).toBeInstanceOf(Uint8Array)
    return { state: 'bytes', sizeBytes: out.length }
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    const code = (error as { code?: unknown }).code
    if (typeof code !== 'string') throw new Error(`decoding rejected without a string code: ${String(error)}`)
    return { state: 'rejected', code }
  }
}

/** Both the config as shipped and its 64-byte-max copy stay within their bound on this frame. */
async function checkBounded(normal: ShippedCompressor, small: ShippedCompressor, frame: Uint8Array): Promise<void> {
  for (const { compressor, config } of [normal, small]) {
    const outcome = await decodeOutcome(compressor, frame)
    if (outcome.state === 'bytes') expect(outcome.sizeBytes).toBeLessThanOrEqual(config.maxMessageBytes)
  }
}

/** A template message longer than the small max whose slot text does not compress: binary_semantic wins. */
const LONG_TEMPLATE_MESSAGE =
  'Exception: OhbVrpoiVgRV5IfLBcbfnoGMbJmTPSIAoCLrZ3aWZkSBvrjn9Wvgfygw2wMqZcUDIh7yfJs1ON43xKmTecQoXsf2o3'

/** Frames of real messages (the week1 corpus, some bytes, a long template message, a long repetitive text) to mutate. */
async function validFrames(compressor: HybridCompressor): Promise<Uint8Array[]> {
  const week1 = await loadCorpus({ path: path.join(REPO_ROOT, 'corpora', 'week1', 'messages.jsonl') })
  const lines = Array.from(
    { length: 40 },
    (_, i) => `Service api-${i % 5} is healthy\nRequest r-${i} completed in ${i * 7}ms`,
  ).join('\n')
  const extra = [
    Uint8Array.of(0xff, 0xfe, 0x00, 0x41),
    new TextEncoder().encode(LONG_TEMPLATE_MESSAGE),
    new TextEncoder().encode(lines),
  ]
  const messages = [...week1.map((m) => m.bytes), ...extra]
  const frames: Uint8Array[] = []
  for (const message of messages) frames.push((await compressor.compress(message)).bytes)
  return frames
}

describe.each(SHIPPED_CONFIG_FILES)('decoding invalid frames with %s', (file) => {
  let normal: ShippedCompressor
  let small: ShippedCompressor
  let frames: Uint8Array[]
  beforeAll(async () => {
    normal = await loadShipped(file)
    small = await loadShipped(file, { maxMessageBytes: SMALL_MAX_BYTES })
    frames = await validFrames(normal.compressor)
  })

  it('truncated, bit-flipped and byte-replaced frames give bounded bytes or a coded error', async () => {
    const mutation = fc.record({
      frame: fc.nat(),
      kind: fc.constantFrom('truncate', 'flip', 'replace', 'append'),
      at: fc.nat(),
      bit: fc.integer({ min: 0, max: 7 }),
      extra: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    })
    await fc.assert(
      fc.asyncProperty(mutation, async ({ frame: which, kind, at, bit, extra }) => {
        const frame = (frames[which % frames.length] as Uint8Array).slice()
        const i = frame.length === 0 ? 0 : at % frame.length
        let mutated = frame
        if (kind === 'truncate') mutated = frame.subarray(0, i)
        else if (kind === 'flip' && frame.length > 0) frame[i] = (frame[i] as number) ^ (1 << bit)
        else if (kind === 'replace' && frame.length > 0) frame[i] = extra[0] as number
        else mutated = Uint8Array.of(...frame, ...extra)
        await checkBounded(normal, small, mutated)
      }),
      { seed: SEED, numRuns: 150, timeout: CASE_TIMEOUT_MS },
    )
  })

  it('random frames behind every tag give bounded bytes or a coded error', async () => {
    const tag = fc.oneof(
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.constantFrom(...METHOD_TAGS, ...RESERVED_TAGS),
      fc.integer({ min: 0, max: 255 }),
    )
    await fc.assert(
      fc.asyncProperty(tag, fc.uint8Array({ maxLength: 200 }), (first, rest) =>
        checkBounded(normal, small, Uint8Array.of(first, ...rest)),
      ),
      { seed: SEED, numRuns: 200, timeout: CASE_TIMEOUT_MS },
    )
  })

  it('rejects unknown templates, non-canonical ids and reserved tags with their codes', async () => {
    const { compressor } = normal
    // ids 0 and 16383 (two-byte header) and 20000 and 1,000,000 (varint header) are in no shipped store
    for (const frame of [
      Uint8Array.of(0x80, 0x00),
      Uint8Array.of(0xbf, 0xff, 1, 2),
      Uint8Array.of(0xf9, 0xa0, 0x9c, 0x01),
      Uint8Array.of(0xf9, 0xc0, 0x84, 0x3d),
    ]) {
      expect(await decodeOutcome(compressor, frame)).toEqual({ state: 'rejected', code: 'E_FRAME_UNKNOWN_TEMPLATE' })
    }
    // id 160 written with the varint header, which only ids above 16383 may use
    expect(await decodeOutcome(compressor, Uint8Array.of(0xf9, 0xa0, 0x01))).toEqual({
      state: 'rejected',
      code: 'E_FRAME_CORRUPT',
    })
    expect(await decodeOutcome(compressor, Uint8Array.of(0xa0))).toEqual({
      state: 'rejected',
      code: 'E_FRAME_TRUNCATED',
    })
    for (const tag of RESERVED_TAGS)
      expect(await decodeOutcome(compressor, Uint8Array.of(tag, 1, 2, 3))).toEqual({
        state: 'rejected',
        code: 'E_FRAME_UNKNOWN_METHOD',
      })
    // 0xFB (round 41) must be followed by a binary_semantic frame
    expect(await decodeOutcome(compressor, Uint8Array.of(0xfb, 1, 2, 3))).toEqual({
      state: 'rejected',
      code: 'E_FRAME_CORRUPT',
    })
    // json_residue (0xFA, round 35) needs a store with a jsonResidue model: this one has none
    expect(await decodeOutcome(compressor, Uint8Array.of(0xfa, 1, 2, 3))).toEqual({
      state: 'rejected',
      code: 'E_FRAME_UNKNOWN_TEMPLATE',
    })
  })

  it('refuses frames whose content is above max_message_bytes, including small compressed bombs', async () => {
    const big = new Uint8Array(100_000).fill(0x61)
    const bombs: [number, Uint8Array][] = [
      [0xc0, (await (await createCodec({ name: 'brotli', quality: 5 })).encode(big)) as Uint8Array],
      [0xc1, await (await createCodec({ name: 'zstd', level: 3 })).encode(big)],
      [0xf6, await (await createCodec({ name: 'deflate', level: 9 })).encode(big)],
      [0xf8, new Uint8Array(SMALL_MAX_BYTES + 1).fill(0x61)],
    ]
    for (const [tag, payload] of bombs) {
      const frame = Uint8Array.of(tag, ...payload)
      expect(frame.length).toBeLessThan(SMALL_MAX_BYTES * 4)
      expect(await decodeOutcome(small.compressor, frame)).toEqual({ state: 'rejected', code: 'E_FRAME_TOO_LARGE' })
      expect(await decodeOutcome(normal.compressor, frame)).toEqual({
        state: 'bytes',
        sizeBytes: tag === 0xf8 ? SMALL_MAX_BYTES + 1 : big.length,
      })
    }
    // every real frame of a message over the small max is refused by the small copy, templates included
    if (normal.config.templateStorePath !== null)
      expect((await normal.compressor.compress(LONG_TEMPLATE_MESSAGE)).method).toBe('binary_semantic')
    for (const frame of frames) {
      const size = (await normal.compressor.decompress(frame)).length
      const outcome = await decodeOutcome(small.compressor, frame)
      expect(outcome).toEqual(
        size > SMALL_MAX_BYTES ? { state: 'rejected', code: 'E_FRAME_TOO_LARGE' } : { state: 'bytes', sizeBytes: size },
      )
    }
  })

  it('treats the empty frame and untagged text as its framing says', async () => {
    const text = new TextEncoder().encode('plain text')
    if (normal.config.framing === 'tagged') {
      expect(await decodeOutcome(normal.compressor, new Uint8Array(0))).toEqual({
        state: 'rejected',
        code: 'E_FRAME_EMPTY',
      })
      expect(await decodeOutcome(normal.compressor, text)).toEqual({
        state: 'rejected',
        code: 'E_FRAME_UNKNOWN_METHOD',
      })
    } else {
      expect(await decodeOutcome(normal.compressor, new Uint8Array(0))).toEqual({ state: 'bytes', sizeBytes: 0 })
      expect(await normal.compressor.decompress(text)).toEqual(text)
      expect(await decodeOutcome(normal.compressor, Uint8Array.of(0x41, 0xff))).toEqual({
        state: 'rejected',
        code: 'E_FRAME_CORRUPT',
      })
      expect(await decodeOutcome(small.compressor, new Uint8Array(SMALL_MAX_BYTES + 1).fill(0x61))).toEqual({
        state: 'rejected',
        code: 'E_FRAME_TOO_LARGE',
      })
    }
  })
})
