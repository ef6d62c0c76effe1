// s33 D1, D2: a stateful sender or receiver given something other than bytes (untyped JavaScript: a
// string, a number) throws AuraError E_USAGE before touching its context, and uses no sequence number:
// the connection goes on. It used to send NUL bytes (cm), a bare `Invalid argument` that still took a
// number (zstd: every later frame E_FRAME_SEQUENCE_GAP), or a TypeError from inside (decode).
import { describe, expect, it } from 'vitest'
import { bytesEqual, toBytes } from '../core/index.ts'
import { createStatefulReceiver, createStatefulSender } from './connection.ts'
import type { StatefulOptions } from './stateful-options.ts'

const DICTIONARY = toBytes('user=alice action=login status=ok '.repeat(20))
const OPTIONS: Record<string, StatefulOptions> = {
  zstd: { codec: 'zstd', level: 3, windowLog: 15, dictionary: DICTIONARY, fieldOperators: true },
  deflate: { codec: 'deflate', level: 6, windowLog: 15, dictionary: DICTIONARY, fieldOperators: true },
  cm: { codec: 'cm', level: 0, windowLog: 12, hashLog: 10, dictionary: DICTIONARY, fieldOperators: true },
}

describe.each(Object.keys(OPTIONS))('stateful %s: arguments of the wrong kind', (codec) => {
  const options = OPTIONS[codec] as StatefulOptions
  it('encode(string or number) is E_USAGE, uses no sequence number, and the next message decodes', async () => {
    const sender = createStatefulSender(options)
    const receiver = createStatefulReceiver(options)
    const message = 'user=bob action=login status=ok'
    for (const wrong of [message, 42, null])
      await expect((async () => sender.encode(wrong as unknown as Uint8Array))()).rejects.toMatchObject({
        name: 'AuraError',
        code: 'E_USAGE',
        message: expect.stringMatching(
          /^StatefulSender\.encode: message must be a Uint8Array .*not (string|number|null)$/,
        ),
      })
    for (const text of [message, 'user=carol action=logout status=ok']) {
      const frame = await sender.encode(toBytes(text))
      expect(bytesEqual(await receiver.decode(frame), toBytes(text))).toBe(true)
    }
    sender.close()
    receiver.close()
  })

  it('decode(string) is E_USAGE and leaves the context as it was', async () => {
    const sender = createStatefulSender(options)
    const receiver = createStatefulReceiver(options)
    await expect((async () => receiver.decode('x' as unknown as Uint8Array))()).rejects.toMatchObject({
      code: 'E_USAGE',
      message: 'StatefulReceiver.decode: frame must be a Uint8Array, not string',
    })
    const frame = await sender.encode(toBytes('user=dave action=login status=ok'))
    expect(bytesEqual(await receiver.decode(frame), toBytes('user=dave action=login status=ok'))).toBe(true)
    sender.close()
    receiver.close()
  })
})

describe('stateful sender: an encode that fails past the argument check', () => {
  it('ends the sender: later encodes are E_CONTEXT_BROKEN, not frames the receiver would decode with another state', async () => {
    // a closed deflate stream fails inside the codec, after the message was taken
    const sender = createStatefulSender(OPTIONS['deflate'] as StatefulOptions)
    sender.close()
    await expect((async () => sender.encode(toBytes('a')))()).rejects.not.toMatchObject({ code: 'E_USAGE' })
    await expect((async () => sender.encode(toBytes('b')))()).rejects.toMatchObject({
      code: 'E_CONTEXT_BROKEN',
      message: 'stateful sender failed to encode frame 0; open a new connection (both ends)',
    })
  })
})

// s42-rev1 F1: NaN, a negative number or a string in the sender-only options was taken silently
describe('stateful cm: sender-only options of the wrong kind', () => {
  const cm = OPTIONS['cm'] as StatefulOptions
  it.each([
    [{ largeMessageBytes: Number.NaN }, 'largeMessageBytes'],
    [{ largeMessageBytes: -1 }, 'largeMessageBytes'],
    [{ historyPath: { minBytes: '512', overMean: 4 } }, 'historyPath.minBytes'],
    [{ historyPath: { minBytes: 512, overMean: Number.NaN } }, 'historyPath.overMean'],
    [{ historyPath: { minBytes: Number.POSITIVE_INFINITY, overMean: 4 } }, 'historyPath.minBytes'],
    [{ historyPath: 512 }, 'historyPath'],
  ])('%j is E_USAGE naming %s', (extra, field) => {
    expect(() => createStatefulSender({ ...cm, ...(extra as object) } as StatefulOptions)).toThrow(
      expect.objectContaining({
        code: 'E_USAGE',
        message: expect.stringContaining(`createStatefulSender: ${field} must be`),
      }),
    )
  })
  it('takes the options a config writes (and none)', () => {
    for (const extra of [
      {},
      { largeMessageBytes: 262_144 },
      { largeMessageBytes: Number.POSITIVE_INFINITY },
      { historyPath: { minBytes: 512, overMean: 4 } },
    ])
      expect(() => createStatefulSender({ ...cm, ...extra })).not.toThrow()
  })
})
