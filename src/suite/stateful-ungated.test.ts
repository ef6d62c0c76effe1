/**
 * A suite whose targets and gate name a `mode: stateful` config (s34-trial D5): since round 35 validate says
 * `compare` judges them, replay still says it does not, and a target metric the stateful replay does not
 * measure is refused at the target's `metric`.
 */
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { validateFiles } from './validate-files.ts'
import { statefulGatedNote } from './stateful-targets.ts'
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
  it('validate notes that compare judges the stateful config, and only when the targets reach it', async () => {
    const notesOf = async (name: string, extra: string): Promise<string[]> => {
      const [result] = await validateFiles([write(name, suiteText(extra))])
      expect(result?.issues).toEqual([])
      return result?.notes ?? []
    }
    const gated = await notesOf('gated.yaml', 'targets: [{ metric: ratio, pass: 1000 }]\ngate: { configs: [st] }')
    expect(gated).toContain(statefulGatedNote('st'))
    expect(statefulGatedNote('st')).toContain('`compare` judges them')
    // no longer "NOT gated" where the gate judges (round 35); replay's own warning still says it does not judge
    expect(gated.join('\n')).not.toContain('NOT gated')
    expect(ungatedStatefulNote('st')).toContain('st is NOT gated by this replay')
    const all = await notesOf('all.yaml', 'targets: [{ metric: ratio, pass: 1000 }]')
    expect(all).toContain(statefulGatedNote('st'))
    const other = await notesOf('other.yaml', 'targets: [{ metric: ratio, pass: 2 }]\ngate: { configs: [plain] }')
    expect(other).not.toContain(statefulGatedNote('st'))
    expect(await notesOf('none.yaml', '')).not.toContain(statefulGatedNote('st'))
  })

  it('validate refuses a target metric a stateful entry has no figure for, at the target, with its line', async () => {
    const file = write(
      'hit-rate.yaml',
      suiteText(
        'targets:\n  - { metric: ratio, pass: 2 }\n  - { metric: templateHitRate, pass: 0.5 }\n  - { metric: shrinkRate, pass: 0.5, configs: [st] }',
      ),
    )
    const [result] = await validateFiles([file])
    expect(result?.issues).toEqual([
      expect.objectContaining({
        code: 'E_SCHEMA',
        file,
        field: 'targets[1].metric',
        line: 6,
        message: expect.stringMatching(
          /^templateHitRate has no figure for a stateful config: .*reaches every config, and st is mode: stateful/,
        ),
      }),
      expect.objectContaining({ field: 'targets[2].metric', line: 7, message: expect.stringContaining('it names st') }),
    ])
    // aimed at the per-message config only: fine
    const [aimed] = await validateFiles([
      write('aimed.yaml', suiteText('targets: [{ metric: templateHitRate, pass: 0.5, configs: [plain] }]')),
    ])
    expect(aimed?.issues).toEqual([])
  })

  it('validate refuses targets reaching a stateful config that compare.hybrids: false leaves unmeasured', async () => {
    const file = write(
      'no-hybrids.yaml',
      suiteText('targets: [{ metric: ratio, pass: 1000 }]\ngate: { configs: [st] }\ncompare: { hybrids: false }'),
    )
    const [result] = await validateFiles([file])
    expect(result?.issues).toEqual([
      expect.objectContaining({
        code: 'E_SCHEMA',
        file,
        field: 'compare.hybrids',
        line: 6,
        message: expect.stringMatching(
          /^is false, so `compare` measures no hybrid entry, yet targets\[0\] \(ratio\) reaches st,/,
        ),
      }),
    ])
    // aimed at the per-message config only, or hybrids measured: fine
    const [aimed] = await validateFiles([
      write(
        'aimed-nh.yaml',
        suiteText('targets: [{ metric: ratio, pass: 2, configs: [plain] }]\ncompare: { hybrids: false }'),
      ),
    ])
    expect(aimed?.issues).toEqual([])
    const [measured] = await validateFiles([
      write('measured.yaml', suiteText('targets: [{ metric: ratio, pass: 2 }]\ncompare: { hybrids: true }')),
    ])
    expect(measured?.issues).toEqual([])
  })

  it('isGatedBySuite: targets exist and the gate lists the config or none', () => {
    const targets = [{}] as never[]
    expect(isGatedBySuite({ targets, gate: { nearFails: false } }, 'st')).toBe(true)
    expect(isGatedBySuite({ targets, gate: { configs: ['x'], nearFails: false } }, 'st')).toBe(false)
    expect(isGatedBySuite({ targets: [], gate: { nearFails: false } }, 'st')).toBe(false)
  })
})
