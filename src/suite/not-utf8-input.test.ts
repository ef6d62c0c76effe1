import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { loadSuite } from './parse-suite.ts'
import { summarizeInvalidUtf8 } from './not-utf8-input.ts'
import { validateFiles } from './validate-files.ts'

const tree = createTempTree('aura-not-utf8-')

/** A device dump: text lines, one holding raw payload bytes that are not UTF-8 (legal in a txt corpus). */
function deviceDump(name: string): string {
  const file = path.join(tree.root, name)
  const lines = ['ts=2026-12-01T00:00:01Z dev=gw-1 temp=21.5', 'ts=2026-12-01T00:00:02Z dev=gw-2 temp=21.7']
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n2026-12-01T00:00:03Z th-1 raw payload: `)
  writeFileSync(file, Buffer.concat([head, Buffer.from([0xff, 0xfe, 0xb5, 0xc3]), Buffer.from(' crc=986c\r\n')]))
  return file
}

describe('a txt corpus with bytes that are not UTF-8, given as a suite (s35-trial D2)', () => {
  it('run: is said to be a text corpus with the line and byte of the bad bytes, not a suite file to re-save', async () => {
    const file = deviceDump('devices.txt')
    const error = await loadSuite(file).then(
      () => undefined,
      (caught: unknown) => caught as Error & { code: string; hint?: string },
    )
    expect(error?.code).toBe('E_SCHEMA')
    expect(error?.message).toContain('devices.txt looks like a log or text corpus (3 lines, 1 not valid UTF-8')
    expect(error?.message).toContain('first at line 4, byte 129')
    expect(error?.message).toContain('a txt corpus may hold such lines')
    expect(error?.message).not.toContain('suite file')
    expect(String(error?.hint)).not.toContain('save the file as UTF-8')
  })

  it('validate: the same words as for the corpus without the bad bytes', async () => {
    const file = deviceDump('dump.log')
    const [outcome] = await validateFiles([file])
    expect(outcome?.issues).toHaveLength(1)
    expect(outcome?.issues[0]?.code).toBe('E_USAGE')
    expect(outcome?.issues[0]?.message).toContain('it looks like a log or text corpus (3 lines, 1 not valid UTF-8')
  })

  it('a YAML file that is not UTF-8 is still a broken YAML file', async () => {
    const file = path.join(tree.root, 'suite.yaml')
    writeFileSync(file, Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]))
    const [outcome] = await validateFiles([file])
    expect(outcome?.issues[0]?.code).toBe('E_INVALID_UTF8')
  })

  it('counts the lines holding bad sequences and finds the first', () => {
    const bytes = Buffer.from([0x61, 0x0a, 0x62, 0xff, 0xff, 0x0a, 0xc3, 0xa9, 0x0a, 0xe2, 0x82])
    expect(summarizeInvalidUtf8(bytes)).toEqual({ firstLine: 2, firstOffset: 3, invalidLines: 2 })
    expect(summarizeInvalidUtf8(Buffer.from('é\n'))).toBeUndefined()
  })
})
