/**
 * replay's memory probe, one config per child process (round 40, as compare's since round 39): in one process a
 * config's reading depended on the configs probed before it (their freed memory stayed resident and was reused
 * without growing RSS). Integration tier: starts processes and sockets.
 */
import { describe, expect, it } from 'vitest'
import { createRawContentDictionary } from '../codecs/index.ts'
import { probeProgram, runProbeChild } from '../compare/index.ts'
import { chatMessages } from '../compare/test-fixtures.ts'
import { DEFAULT_TEST_CONFIG } from '../hybrid/test-support.ts'
import { measureMemoryPerConnection, type WireProbeRequest, wireProbeAvailable } from './replay-memory.ts'
import type { WireSpec } from './replay-memory-spec.ts'

const messages = (count: number, seed: number): Uint8Array[] => chatMessages(count, seed, { text: false })

const stateful: WireSpec = {
  kind: 'stateful',
  name: 'st',
  options: {
    codec: 'cm',
    level: 0,
    windowLog: 15,
    hashLog: 12,
    fieldOperators: false,
    dictionary: createRawContentDictionary(messages(4000, 3), 256 * 1024),
  },
}
const pmd = (contextTakeover: boolean): WireSpec => ({
  kind: 'permessage_deflate',
  pmd: { level: 6, memLevel: 8, windowBits: 15, contextTakeover },
})
const warm = messages(300, 7)

const probe = (specs: readonly WireSpec[], isolate: boolean) => measureMemoryPerConnection(specs, warm, 20, { isolate })

describe("replay's memory probe in a child process per config", () => {
  it('is available from the sources, and each spec survives the IPC channel (structured clone)', () => {
    expect(wireProbeAvailable()).toBe(true)
    for (const spec of [stateful, pmd(true), { kind: 'raw' } as const]) expect(structuredClone(spec)).toEqual(spec)
  })

  it('reads the stateful config after the pmd configs at its own pages, as alone', async () => {
    const after = await probe([{ kind: 'raw' }, pmd(true), pmd(false), stateful], true)
    const alone = await probe([stateful], true)
    const reading = (rows: typeof after) => rows.find((r) => r.config === 'hybrid st (stateful)')
    const [a, b] = [reading(after), reading(alone)]
    expect(after.map((r) => r.config)).toEqual(['raw', 'pmd L6 takeover', 'pmd L6 no takeover', 'hybrid st (stateful)'])
    expect(a?.failed).toBeUndefined()
    // the model's typed arrays written by its first messages are resident pages of the child's own, in either order
    expect(a?.retainedBytesPerConnection).toBeGreaterThan(100 * 1024)
    // a sixth, not half (round 41) or a quarter (round 42): since s41-state the coder keeps its grown buffers for the
    // process, so less freed garbage counts as resident, and over 20 connections a reading moves a lot (147-439 KB
    // against 314 KB retained in four runs of stop 41; 63 KB against 315 KB in a clean-clone CI run of stop 42, the
    // config probed alone); what this guards is the one-process reading of stop 39 (34 KB, about a ninth)
    expect(a?.rssBytesPerConnection).toBeGreaterThan((a?.retainedBytesPerConnection ?? 0) / 6)
    expect(b?.rssBytesPerConnection).toBeGreaterThan((b?.retainedBytesPerConnection ?? 0) / 6)
  })

  // s40-rev3 F3: a user's error in the child came back with its code and message only (the CLI then said
  // `in connectionMemory`, without the file, the field or the hint the error had)
  it("raises a user's error in the child with its file, field and hint", async () => {
    const config = { ...DEFAULT_TEST_CONFIG, file: '/configs/mine.yaml', templateStorePath: '/nowhere/store.json' }
    const request: WireProbeRequest = { spec: { kind: 'per-message', config }, warm, connections: 2 }
    const program = probeProgram(new URL('./replay-memory.ts', import.meta.url).href, 'replay-memory-main')
    await expect(runProbeChild(program, request, 'replay config mine')).rejects.toMatchObject({
      code: 'E_FILE_MISSING',
      reason: expect.stringMatching(/^the memory probe of replay config mine: /),
      location: { file: '/configs/mine.yaml', field: 'template_store_path' },
      hint: expect.stringContaining('check template_store_path'),
    })
  })

  it('raises a bug in the child as E_INTERNAL naming the config, not as the environment', async () => {
    const broken = { kind: 'nope', name: 'b' } as unknown as WireSpec
    const failed = measureMemoryPerConnection([broken], warm, 2, { isolate: true })
    await expect(failed).rejects.toMatchObject({ code: 'E_INTERNAL' })
    await expect(failed).rejects.toThrow('the memory probe of replay config undefined in a child process failed')
  })
})
