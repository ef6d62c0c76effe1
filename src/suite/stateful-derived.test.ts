/**
 * A `mode: stateful` config entry with `discover:` / `zstd_dict_training:` is refused by compare,
 * replay and validate: every entry and every key, each at its field (compare and replay named only the
 * first entry, and validate only the first key of an entry).
 */
import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import { refuseStatefulDerived } from './external-refusal.ts'
import { loadSuite } from './parse-suite.ts'
import { validateFiles } from './validate-files.ts'

const { write } = createTempTree('aura-stateful-derived-')
write('corpora/m.txt', 'hello\nworld\n')
write('configs/stateful.yaml', 'name: st\nmode: stateful\nzstd_dict_size_bytes: 4096\nstateful: { codec: cm }\n')
write('configs/plain.yaml', 'name: plain\nfallback: deflate\n')
const suite = write(
  'suite.yaml',
  [
    'name: s',
    'corpora: [{ path: corpora/m.txt, split: { train_fraction: 0.5, mode: ordered } }]',
    'configs:',
    '  - { path: configs/stateful.yaml, name: a, discover: { split: train }, zstd_dict_training: { split: train } }',
    '  - { path: configs/plain.yaml, discover: { split: train } }',
    '  - { path: configs/stateful.yaml, name: b, zstd_dict_training: { split: train } }',
    '',
  ].join('\n'),
)
const EXPECTED = [
  ['configs[0].discover', 4],
  ['configs[0].zstd_dict_training', 4],
  ['configs[2].zstd_dict_training', 6],
]

describe('stateful config entries with derived state', () => {
  it('compare and replay name every entry and key, each with its file and line', async () => {
    const error = await refuseStatefulDerived(await loadSuite(suite)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    const issues = (error as AuraError).issues
    expect(issues.map((i) => [i.field, i.line])).toEqual(EXPECTED)
    expect(issues.every((i) => i.file === suite && i.code === 'E_SCHEMA')).toBe(true)
    expect(issues[1]?.message).toContain('config a is mode: stateful: zstd_dict_training derives state')
  })

  it('validate reports the same issues', async () => {
    const [result] = await validateFiles([suite])
    const derived = result?.issues.filter((i) => i.message.includes('derives state'))
    expect(derived?.map((i) => [i.field, i.line])).toEqual(EXPECTED)
  })
})

describe('a suite built in code (entries without an origin)', () => {
  it('names the suite file, as the refusal did before it gathered every entry', async () => {
    const loaded = await loadSuite(suite)
    const unlocated = { ...loaded, configs: loaded.configs.map(({ origin: _origin, ...ref }) => ref) }
    const error = (await refuseStatefulDerived(unlocated).catch((e: unknown) => e)) as AuraError
    expect(error.issues.length).toBeGreaterThan(0)
    expect(error.issues.every((issue) => issue.file === suite)).toBe(true)
  })
})
