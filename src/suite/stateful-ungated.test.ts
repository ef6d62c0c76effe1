/** A suite whose targets and gate name a `mode: stateful` config: validate says it is not gated (s34-trial D5). */
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { validateFiles } from './validate-files.ts'
import { isGatedBySuite, ungatedStatefulNote } from './validate-suite.ts'

const { write } = createTempTree('aura-stateful-ungated-')
write('corpora/m.txt', 'hello\nworld\n')
write('configs/stateful.yaml', 'name: st\nmode: stateful\nzstd_dict_size_bytes: 4096\nstateful: { codec: cm }\n')
write('configs/plain.yaml', 'name: plain\nfallback: deflate\n')
const suiteText = (extra: string) =>
  [
    'name: s',
    'corpora: [{ path: corpora/m.txt, split: { train_fraction: 0.5, mode: ordered } }]',
    'configs: [configs/stateful.yaml, configs/plain.yaml]',
    extra,
    '',
  ].join('\n')

describe('targets naming a stateful config', () => {
  it('validate notes that the stateful config is not gated, and only when the targets reach it', async () => {
    const notesOf = async (name: string, extra: string): Promise<string[]> => {
      const [result] = await validateFiles([write(name, suiteText(extra))])
      expect(result?.issues).toEqual([])
      return result?.notes ?? []
    }
    const gated = await notesOf('gated.yaml', 'targets: [{ metric: ratio, pass: 1000 }]\ngate: { configs: [st] }')
    expect(gated).toContain(ungatedStatefulNote('st'))
    expect(ungatedStatefulNote('st')).toContain('st is NOT gated')
    const all = await notesOf('all.yaml', 'targets: [{ metric: ratio, pass: 1000 }]')
    expect(all).toContain(ungatedStatefulNote('st'))
    const other = await notesOf('other.yaml', 'targets: [{ metric: ratio, pass: 2 }]\ngate: { configs: [plain] }')
    expect(other).not.toContain(ungatedStatefulNote('st'))
    expect(await notesOf('none.yaml', '')).not.toContain(ungatedStatefulNote('st'))
  })

  it('isGatedBySuite: targets exist and the gate lists the config or none', () => {
    const targets = [{}] as never[]
    expect(isGatedBySuite({ targets, gate: { nearFails: false } }, 'st')).toBe(true)
    expect(isGatedBySuite({ targets, gate: { configs: ['x'], nearFails: false } }, 'st')).toBe(false)
    expect(isGatedBySuite({ targets: [], gate: { nearFails: false } }, 'st')).toBe(false)
  })
})
