import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { CONFIG_KEY_DEFAULTS, parseCompressorConfig } from './config.ts'

function issuesOf(text: string): string[] {
  try {
    parseCompressorConfig(text, '/c/x.yaml')
  } catch (error) {
    if (error instanceof AuraError) return error.issues.map((i) => `${i.line}: ${i.field}: ${i.message}`)
    throw error
  }
  return []
}

describe('codec keys a per-message config does not use', () => {
  it('are refused naming the field and the fallback, as a stateful config refuses them', () => {
    expect(issuesOf('name: x\nfallback: brotli\nzstd_level: 19\n')).toEqual([
      '3: zstd_level: zstd_level sets fallback: zstd, and this config uses fallback: brotli without aura: remove it, it would be ignored (or set the fallback it is for)',
    ])
    expect(issuesOf('fallback: zstd\ndeflate_level: 6\nzstd_checksum: true\n')).toEqual([
      expect.stringMatching(/^3: zstd_checksum: zstd_checksum sets fallback: zstd_dict, .*fallback: zstd without aura/),
      expect.stringMatching(/^2: deflate_level: deflate_level sets fallback: deflate, /),
    ])
  })

  it('brotli_window beside fallback deflate is about the fallback, not the Brotli binding', () => {
    expect(issuesOf('fallback: deflate\nbrotli_window: 16\n')).toEqual([
      '2: brotli_window: brotli_window sets Brotli (fallback: brotli, or the aura container of enable_aura: true), and this config uses fallback: deflate without aura: remove it, it would be ignored (or set the fallback it is for)',
    ])
  })

  it('are kept where they are read: Brotli keys for aura bodies, dictionary keys with any fallback', () => {
    expect(issuesOf('fallback: zstd\nenable_aura: true\nbrotli_quality: 5\nzstd_level: 19\n')).toEqual([])
    expect(issuesOf('fallback: brotli\nzstd_dict_training_corpus: a.jsonl\nzstd_dict_size_bytes: 4096\n')).toEqual([])
    expect(issuesOf('fallback: zstd_dict\nzstd_dict_path: d.bin\nzstd_dict_level: 3\nzstd_dict_id: true\n')).toEqual([])
    expect(issuesOf('zstd_level: 3\nbrotli_quality: 4\n').map((i) => i.split(':')[1])).toEqual([' zstd_level'])
  })
})

// s29's stop: these two were said only once the schema's errors were fixed, a second round of validate
describe('keys that need another key, beside a schema error', () => {
  it('come with the schema error, in file order', () => {
    expect(issuesOf('name: x\nfallback: zstd_dict\nbrotli_quality: 5.5\n')).toEqual([
      '2: fallback: fallback zstd_dict needs a dictionary: set zstd_dict_path or zstd_dict_training_corpus, or, in a suite, give the config entry `zstd_dict_training: { split: train }` (the suite trains it)',
      '3: brotli_quality: must be an int, found 5.5',
    ])
    expect(issuesOf('name: x\nbrotli_quality: 5.5\nbrotli_window: 20\nbrotli_mode: text\n')).toEqual([
      '2: brotli_quality: must be an int, found 5.5',
      '3: brotli_window: brotli_window needs brotli_library: node:zlib (brotli-wasm exposes only the quality)',
      '4: brotli_mode: brotli_mode needs brotli_library: node:zlib (brotli-wasm exposes only the quality)',
    ])
  })

  it('are left to the schema where it refuses the key itself, or the key they need', () => {
    expect(issuesOf('name: x\nbrotli_window: 99\n')).toEqual([expect.stringMatching(/^2: brotli_window: must be /)])
    expect(issuesOf('name: x\nbrotli_library: wasm\nbrotli_window: 20\n')).toEqual([
      expect.stringMatching(/^2: brotli_library: /),
    ])
    expect(issuesOf('name: x\nfallback: zstd_dict\nzstd_dict_path: 5\n')).toEqual([
      expect.stringMatching(/^3: zstd_dict_path: must be a string/),
    ])
  })
})

describe('defaults the cross-field check reads', () => {
  it('are the schema defaults: a config without the keys parses to them', () => {
    const config = parseCompressorConfig('name: x\n', '/c/x.yaml')
    expect(config.fallback).toBe(CONFIG_KEY_DEFAULTS.fallback)
    expect(config.brotliLibrary).toBe(CONFIG_KEY_DEFAULTS.brotli_library)
    // and the check reads them: no fallback means brotli (no dictionary needed), no library means brotli-wasm
    expect(issuesOf('name: x\nbrotli_window: 20\n')).toEqual([
      '2: brotli_window: brotli_window needs brotli_library: node:zlib (brotli-wasm exposes only the quality)',
    ])
  })
})
