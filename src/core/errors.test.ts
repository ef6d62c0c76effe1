import { describe, expect, it } from 'vitest'
import { AuraError, describeError, errorText, FrameError, renderError, toFrameError } from './errors.ts'

describe('error classes', () => {
  it('instanceof holds for an error from another copy of the module (the bundled CLI vs the library a user module imports)', async () => {
    // a second instance of this very module: the same source, its own classes
    const copy = './errors.ts?second-copy'
    const other = (await import(/* @vite-ignore */ copy)) as typeof import('./errors.ts')
    expect(other.AuraError).not.toBe(AuraError)
    const foreign = new other.FrameError('E_FRAME_CORRUPT', 'from the other copy')
    expect(foreign instanceof AuraError).toBe(true)
    expect(foreign instanceof FrameError).toBe(true)
    expect(toFrameError('prefix', foreign)).toBe(foreign)
    const plain = new other.AuraError('E_SCHEMA', 'not a frame error')
    expect(plain instanceof AuraError).toBe(true)
    expect(plain instanceof FrameError).toBe(false)
  })

  it('plain errors and look-alikes are not aura errors', () => {
    expect(new Error('x') instanceof AuraError).toBe(false)
    expect({ code: 'E_FRAME_CORRUPT', message: 'x' } instanceof FrameError).toBe(false)
    expect((null as unknown as object) instanceof AuraError).toBe(false)
    expect(new AuraError('E_SCHEMA', 'x') instanceof Error).toBe(true)
  })
})

describe('an AuraError names where in its message (s42-trial D7)', () => {
  it('a located error says file:line: field: reason; `reason` keeps the text alone; renderError is unchanged', () => {
    const error = new AuraError('E_SCHEMA', 'must be at most 22, found 30', {
      file: 'c.yaml',
      line: 3,
      field: 'zstd_dict_level',
    })
    expect(error.message).toBe('c.yaml:3: zstd_dict_level: must be at most 22, found 30')
    expect(error.reason).toBe('must be at most 22, found 30')
    expect(renderError(error)).toBe('error E_SCHEMA in c.yaml:3: zstd_dict_level: must be at most 22, found 30')
    expect(describeError(error).message).toBe('must be at most 22, found 30')
  })

  it('what the reason already says is not said twice: a file it names, a field it begins with', () => {
    expect(new AuraError('E_BASELINE', 'baseline not found: b.json', { file: 'b.json' }).message).toBe(
      'baseline not found: b.json',
    )
    expect(new AuraError('E_USAGE', '--baseline "x" is not a config', { field: '--baseline' }).message).toBe(
      '--baseline "x" is not a config',
    )
    // with a line the file is kept: the line says where in it
    expect(new AuraError('E_SCHEMA', 'b.json is odd', { file: 'b.json', line: 2 }).message).toBe(
      'b.json:2: b.json is odd',
    )
  })

  it('an error with no location keeps its message as written', () => {
    expect(new AuraError('E_USAGE', 'compress: the message must be a string').message).toBe(
      'compress: the message must be a string',
    )
    expect(new FrameError('E_FRAME_EMPTY', 'frame is empty').message).toBe('frame is empty')
  })

  it('an error gathering several problems lists each with where it is, the first few then "and N more"', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({
      code: 'E_SCHEMA' as const,
      file: 's.yaml',
      line: i + 1,
      field: `targets[${i}]`,
      message: 'bad',
    }))
    const error = new AuraError('E_SCHEMA', 'suite s.yaml: 7 problems', { file: 's.yaml' }, { issues })
    expect(error.message).toBe(
      'suite s.yaml: 7 problems: s.yaml:1: targets[0]: bad; s.yaml:2: targets[1]: bad; s.yaml:3: targets[2]: bad; s.yaml:4: targets[3]: bad; s.yaml:5: targets[4]: bad; and 2 more',
    )
    expect(error.reason).toBe('suite s.yaml: 7 problems')
  })
})

describe('round-43 review fixes of the located message (s43-rev1)', () => {
  it('H1: an AuraError of a copy built before round 43 (no reason) is described by its message, not undefined', () => {
    const older = new Error('frame is cut short') as Error & { code: string }
    older.code = 'E_FRAME_TRUNCATED'
    Object.defineProperty(older, Symbol.for('aura-bench.error-kinds'), { value: ['AuraError', 'FrameError'] })
    expect(older instanceof AuraError).toBe(true)
    expect(describeError(older)).toEqual({ code: 'E_FRAME_TRUNCATED', message: 'frame is cut short' })
    expect(errorText(older)).toBe('E_FRAME_TRUNCATED: frame is cut short')
  })

  it('L1: a summary quoting its first problem does not list it again', () => {
    const issues = [
      { code: 'E_SCHEMA' as const, file: 'c.json', field: 'environment.node', message: 'must be a string' },
      { code: 'E_SCHEMA' as const, file: 'c.json', field: 'suite', message: 'must be the suite name' },
    ]
    const error = new AuraError(
      'E_SCHEMA',
      'c.json is not a comparison.json: environment.node must be a string',
      { file: 'c.json', field: 'environment.node' },
      { issues },
    )
    expect(error.message).toBe(
      'c.json is not a comparison.json: environment.node must be a string: c.json: suite: must be the suite name',
    )
  })

  it('L2: a file inside a longer name and a field that only begins a longer word are still said', () => {
    expect(new AuraError('E_BASELINE', 'differs from old-a.json', { file: 'a.json' }).message).toBe(
      'a.json: differs from old-a.json',
    )
    expect(new AuraError('E_SCHEMA', 'levels must be a list', { field: 'level' }).message).toBe(
      'level: levels must be a list',
    )
    expect(new AuraError('E_SCHEMA', 'level: must be a number', { field: 'level' }).message).toBe(
      'level: must be a number',
    )
    expect(new AuraError('E_BASELINE', 'baseline not found: a.json.', { file: 'a.json' }).message).toBe(
      'baseline not found: a.json.',
    )
  })
})
