/**
 * s44-small: malformed fields of files aura-bench wrote (an older or hand-edited results.json, a history.jsonl line)
 * were exit 3 (a TypeError inside) where every bad input is exit 2 naming the file and the field. Found by mutating
 * reports/examples/week1/results.json and a history line field by field (delete, null, a string, a list, a number)
 * and running cost and history on each.
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const { root: dir, write } = createTempTree('aura-old-shapes-')
const example = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../reports/examples/week1/results.json', import.meta.url)), 'utf8'),
) as Record<string, unknown>

describe('cost --results: a results.json whose warnings are not a list of sentences', () => {
  it('is exit 2 naming the file and `warnings` (it was exit 3: warnings is not iterable)', async () => {
    write('old/results.json', JSON.stringify({ ...example, warnings: -1 }))
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(
      ['cost', '--results', 'old/results.json', '--messages-per-day', '1M', '--price-per-gb', '0.1', '--out', 'c1'],
      io,
    )
    expect(io.err()).not.toContain('internal error')
    expect(code).toBe(2)
    expect(io.err()).toContain('old/results.json')
    expect(io.err()).toContain('warnings')
  })
})

describe('history: a line that is an entry with a malformed field', () => {
  /** A history with one good line and then `bad`, made by `history --add` of the example. */
  async function historyWith(name: string, bad: (entry: Record<string, unknown>) => void): Promise<string> {
    write(`${name}/results.json`, JSON.stringify(example))
    const add = createFakeIo({ cwd: dir })
    expect(await runCli(['history', `${name}/h.jsonl`, '--add', `${name}/results.json`], add)).toBe(0)
    const line = (await readFile(path.join(dir, name, 'h.jsonl'), 'utf8')).trim()
    const entry = JSON.parse(line) as Record<string, unknown>
    bad(entry)
    write(`${name}/h.jsonl`, `${line}\n${JSON.stringify(entry)}\n`)
    return `${name}/h.jsonl`
  }

  it.each([
    ['startedAt a number', (e: Record<string, unknown>) => (e.startedAt = 5), 'startedAt: must be a date string'],
    [
      'a run that is null',
      (e: Record<string, unknown>) => ((e.runs as unknown[])[0] = null),
      'runs[0]: must be an object',
    ],
    [
      'a run without metrics',
      (e: Record<string, unknown>) =>
        delete ((e.runs as Record<string, unknown>[])[0] as Record<string, unknown>).metrics,
      'runs[0].metrics: must be an object of numbers',
    ],
  ])('%s: --charts is exit 2 naming the file, line 2 and the field (it was exit 3)', async (name, bad, said) => {
    const file = await historyWith(name.replaceAll(' ', '-'), bad)
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(['history', file, '--charts', `${name.replaceAll(' ', '-')}/charts`], io)
    expect(io.err()).not.toContain('internal error')
    expect(code).toBe(2)
    expect(io.err()).toContain(`${file}:2`)
    expect(io.err()).toContain(said)
  })

  it('a single bad entry is said as a history line, not as "looks like a results.json"', async () => {
    write(
      'single/h.jsonl',
      `${JSON.stringify({ schemaVersion: 1, suite: 's', startedAt: 5, verdict: 'pass', runs: [] })}\n`,
    )
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['history', 'single/h.jsonl'], io)).toBe(2)
    expect(io.err()).toContain('single/h.jsonl:1')
    expect(io.err()).toContain('startedAt: must be a date string, found a number')
    expect(io.err()).not.toContain('looks like')
  })

  it('a metric written as null (not measured) is read as before, left out of the trends', async () => {
    const file = await historyWith('null-metric', (e) => {
      ;((e.runs as Record<string, unknown>[])[0]?.metrics as Record<string, unknown>).encodeP95Us = null
    })
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['history', file], io)).toBe(0)
  })
})
