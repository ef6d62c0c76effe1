import { describe, expect, it } from 'vitest'
import { AuraError, type Issue } from '../core/index.ts'
import { parseCompressorConfig } from './config.ts'
import { DEFAULT_EXTERNAL_TIMEOUT_MS, isExternalConfig } from './external-config.ts'
import { parseSuite } from './parse-suite.ts'

const SUITE = `
name: gated
corpora: [../corpora/week1/messages.jsonl]
configs: [../configs/emergency.yaml]
targets:
  - { metric: ratio, pass: 1.5 }
`

function issuesOf(parse: () => unknown): Issue[] {
  try {
    parse()
  } catch (error) {
    if (error instanceof AuraError) return [...error.issues]
    throw error
  }
  return []
}

describe('suite regression section', () => {
  it('reads thresholds per metric in camelCase', () => {
    const suite = parseSuite(
      `${SUITE}regression:\n  ratio: { fail_relative: 0.02, warn_relative: 0.005 }\n  encodeP99Us: { fail_relative: 0.25, fail_absolute: 50 }\n`,
      '/p/suites/s.yaml',
    )
    expect(suite.regression).toEqual({
      ratio: { failRelative: 0.02, warnRelative: 0.005 },
      encodeP99Us: { failRelative: 0.25, failAbsolute: 50 },
    })
    expect(parseSuite(SUITE, '/p/suites/s.yaml').regression).toBeUndefined()
  })

  it('names unknown metrics and keys, negative allowances and a warn level above its fail level, with lines', () => {
    const issues = issuesOf(() =>
      parseSuite(
        `${SUITE}regression:\n  ratoi: { fail_relative: 0.02 }\n  savings: { warn_relative: 0.1, fail_relative: 0.05 }\n  shrinkRate: { fail_relatve: 0.1 }\n  meanRatio: { fail_absolute: -1 }\n`,
        '/p/suites/s.yaml',
      ),
    )
    expect(issues.map((i) => [i.code, i.field, i.line])).toEqual([
      ['E_UNKNOWN_METRIC', 'regression.ratoi', 8],
      ['E_SCHEMA', 'regression.savings.warn_relative', 9],
      ['E_UNKNOWN_KEY', 'regression.shrinkRate.fail_relatve', 10],
      ['E_SCHEMA', 'regression.meanRatio.fail_absolute', 11],
    ])
    expect(issues[0]?.message).toContain('did you mean `ratio`?')
  })
})

describe('external compressor config keys', () => {
  it('reads a command, resolved in the config folder, with the default timeout', () => {
    const config = parseCompressorConfig(
      'name: py\nexternal_command: ["python3", "compressor.py"]\n',
      '/team/configs/py.yaml',
    )
    expect(isExternalConfig(config)).toBe(true)
    if (!isExternalConfig(config)) return
    expect(config.external).toEqual({
      kind: 'command',
      command: ['python3', 'compressor.py'],
      cwd: '/team/configs',
      timeoutMs: DEFAULT_EXTERNAL_TIMEOUT_MS,
    })
  })

  it('reads a module path relative to the config, and leaves hybrid configs alone', () => {
    const config = parseCompressorConfig(
      'external_module: ../lib/codec.mjs\nexternal_timeout_ms: 900\n',
      '/team/configs/mod.yaml',
    )
    expect(isExternalConfig(config) && config.external).toEqual({
      kind: 'module',
      modulePath: '/team/lib/codec.mjs',
      timeoutMs: 900,
    })
    expect(isExternalConfig(parseCompressorConfig('fallback: zstd\n', '/team/configs/h.yaml'))).toBe(false)
  })

  it('refuses both kinds at once, hybrid keys beside them, a timeout alone and an empty command', () => {
    const issuesOfConfig = (yaml: string) =>
      issuesOf(() => parseCompressorConfig(yaml, '/c.yaml')).map((i) => [i.field, i.line])
    expect(issuesOfConfig('external_module: a.mjs\nexternal_command: [x]\n')).toEqual([['external_command', 2]])
    expect(issuesOfConfig('external_command: [x]\nfallback: zstd\nenable_aura: true\n')).toEqual([
      ['fallback', 2],
      ['enable_aura', 3],
    ])
    expect(issuesOfConfig('external_timeout_ms: 100\n')).toEqual([['external_timeout_ms', 1]])
    expect(issuesOfConfig('external_command: []\n')).toEqual([['external_command', 1]])
  })
})
