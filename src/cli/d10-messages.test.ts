/** Messages of the s34 trial's D10 (cosmetic): said plainly. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { optionalInteger } from './command-discover-flags.ts'
import { readReplay } from './report-files.ts'

let dir = ''
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true })
})

describe('s34-trial D10 messages', () => {
  it('a negative whole number says what is taken, not that -1 is no whole number', () => {
    expect(() => optionalInteger('maxTemplates', '-1', '--max-templates')).toThrow(
      '--max-templates takes a whole number (0 or more), got "-1"',
    )
    expect(() => optionalInteger('maxTemplates', '-1', '--max-templates', 1)).toThrow(
      '--max-templates takes a whole number of at least 1, got "-1"',
    )
  })

  it('cost --replay of a run results.json says it is one and names --results', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aura-d10-'))
    const file = path.join(dir, 'results.json')
    await writeFile(file, JSON.stringify({ schemaVersion: 1, suite: 's', runs: [] }))
    await expect(readReplay(file, dir)).rejects.toMatchObject({
      code: 'E_SCHEMA',
      reason: `${file} is a run's results.json, not a replay.json of aura-bench replay`,
      hint: `project it with --results ${file}`,
    })
  })
})
