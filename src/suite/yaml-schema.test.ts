// Unknown-key messages list the keys valid at that place, for every nested object of the suite and
// config schemas (through records, lists, unions and wrappers): none may come out as "known keys: ".
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { compressorConfigSchema } from './config.ts'
import { suiteSchema } from './suite-schema.ts'
import { objectKeysAt } from './schema-keys.ts'
import { parseYaml } from './yaml-schema.ts'
import { toIssues } from './zod-issues.ts'

type Def = { type?: string; shape?: Record<string, unknown>; [key: string]: unknown }
const defOf = (schema: unknown): Def | undefined => (schema as { def?: Def } | undefined)?.def

/** Every object schema reachable from `schema`, with a path a value would have to reach it. */
function objectsIn(
  schema: unknown,
  path: PropertyKey[] = [],
  seen = new Set<unknown>(),
): Array<{ path: PropertyKey[]; keys: string[] }> {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = defOf(schema)
  const inner = (next: unknown, key?: PropertyKey) => objectsIn(next, key === undefined ? path : [...path, key], seen)
  switch (def?.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>
      return [{ path, keys: Object.keys(shape) }, ...Object.entries(shape).flatMap(([key, value]) => inner(value, key))]
    }
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
    case 'catch':
      return inner(def['innerType'])
    case 'pipe':
      return [...inner(def['in']), ...inner(def['out'])]
    case 'record':
      return inner(def['valueType'], 'anyName')
    case 'array':
      return inner(def['element'], 0)
    case 'union':
      return (def['options'] as unknown[]).flatMap((option) => inner(option))
    default:
      return []
  }
}

describe('objectKeysAt', () => {
  for (const [name, schema, atLeast] of [
    ['suite', suiteSchema, 10],
    ['config', compressorConfigSchema, 2],
  ] as const) {
    it(`finds the keys of every nested object of the ${name} schema`, () => {
      const objects = objectsIn(schema)
      expect(objects.length).toBeGreaterThanOrEqual(atLeast)
      for (const { path, keys } of objects)
        expect({ path, keys: objectKeysAt(schema as z.ZodType, path) }).toEqual({
          path,
          keys: expect.arrayContaining(keys),
        })
    })
  }

  it('a typo in a regression threshold lists the valid keys and the closest one', () => {
    const text = 'regression:\n  ratio: { fail_relativ: 0.02 }\n'
    const parsed = parseYaml(text, 's.yaml')
    if (!('source' in parsed)) throw new Error('YAML should parse')
    const result = suiteSchema.safeParse(parsed.source.value)
    expect(result.success).toBe(false)
    if (result.success) return
    const issue = toIssues(result.error, suiteSchema, 's.yaml', parsed.source).find((i) => i.code === 'E_UNKNOWN_KEY')
    expect(issue).toMatchObject({ field: 'regression.ratio.fail_relativ', line: 2 })
    expect(issue?.message).toContain('did you mean `fail_relative`?')
    expect(issue?.message).toMatch(/known keys: (\w+, )+\w+\)/)
  })

  it('a value past two upper bounds of one field is one issue with the tightest limit (1e20: not also 2^53-1)', () => {
    const text = 'name: x\nmax_message_bytes: 99999999999999999999\n'
    const parsed = parseYaml(text, 'c.yaml')
    if (!('source' in parsed)) throw new Error('YAML should parse')
    const result = compressorConfigSchema.safeParse(parsed.source.value)
    expect(result.success).toBe(false)
    if (result.success) return
    expect(toIssues(result.error, compressorConfigSchema, 'c.yaml', parsed.source)).toEqual([
      expect.objectContaining({
        field: 'max_message_bytes',
        line: 2,
        message: 'must be at most 1073741824, found 100000000000000000000',
      }),
    ])
  })
})

// s29's stop: `<<: 5` came out as `malformed YAML: Merge sources must be maps or map aliases`, with no line or key
describe('a merge key whose value is not a mapping', () => {
  const issuesOf = (text: string) => {
    const parsed = parseYaml(text, 's.yaml')
    return 'issues' in parsed ? parsed.issues.map(({ line, field, message }) => ({ line, field, message })) : []
  }

  it('is an issue at its field and line, for a scalar, a list item, an alias of a scalar and nothing', () => {
    const issues = issuesOf(
      'name: s\ncorpora:\n  - &c { path: a.log }\n  - { path: b.log, <<: [*c, 5] }\n  - { <<: *n, path: x }\n<<: brotli\nn: &n 7\nm:\n  <<:\n',
    )
    expect(issues.map(({ line, field }) => [line, field])).toEqual([
      [4, 'corpora[1].<<[1]'],
      [5, 'corpora[2].<<'],
      [6, '<<'],
      [9, 'm.<<'],
    ])
    expect(issues[2]?.message).toBe(
      'malformed YAML: the merge key `<<` takes a mapping (`<<: *anchor` of a mapping, `<<: { key: value }`, or a list of those), found "brotli"',
    )
    expect(issues[0]?.message).toMatch(/found 5$/)
    expect(issues[1]?.message).toMatch(/found the alias \*n, not of a mapping$/)
  })

  it('leaves merges of mappings, and a quoted "<<" key, to be read', () => {
    const parsed = parseYaml('a: &a { x: 1 }\nb: { <<: *a, y: 2 }\nc: { <<: [*a, { z: 3 }] }\n"<<": 4\n', 's.yaml')
    expect('source' in parsed && parsed.source.value).toEqual({
      a: { x: 1 },
      b: { x: 1, y: 2 },
      c: { x: 1, z: 3 },
      '<<': 4,
    })
  })
})
