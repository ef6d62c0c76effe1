/**
 * `run --baseline` and `compare --baseline` read their file through one reader (suite/baseline-file.ts, round 36):
 * each loader's refusals of a missing file, a folder, text that is not JSON and another output of ours, pinned to
 * the letter (message, location, hint), so the shared reader changes neither.
 */
import { describe, expect, it } from 'vitest'
import { loadComparisonBaseline } from '../compare/index.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import { loadBaseline } from '../gate/index.ts'

const { root, write } = createTempTree('aura-baseline-errors-')
const at = (name: string) => `${root}/${name}`

write('folder/x', '')
write('broken.json', '{"kind": "compare", ')
write('comparison.json', JSON.stringify({ kind: 'compare', suite: 'gw', corpora: [] }))
write('results.json', JSON.stringify({ schemaVersion: 1, suite: 'gw', runs: [] }))
write('cost.json', JSON.stringify({ kind: 'cost', schemaVersion: 1 }))

/** The refusal as the CLI prints it: code, message, location and hint. */
async function refusal(load: Promise<unknown>) {
  const error = (await load.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code: string; message: string; reason: string; location: unknown; hint: string | undefined }
  return { code: error.code, message: error.reason, location: error.location, hint: error.hint }
}

describe('run --baseline (a results.json)', () => {
  const hint = (name: string) => `write a baseline on purpose with \`aura-bench run <suite> --save-baseline ${name}\``
  const notResults =
    '--baseline takes a results.json or a file `aura-bench run <suite> --save-baseline FILE` wrote; name one of those'
  const load = (name: string) => refusal(loadBaseline(at(name), name, root))

  it('names a missing file and a folder with the save-baseline hint', async () => {
    expect(await load('missing.json')).toEqual({
      code: 'E_BASELINE',
      message: 'baseline not found: missing.json',
      location: { file: 'missing.json' },
      hint: hint('missing.json'),
    })
    expect(await load('folder')).toEqual({
      code: 'E_BASELINE',
      message: 'baseline folder is a folder; name its results.json',
      location: { file: 'folder' },
      hint: hint('folder'),
    })
  })

  it('names text that is not JSON and another output of ours with the not-a-results hint', async () => {
    const broken = await load('broken.json')
    expect(broken).toMatchObject({ code: 'E_BASELINE', location: { file: 'broken.json' }, hint: notResults })
    expect(broken.message).toMatch(/^baseline broken\.json is not valid JSON: ./)
    expect(await load('comparison.json')).toEqual({
      code: 'E_BASELINE',
      message:
        "baseline comparison.json is a comparison (comparison.json, written by `aura-bench compare`), not a run's results.json",
      location: { file: 'comparison.json' },
      hint: notResults,
    })
    expect((await load('cost.json')).message).toBe(
      "baseline cost.json is a cost (cost.json, written by `aura-bench cost`), not a run's results.json",
    )
  })
})

describe('compare --baseline (a comparison.json)', () => {
  const hint =
    '--baseline of compare takes a comparison.json that `aura-bench compare` wrote (keep one from a run on main)'
  const load = (name: string) => refusal(loadComparisonBaseline(at(name), name))

  it('names a missing file (at --baseline) and a folder', async () => {
    expect(await load('missing.json')).toEqual({
      code: 'E_BASELINE',
      message: 'baseline not found: missing.json',
      location: { file: 'missing.json', field: '--baseline' },
      hint,
    })
    expect(await load('folder')).toEqual({
      code: 'E_BASELINE',
      message: 'baseline folder is a folder; name its comparison.json',
      location: { file: 'folder' },
      hint,
    })
  })

  it("names text that is not JSON and another output of ours; a results.json points at run's --baseline", async () => {
    const broken = await load('broken.json')
    expect(broken).toMatchObject({ code: 'E_BASELINE', location: { file: 'broken.json' }, hint })
    expect(broken.message).toMatch(/^baseline broken\.json is not valid JSON: ./)
    expect(await load('results.json')).toEqual({
      code: 'E_BASELINE',
      message:
        "baseline results.json is a run's results.json (results.json, written by `aura-bench run` (or `merge`)), not a comparison.json",
      location: { file: 'results.json' },
      hint: `${hint}; a results.json is \`run --baseline\`'s`,
    })
    expect(await load('cost.json')).toEqual({
      code: 'E_BASELINE',
      message: 'baseline cost.json is a cost (cost.json, written by `aura-bench cost`), not a comparison.json',
      location: { file: 'cost.json' },
      hint,
    })
  })
})
