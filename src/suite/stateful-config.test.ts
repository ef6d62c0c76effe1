import { describe, expect, it } from 'vitest'
import { parseCompressorConfig } from './config.ts'

describe('mode: stateful in a compressor config', () => {
  it('is absent from per-message configs, so their parsed shape is unchanged', () => {
    const config = parseCompressorConfig('name: a\n', '/x/a.yaml')
    expect(config.mode).toBeUndefined()
    expect(config.stateful).toBeUndefined()
  })

  it('parses with defaults (zstd L19 w15, field operators off as the shipped config has them, since s30)', () => {
    expect(parseCompressorConfig('name: s\nmode: stateful\n', '/x/s.yaml').stateful).toEqual({
      codec: 'zstd',
      level: 19,
      windowLog: 15,
      memLevel: 8,
      fieldOperators: false,
    })
  })

  it('refuses per-message settings it would ignore, each by its field, and keeps its dictionary keys', () => {
    const bad = () =>
      parseCompressorConfig(
        'name: s\nmode: stateful\nfallback: brotli\nzstd_level: 3\nzstd_dict_size_bytes: 32768\nstateful: { codec: cm }\n',
        '/x/mixed.yaml',
      )
    expect(bad).toThrow(
      expect.objectContaining({
        code: 'E_SCHEMA',
        issues: [
          expect.objectContaining({ field: 'fallback', file: '/x/mixed.yaml', line: 3 }),
          expect.objectContaining({ field: 'zstd_level', file: '/x/mixed.yaml', line: 4 }),
        ],
      }),
    )
    expect(
      parseCompressorConfig(
        'name: s\ndescription: d\nmode: stateful\nzstd_dict_size_bytes: 32768\nstateful: { codec: cm }\n',
        '/x/ok.yaml',
      ).zstdDictSizeBytes,
    ).toBe(32768)
    // beside zstd_dict_path the size was ignored without a word (a trial's stateful config): refused, by its field
    expect(() =>
      parseCompressorConfig(
        'name: s\nmode: stateful\nzstd_dict_path: d.dict\nzstd_dict_size_bytes: 32768\nstateful: { codec: cm }\n',
        '/x/both.yaml',
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'E_SCHEMA',
        issues: [expect.objectContaining({ field: 'zstd_dict_size_bytes', file: '/x/both.yaml', line: 4 })],
      }),
    )
  })

  it("defaults the level to fit the codec: deflate 6 (permessage-deflate's usual level), zstd 19", () => {
    const deflate = parseCompressorConfig('mode: stateful\nstateful:\n  codec: deflate\n', '/x/deflate.yaml')
    expect(deflate.stateful).toMatchObject({ codec: 'deflate', level: 6, windowLog: 15, memLevel: 8 })
    const zstd = parseCompressorConfig('mode: stateful\nstateful:\n  codec: zstd\n', '/x/zstd.yaml')
    expect(zstd.stateful).toMatchObject({ codec: 'zstd', level: 19 })
    const written = parseCompressorConfig('mode: stateful\nstateful: { codec: deflate, level: 9 }\n', '/x/d9.yaml')
    expect(written.stateful?.level).toBe(9)
  })

  it('checks the level and window against the codec and names the field', () => {
    const bad = () => parseCompressorConfig('mode: stateful\nstateful:\n  codec: deflate\n  level: 19\n', '/x/bad.yaml')
    expect(bad).toThrow(
      expect.objectContaining({
        code: 'E_SCHEMA',
        issues: [expect.objectContaining({ field: 'stateful.level', file: '/x/bad.yaml' })],
      }),
    )
  })

  it('cm takes its history as window_log 10-16 (its match index keeps 16-bit positions)', () => {
    const ok = parseCompressorConfig(
      'mode: stateful\nstateful: { codec: cm, window_log: 15, hash_log: 12 }\n',
      '/x/cm.yaml',
    )
    expect(ok.stateful).toMatchObject({ codec: 'cm', windowLog: 15, hashLog: 12 })
    expect(() =>
      parseCompressorConfig('mode: stateful\nstateful: { codec: cm, window_log: 17 }\n', '/x/cm17.yaml'),
    ).toThrow(
      expect.objectContaining({
        code: 'E_SCHEMA',
        issues: [expect.objectContaining({ field: 'stateful.window_log', file: '/x/cm17.yaml' })],
      }),
    )
  })

  it('large_message_bytes is a cm setting: parsed for cm, E_SCHEMA at its key for another stream', () => {
    const ok = parseCompressorConfig(
      'mode: stateful\nstateful: { codec: cm, large_message_bytes: 8192 }\n',
      '/x/cm.yaml',
    )
    expect(ok.stateful).toMatchObject({ codec: 'cm', largeMessageBytes: 8192 })
    expect(() =>
      parseCompressorConfig('mode: stateful\nstateful: { codec: zstd, large_message_bytes: 8192 }\n', '/x/z.yaml'),
    ).toThrow(
      expect.objectContaining({
        code: 'E_SCHEMA',
        issues: [expect.objectContaining({ field: 'stateful.large_message_bytes', file: '/x/z.yaml' })],
      }),
    )
  })

  it('history_path_bytes is a cm setting (round 42): parsed for cm, E_SCHEMA at its key for another stream or below 0', () => {
    const ok = parseCompressorConfig('mode: stateful\nstateful: { codec: cm, history_path_bytes: 512 }\n', '/x/cm.yaml')
    expect(ok.stateful).toMatchObject({ codec: 'cm', historyPathBytes: 512 })
    const below = parseCompressorConfig(
      'mode: stateful\nstateful: { codec: cm, history_path_bytes: 512, large_message_bytes: 4096 }\n',
      '/x/below.yaml',
    )
    expect(below.stateful).toMatchObject({ historyPathBytes: 512, largeMessageBytes: 4096 })
    for (const [yaml, file] of [
      ['mode: stateful\nstateful: { codec: deflate, history_path_bytes: 512 }\n', '/x/d.yaml'],
      ['mode: stateful\nstateful: { codec: cm, history_path_bytes: -1 }\n', '/x/n.yaml'],
      // s42-rev1 F4: no message could take the path
      ['mode: stateful\nstateful: { codec: cm, history_path_bytes: 4096, large_message_bytes: 4096 }\n', '/x/l.yaml'],
    ] as const)
      expect(() => parseCompressorConfig(yaml, file)).toThrow(
        expect.objectContaining({
          code: 'E_SCHEMA',
          issues: [expect.objectContaining({ field: 'stateful.history_path_bytes', file })],
        }),
      )
  })

  it('an unknown key under stateful is E_UNKNOWN_KEY', () => {
    expect(() => parseCompressorConfig('mode: stateful\nstateful:\n  levle: 3\n', '/x/typo.yaml')).toThrow(
      expect.objectContaining({ code: 'E_UNKNOWN_KEY' }),
    )
  })

  it('reports every range problem of the block at once, beside the schema issues', () => {
    const text =
      'name: b\nmode: stateful\nstateful:\n  codec: deflate\n  window_log: 20\n  level: 12\n  mem_level: 10\n'
    expect(() => parseCompressorConfig(text, '/x/d.yaml')).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ field: 'stateful.level', message: 'stateful deflate needs level 0-9, got 12' }),
          expect.objectContaining({ field: 'stateful.window_log' }),
          expect.objectContaining({
            field: 'stateful.mem_level',
            message: 'stateful deflate needs mem_level 1-9, got 10',
          }),
        ],
      }),
    )
    // a schema issue elsewhere (an unknown key) does not hold the range issues back for a second round
    expect(() => parseCompressorConfig(`${text}fallbak: zstd\n`, '/x/d.yaml')).toThrow(
      expect.objectContaining({
        issues: expect.arrayContaining([
          expect.objectContaining({ field: 'fallbak' }),
          expect.objectContaining({ field: 'stateful.mem_level' }),
          expect.objectContaining({ field: 'stateful.level' }),
        ]),
      }),
    )
  })

  it('refuses a key the codec ignores, naming field and codec (cm has no level or mem_level)', () => {
    expect(() =>
      parseCompressorConfig('mode: stateful\nstateful: { codec: cm, level: 9, mem_level: 8 }\n', '/x/cm.yaml'),
    ).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            field: 'stateful.level',
            message: 'stateful level is not used by codec cm (only by zstd, deflate): remove it, it would be ignored',
          }),
          expect.objectContaining({ field: 'stateful.mem_level' }),
        ],
      }),
    )
  })

  it('refuses a stateful block without mode: stateful, naming the field', () => {
    expect(() => parseCompressorConfig('name: e\nstateful:\n  codec: cm\n', '/x/e.yaml')).toThrow(
      expect.objectContaining({
        code: 'E_SCHEMA',
        issues: [expect.objectContaining({ field: 'stateful', message: expect.stringContaining('mode: stateful') })],
      }),
    )
  })
})
