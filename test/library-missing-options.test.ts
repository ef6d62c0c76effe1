/**
 * The package's factories given an options object that lacks a field they cannot do without, or holds one of the
 * wrong kind, from untyped JavaScript (s43-rev3: `createHybridCompressor(config, { store, matcher })` threw
 * `TypeError: Cannot read properties of undefined (reading 'length')`): AuraError naming the function, the argument
 * and the field, never a TypeError from inside (s44-small). library-errors.test.ts checks the arguments' own kinds.
 */
import { describe, expect, it } from 'vitest'
import {
  AuraError,
  codecSpecFor,
  createCodec,
  createHybridCompressor,
  createMatcher,
  createRawContentDictionary,
  createStatefulReceiver,
  createStatefulSender,
  parseCompressorConfig,
  parseTemplateStore,
  projectCost,
  statefulOptionsFromConfig,
} from '../src/index.ts'

const config = parseCompressorConfig(
  'name: x\nfallback: zstd_dict\nzstd_dict_level: 3\nzstd_dict_path: x.dict\nenable_aura: true\n',
  'x.yaml',
)
const dictionary = createRawContentDictionary([new TextEncoder().encode('user 17 logged in from 10.0.0.1')], 1024)
const store = parseTemplateStore(
  { format: 'aura-template-store', name: 's', version: 1, templates: [{ id: 1, pattern: 'user <*> logged in' }] },
  's.json',
)
const matcher = createMatcher(store)

/** What `run()` threw or rejected with. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  return undefined
}

/** `run` fails with an AuraError of `code` whose message holds every one of `words`. */
async function expectAuraError(run: () => unknown, code: string, ...words: string[]): Promise<void> {
  const error = await failure(run)
  expect(error).toBeInstanceOf(AuraError)
  expect((error as AuraError).code).toBe(code)
  for (const word of words) expect((error as AuraError).message).toContain(word)
}

describe('createHybridCompressor: resources', () => {
  it('works with every field given (the reference the cases below differ from)', async () => {
    const compressor = await createHybridCompressor(config, { store, matcher, dictionary })
    const { bytes } = await compressor.compress('user 17 logged in')
    expect(new TextDecoder().decode(await compressor.decompress(bytes))).toBe('user 17 logged in')
  })

  it('without `dictionary` is E_USAGE naming it (s43-rev3: a raw TypeError)', async () => {
    await expectAuraError(
      () => createHybridCompressor(config, { store, matcher } as never),
      'E_USAGE',
      'createHybridCompressor',
      'resources',
      '`dictionary`',
    )
  })

  it('without `store` or `matcher` is E_USAGE naming it', async () => {
    await expectAuraError(() => createHybridCompressor(config, { matcher, dictionary } as never), 'E_USAGE', '`store`')
    await expectAuraError(() => createHybridCompressor(config, { store, dictionary } as never), 'E_USAGE', '`matcher`')
  })

  it('a field of the wrong kind is E_USAGE naming it', async () => {
    const wrong: [Record<string, unknown>, string][] = [
      [{ store, matcher, dictionary: [1, 2] }, 'resources.dictionary'],
      [{ store: {}, matcher, dictionary }, 'resources.store'],
      [{ store: 5, matcher, dictionary }, 'resources.store'],
      [{ store, matcher: store, dictionary }, 'resources.matcher'],
      [{ store, matcher: {}, dictionary }, 'resources.matcher'],
    ]
    for (const [resources, field] of wrong)
      await expectAuraError(() => createHybridCompressor(config, resources as never), 'E_USAGE', field)
  })

  it('an unknown fallback codec is E_UNKNOWN_CODEC naming it, with the closest name', async () => {
    const error = await failure(() =>
      createHybridCompressor({ ...config, fallback: 'zstdd' as never }, { store, matcher, dictionary }),
    )
    expect(error).toMatchObject({ code: 'E_UNKNOWN_CODEC', location: { field: 'fallback' } })
    expect((error as AuraError).message).toContain('"zstdd"')
    expect((error as AuraError).hint).toContain('did you mean "zstd"?')
    await expectAuraError(() => codecSpecFor('zzz' as never, config, null), 'E_UNKNOWN_CODEC', '"zzz"')
  })
})

describe('the other factories', () => {
  it('createMatcher of a store not parsed (templates not an array, or not parsed) is E_USAGE', async () => {
    await expectAuraError(() => createMatcher({ templates: 5 } as never), 'E_USAGE', 'createMatcher', 'store')
    await expectAuraError(() => createMatcher({ templates: [{}] } as never), 'E_USAGE', 'parseTemplateStore')
  })

  it('createCodec of zstd_dict without its dictionary is E_SCHEMA at `dictionary`', async () => {
    const error = await failure(() => createCodec({ name: 'zstd_dict' } as never))
    expect(error).toMatchObject({ code: 'E_SCHEMA', location: { field: 'dictionary' } })
  })

  it('a stateful sender or receiver: an unknown codec is E_USAGE, a missing dictionary is none', async () => {
    await expectAuraError(() => createStatefulSender({ codec: 'zsdt' } as never), 'E_USAGE', 'options.codec', "'cm'")
    await expectAuraError(() => createStatefulReceiver({ codec: 'x' } as never), 'E_USAGE', 'options.codec')
    await expectAuraError(
      () => createStatefulSender({ codec: 'cm', dictionary: 'abc' } as never),
      'E_USAGE',
      'options.dictionary',
    )
    // `cm` without the key threw TypeError inside the model; it is no dictionary, as for zstd and deflate
    for (const codec of ['cm', 'zstd', 'deflate'] as const) {
      const options = { codec, level: 3, windowLog: 15, memLevel: 8, fieldOperators: false }
      const sender = createStatefulSender(options as never)
      const receiver = createStatefulReceiver(options as never)
      const message = new TextEncoder().encode('user 17 logged in from 10.0.0.1')
      expect(await receiver.decode(await sender.encode(message))).toEqual(message)
    }
  })

  it('statefulOptionsFromConfig of a per-message config is E_USAGE, not FrameError E_INTERNAL', async () => {
    const error = await failure(() => statefulOptionsFromConfig(config, null))
    expect(error).toBeInstanceOf(AuraError)
    expect(error).toMatchObject({ code: 'E_USAGE' })
    expect((error as AuraError).message).toContain('mode: stateful')
  })

  it('projectCost with `configs` not an array is E_USAGE naming it', async () => {
    await expectAuraError(() => projectCost({ configs: 5 } as never), 'E_USAGE', 'input.configs')
  })
})
