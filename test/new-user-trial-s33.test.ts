/**
 * Defects the seventh new-user trial found (s33, 2026-12-06, a user installing from `npm pack`; the
 * write-up is docs/rounds/s33-fixt.md), each the way the user met it: the CLI and the library entry.
 */
import { spawnSync } from 'node:child_process'
import { createFakeIo } from '../src/cli/test-support.ts'
import { runCli } from '../src/cli/cli.ts'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCliBundle, REPO } from './cli-bundle.ts'
import { trialFolder } from './trial-folder.ts'

const { root, write, read, cli } = trialFolder('aura-trial33-')

write(
  'app.log',
  `${Array.from({ length: 60 }, (_, i) => `2026-12-06T07:00:${i % 60}.123Z INFO [orders-api] order ${(i * 7) % 1000} shipped to 10.0.${i % 255}.${(i % 200) + 1}`).join('\n')}\n`,
)
write('b.yaml', 'name: b\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\n')
write('s.yaml', 'name: s\ncorpora: [app.log]\nconfigs: [b.yaml]\nlatency: { enabled: false }\n')

describe('zstd-napi without its native binding (npm install --ignore-scripts; s33 D13)', () => {
  const preload = path.join(REPO, 'test/fixtures/no-zstd-napi-binding.cjs')
  const node = (args: string[]) =>
    spawnSync(process.execPath, ['--require', preload, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 })

  it('the package entry imports, and a Brotli config compresses and decodes', () => {
    const entry = path.join(REPO, '.tmp', `s33-entry-${process.pid}.mjs`)
    const built = spawnSync(
      path.join(REPO, 'node_modules/.bin/esbuild'),
      [
        path.join(REPO, 'src/index.ts'),
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--packages=external',
        `--outfile=${entry}`,
        '--log-level=error',
      ],
      { encoding: 'utf8' },
    )
    expect(built.stderr).toBe('')
    const script = `const { loadCompressor } = await import(${JSON.stringify(entry)})
const c = await loadCompressor('b.yaml')
console.log(Buffer.from(c.decompressSync(c.compressSync('hello hello hello').bytes)).toString())
await loadCompressor('napi.yaml').catch((e) => console.log(e.code, e.issues[0].field, e.hint ?? e.message.includes('npm rebuild zstd-napi')))`
    write('napi.yaml', 'name: napi\nfallback: zstd\nzstd_library: zstd-napi\n')
    const result = node(['--input-type=module', '-e', script])
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('hello hello hello\nE_DEPENDENCY zstd_library true\n')
  })

  it('validate and run of a suite without zstd-napi work; a config that needs it is exit 2 at its key with the fix', () => {
    const bundle = buildCliBundle('s33-nobinding')
    const validate = node([bundle, 'validate', 's.yaml'])
    expect(validate.stderr).toBe('')
    expect(validate.status).toBe(0)
    const run = node([bundle, 'run', 's.yaml', '--out', 'out-nobind', '-q'])
    expect(run.stderr).not.toMatch(/internal error/)
    expect(run.status).toBe(0)
    // compare's defaults measure zstd_napi, zstd_dict and zstd_stream entries: said before any work, with the way out
    const compare = node([bundle, 'compare', 's.yaml', '--out', 'out-cmp', '--quick', '--no-charts', '-q'])
    expect(compare.status).toBe(2)
    expect(compare.stderr).toMatch(
      /^error E_DEPENDENCY in .*s\.yaml: compare\.zstd_napi: compare\.zstd_napi, compare\.zstd_dict, compare\.zstd_stream \(the defaults of a suite without a compare: section\) measure through zstd-napi/m,
    )
    write(
      'cmp.yaml',
      'name: cmp\ncorpora: [app.log]\nconfigs: [b.yaml]\ncompare: { zstd_napi: [], zstd_dict: { levels: [] }, zstd_stream: { levels: [] } }\n',
    )
    const without = node([bundle, 'compare', 'cmp.yaml', '--out', 'out-cmp2', '--quick', '--no-charts', '-q'])
    expect(without.stderr).not.toMatch(/error|internal/)
    expect(without.status).toBe(0)
    write('zd.yaml', 'name: zd\nfallback: zstd_dict\nzstd_dict_training_corpus: app.log\n')
    write('zd-suite.yaml', 'name: zds\ncorpora: [app.log]\nconfigs: [zd.yaml]\nlatency: { enabled: false }\n')
    for (const command of ['validate', 'run']) {
      const refused = node([bundle, command, 'zd-suite.yaml', ...(command === 'run' ? ['--out', 'out-zd', '-q'] : [])])
      expect(refused.status).toBe(2)
      expect(refused.stderr).toMatch(/error E_DEPENDENCY in .*zd\.yaml:2: fallback: fallback zstd_dict needs zstd-napi/)
      expect(refused.stderr).toContain('npm rebuild zstd-napi')
      expect(refused.stderr).not.toMatch(/internal error/)
    }
  })
})

describe("a suite's cost.messages_per_day takes counts as the command line does (s33 D4)", () => {
  it('200M and 1.5B are 200,000,000 and 1,500,000,000; a word is still refused at its index', async () => {
    write(
      'cost.yaml',
      'name: c\ncorpora: [app.log]\nconfigs: [b.yaml]\ncost: { messages_per_day: [200M, 1.5B, 1_000], price_per_gb: 0.09 }\n',
    )
    const ok = await cli(['validate', 'cost.yaml'])
    expect(ok.err).toBe('')
    expect(ok.code).toBe(0)
    const { loadSuite } = await import('../src/suite/index.ts')
    const suite = await loadSuite(path.join(root, 'cost.yaml'))
    expect(suite.cost?.messagesPerDay).toEqual([200_000_000, 1_500_000_000, 1000])
    write(
      'cost-bad.yaml',
      'name: c\ncorpora: [app.log]\nconfigs: [b.yaml]\ncost: { messages_per_day: [lots], price_per_gb: 0.09 }\n',
    )
    const bad = await cli(['validate', 'cost-bad.yaml'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/cost\.messages_per_day\[0\]: must be a number, found the string "lots"/)
  })
})

describe('history --add of a run already in the history (s33 D8)', () => {
  it('is said and not appended, with or without another --commit; exit 0', async () => {
    expect((await cli(['run', 's.yaml', '--out', 'out-h', '-q'])).code).toBe(0)
    expect((await cli(['history', 'h.jsonl', '--add', 'out-h/results.json', '--commit', 'abc', '-q'])).code).toBe(0)
    const before = read('h.jsonl')
    for (const extra of [[], ['--commit', 'def']]) {
      const again = await cli(['history', 'h.jsonl', '--add', 'out-h/results.json', ...extra])
      expect(again.code).toBe(0)
      expect(again.out).toMatch(
        /^history h\.jsonl: this run \(s, started \S+\) is already entry 1 \(commit abc\); not added again$/m,
      )
      expect(read('h.jsonl')).toBe(before)
    }
  })
})

describe('run --baseline naming a comparison.json (s33 D9)', () => {
  it('says it is a comparison, as cost and history do, not the contract in zod words', async () => {
    write('comparison.json', JSON.stringify({ kind: 'compare', schemaVersion: 1, corpora: [] }))
    const result = await cli(['run', 's.yaml', '--baseline', 'comparison.json', '--out', 'out-b', '-q'])
    expect(result.code).toBe(2)
    expect(result.err).toMatch(
      /^error E_BASELINE in comparison\.json: baseline comparison\.json is a comparison \(comparison\.json, written by `aura-bench compare`\), not a run's results\.json$/m,
    )
    expect(result.err).not.toMatch(/expected array/)
  })
})

describe('a .json array of objects without the text field (s33 D10)', () => {
  it('the hint is the field, or JSON lines read as txt, never format: txt on the .json file', async () => {
    const records = Array.from({ length: 5 }, (_, i) => ({ id: `ord_${i}`, status: 'paid', items: [{ sku: i }] }))
    write('orders.json', JSON.stringify(records, null, 2))
    write('arr.yaml', 'name: arr\ncorpora: [ { path: orders.json } ]\nconfigs: [b.yaml]\n')
    const result = await cli(['validate', 'arr.yaml'])
    expect(result.code).toBe(2)
    expect(result.err).toContain("set the corpus's `text_field:` to the field that holds the message;")
    expect(result.err).toContain(
      `write the array as JSON lines (node -e "for (const o of require('./orders.json')) console.log(JSON.stringify(o))" > orders.jsonl) and read that file as txt`,
    )
    expect(result.err).not.toContain('sends each line whole')
    // the old hint followed (format: txt on the .json file): measured line by line, and now said so
    write(
      'txt.yaml',
      'name: t\ncorpora: [ { path: orders.json, format: txt } ]\nconfigs: [b.yaml]\nlatency: { enabled: false }\n',
    )
    const txt = await cli(['run', 'txt.yaml', '--out', 'out-txt'])
    expect(txt.code).toBe(0)
    const warning =
      /corpus orders \(orders\.json\) is read as txt \(one message per line\) but starts like pretty-printed JSON/
    expect(txt.err).toMatch(warning)
    expect(JSON.parse(read('out-txt/results.json')).warnings.some((w: string) => warning.test(w))).toBe(true)
    // following the hint: each element one message
    const lines = spawnSync(
      process.execPath,
      ['-e', "for (const o of require('./orders.json')) console.log(JSON.stringify(o))"],
      { cwd: root, encoding: 'utf8' },
    )
    write('orders.jsonl', lines.stdout)
    write(
      'jsonl.yaml',
      'name: jl\ncorpora: [ { path: orders.jsonl, format: txt } ]\nconfigs: [b.yaml]\nlatency: { enabled: false }\n',
    )
    expect((await cli(['run', 'jsonl.yaml', '--out', 'out-jl', '-q'])).code).toBe(0)
    expect(JSON.parse(read('out-jl/results.json')).runs[0].metrics.messages).toBe(5)
  })
})

describe('an interrupted compare (s33 D11)', () => {
  it('closes the progress line before "interrupted"', async () => {
    const io = createFakeIo({
      cwd: root,
      onStdout: (text, self) => (text.startsWith('[1/') ? self.interrupt() : undefined),
    })
    const code = await runCli(['compare', 's.yaml', '--out', 'out-c', '--quick', '--no-charts'], io)
    expect(code).toBe(130)
    expect(io.out()).toMatch(/\.\.\.$/)
    expect(io.err()).toMatch(/^\ninterrupted: nothing written/)
  })
})
