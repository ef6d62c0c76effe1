import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkBaselineSpared } from './planned-outputs.ts'
import { appendStepSummary, writeFileAtomic } from './write-outputs.ts'

describe('writeFileAtomic', () => {
  it('creates the folder, replaces the file whole and leaves no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aura-write-'))
    const file = path.join(dir, 'ci', 'junit.xml')
    await writeFileAtomic(file, 'first')
    await writeFileAtomic(file, 'second')
    expect(readFileSync(file, 'utf8')).toBe('second')
    expect(readdirSync(path.dirname(file))).toEqual(['junit.xml'])
  })

  it('appends the step summary after what earlier steps wrote', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'aura-summary-')), 'summary.md')
    writeFileSync(file, '# build\n')
    await appendStepSummary(file, '## gate\n\n\n')
    expect(readFileSync(file, 'utf8')).toBe('# build\n## gate\n\n')
  })

  it('creates a missing folder of the step summary, as every output flag does (it was ENOENT, exit 3)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'aura-summary-')), 'no', 'such', 'summary.md')
    await appendStepSummary(file, '## gate')
    expect(readFileSync(file, 'utf8')).toBe('## gate\n\n')
  })
})

describe('checkBaselineSpared', () => {
  it('sees through symlinks and relative segments to the baseline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aura-spared-'))
    mkdirSync(path.join(dir, 'baselines'))
    const baseline = path.join(dir, 'baselines', 'results.json')
    writeFileSync(baseline, '{}')
    symlinkSync(path.join(dir, 'baselines'), path.join(dir, 'linked'))
    for (const output of [
      path.join(dir, 'linked', 'results.json'),
      path.join(dir, 'baselines', '..', 'baselines', 'results.json'),
    ]) {
      await expect(
        checkBaselineSpared(baseline, 'baselines/results.json', [{ flag: '--out', path: output }]),
      ).rejects.toMatchObject({ code: 'E_BASELINE' })
    }
    await expect(
      checkBaselineSpared(baseline, 'b', [{ flag: '--junit', path: path.join(dir, 'new', 'junit.xml') }]),
    ).resolves.toBeUndefined()
    // the report replaces its charts/ folder whole: a baseline inside it would go with it
    await expect(
      checkBaselineSpared(baseline, 'b', [{ flag: '--out', path: path.join(dir, 'linked'), kind: 'folder' }]),
    ).rejects.toMatchObject({ code: 'E_BASELINE' })
    await expect(
      checkBaselineSpared(baseline, 'b', [{ flag: '--out', path: path.join(dir, 'base'), kind: 'folder' }]),
    ).resolves.toBeUndefined()
  })
})
