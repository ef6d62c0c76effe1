import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { AuraError, toBytes } from '../core/index.ts'
import { CODEC_NAMES, type CodecSpec, codecLibraryVersions, createCodec, createCodecSync } from './registry.ts'

const manifest = createRequire(import.meta.url)('../../package.json') as { dependencies: Record<string, string> }

describe('createCodec', () => {
  it('builds every codec under its own name', async () => {
    for (const name of CODEC_NAMES) {
      const spec = (name === 'zstd_dict' ? { name, dictionary: toBytes('dictionary') } : { name }) as CodecSpec
      const codec = await createCodec(spec)
      expect(codec.name).toBe(name)
      expect(codec.isAsync).toBe(name === 'zstd')
      expect(codec.libraryVersion).toMatch(/^\d+\.\d+/)
    }
  })

  it('rejects an unknown name with a did-you-mean', async () => {
    const error = await createCodec({ name: 'brotly' } as unknown as CodecSpec).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    expect(error).toMatchObject({ code: 'E_UNKNOWN_CODEC', hint: expect.stringContaining('did you mean "brotli"?') })
  })

  it.each([
    [{ name: 'brotli', quality: 12 }, 'quality'],
    [{ name: 'brotli_native', windowBits: 9 }, 'windowBits'],
    [{ name: 'brotli_native', mode: 'html' }, 'mode'],
    [{ name: 'zstd', level: 0 }, 'level'],
    [{ name: 'zstd_napi', level: 2.5 }, 'level'],
    [{ name: 'zstd_dict', dictionary: new Uint8Array(0) }, 'dictionary'],
    [{ name: 'deflate', windowBits: 8 }, 'windowBits'],
    [{ name: 'deflate', memLevel: 10 }, 'memLevel'],
  ])('rejects %j as E_SCHEMA at %s', async (spec, field) => {
    await expect(createCodec(spec as CodecSpec)).rejects.toMatchObject({ code: 'E_SCHEMA', location: { field } })
  })

  it('passes window options through: a 1 KiB window misses repeats 4 KiB apart', async () => {
    const block = toBytes(
      Array.from({ length: 400 }, (_, i) => String((i * 7919) % 1000))
        .join(' ')
        .slice(0, 4096),
    )
    const message = new Uint8Array([...block, ...block])
    const sizeBytes = async (spec: CodecSpec): Promise<number> =>
      (await (await createCodec(spec)).encode(message)).length
    expect(await sizeBytes({ name: 'brotli_native', windowBits: 24 })).toBeLessThan(
      await sizeBytes({ name: 'brotli_native', windowBits: 10 }),
    )
    expect(await sizeBytes({ name: 'deflate', windowBits: 15 })).toBeLessThan(
      await sizeBytes({ name: 'deflate', windowBits: 9 }),
    )
  })
})

describe('createCodecSync', () => {
  it('builds what createCodec builds, without a promise, and throws what it rejects with', async () => {
    for (const name of CODEC_NAMES) {
      const spec = (name === 'zstd_dict' ? { name, dictionary: toBytes('dictionary') } : { name }) as CodecSpec
      const [sync, viaPromise] = [createCodecSync(spec), await createCodec(spec)]
      expect({ name: sync.name, isAsync: sync.isAsync, library: sync.library }).toEqual({
        name: viaPromise.name,
        isAsync: viaPromise.isAsync,
        library: viaPromise.library,
      })
      const message = toBytes(`a message for ${name}, ${name}, ${name}`)
      expect(await sync.encode(message)).toEqual(await viaPromise.encode(message))
    }
    expect(() => createCodecSync({ name: 'brotly' } as unknown as CodecSpec)).toThrow(
      expect.objectContaining({ code: 'E_UNKNOWN_CODEC' }),
    )
    expect(() => createCodecSync({ name: 'deflate', memLevel: 10 })).toThrow(
      expect.objectContaining({ code: 'E_SCHEMA' }),
    )
  })
})

describe('codecLibraryVersions', () => {
  it('reports the installed versions of the pinned packages', () => {
    const versions = codecLibraryVersions()
    for (const name of ['brotli-wasm', '@mongodb-js/zstd', 'zstd-napi'])
      expect(versions[name]).toBe(manifest.dependencies[name])
    expect(versions['node:zlib']).toBe(process.versions.zlib)
    expect(versions['zstd-napi libzstd']).toMatch(/^1\.\d+\.\d+$/)
  })
})
