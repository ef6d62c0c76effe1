/** Errors a library user meets through the package entry (src/index.ts) carry the codes docs/contracts.md lists. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuraError, FrameError, loadCompressor } from '../src/index.ts'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aura-lib-errors-'))
  const lines = Array.from({ length: 100 }, (_, i) =>
    JSON.stringify({ level: 'info', msg: `request ${i} done`, ms: i }),
  )
  await writeFile(path.join(dir, 'train.log'), `${lines.join('\n')}\n`)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('frame errors through loadCompressor', () => {
  // trial round 29: `Restored data doesn't match checksum` came back as E_FRAME_CORRUPT
  it('a zstd_dict frame whose checksum does not match is E_FRAME_CHECKSUM', async () => {
    const config = path.join(dir, 'svc2.yaml')
    await writeFile(
      config,
      'name: svc2\nfallback: zstd_dict\nzstd_dict_training_corpus: train.log\nzstd_checksum: true\n',
    )
    const compressor = await loadCompressor(config)
    const message = JSON.stringify({ level: 'warn', msg: 'request 7 slow', ms: 1234 }).repeat(3)
    const { bytes, method } = await compressor.compress(message)
    expect(method).toBe('zstd_dict')
    expect(new TextDecoder().decode(await compressor.decompress(bytes))).toBe(message)
    const flipped = Uint8Array.from(bytes)
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 0xff
    const error: unknown = await compressor.decompress(flipped).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FrameError)
    expect(error).toMatchObject({ code: 'E_FRAME_CHECKSUM' })
  })
})

/**
 * Every function of the package entry that takes data, called from untyped JavaScript with an argument
 * of the wrong kind: AuraError E_USAGE naming the function (docs/contracts.md), never a TypeError. A
 * function that returns a promise rejects instead of throwing. trial round 29: discoverTemplates('abc')
 * threw `TypeError: messages.forEach is not a function`.
 */
describe('wrong arguments from untyped JavaScript', () => {
  const store = { name: 's', templates: [] }
  /** name -> argument lists each of which is wrong; true: it returns a promise */
  const WRONG: Record<string, { calls: unknown[][]; async?: true }> = {
    codecSpecFor: { calls: [[42], ['zstd', 'x', null], ['zstd', {}, 'dict']] },
    collectEnvironment: { calls: [[42], ['abc']] },
    createCodec: { calls: [[], ['zstd'], [null]], async: true },
    createCompressorFromConfig: { calls: [[], ['configs/emergency.yaml'], [{}]], async: true },
    createCostInput: { calls: [[], [{}, {}], [[], 'x']] },
    createHybridCompressor: { calls: [[], ['x', {}], [{ name: 'a', fallback: 'zstd' }, null]], async: true },
    createMatcher: { calls: [[], ['abc'], [{}]] },
    createRawContentDictionary: { calls: [[], ['abc', 100], [['abc'], 100], [[], 'big']] },
    createStatefulReceiver: { calls: [[], ['zstd'], [{}]] },
    createStatefulSender: { calls: [[], ['zstd'], [{}]] },
    decodeBinarySemantic: { calls: [[], [store, '1', new Uint8Array()], [store, 1, [1, 2]]] },
    discoverTemplates: { calls: [['abc'], [], [[1, 2]], [['a'], 'x']] },
    encodeBinarySemantic: {
      calls: [
        ['x', 'msg'],
        [store, 42],
        [store, 'm', 'o'],
      ],
    },
    evaluateGate: { calls: [[], [{}, {}, false], [[], {}, 'yes']] },
    evaluateGroupingAccuracy: { calls: [[], ['abc', []], [['a'], [1]]] },
    evaluateTargets: { calls: [[], [{}, 'x'], ['x', []]] },
    isTagByte: { calls: [[], ['abc']] },
    judgeSuite: { calls: [[], [{}, {}], [{ runs: [] }, 'x']] },
    loadCompressor: { calls: [[], [42], [{ path: 'x' }]], async: true },
    loadCompressorConfig: { calls: [[], [42]], async: true },
    loadCorpus: { calls: [[], ['file.txt'], [{}]], async: true },
    loadStatefulCompressor: { calls: [[], [42], ['x.yaml', 'opts']], async: true },
    loadSuite: { calls: [[], [42]], async: true },
    loadTemplateStore: { calls: [[], [42], ['s.json', 'x']], async: true },
    measureLatency: { calls: [[], [{}, 'abc', {}], [{}, [], 42]], async: true },
    measureSizes: { calls: [[], [{}, 42], ['x', []]], async: true },
    parseCompressorConfig: { calls: [[], [42, 'f'], ['name: a', 42]] },
    parseFrame: { calls: [[], ['abc', 'binary'], [new Uint8Array(2), 42]] },
    parseGroundTruthCsv: { calls: [[], [42, 'f'], ['a,b', null]] },
    parsePattern: { calls: [[], [42]] },
    parseSuite: { calls: [[], [42, 'f'], ['name: a', undefined]] },
    parseTemplateStore: { calls: [[{}, 42], [{}]] },
    projectCost: { calls: [[], ['x'], [{}]] },
    renderCostSection: { calls: [[], ['x'], [{}]] },
    renderError: { calls: [[], ['abc'], [new Error('plain')]] },
    renderMarkdown: { calls: [[], ['x'], [{}]] },
    renderTemplate: { calls: [[], ['x', []], [{ literals: [] }, 'abc']] },
    runCli: { calls: [[], ['run', {}], [['run'], null]], async: true },
    runOne: { calls: [[], ['x'], [{}]], async: true },
    runSuite: { calls: [[], ['suite.yaml'], [{}]], async: true },
    statefulOptionsFromConfig: { calls: [[], ['x', null], [{}, 'dict']] },
    streamCorpus: { calls: [[], ['file.txt'], [{}]] },
    templateHeaderSizeBytes: { calls: [[], ['1']] },
    toResultsJson: { calls: [[], ['x'], [{}]] },
    toTemplateStoreJson: { calls: [[], ['x'], [{}]] },
    validateFiles: { calls: [[], ['a.yaml'], [[42]]], async: true },
    writeReport: { calls: [[], [42, { runs: [] }], ['out', {}]], async: true },
  }
  /** take no data, or anything at all (an unknown value to inspect) */
  const NO_DATA = ['checkResultsContract', 'codecLibraryVersions', 'hasCode']

  it('covers every function the package entry exports', async () => {
    const A = await import('../src/index.ts')
    const functions = Object.entries(A)
      .filter(([name, value]) => typeof value === 'function' && /^[a-z]/.test(name))
      .map(([name]) => name)
    expect(functions.filter((name) => !(name in WRONG) && !NO_DATA.includes(name))).toEqual([])
  })

  for (const [name, { calls, async }] of Object.entries(WRONG))
    it(`${name}: E_USAGE naming it`, async () => {
      const A = (await import('../src/index.ts')) as unknown as Record<string, (...args: unknown[]) => unknown>
      const fn = A[name] as (...args: unknown[]) => unknown
      for (const args of calls) {
        let thrown: unknown
        let result: unknown
        try {
          result = fn(...args)
        } catch (error) {
          thrown = error
        }
        if (async === true) {
          expect(thrown, `${name}(${args.map(String).join(', ')}) threw instead of rejecting`).toBeUndefined()
          thrown = await (result as Promise<unknown>).then(
            () => undefined,
            (e: unknown) => e,
          )
        }
        expect(thrown, `${name}(${args.map(String).join(', ')})`).toBeInstanceOf(AuraError)
        expect(thrown).toMatchObject({ code: 'E_USAGE', message: expect.stringContaining(name) })
      }
    })
})

describe('a located error read as a logger reads it (s42-trial D7)', () => {
  it("loadCompressor's E_SCHEMA message names the file, line and field as the CLI's line does", async () => {
    const config = path.join(dir, 'c-dictlevel30.yaml')
    await writeFile(config, 'name: c\nfallback: zstd_dict\nzstd_dict_level: 30\nzstd_dict_training_corpus: train.log\n')
    const error: unknown = await loadCompressor(config).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    const located = error as AuraError
    expect(located.code).toBe('E_SCHEMA')
    expect(located.message).toBe(`${config}:3: zstd_dict_level: ${located.reason}`)
    expect(located.reason).toMatch(/^must be at most 22, found 30/)
    expect(String(error)).toContain(config)
  })
})
