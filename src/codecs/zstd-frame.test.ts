import { describe, expect, it } from 'vitest'
import { bytesEqual, createRandom, toBytes } from '../core/index.ts'
import { createCodec } from './registry.ts'
import { readZstdFrame, withZstdContentSize } from './zstd-frame.ts'
import { zstdNapi } from './zstd-napi-binding.ts'

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd]

/** A frame with one raw block holding `content`, no content size, 1 KiB window, optional dictionary id byte. */
function rawBlockFrame(content: Uint8Array, dictionaryId?: number): Uint8Array {
  const descriptor = dictionaryId === undefined ? 0x00 : 0x01
  const blockHeader = 1 | (content.length << 3)
  return Uint8Array.of(
    ...MAGIC,
    descriptor,
    0x00,
    ...(dictionaryId === undefined ? [] : [dictionaryId]),
    blockHeader & 0xff,
    (blockHeader >> 8) & 0xff,
    blockHeader >> 16,
    ...content,
  )
}

/** Restates a frame's content size as `statedBytes` (a lie when it differs from the real size). */
function restateContentSize(frame: Uint8Array, statedBytes: number): Uint8Array {
  const descriptor = frame[4] ?? 0
  const isSingleSegment = (descriptor & 0x20) !== 0
  const contentSizeBytes = [isSingleSegment ? 1 : 0, 2, 4, 8][descriptor >> 6] ?? 0
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3] ?? 0
  const dictionaryId = frame.subarray(isSingleSegment ? 5 : 6, (isSingleSegment ? 5 : 6) + dictionaryIdBytes)
  const body = frame.subarray((isSingleSegment ? 5 : 6) + dictionaryIdBytes + contentSizeBytes)
  // a 64 MiB window descriptor, then withZstdContentSize states the new size
  const unsized = Uint8Array.of(...MAGIC, descriptor & 0x07, 16 << 3, ...dictionaryId, ...body)
  return withZstdContentSize(unsized, statedBytes)
}

function logText(sizeBytes: number): Uint8Array {
  const random = createRandom(42)
  const lines: string[] = []
  let length = 0
  while (length < sizeBytes) {
    const line = `081109 2036${String(Math.floor(random() * 60)).padStart(2, '0')} INFO dfs.DataNode: block blk_${Math.floor(random() * 1e9)} size ${Math.floor(random() * 1e8)}\n`
    lines.push(line)
    length += line.length
  }
  return toBytes(lines.join('').slice(0, sizeBytes))
}

describe('readZstdFrame', () => {
  it('reads a frame without a content size', () => {
    expect(readZstdFrame(rawBlockFrame(toBytes('hello')))).toEqual({
      contentSizeBytes: undefined,
      dictionaryId: 0,
      hasChecksum: false,
      minContentBytes: 5,
      maxContentBytes: 5,
    })
  })

  it('reads the dictionary id', () => {
    expect(readZstdFrame(rawBlockFrame(toBytes('hello'), 5)).dictionaryId).toBe(5)
  })

  it.each([
    ['a magic-number prefix', Uint8Array.of(0x28, 0xb5), 'E_FRAME_TRUNCATED'],
    ['another magic number', toBytes('hello, world'), 'E_FRAME_CORRUPT'],
    ['a skippable frame', Uint8Array.of(0x50, 0x2a, 0x4d, 0x18, 0, 0, 0, 0), 'E_FRAME_CORRUPT'],
    ['the reserved header bit', Uint8Array.of(...MAGIC, 0x08, 0x00, 0x01, 0x00, 0x00), 'E_FRAME_CORRUPT'],
    ['the reserved block type', Uint8Array.of(...MAGIC, 0x00, 0x00, 0x07, 0x00, 0x00), 'E_FRAME_CORRUPT'],
    ['a block cut short', rawBlockFrame(toBytes('hello')).subarray(0, 10), 'E_FRAME_TRUNCATED'],
    ['bytes after the frame', Uint8Array.of(...rawBlockFrame(toBytes('hello')), 0), 'E_FRAME_TRAILING'],
    ['nothing', new Uint8Array(0), 'E_FRAME_EMPTY'],
  ])('rejects %s', (_name, payload, code) => {
    expect(() => readZstdFrame(payload)).toThrow(expect.objectContaining({ code }))
  })
})

describe('withZstdContentSize', () => {
  it.each([0, 1, 255, 256, 65791, 65792, 200_000])(
    'zstd frames of %i bytes state their size and round-trip',
    async (sizeBytes) => {
      const zstd = await createCodec({ name: 'zstd' })
      const zstdNapi = await createCodec({ name: 'zstd_napi' })
      const message = logText(sizeBytes)
      const frame = await zstd.encode(message)
      expect(readZstdFrame(frame).contentSizeBytes).toBe(sizeBytes)
      expect(bytesEqual(await zstd.decode(frame), message)).toBe(true)
      expect(bytesEqual(zstdNapi.decode(frame) as Uint8Array, message)).toBe(true)
    },
  )

  it('gives a hand-made frame a size both zstd libraries accept', async () => {
    const sized = withZstdContentSize(rawBlockFrame(toBytes('hello')), 5)
    expect(readZstdFrame(sized).contentSizeBytes).toBe(5)
    expect(await (await createCodec({ name: 'zstd' })).decode(sized)).toEqual(new Uint8Array(toBytes('hello')))
  })
})

describe('zstd decoders', () => {
  it('zstd rejects a frame without a content size; zstd_napi streams it within the limit', async () => {
    const frame = rawBlockFrame(toBytes('hello'))
    await expect((await createCodec({ name: 'zstd' })).decode(frame)).rejects.toMatchObject({ code: 'E_FRAME_CORRUPT' })
    const zstdNapi = await createCodec({ name: 'zstd_napi' })
    expect(bytesEqual(zstdNapi.decode(frame) as Uint8Array, toBytes('hello'))).toBe(true)
    expect(() => zstdNapi.decode(frame, 4)).toThrow(expect.objectContaining({ code: 'E_FRAME_TOO_LARGE' }))
  })

  it('rejects a frame that needs a dictionary the decoder lacks', async () => {
    const frame = withZstdContentSize(rawBlockFrame(toBytes('hello'), 5), 5)
    await expect((await createCodec({ name: 'zstd' })).decode(frame)).rejects.toMatchObject({
      code: 'E_FRAME_NO_DICTIONARY',
    })
    const zstdDict = await createCodec({ name: 'zstd_dict', dictionary: toBytes('raw content') })
    expect(() => zstdDict.decode(frame)).toThrow(expect.objectContaining({ code: 'E_FRAME_NO_DICTIONARY' }))
  })

  it('stops a frame whose stated size is a lie smaller than its content', async () => {
    const zstdNapi = await createCodec({ name: 'zstd_napi', level: 1 })
    const frame = zstdNapi.encode(new Uint8Array(8 * 1024 * 1024)) as Uint8Array
    const lying = restateContentSize(frame, 1000)
    expect(readZstdFrame(lying).contentSizeBytes).toBe(1000)
    expect(() => zstdNapi.decode(lying)).toThrow(expect.objectContaining({ code: 'E_FRAME_CORRUPT' }))
    await expect((await createCodec({ name: 'zstd' })).decode(lying)).rejects.toMatchObject({ code: 'E_FRAME_CORRUPT' })
  })

  // trial round 29: a flipped checksum byte was E_FRAME_CORRUPT; docs/contracts.md says E_FRAME_CHECKSUM
  it('a content checksum that does not match is E_FRAME_CHECKSUM through both bindings', async () => {
    const message = toBytes('{"level":"info","msg":"request done","ms":12}'.repeat(3))
    const flipLast = (frame: Uint8Array): Uint8Array => {
      const copy = Uint8Array.from(frame)
      copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 0xff
      return copy
    }
    const zstdDict = await createCodec({ name: 'zstd_dict', dictionary: toBytes('request done info'), checksum: true })
    const frame = zstdDict.encode(message) as Uint8Array
    expect(readZstdFrame(frame).hasChecksum).toBe(true)
    expect(bytesEqual(zstdDict.decode(frame) as Uint8Array, message)).toBe(true)
    expect(() => zstdDict.decode(flipLast(frame))).toThrow(expect.objectContaining({ code: 'E_FRAME_CHECKSUM' }))
    // the async zstd codec (@mongodb-js/zstd) writes no checksum; a checksummed frame from libzstd elsewhere
    const compressor = new (zstdNapi().Compressor)()
    compressor.setParameters({ checksumFlag: true })
    const plain = Uint8Array.from(compressor.compress(Buffer.from(message)))
    expect(readZstdFrame(plain).hasChecksum).toBe(true)
    const zstd = await createCodec({ name: 'zstd' })
    expect(bytesEqual(await zstd.decode(plain), message)).toBe(true)
    await expect(zstd.decode(flipLast(plain))).rejects.toMatchObject({ code: 'E_FRAME_CHECKSUM' })
    const zstdNapiCodec = await createCodec({ name: 'zstd_napi' })
    expect(() => zstdNapiCodec.decode(flipLast(plain))).toThrow(expect.objectContaining({ code: 'E_FRAME_CHECKSUM' }))
    // any other failure stays E_FRAME_CORRUPT
    const broken = Uint8Array.from(frame)
    broken.fill(0xff, 6, 12)
    expect(() => zstdDict.decode(broken)).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^E_FRAME_(CORRUPT|TRUNCATED)$/) }),
    )
  })

  it('zstd honours its level (the package wrapper of 1.2.2 drops it)', async () => {
    const message = logText(50_000)
    const fast = await (await createCodec({ name: 'zstd', level: 1 })).encode(message)
    const strong = await (await createCodec({ name: 'zstd', level: 19 })).encode(message)
    expect(strong.length).toBeLessThan(fast.length)
  })
})

describe('zstd frame writing (the hybrid fallback path)', () => {
  it('encodeFrame is the tag byte then exactly the payload encode returns, for every size up to and past the kept scratch, and zstd-napi decodes it', async () => {
    const { writesFrames } = await import('./zstd-dict.ts')
    const { zstdNapi } = await import('./zstd-napi-binding.ts')
    const dictionary = toBytes('user=alice action=login status=ok '.repeat(40))
    const codec = await createCodec({ name: 'zstd_dict', level: 3, dictionary })
    if (!writesFrames(codec)) throw new Error('zstd_dict should write its frames')
    const reference = new (zstdNapi().Compressor)()
    reference.setParameters({ compressionLevel: 3, checksumFlag: false, dictIDFlag: false, contentSizeFlag: true })
    reference.loadDictionary(dictionary)
    const random = createRandom(7)
    for (const size of [0, 1, 30, 127, 128, 129, 1000, 5000, 2_000_000]) {
      const message = Uint8Array.from({ length: size }, (_, i) =>
        i % 7 === 0 ? Math.floor(random() * 256) : 97 + (i % 26),
      )
      const payload = codec.encode(message) as Uint8Array
      const frame = codec.encodeFrame(message, 0xf5)
      expect(frame[0]).toBe(0xf5)
      expect(bytesEqual(frame.subarray(1), payload)).toBe(true)
      // the same bytes zstd-napi's own Compressor writes with the same parameters and dictionary
      expect(bytesEqual(payload, new Uint8Array(reference.compress(message)))).toBe(true)
      expect(bytesEqual(codec.decode(payload, 4_000_000) as Uint8Array, message)).toBe(true)
      // in two steps: the same frame, its length first
      const frameBytes = codec.writeFrame(message, 0xf5)
      expect(frameBytes).toBe(frame.length)
      expect(bytesEqual(codec.takeFrame(frameBytes), frame)).toBe(true)
    }
  })
})
