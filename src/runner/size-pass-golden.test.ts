/**
 * Pins a size pass byte for byte on a fixed corpus: metrics, categories, expanding list, mismatches,
 * failures, the latency sample's order and the confidence intervals. The corpus and the codec are
 * seeded fakes (no library version can move the figures), large enough to fill the per-message size
 * sample twice over and to replace reservoir slots. A speed-up of the runner must leave this file's
 * snapshot unchanged; a deliberate change of method must say so in the snapshot's diff.
 */
import { describe, expect, it } from 'vitest'
import { createRandom, FrameError, METHODS, type Compressor, type Method } from '../core/index.ts'
import { accumulateSizes, finishSizePass, measureSizes, type SizePass } from './measure-sizes.ts'
import { mergeSizeAccumulators, type RunnerMessage } from './size-accumulator.ts'

const PINNED_METHODS = METHODS.slice(0, 7)
const CATEGORIES = ['logs', 'chat', 'market', 'api', undefined] as const

/** `count` seeded messages of 0-400 bytes: mostly printable ASCII, some control and invalid UTF-8 bytes, five categories. */
function goldenCorpus(count: number): RunnerMessage[] {
  const random = createRandom(20261126)
  const messages: RunnerMessage[] = []
  for (let index = 0; index < count; index++) {
    const length = Math.floor(random() * random() * 401)
    const bytes = new Uint8Array(length)
    const alphabet = 1 + Math.floor(random() * 60)
    for (let i = 0; i < length; i++)
      bytes[i] = random() < 0.01 ? Math.floor(random() * 256) : 0x20 + Math.floor(random() * alphabet)
    const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]
    messages.push(category === undefined ? { index, bytes } : { index, bytes, category })
  }
  return messages
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193)
  return h >>> 0
}

/**
 * A codec whose outcome is a function of the message's hash: frame length (shorter, equal or longer
 * than the message), method, and rare failures (compress throws, decoding throws, decoded bytes differ).
 * A frame is a 4-byte message number plus padding, so decoding looks the message up.
 */
function createHashedCompressor(): Compressor {
  const byNumber: Uint8Array[] = []
  return {
    name: 'golden-hashed',
    sharedStateBytes: 0,
    libraries: {},
    async compress(input) {
      const message = typeof input === 'string' ? new TextEncoder().encode(input) : input
      const h = fnv1a(message)
      if (h % 499 === 7) throw Object.assign(new Error(`hashed codec refused message ${h}`), { code: 'E_CODEC_FAILED' })
      // the seven methods the snapshot was pinned with (json_residue, round 35, came later: a new method must not move it)
      const method = PINNED_METHODS[h % PINNED_METHODS.length] as Method
      const frameBytes = Math.max(4, Math.round(message.length * (0.15 + ((h >>> 8) % 1000) / 1000)))
      const frame = new Uint8Array(frameBytes)
      new DataView(frame.buffer).setUint32(0, byNumber.length)
      byNumber.push(message)
      return {
        bytes: frame,
        method,
        metadata: {
          ratio: message.length / frameBytes,
          method,
          originalBytes: message.length,
          compressedBytes: frameBytes,
        },
      }
    },
    async decompress(frame) {
      const message = byNumber[new DataView(frame.buffer, frame.byteOffset).getUint32(0)] as Uint8Array
      const h = fnv1a(message)
      if (h % 211 === 3) throw new FrameError('E_FRAME_CORRUPT', `hashed frame ${h} is corrupt`)
      const decoded = message.slice()
      if (h % 173 === 5 && decoded.length > 0)
        decoded[decoded.length >> 1] = (decoded[decoded.length >> 1] as number) ^ 0x40
      return h % 181 === 9 ? decoded.subarray(1) : decoded
    },
  }
}

/** The pass as JSON, with the latency sample as message indices (its order included). */
function passJson(pass: SizePass): string {
  const { latencySample, ...rest } = pass
  return `${JSON.stringify({ ...rest, latencySample: latencySample.map((m) => m.index) }, null, 1)}\n`
}

async function* streamed(messages: readonly RunnerMessage[]): AsyncGenerator<RunnerMessage> {
  yield* messages
}

describe('a size pass on a fixed corpus', () => {
  const corpus = goldenCorpus(12_000)

  it('matches the pinned pass (12,000 messages: sample compacted, reservoir replaced, scaled bootstrap)', async () => {
    await expect(passJson(await measureSizes(createHashedCompressor(), corpus))).toMatchFileSnapshot(
      './__snapshots__/size-pass-12000.json',
    )
  })

  it('matches the pinned pass on 180 messages (complete; the bootstrap resamples every message)', async () => {
    await expect(passJson(await measureSizes(createHashedCompressor(), corpus.slice(0, 180)))).toMatchFileSnapshot(
      './__snapshots__/size-pass-180.json',
    )
  })

  it('gives the same pass from an async stream as from an array', async () => {
    const fromArray = passJson(await measureSizes(createHashedCompressor(), corpus))
    expect(passJson(await measureSizes(createHashedCompressor(), streamed(corpus)))).toBe(fromArray)
  })

  it('matches the pinned pass of two merged shards (the split a 2-worker run makes)', async () => {
    const shards = [corpus.filter((m) => m.index % 1000 < 500), corpus.filter((m) => m.index % 1000 >= 500)]
    const [a, b] = await Promise.all(
      shards.map((shard, i) => accumulateSizes(createHashedCompressor(), shard, { seed: 7 + i })),
    )
    const merged = mergeSizeAccumulators(a as NonNullable<typeof a>, b as NonNullable<typeof b>, 3)
    await expect(passJson(finishSizePass(merged, 3))).toMatchFileSnapshot('./__snapshots__/size-pass-merged.json')
  })
})
