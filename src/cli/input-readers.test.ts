// Every input aura-bench reads goes through the bounded reader (core/input-file.ts, issue 19 item 5):
// results.json for cost and history --add, a history file, discover's corpus, --merge store and
// --evaluate ground truth, a config named by a suite, a zstd dictionary. A FIFO or device is exit 2
// naming its path, refused from its stat (a FIFO without a writer blocked the process forever), and
// a file past its kind's limit is refused before it is read.
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { readInputFileSync } from '../core/index.ts'
import { configFileName } from '../suite/parse-suite.ts'
import { loadCompressorConfig, MAX_DICTIONARY_BYTES, readDictionaryFile } from '../suite/index.ts'
import { runCli } from './cli.ts'
import { createFakeIo } from './test-support.ts'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'aura-input-readers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fifo = join(dir, 'pipe')
execFileSync('mkfifo', [fifo])
const corpus = join(repo, 'test/bad-inputs/corpora/good.jsonl')

async function cli(argv: string[]) {
  const io = createFakeIo({ cwd: dir })
  const code = await runCli(argv, io)
  return { code, err: io.err() }
}

/** A suite naming `config` as its one config. */
function suiteWithConfig(config: string): string {
  const suite = join(dir, `suite-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(
    suite,
    `name: readers\ncorpora: [${JSON.stringify(corpus)}]\nconfigs: [${JSON.stringify(config)}]\nlatency: { enabled: false }\n`,
  )
  return suite
}

describe('a FIFO or device as any input: exit 2 naming the path, at once (no read is attempted)', () => {
  const cases: Array<[string, string[], string]> = [
    [
      'cost --results a FIFO',
      ['cost', '--results', fifo, '--messages-per-day', '1M', '--price-per-gb', '0.1', '--out', join(dir, 'c1')],
      fifo,
    ],
    [
      'cost --results /dev/zero',
      ['cost', '--results', '/dev/zero', '--messages-per-day', '1M', '--price-per-gb', '0.1', '--out', join(dir, 'c2')],
      '/dev/zero',
    ],
    ['history of a FIFO', ['history', fifo], fifo],
    ['history --add a FIFO', ['history', join(dir, 'h.jsonl'), '--add', fifo], fifo],
    ['discover of a FIFO corpus', ['discover', fifo, '--out', join(dir, 's1.json')], fifo],
    ['discover --merge a FIFO store', ['discover', corpus, '--merge', fifo, '--out', join(dir, 's2.json')], fifo],
    [
      'discover --evaluate a FIFO ground truth',
      ['discover', corpus, '--evaluate', fifo, '--out', join(dir, 's3.json')],
      fifo,
    ],
    [
      'discover --evaluate /dev/zero',
      ['discover', corpus, '--evaluate', '/dev/zero', '--out', join(dir, 's4.json')],
      '/dev/zero',
    ],
    [
      'run of a suite naming a FIFO as its config',
      ['run', suiteWithConfig(fifo), '--out', join(dir, 'r1'), '--quiet'],
      fifo,
    ],
  ]
  it.each(cases)('%s', { timeout: 20_000 }, async (_name, argv, path) => {
    const { code, err } = await cli(argv)
    expect(err).toContain('E_FILE_NOT_REGULAR')
    expect(err).toContain(path)
    expect(err).not.toContain('internal error')
    expect(code).toBe(2)
  })
})

describe('the config name is read through the bounded reader (synchronously: the suite is parsed without awaiting)', () => {
  it('a FIFO: no name, at once (readFileSync blocked the whole process)', () => {
    expect(configFileName(fifo)).toBeUndefined()
    expect(() => readInputFileSync({ path: fifo, kind: 'config file', maxBytes: 1024 })).toThrow(
      expect.objectContaining({ code: 'E_FILE_NOT_REGULAR' }),
    )
  })

  it('the sync reader: /dev/zero refused, /proc stopped at its limit, a big file refused before reading, a file read whole', () => {
    expect(() => readInputFileSync({ path: '/dev/zero', kind: 'config file', maxBytes: 1024 })).toThrow(
      expect.objectContaining({ code: 'E_FILE_NOT_REGULAR' }),
    )
    expect(() => readInputFileSync({ path: '/proc/self/maps', kind: 'config file', maxBytes: 16 })).toThrow(
      expect.objectContaining({ code: 'E_FILE_TOO_LARGE' }),
    )
    const big = join(dir, 'big.yaml')
    writeFileSync(big, Buffer.alloc(2048, 0x20))
    expect(() => readInputFileSync({ path: big, kind: 'config file', maxBytes: 1024 })).toThrow(
      expect.objectContaining({ code: 'E_FILE_TOO_LARGE', message: expect.stringContaining('2048 bytes') }),
    )
    expect(readInputFileSync({ path: big, kind: 'config file', maxBytes: 4096 }).length).toBe(2048)
    expect(() => readInputFileSync({ path: join(dir, 'none.yaml'), kind: 'config file', maxBytes: 16 })).toThrow(
      expect.objectContaining({ code: 'E_FILE_MISSING' }),
    )
  })
})

describe('a zstd dictionary', () => {
  const config = async () => loadCompressorConfig(join(repo, 'test/bad-inputs/configs/plain.yaml'))

  it("a FIFO or /dev/zero: E_FILE_NOT_REGULAR at the config's zstd_dict_path", async () => {
    for (const path of [fifo, '/dev/zero']) {
      await expect(readDictionaryFile({ ...(await config()), zstdDictPath: path })).rejects.toMatchObject({
        code: 'E_FILE_NOT_REGULAR',
        location: { field: 'zstd_dict_path' },
        message: expect.stringContaining(path),
      })
    }
  })

  it(`past ${MAX_DICTIONARY_BYTES} bytes: E_FILE_TOO_LARGE from the stat, nothing allocated (a sparse file)`, async () => {
    const huge = join(dir, 'huge.dict')
    const fd = openSync(huge, 'w')
    ftruncateSync(fd, MAX_DICTIONARY_BYTES + 1)
    closeSync(fd)
    const before = process.memoryUsage.rss()
    await expect(readDictionaryFile({ ...(await config()), zstdDictPath: huge })).rejects.toMatchObject({
      code: 'E_FILE_TOO_LARGE',
      location: { field: 'zstd_dict_path' },
    })
    expect(process.memoryUsage.rss() - before).toBeLessThan(32 * 1024 * 1024)
  })

  it('a regular file: its bytes', async () => {
    const small = join(dir, 'small.dict')
    writeFileSync(small, 'dictionary bytes')
    expect(Buffer.from(await readDictionaryFile({ ...(await config()), zstdDictPath: small })).toString()).toBe(
      'dictionary bytes',
    )
  })
})

describe("aura-bench's own files in --out are read bounded too", () => {
  it('a FIFO planted as DIR/.aura-bench/lock: judged damaged and removed, not read (the read blocked forever)', {
    timeout: 20_000,
  }, async () => {
    const { mkdirSync, existsSync } = await import('node:fs')
    const { openOutputFolder } = await import('../report/index.ts')
    const out = join(dir, 'fifo-lock')
    mkdirSync(join(out, '.aura-bench'), { recursive: true })
    execFileSync('mkfifo', [join(out, '.aura-bench', 'lock')])
    const output = await openOutputFolder(out, { slot: 'cost', names: ['cost.md', 'cost.json'] })
    await output.close()
    expect(existsSync(join(out, '.aura-bench', 'lock'))).toBe(false)
  })
})

describe('merge given a shard folder', () => {
  it("names the folder's partial.json when it cannot be parsed", async () => {
    execFileSync('mkdir', ['-p', join(dir, 'sh/bad')])
    writeFileSync(join(dir, 'sh/bad/partial.json'), '{"format": "aura-bench-partial", "suite": ')
    const run = await cli(['merge', 'sh/bad', '--out', 'merged'])
    expect(run.code).toBe(2)
    expect(run.err).toMatch(/error E_JSON_SYNTAX in sh\/bad\/partial\.json: sh\/bad\/partial\.json is not JSON/)
  })
})
