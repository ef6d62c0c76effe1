import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createStatefulReceiver, createStatefulSender } from './connection.ts'
import type { StatefulOptions } from './stateful-options.ts'

const text = (s: string) => new TextEncoder().encode(s)
const DICTIONARY = text('{"stream":"btcusdt@trade","data":{"e":"trade","E":1626916421925,"p":"427.77","q":"0.5"}}')
const ZSTD: StatefulOptions = { codec: 'zstd', level: 3, windowLog: 15, dictionary: DICTIONARY, fieldOperators: true }
const DEFLATE: StatefulOptions = {
  codec: 'deflate',
  level: 6,
  windowLog: 15,
  dictionary: DICTIONARY,
  fieldOperators: true,
}
const CM: StatefulOptions = {
  codec: 'cm',
  level: 0,
  windowLog: 12,
  hashLog: 10,
  dictionary: DICTIONARY,
  fieldOperators: false,
}
const CM_FIELDS: StatefulOptions = { ...CM, dictionary: null, fieldOperators: true }
const tick = (i: number) =>
  text(
    `{"stream":"btcusdt@trade","data":{"e":"trade","E":${1626916421925 + i * 7},"p":"${(427.77 + i / 100).toFixed(2)}","q":"0.${i % 9}"}}`,
  )

async function send(options: StatefulOptions, count: number): Promise<Uint8Array[]> {
  const sender = createStatefulSender(options)
  const frames: Uint8Array[] = []
  for (let i = 0; i < count; i++) frames.push(await sender.encode(tick(i)))
  sender.close()
  return frames
}

describe.each([
  ['zstd', ZSTD],
  ['deflate', DEFLATE],
  ['cm', CM],
  ['cm with field operators, no dictionary', CM_FIELDS],
  // the ticks go through the model; the property's random messages of 101-200 bytes take the fast path
  ['cm with the fast path over 100 bytes', { ...CM, largeMessageBytes: 100 }],
  // round 42: the ticks (~95 bytes) through the model, longer messages through zstd against the connection's history
  ['cm with the history path over 96 bytes', { ...CM, historyPath: { minBytes: 96, overMean: 0 } }],
  ['cm with the history path over 20 bytes and twice the mean', { ...CM, historyPath: { minBytes: 20, overMean: 2 } }],
] as const)('stateful %s connection', (_name, options) => {
  it('round-trips a connection in order and shrinks repeated ticks', async () => {
    const frames = await send(options, 50)
    const receiver = createStatefulReceiver(options)
    for (const [i, frame] of frames.entries())
      expect(Buffer.from(await receiver.decode(frame)).toString()).toBe(Buffer.from(tick(i)).toString())
    expect(frames.slice(10).every((f, i) => f.length * 4 < (tick(i + 10) as Uint8Array).length)).toBe(true)
    receiver.close()
  })

  it('a lost frame is E_FRAME_SEQUENCE_GAP, and the context survives it', async () => {
    const frames = await send(options, 4)
    const receiver = createStatefulReceiver(options)
    await receiver.decode(frames[0] as Uint8Array)
    await expect(async () => receiver.decode(frames[2] as Uint8Array)).rejects.toMatchObject({
      code: 'E_FRAME_SEQUENCE_GAP',
    })
    expect(Buffer.from(await receiver.decode(frames[1] as Uint8Array)).toString()).toBe(Buffer.from(tick(1)).toString())
  })

  it('a duplicated frame is E_FRAME_DUPLICATE', async () => {
    const frames = await send(options, 3)
    const receiver = createStatefulReceiver(options)
    await receiver.decode(frames[0] as Uint8Array)
    await receiver.decode(frames[1] as Uint8Array)
    await expect(async () => receiver.decode(frames[1] as Uint8Array)).rejects.toMatchObject({
      code: 'E_FRAME_DUPLICATE',
    })
  })

  it('reordered frames: the early one is E_FRAME_SEQUENCE_GAP, the late one E_FRAME_DUPLICATE', async () => {
    const frames = await send(options, 3)
    const receiver = createStatefulReceiver(options)
    await receiver.decode(frames[0] as Uint8Array)
    await expect(async () => receiver.decode(frames[2] as Uint8Array)).rejects.toMatchObject({
      code: 'E_FRAME_SEQUENCE_GAP',
    })
    await receiver.decode(frames[1] as Uint8Array)
    await receiver.decode(frames[2] as Uint8Array)
    await expect(async () => receiver.decode(frames[1] as Uint8Array)).rejects.toMatchObject({
      code: 'E_FRAME_DUPLICATE',
    })
  })

  it('a reconnect starts a fresh context: the new connection numbers its frames from 0 again', async () => {
    const frames = await send(options, 3)
    const receiver = createStatefulReceiver(options)
    for (const frame of frames) await receiver.decode(frame)
    const again = await send(options, 1)
    await expect(async () => receiver.decode(again[0] as Uint8Array)).rejects.toMatchObject({
      code: 'E_FRAME_DUPLICATE',
    })
    expect(Buffer.from(await createStatefulReceiver(options).decode(again[0] as Uint8Array)).toString()).toBe(
      Buffer.from(tick(0)).toString(),
    )
  })

  it('property: any connection of any messages round-trips byte-exact', async () => {
    const message = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .array(
          fc.oneof(
            fc.constantFrom('{"p":"', '","t":', ',', '.', '0', '00', '-', 'abc'),
            fc.nat().map(String),
            fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
          ),
          { maxLength: 20 },
        )
        .map((parts) => text(parts.join(''))),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 40 }), async (messages) => {
        const sender = createStatefulSender(options)
        const receiver = createStatefulReceiver(options)
        for (const m of messages)
          expect(Buffer.from(await receiver.decode(await sender.encode(m))).equals(Buffer.from(m))).toBe(true)
        sender.close()
        receiver.close()
      }),
      { numRuns: 60 },
    )
  })
})

describe('the sequence number past one byte', () => {
  it('round-trips a long connection, and tells a frame 256 behind from the expected one', async () => {
    const frames = await send(CM, 300)
    const receiver = createStatefulReceiver(CM)
    for (const [i, frame] of frames.slice(0, 290).entries())
      expect(Buffer.from(await receiver.decode(frame)).toString()).toBe(Buffer.from(tick(i)).toString())
    // frame 34 again, 256 behind 290: its low byte is 290's, so a one-byte number would take it for
    // frame 290 and decode it with the wrong state
    await expect(async () => receiver.decode(frames[34] as Uint8Array)).rejects.toMatchObject({
      code: 'E_FRAME_DUPLICATE',
      message: expect.stringContaining('frame 34 arrived again'),
    })
    await expect(async () => receiver.decode(frames[291] as Uint8Array)).rejects.toMatchObject({
      code: 'E_FRAME_SEQUENCE_GAP',
      message: expect.stringContaining('frame 291 arrived while frame 290'),
    })
    expect(Buffer.from(await receiver.decode(frames[290] as Uint8Array)).toString()).toBe(
      Buffer.from(tick(290)).toString(),
    )
  })
})
