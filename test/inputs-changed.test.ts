/**
 * Inputs that change or are not files (issue 19, items 5, 8 and 12): a corpus replaced between two
 * config passes stops the suite with E_INPUT_CHANGED naming the file, the first pass's run is kept;
 * the bounded reader refuses FIFOs without blocking, stops at its limit on files whose size is 0
 * (/proc), and a leading BOM does not count against the line cap.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { InputFingerprints, readInputFile } from '../src/core/index.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { loadSuite, runSuite } from '../src/index.ts'
import { withoutWarnings } from '../src/cli/test-support.ts'

const repo = join(import.meta.dirname, '..')
const tmp = mkdtempSync(join(tmpdir(), 'aura-inputs-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function twoConfigSuite(corpus: string): string {
  const suite = join(tmp, `${Math.random().toString(36).slice(2)}.yaml`)
  const plain = join(repo, 'test/bad-inputs/configs/plain.yaml')
  writeFileSync(
    suite,
    `name: changed\ncorpora: [${JSON.stringify(corpus)}]\nconfigs:\n  - { name: first, path: ${JSON.stringify(plain)} }\n  - { name: second, path: ${JSON.stringify(plain)} }\nlatency: { enabled: false }\n`,
  )
  return suite
}

describe('a corpus file that changes between config passes', () => {
  it.each([
    ['replaced by a shorter file', (path: string) => writeFileSync(path, 'one line only\n')],
    [
      'rewritten with the same size and time',
      (path: string) => {
        writeFileSync(path, 'line A of the corpus\nline B of the corpus\n'.replace('A', 'C'))
        execFileSync('touch', ['-d', '2020-01-01T00:00:00Z', path])
      },
    ],
  ])('%s: E_INPUT_CHANGED naming the file, the first run kept', async (_name, change) => {
    const corpus = join(tmp, `corpus-${Math.random().toString(36).slice(2)}.txt`)
    writeFileSync(corpus, 'line A of the corpus\nline B of the corpus\n')
    execFileSync('touch', ['-d', '2020-01-01T00:00:00Z', corpus])
    const suite = await loadSuite(twoConfigSuite(corpus))
    const { results, stoppedBy } = await runSuite(suite, {
      latencyEnabled: false,
      onEvent: (event) => {
        if (event.kind === 'run-end' && event.runIndex === 0) change(corpus)
      },
    })
    expect(stoppedBy?.code).toBe('E_INPUT_CHANGED')
    expect(stoppedBy?.message).toContain(corpus)
    expect(results.incomplete).toBe(true)
    expect(results.runs.map((run) => [run.config, run.metrics.messages])).toEqual([['first', 2]])
  })

  it('an unchanged file is read by every pass', async () => {
    const corpus = join(tmp, 'steady.txt')
    writeFileSync(corpus, 'line A\nline B\nline C\n')
    const { results, stoppedBy } = await runSuite(await loadSuite(twoConfigSuite(corpus)), { latencyEnabled: false })
    expect(stoppedBy).toBeUndefined()
    expect(results.runs.map((run) => run.metrics.messages)).toEqual([3, 3])
  })
})

describe('the bounded input reader', () => {
  it('refuses a FIFO from its stat, without opening it (which would block with no writer)', async () => {
    const fifo = join(tmp, 'pipe')
    execFileSync('mkfifo', [fifo])
    await expect(readInputFile({ path: fifo, kind: 'suite file', maxBytes: 1024 })).rejects.toMatchObject({
      code: 'E_FILE_NOT_REGULAR',
      message: expect.stringContaining(fifo),
    })
  })

  it('refuses /dev/zero and stops a /proc file (stat size 0) at its limit', async () => {
    await expect(readInputFile({ path: '/dev/zero', kind: 'template store', maxBytes: 1024 })).rejects.toMatchObject({
      code: 'E_FILE_NOT_REGULAR',
    })
    await expect(readInputFile({ path: '/proc/self/maps', kind: 'suite file', maxBytes: 16 })).rejects.toMatchObject({
      code: 'E_FILE_TOO_LARGE',
    })
  })

  it('refuses a file larger than the limit before reading it', async () => {
    const big = join(tmp, 'big.json')
    writeFileSync(big, Buffer.alloc(2048, 0x20))
    await expect(readInputFile({ path: big, kind: 'baseline', maxBytes: 1024 })).rejects.toMatchObject({
      code: 'E_FILE_TOO_LARGE',
      message: expect.stringContaining('2048 bytes'),
    })
  })

  it('fingerprints: a second read of another file at the same path is E_INPUT_CHANGED', async () => {
    const file = join(tmp, 'fp.txt')
    writeFileSync(file, 'first')
    const fingerprints = new InputFingerprints()
    const spec = { path: file, kind: 'corpus file', maxBytes: 1024, fingerprints }
    expect((await readInputFile(spec)).toString()).toBe('first')
    expect((await readInputFile(spec)).toString()).toBe('first')
    writeFileSync(file, 'second!')
    await expect(readInputFile(spec)).rejects.toMatchObject({
      code: 'E_INPUT_CHANGED',
      message: expect.stringContaining(file),
    })
  })
})

describe('a file put in the place of one already read', () => {
  it('says so, where size and modification time are the same (the message showed two equal stats)', async () => {
    const file = join(tmp, 'swap.txt')
    writeFileSync(file, 'aaaa')
    const fingerprints = new InputFingerprints()
    const spec = { path: file, kind: 'corpus file', maxBytes: 1024, fingerprints }
    await readInputFile(spec)
    const { mtime } = statSync(file)
    writeFileSync(`${file}.new`, 'bbbb')
    utimesSync(`${file}.new`, mtime, mtime)
    renameSync(`${file}.new`, file)
    await expect(readInputFile(spec)).rejects.toMatchObject({
      code: 'E_INPUT_CHANGED',
      message: expect.stringContaining('another file put in its place'),
    })
  })
})

describe('a byte order mark and the line cap', () => {
  it('a line of exactly the cap after a BOM is a message, not over the cap', async () => {
    const file = join(tmp, 'bom-cap.txt')
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.alloc(100, 0x61), Buffer.from('\nb\n')]))
    const messages = await loadCorpus({ path: file, maxMessageBytes: 100 })
    expect(messages.map((m) => m.bytes.length)).toEqual([100, 1])
  })
})

describe('a corpus whose every message is empty (issue 19, item 12)', () => {
  it('keeps the results.json contract under tagged framing, and its saved baseline is accepted', async () => {
    const { runCli } = await import('../src/cli/index.ts')
    const { createFakeIo } = await import('../src/cli/test-support.ts')
    const corpus = join(tmp, 'all-empty.jsonl')
    writeFileSync(corpus, '{"text": ""}\n{"text": ""}\n')
    const suite = join(tmp, 'all-empty.yaml')
    writeFileSync(
      suite,
      `corpora: [${JSON.stringify(corpus)}]\nconfigs: [${JSON.stringify(join(repo, 'configs/emergency.yaml'))}]\nlatency: { enabled: false }\n`,
    )
    const baseline = join(tmp, 'all-empty-baseline.json')
    const first = createFakeIo({ cwd: repo })
    expect(
      await runCli(
        ['run', suite, '--out', join(tmp, 'all-empty-1'), '--no-charts', '--quiet', '--save-baseline', baseline],
        first,
      ),
    ).toBe(0)
    expect(withoutWarnings(first.err())).toBe('')
    const second = createFakeIo({ cwd: repo })
    expect(
      await runCli(
        ['run', suite, '--out', join(tmp, 'all-empty-2'), '--no-charts', '--quiet', '--baseline', baseline],
        second,
      ),
    ).toBe(0)
    expect(withoutWarnings(second.err())).toBe('')
  })
})
