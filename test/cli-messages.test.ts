// Messages a fresh-eyes trial of the CLI found wanting (each: the message, not the behaviour): an
// empty suite named as a suite by validate, `workers: many` saying what it takes, a did-you-mean for
// `framing: passthrough`, `cost --results replay.json` told to use --replay, malformed history lines
// E_JSON_SYNTAX as the catalog says, `history --charts FILE` naming the user's path (never a temporary
// file of ours), and `1 corpus x 1 config`.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/index.ts'
import { createFakeIo } from '../src/cli/test-support.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'aura-messages-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const corpus = join(repo, 'test/bad-inputs/corpora/good.jsonl')
const config = join(dir, 'plain.yaml')
copyFileSync(join(repo, 'test/bad-inputs/configs/plain.yaml'), config)

async function cli(argv: string[]) {
  const io = createFakeIo({ cwd: dir })
  const code = await runCli(argv, io)
  return { code, out: io.out(), err: io.err() }
}

function suite(name: string, extra = '', configs = [config]): string {
  const file = join(dir, name)
  writeFileSync(
    file,
    `name: ${name.replace(/\.yaml$/, '')}\ncorpora: [${JSON.stringify(corpus)}]\nconfigs: ${JSON.stringify(configs)}\nlatency: { enabled: false }\n${extra}`,
  )
  return file
}

describe('messages that say what is wrong and what to do', () => {
  it('validate of an empty suite names it a suite and what a suite needs', async () => {
    writeFileSync(join(dir, 'empty-suite.yaml'), '')
    const { code, err } = await cli(['validate', 'empty-suite.yaml'])
    expect(code).toBe(2)
    expect(err).toContain('the suite file is empty: a suite needs `corpora:` and `configs:`')
  })

  it('workers: many says what workers takes', async () => {
    const { code, err } = await cli(['validate', suite('workers.yaml', 'workers: many\n')])
    expect(code).toBe(2)
    expect(err).toMatch(/:5: workers: must be a whole number from 1 to 256, or "auto", found the string "many"/)
  })

  it('framing: passthrough suggests text-passthrough', async () => {
    const framing = join(dir, 'framing.yaml')
    writeFileSync(framing, 'name: framing\nfallback: brotli\nframing: passthrough\n')
    const { code, err } = await cli(['validate', framing])
    expect(code).toBe(2)
    expect(err).toContain('unknown value `passthrough`; did you mean `text-passthrough`?')
  })

  it('cost --results on a replay.json says what it is and to use --replay', async () => {
    writeFileSync(join(dir, 'replay.json'), JSON.stringify({ kind: 'replay', suite: 's', corpora: [] }))
    const { code, err } = await cli([
      'cost',
      '--results',
      'replay.json',
      '--messages-per-day',
      '1M',
      '--price-per-gb',
      '0.1',
    ])
    expect(code).toBe(2)
    expect(err).toMatch(/^error E_SCHEMA in replay\.json: replay\.json is a replay\.json of aura-bench replay/)
    expect(err).toContain('cost --replay replay.json')
    expect(err).not.toMatch(/Invalid input|expected/)
  })

  it('history of a file that is not JSON is E_JSON_SYNTAX', async () => {
    writeFileSync(join(dir, 'notjson'), 'not json\n')
    const { code, err } = await cli(['history', 'notjson'])
    expect(code).toBe(2)
    expect(err).toMatch(/^error E_JSON_SYNTAX in notjson:1: /)
  })

  it('run says 1 corpus x 1 config; history --charts naming a file names it, never a temporary path', async () => {
    const out = join(dir, 'out')
    const run = await cli(['run', suite('one.yaml'), '--out', out, '--no-charts'])
    expect(run.code).toBe(0)
    expect(run.out).toContain('suite one: 1 corpus x 1 config\n')
    const added = await cli(['history', 'h.jsonl', '--add', join(out, 'results.json')])
    expect(added.out).toContain('; 1 entry\n')
    writeFileSync(join(dir, 'precious.json'), '{"mine": true}\n')
    const charts = await cli(['history', 'h.jsonl', '--charts', 'precious.json'])
    expect(charts.code).toBe(2)
    expect(charts.err).toMatch(/^error E_OUTPUT in .*precious\.json: --charts: precious\.json is a file, not a folder/)
    expect(charts.err).not.toContain('aura-tmp')
    expect(readFileSync(join(dir, 'precious.json'), 'utf8')).toBe('{"mine": true}\n')
  })
})
