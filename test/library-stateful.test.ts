/** docs/stateful.md's `mode: stateful` used from the package entry: a sender and a receiver per connection from a config file. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AuraError,
  createRawContentDictionary,
  FrameError,
  loadCompressor,
  loadCorpus,
  loadStatefulCompressor,
} from '../src/index.ts'

const line = (i: number): string =>
  JSON.stringify({
    ts: 1700000000 + i,
    level: i % 3 === 0 ? 'warn' : 'info',
    user: `u${i % 7}`,
    msg: `request ${i} done`,
  })

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aura-stateful-lib-'))
  await writeFile(path.join(dir, 'train.log'), `${Array.from({ length: 200 }, (_, i) => line(i)).join('\n')}\n`)
  for (const codec of ['zstd', 'deflate', 'cm'])
    await writeFile(
      path.join(dir, `${codec}.yaml`),
      // cm with field operators (off by default since s30): without them a cm block decodes to *some* message
      // whatever its bytes, so the corrupt frame below would not be detected (docs/stateful.md, "no content checksum")
      `name: st\nmode: stateful\nzstd_dict_path: train.log\nstateful: { codec: ${codec}${codec === 'cm' ? ', field_operators: true' : ''} }\n`,
    )
  await writeFile(path.join(dir, 'sized.yaml'), 'name: sized\nmode: stateful\nstateful: { codec: zstd }\n')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const codeOf = async (run: () => unknown): Promise<string | undefined> => {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError)
    return (error as FrameError).code
  }
  return undefined
}

describe('loadStatefulCompressor (src/index.ts)', () => {
  for (const codec of ['zstd', 'deflate', 'cm'])
    it(`round-trips a connection and names a lost, duplicated, reordered and corrupt frame (${codec})`, async () => {
      const st = await loadStatefulCompressor(path.join(dir, `${codec}.yaml`))
      expect(st.name).toBe('st')
      expect(st.options.codec).toBe(codec)
      const sender = st.createSender()
      const receiver = st.createReceiver()
      const messages = Array.from({ length: 6 }, (_, i) => line(1000 + i))
      const frames: Uint8Array[] = []
      for (const m of messages) frames.push(await sender.encode(new TextEncoder().encode(m)))
      // frames 0 and 1 arrive, frame 2 is lost: frame 3 is a gap, and the context is unchanged
      for (const i of [0, 1])
        expect(new TextDecoder().decode(await receiver.decode(frames[i] as Uint8Array))).toBe(messages[i])
      expect(await codeOf(() => receiver.decode(frames[3] as Uint8Array))).toBe('E_FRAME_SEQUENCE_GAP')
      // frame 1 again: a duplicate
      expect(await codeOf(() => receiver.decode(frames[1] as Uint8Array))).toBe('E_FRAME_DUPLICATE')
      // the late frame 2 then 3 (reordered) still decode: neither error changed the context
      for (const i of [2, 3])
        expect(new TextDecoder().decode(await receiver.decode(frames[i] as Uint8Array))).toBe(messages[i])
      // reordered: 5 before 4
      expect(await codeOf(() => receiver.decode(frames[5] as Uint8Array))).toBe('E_FRAME_SEQUENCE_GAP')
      expect(new TextDecoder().decode(await receiver.decode(frames[4] as Uint8Array))).toBe(messages[4])
      // a corrupt frame breaks the context: every later frame is E_CONTEXT_BROKEN
      const corrupt = Uint8Array.from(frames[5] as Uint8Array)
      corrupt.fill(0xff, 1)
      expect(await codeOf(() => receiver.decode(corrupt))).toBe('E_FRAME_CORRUPT')
      expect(await codeOf(() => receiver.decode(frames[5] as Uint8Array))).toBe('E_CONTEXT_BROKEN')
      sender.close()
      receiver.close()
    })

  it('builds the dictionary from training messages when the config names no zstd_dict_path, and says so when none are given', async () => {
    const error = await loadStatefulCompressor(path.join(dir, 'sized.yaml')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    expect(error).toMatchObject({ code: 'E_USAGE', location: { field: 'zstd_dict_path' } })
    const training = Array.from({ length: 50 }, (_, i) => line(i))
    const a = await loadStatefulCompressor(path.join(dir, 'sized.yaml'), { trainingMessages: training })
    const b = await loadStatefulCompressor(path.join(dir, 'sized.yaml'), { trainingMessages: training })
    const frame = await a.createSender().encode(new TextEncoder().encode(line(7)))
    expect(new TextDecoder().decode(await b.createReceiver().decode(frame))).toBe(line(7))
  })

  it('gives a fingerprint both ends compare: equal for the same dictionary, different for another; no training bytes is E_USAGE (s34-trial D3)', async () => {
    const training = Array.from({ length: 50 }, (_, i) => line(i))
    const config = path.join(dir, 'sized.yaml')
    const a = await loadStatefulCompressor(config, { trainingMessages: training })
    const b = await loadStatefulCompressor(config, { trainingMessages: [...training] })
    const other = await loadStatefulCompressor(config, { trainingMessages: training.slice(1) })
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(b.fingerprint).toBe(a.fingerprint)
    expect(other.fingerprint).not.toBe(a.fingerprint)
    const cm = await loadStatefulCompressor(path.join(dir, 'cm.yaml'))
    expect(cm.fingerprint).not.toBe(a.fingerprint)
    for (const trainingMessages of [[], ['', new Uint8Array(0)]])
      await expect(loadStatefulCompressor(config, { trainingMessages })).rejects.toMatchObject({
        code: 'E_USAGE',
        location: { field: 'zstd_dict_size_bytes' },
      })
  })

  // docs/stateful.md "Shipping the dictionary as a file" (trial round 38, D14): the file written from the training
  // messages is the dictionary a config with zstd_dict_size_bytes builds from them, so either end may use either
  it('a dictionary file written with createRawContentDictionary gives the same fingerprint and frames as the training messages', async () => {
    // the recipe's way: a JSONL corpus read by loadCorpus with compare's default split (its texts, not its lines)
    const all = Array.from({ length: 160 }, (_, i) => line(i))
    await writeFile(path.join(dir, 'game.jsonl'), `${all.map((text) => JSON.stringify({ text })).join('\n')}\n`)
    const split = { trainFraction: 0.5, seed: 0, use: 'train', mode: 'ordered' } as const
    const train = await loadCorpus({ path: path.join(dir, 'game.jsonl'), split })
    expect(train.length).toBe(80)
    const training = all.slice(0, 80)
    await writeFile(
      path.join(dir, 'built.yaml'),
      'name: st\nmode: stateful\nzstd_dict_size_bytes: 4096\nstateful: { codec: cm }\n',
    )
    const bytes = createRawContentDictionary(
      train.map((m) => m.bytes),
      4096,
    )
    await writeFile(path.join(dir, 'shipped.dict'), bytes)
    await writeFile(
      path.join(dir, 'shipped.yaml'),
      'name: st\nmode: stateful\nzstd_dict_path: shipped.dict\nstateful: { codec: cm }\n',
    )
    const built = await loadStatefulCompressor(path.join(dir, 'built.yaml'), { trainingMessages: training })
    const shipped = await loadStatefulCompressor(path.join(dir, 'shipped.yaml'))
    expect(shipped.fingerprint).toBe(built.fingerprint)
    const sender = built.createSender()
    const receiver = shipped.createReceiver()
    for (let i = 100; i < 120; i++) {
      const frame = await sender.encode(new TextEncoder().encode(line(i)))
      expect(new TextDecoder().decode(await receiver.decode(frame))).toBe(line(i))
    }
  })

  it('refuses a per-message config (E_SCHEMA at mode), as loadCompressor refuses a stateful one and names this loader', async () => {
    await expect(loadStatefulCompressor('configs/emergency.yaml')).rejects.toMatchObject({
      code: 'E_SCHEMA',
      location: { field: 'mode' },
    })
    await expect(loadCompressor(path.join(dir, 'zstd.yaml'))).rejects.toMatchObject({
      code: 'E_SCHEMA',
      hint: expect.stringContaining('loadStatefulCompressor'),
    })
  })

  it('refuses arguments of the wrong kind with E_USAGE', async () => {
    for (const args of [
      [42],
      [path.join(dir, 'zstd.yaml'), 'x'],
      [path.join(dir, 'zstd.yaml'), { trainingMessages: [1] }],
    ])
      await expect((loadStatefulCompressor as (...a: unknown[]) => Promise<unknown>)(...args)).rejects.toMatchObject({
        code: 'E_USAGE',
      })
  })
})
