import { describe, expect, it } from 'vitest'
import { describeForeignFile } from './file-kind.ts'

describe('describeForeignFile', () => {
  it('calls a JSON file cut short nothing (its syntax error says more), not a log (review s29)', () => {
    const cut = `{\n  "schemaVersion": 1,\n  "suite": "s",\n  "runs": [\n    {\n      "corpus": "a",`
    expect(describeForeignFile(cut, 'results.json')).toBeUndefined()
    expect(describeForeignFile(cut, 'results.txt.bak')).toBeUndefined()
  })

  it('still calls lines of text a log', () => {
    const log = Array.from({ length: 5 }, (_, i) => `2026-12-06 INFO request ${i} done`).join('\n')
    expect(describeForeignFile(log, 'app.log')?.kind).toBe('text')
    const bracketed = Array.from({ length: 5 }, (_, i) => `[Sun Dec 04 04:47:4${i} 2005] [notice] child ${i} ok`).join(
      '\n',
    )
    expect(describeForeignFile(bracketed, 'Apache_2k.log')?.kind).toBe('text')
    expect(describeForeignFile(bracketed, 'apache-lines')?.kind).toBe('text')
  })
})
