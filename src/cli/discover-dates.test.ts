import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { createFakeIo } from './test-support.ts'

const dir = mkdtempSync(join(tmpdir(), 'aura-discover-dates-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Device lines of one month, a minute apart over several hours (issue 12, s35-trial D1). */
function writeLog(name: string, month: string): string {
  const lines = Array.from({ length: 200 }, (_, i) => {
    const hour = String(Math.floor(i / 60)).padStart(2, '0')
    const minute = String(i % 60).padStart(2, '0')
    return `ts=${month}-01T${hour}:${minute}:0${i % 10}Z dev=gw-${1000 + ((i * 7) % 50)} temp=${(20 + (i % 9) / 10).toFixed(1)}`
  })
  const file = join(dir, name)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

describe('discover warns about templates that hold a date as literal text', () => {
  it('says nothing for a store discovered from one month (the date is in slots)', async () => {
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(
      ['discover', writeLog('dec.txt', '2026-12'), '--out', join(dir, 'dec.json'), '--quiet'],
      io,
    )
    expect(code).toBe(0)
    expect(io.err()).not.toContain('date')
  })

  it('names the template and its date when a merged store holds one', async () => {
    const old = join(dir, 'old.json')
    writeFileSync(
      old,
      JSON.stringify({
        format: 'aura-template-store',
        version: 1,
        name: 'old',
        templates: [
          {
            id: 1,
            pattern: 'ts=2026-12-{0}:{1}:{2}Z dev={3}',
            slots: [{ type: 'auto' }, { type: 'auto' }, { type: 'auto' }, { type: 'auto' }],
          },
        ],
      }),
    )
    const io = createFakeIo({ cwd: dir })
    const out = join(dir, 'merged.json')
    const code = await runCli(['discover', writeLog('jan.txt', '2027-01'), '--merge', old, '--out', out, '--quiet'], io)
    expect(code).toBe(0)
    const warnings = io
      .err()
      .split('\n')
      .filter((line) => line.startsWith('warning: '))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      'hold a date as literal text (template 1: "2026-12" in "ts=2026-12-{0}:{1}:{2}Z dev={3}")',
    )
    expect(warnings[0]).toContain('lines of another month will not match them')
  })

  it('notes, not warns, a constant JSON value that reads as a date, as an API version across days (s37-trial D7)', async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        id: `evt_${(i * 7919).toString(36)}`,
        api_version: '2026-09-01',
        created: 1795996802 + i * 2000,
        type: i % 2 === 0 ? 'charge.succeeded' : 'charge.failed',
        amount: (i * 37) % 5000,
      }),
    )
    const file = join(dir, 'events.jsonl')
    writeFileSync(file, `${lines.join('\n')}\n`)
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(['discover', file, '--format', 'txt', '--out', join(dir, 'events.json'), '--quiet'], io)
    expect(code, io.err()).toBe(0)
    expect(io.err()).not.toContain('warning:')
    expect(io.err()).toMatch(
      /^note: \d+ of the \d+ templates of \S+events\.json keep a JSON value that reads as a date as literal text \(template \d+: "2026-09-01"\), because every training message of the template had that same value: right for a constant such as an API version; if the field is the message's day instead/m,
    )
  })
})
