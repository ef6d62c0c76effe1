import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { checkResultsContract } from '../report/index.ts'
import { runCli } from './cli.ts'
import { createFakeIo, type FakeIo, withoutWarnings } from './test-support.ts'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'aura-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const WEEK1 = join(repo, 'corpora/week1/messages.jsonl')
const SHARED = join(repo, '../shared/corpora')

interface SuiteOptions {
  corpusName?: string
  targets?: string[]
  latency?: string
  configs?: string[]
}

/** A suite over the week1 corpus in the temp folder (absolute paths, latency off unless asked). */
function writeSuite(name: string, options: SuiteOptions = {}): string {
  const configs = (options.configs ?? ['emergency', 'recommended']).map(
    (c) => `  - ${JSON.stringify(join(repo, 'configs', `${c}.yaml`))}`,
  )
  const targets = (options.targets ?? ['{ metric: ratio, pass: 1.2 }', '{ metric: roundTripMismatches, pass: 0 }']).map(
    (t) => `  - ${t}`,
  )
  const text = [
    `name: ${name}`,
    'corpora:',
    `  - { path: ${JSON.stringify(WEEK1)}, name: ${options.corpusName ?? 'w1'} }`,
    'configs:',
    ...configs,
    'targets:',
    ...targets,
    `latency: ${options.latency ?? '{ enabled: false }'}`,
    '',
  ].join('\n')
  const file = join(dir, `${name}.yaml`)
  writeFileSync(file, text)
  return file
}

async function run(argv: string[], io: FakeIo = createFakeIo({ cwd: dir })): Promise<{ code: number; io: FakeIo }> {
  return { code: await runCli(argv, io), io }
}

/** Every file under a folder with its bytes, keyed by relative path. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(folder, path), readFileSync(path).toString('base64'))
    }
  }
  walk(folder)
  return files
}

function readResults(
  out: string,
): Record<string, unknown> & { runs: Array<{ metrics: Record<string, unknown> }>; suite: string } {
  return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
}

describe('run', () => {
  it("writes results.json (contract-valid), report.md and charts, exits 0; another suite's run into the folder is refused; a second run of the suite leaves only its own files", async () => {
    const out = join(dir, 'out-twice')
    const first = await run(['run', writeSuite('alpha', { corpusName: 'alpha' }), '--out', out, '--no-latency'])
    expect(withoutWarnings(first.io.err())).toBe('')
    expect(first.code).toBe(0)
    expect(checkResultsContract(readResults(out))).toEqual([])
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^# /)
    const firstCharts = readdirSync(join(out, 'charts'))
    expect(firstCharts).toContain('ratio-savings-alpha.svg')
    expect(firstCharts).toContain('ratio-savings-alpha.png')
    expect(firstCharts.every((f) => /-alpha\.(svg|png)$/.test(f))).toBe(true)

    // another suite's run is refused before measuring and changes nothing (round 34, s34-trial D6)
    const before = snapshot(out)
    const other = await run(['run', writeSuite('beta'), '--out', out, '--no-latency'])
    expect(other.code).toBe(2)
    expect(other.io.err()).toContain("holds suite alpha's report (results.json")
    expect(snapshot(out)).toEqual(before)
    // the same suite, now over another corpus and one config: its run replaces the first one's files
    const second = await run([
      'run',
      writeSuite('alpha', { corpusName: 'beta', configs: ['recommended'] }),
      '--out',
      out,
      '--no-latency',
    ])
    expect(second.code).toBe(0)
    expect(readResults(out).suite).toBe('alpha')
    expect(readdirSync(out).sort()).toEqual(['.aura-bench', 'charts', 'report.html', 'report.md', 'results.json'])
    expect(readdirSync(join(out, '.aura-bench')).filter((e) => e !== 'report')).toHaveLength(1) // only the current report's folder
    const secondCharts = readdirSync(join(out, 'charts'))
    expect(secondCharts).toContain('ratio-savings-beta.svg')
    expect(secondCharts.every((f) => /-beta\.(svg|png)$/.test(f))).toBe(true)
    expect(readFileSync(join(out, 'report.md'), 'utf8')).not.toMatch(/ratio-savings-alpha|emergency/)
  })

  it('--history draws the history plus this run in report.html, appends nothing, and a bad history file is exit 2 before measuring', async () => {
    const out = join(dir, 'out-history')
    const history = join(dir, 'history.jsonl')
    const first = await run(['run', writeSuite('hist'), '--out', out, '--no-latency', '--no-charts'])
    expect(first.code).toBe(0)
    expect(
      await runCli(
        ['history', history, '--add', join(out, 'results.json'), '--commit', 'a1b2c3d', '--quiet'],
        createFakeIo({ cwd: dir }),
      ),
    ).toBe(0)
    const before = readFileSync(history, 'utf8')
    const runWithHistory = (file: string) =>
      run(['run', writeSuite('hist'), '--out', out, '--no-latency', '--no-charts', '--history', file])
    const second = await runWithHistory(history)
    expect(second.code).toBe(0)
    const html = readFileSync(join(out, 'report.html'), 'utf8')
    // toBe(true), not toMatch: a failure would print the whole page with its inlined vega builds
    expect(html.includes('<section id="history">')).toBe(true)
    // two runs (the history's and this one) for both configs in the ratio trend
    expect(/"index":0,"at":"a1b2c3d","corpus":"w1","config":"recommended"/.test(html)).toBe(true)
    expect(/"index":1,"at":"[^"]+","corpus":"w1","config":"recommended"/.test(html)).toBe(true)
    expect(readFileSync(history, 'utf8')).toBe(before)
    writeFileSync(join(dir, 'bad-history.jsonl'), 'not json\n')
    const bad = await run([
      'run',
      writeSuite('hist-bad'),
      '--out',
      join(dir, 'out-history-bad'),
      '--no-latency',
      '--history',
      join(dir, 'bad-history.jsonl'),
    ])
    expect(bad.code).toBe(2)
    expect(bad.io.err()).toMatch(/E_JSON_SYNTAX.*bad-history\.jsonl/)
    expect(existsSync(join(dir, 'out-history-bad'))).toBe(false)
    const misspelt = await runWithHistory(join(dir, 'histroy.jsonl'))
    expect(misspelt.code).toBe(0)
    expect(misspelt.io.err()).toMatch(/warning: --history .*histroy\.jsonl does not exist/)
    const none = await run(['run', writeSuite('hist'), '--out', out, '--no-latency', '--no-charts', '--no-html'])
    expect(none.code).toBe(0)
    expect(existsSync(join(out, 'report.html'))).toBe(false)
  })

  it('exits 1 when a gated target fails, naming it', async () => {
    const { code, io } = await run([
      'run',
      writeSuite('impossible', { targets: ['{ metric: ratio, pass: 1000 }'] }),
      '--out',
      join(dir, 'out-fail'),
      '--no-latency',
      '--no-charts',
    ])
    expect(code).toBe(1)
    expect(io.out()).toMatch(/gate: FAIL\n {2}- .*ratio.*below the target/)
  })

  it('--quiet prints nothing on stdout; a failed gate still says why on stderr', async () => {
    const pass = await run([
      'run',
      writeSuite('quiet'),
      '--out',
      join(dir, 'out-quiet'),
      '--no-latency',
      '--no-charts',
      '--quiet',
    ])
    expect([pass.code, pass.io.out(), withoutWarnings(pass.io.err())]).toEqual([0, '', ''])
    const fail = await run([
      'run',
      writeSuite('quiet-fail', { targets: ['{ metric: ratio, pass: 1000 }'] }),
      '--out',
      join(dir, 'out-quiet-fail'),
      '--no-latency',
      '--no-charts',
      '-q',
    ])
    expect(fail.code).toBe(1)
    expect(fail.io.out()).toBe('')
    expect(withoutWarnings(fail.io.err())).toMatch(/^gate: FAIL\n/)
  })

  it('--no-latency leaves latencyUs out; with latency on (tiny settings) it is there', async () => {
    const suite = writeSuite('latency', {
      configs: ['recommended'],
      latency: '{ enabled: true, samples: 20, warmup: 2, time_ms: 20 }',
    })
    await run(['run', suite, '--out', join(dir, 'out-nolat'), '--no-latency', '--no-charts', '-q'])
    expect(readResults(join(dir, 'out-nolat')).runs[0]?.metrics).not.toHaveProperty('latencyUs')
    await run(['run', suite, '--out', join(dir, 'out-lat'), '--no-charts', '-q'])
    expect(readResults(join(dir, 'out-lat')).runs[0]?.metrics).toHaveProperty('latencyUs.encode.p95')
  })

  it('prints plain progress lines in CI and a redrawn bar on a terminal', async () => {
    const suite = writeSuite('progress')
    const ci = await run(['run', suite, '--out', join(dir, 'out-progress'), '--no-latency', '--no-charts'])
    expect(ci.io.out()).toMatch(/^\[1\/2\] w1 x emergency\n/m)
    expect(ci.io.out()).toMatch(/^\[2\/2\] w1 x recommended\n/m)
    expect(ci.io.out()).not.toContain('\r')
    const tty = await run(
      ['run', suite, '--out', join(dir, 'out-progress'), '--no-latency', '--no-charts'],
      createFakeIo({ cwd: dir, env: {}, isTTY: true }),
    )
    expect(tty.io.out()).toContain('\r\x1b[2K[##########----------] 1/2 w1 x emergency')
    expect(tty.io.out()).toContain('\r\x1b[2K[####################] 2/2 w1 x recommended')
  })

  it('an interrupt mid-run exits 130 and leaves the previous report byte-identical', async () => {
    const out = join(dir, 'out-interrupt')
    const suite = writeSuite('interrupt')
    expect((await run(['run', suite, '--out', out, '--no-latency'])).code).toBe(0)
    const before = snapshot(out)
    // Ctrl-C as the first run starts: the runner stops between messages
    const io = createFakeIo({
      cwd: dir,
      onStdout: (text, self) => (text.startsWith('[1/2]') ? self.interrupt() : undefined),
    })
    const { code } = await run(['run', suite, '--out', out, '--no-latency'], io)
    expect(code).toBe(130)
    expect(io.err()).toMatch(/^interrupted: nothing written/)
    expect(io.out()).not.toMatch(/gate:/)
    expect(snapshot(out)).toEqual(before)
    expect(io.handlerCount()).toBe(0)
  })

  it('--limit N measures at most the first N messages of each corpus and says so in the report', async () => {
    const out = join(dir, 'out-limit')
    expect(
      (await run(['run', writeSuite('limited'), '--out', out, '--no-latency', '--no-charts', '-q', '--limit', '5']))
        .code,
    ).toBe(0)
    expect(readResults(out).runs.map((r) => r.metrics['messages'])).toEqual([5, 5])
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('`--limit 5`')
    const bad = await run(['run', writeSuite('limited'), '--limit', '0'])
    expect(bad.code).toBe(2)
    expect(bad.io.err()).toMatch(
      /^error E_USAGE in --limit: --limit must be a positive whole number of messages, found "0"/,
    )
  })

  it('several suites go to one folder each under --out; the exit code is the worst', async () => {
    const out = join(dir, 'out-many')
    const { code } = await run([
      'run',
      writeSuite('many-pass'),
      writeSuite('many-fail', { targets: ['{ metric: ratio, pass: 1000 }'] }),
      '--out',
      out,
      '--no-latency',
      '--no-charts',
      '-q',
    ])
    expect(code).toBe(1)
    expect(readdirSync(out).sort()).toEqual(['many-fail', 'many-pass'])
  })
})

describe('validate', () => {
  const shipped = (folder: string, extension: string) =>
    readdirSync(join(repo, folder))
      .filter((f) => f.endsWith(extension))
      .map((f) => join(folder, f))

  it('exits 0 on every shipped config, template store and suite whose corpora are here', async () => {
    const suites = shipped('suites', '.yaml').filter(
      (f) => existsSync(SHARED) || !readFileSync(join(repo, f), 'utf8').includes('shared/corpora'),
    )
    const files = [...suites, ...shipped('configs', '.yaml'), ...shipped('configs/templates', '.json')]
    const { code, io } = await run(['validate', ...files], createFakeIo({ cwd: repo }))
    // the seed's brotli-wasm q11 configs take several ms per message: validate says so (src/hybrid/speed-check.ts)
    // and the suites naming a stateful config are for compare and replay: validate notes it
    expect(
      io
        .err()
        .replace(/^warning: config [^\n]* ms per \d+-byte sample line here[^\n]*\n/gm, '')
        .replace(/^note: config [^\n]* is mode: stateful: [^\n]*\n/gm, ''),
    ).toBe('')
    expect(code).toBe(0)
    expect(io.out().trim().split('\n')).toHaveLength(files.length)
    expect(io.out()).toContain('ok suites/week1.yaml (suite)')
  })

  it('checks that an external compressor can start: its program on PATH or at its path, its module file', async () => {
    const folder = join(dir, 'external-check')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'no-program.yaml'), 'name: a\nexternal_command: ["no-such-program-aura", "x.py"]\n')
    writeFileSync(join(folder, 'no-script.yaml'), 'name: b\nexternal_command: ["./bin/compress"]\n')
    writeFileSync(join(folder, 'no-module.yaml'), 'name: c\nexternal_module: ./missing.mjs\n')
    writeFileSync(join(folder, 'good.yaml'), 'name: d\nexternal_command: ["node", "-e", "0"]\n')
    const suite = join(folder, 'suite.yaml')
    writeFileSync(suite, `name: s\ncorpora: [${JSON.stringify(WEEK1)}]\nconfigs: [no-program.yaml]\n`)
    const { code, io } = await run(
      ['validate', 'no-program.yaml', 'no-script.yaml', 'no-module.yaml', 'good.yaml', 'suite.yaml'],
      createFakeIo({ cwd: folder, env: { CI: 'true', PATH: process.env['PATH'] } }),
    )
    expect(code).toBe(2)
    expect(io.out()).toBe('ok good.yaml (config)\n')
    expect(io.err()).toMatch(
      /E_EXTERNAL in \S*no-program\.yaml:2: external_command\[0\]: external_command cannot start: no executable named no-such-program-aura on PATH/,
    )
    expect(io.err()).toMatch(/no-script\.yaml:2: external_command\[0\]: .*bin\/compress is not an executable file/)
    expect(io.err()).toMatch(/no-module\.yaml:2: external_module: .*missing\.mjs does not exist/)
    // the suite's config is checked too, and the issue it finds there is the config's: said once (s31 D6)
    expect(io.err().match(/no executable named no-such-program-aura/g)).toHaveLength(1)
  })

  it('exits 2 on a bad file, naming the file, field and line; the good files are still listed', async () => {
    const bad = join(dir, 'bad-config.yaml')
    writeFileSync(bad, 'name: bad\nfallback: brotly\n')
    const { code, io } = await run(['validate', 'configs/emergency.yaml', bad], createFakeIo({ cwd: repo }))
    expect(code).toBe(2)
    expect(io.out()).toBe('ok configs/emergency.yaml (config)\n')
    expect(io.err()).toContain(
      `error E_UNKNOWN_CODEC in ${bad}:2: fallback: unknown codec \`brotly\`; did you mean \`brotli\`?`,
    )
  })

  it('checks a jsonl corpus beside its recordings.tsv as compare and replay read it: a row past the last line is exit 2 at the row', async () => {
    const folder = join(dir, 'recordings-check')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'messages.jsonl'), `${Array.from({ length: 400 }, (_, i) => `"m${i}"`).join('\n')}\n`)
    const rows = (last: string) => `first_line\tn_messages\tpath\trecording\n1\t250\ta\tr0\n${last}\n`
    writeFileSync(
      join(folder, 'suite.yaml'),
      `name: s\ncorpora: [messages.jsonl]\nconfigs: [${JSON.stringify(join(repo, 'configs/emergency.yaml'))}]\n`,
    )
    writeFileSync(join(folder, 'recordings.tsv'), rows('251\t150\ta\tr1'))
    const fine = await run(['validate', 'suite.yaml'], createFakeIo({ cwd: folder }))
    expect(withoutWarnings(fine.io.err())).toBe('')
    expect(fine.code).toBe(0)
    writeFileSync(join(folder, 'recordings.tsv'), rows('251\t500\ta\tr1'))
    const { code, io } = await run(['validate', 'suite.yaml'], createFakeIo({ cwd: folder }))
    expect(code).toBe(2)
    expect(io.err()).toContain(
      `E_CORPUS_FORMAT in ${join(folder, 'recordings.tsv')}:3: the row covering lines 251-750 runs past the end of ${join(folder, 'messages.jsonl')}, which has 400 lines`,
    )
  })

  it("checks a config's template store too", async () => {
    mkdirSync(join(dir, 'store-check'), { recursive: true })
    writeFileSync(
      join(dir, 'store-check/store.json'),
      '{"format": "aura-template-store", "version": 1, "name": "x", "templates": [{"id": 1, "pattern": "a {1}"}]}',
    )
    writeFileSync(join(dir, 'store-check/config.yaml'), 'template_store_path: store.json\n')
    const { code, io } = await run(['validate', join(dir, 'store-check/config.yaml')])
    expect(code).toBe(2)
    expect(io.err()).toMatch(/E_TEMPLATE_STORE in .*store\.json: templates\[0\]\.pattern/)
  })
})

describe('validate on a suite naming a stateful config', () => {
  it('is ok, with a note that run refuses it, and no per-message fallback warning for it', async () => {
    // a suite of its own over a corpus of the repository: the check must not need ../shared
    const suite = join(dir, 'stateful-suite.yaml')
    writeFileSync(
      suite,
      `name: stateful-suite\ncorpora: [${JSON.stringify(WEEK1)}]\nconfigs: [${JSON.stringify(join(repo, 'configs/stateful/stateful.yaml'))}]\n`,
    )
    const io = createFakeIo({ cwd: repo })
    expect(await runCli(['validate', suite, 'configs/stateful/stateful.yaml'], io)).toBe(0)
    expect(io.err()).toContain('note: config stateful is mode: stateful: `compare` and `replay` measure this suite')
    expect(io.err()).not.toMatch(/warning: config stateful:/)
  })
})

describe('run on a suite naming stateful configs', () => {
  it('names every one at its entry before measuring (it named only the first)', async () => {
    const stateful = JSON.stringify(join(repo, 'configs/stateful/stateful.yaml'))
    const suite = join(dir, 'two-stateful.yaml')
    writeFileSync(
      suite,
      [
        'name: two-stateful',
        `corpora: [${JSON.stringify(WEEK1)}]`,
        'configs:',
        `  - { path: ${stateful}, name: one }`,
        `  - ${JSON.stringify(join(repo, 'configs/emergency.yaml'))}`,
        `  - { path: ${stateful}, name: two }`,
        '',
      ].join('\n'),
    )
    const { code, io } = await run(['run', suite, '--out', join(dir, 'never-stateful')])
    expect(code).toBe(2)
    expect(io.errorLines()).toEqual([
      expect.stringMatching(
        /^error E_SCHEMA in .*two-stateful\.yaml:4: configs\[0\]: config one \(.*\) is mode: stateful/,
      ),
      expect.stringMatching(
        /^error E_SCHEMA in .*two-stateful\.yaml:6: configs\[2\]: config two \(.*\) is mode: stateful/,
      ),
    ])
    expect(io.err()).toContain('hint: measure stateful configs with `aura-bench compare`')
    expect(existsSync(join(dir, 'never-stateful'))).toBe(false)
  })
})

describe('discover', () => {
  function writeLog(): { corpus: string; truth: string } {
    const folder = join(dir, 'discover')
    mkdirSync(folder, { recursive: true })
    const lines = Array.from({ length: 120 }, (_, i) =>
      i % 2 === 0
        ? `Received block blk_${1000 + i} of size ${i * 13} from 10.0.0.${i % 9}`
        : `Deleting block blk_${1000 + i} file /data/${i}`,
    )
    writeFileSync(join(folder, 'log.txt'), `${lines.join('\n')}\n`)
    writeFileSync(
      join(folder, 'truth.csv'),
      `LineId,EventId\n${lines.map((_, i) => `${i + 1},${i % 2 === 0 ? 'E1' : 'E2'}`).join('\n')}\n`,
    )
    return { corpus: join(folder, 'log.txt'), truth: join(folder, 'truth.csv') }
  }

  it('asks its process for a small heap before it reads a corpus of lines (a bad flag, or JSON, asks nothing)', async () => {
    const { corpus } = writeLog()
    let asked = 0
    let young = 0
    const io = createFakeIo({ cwd: dir })
    io.preferSmallHeap = () => {
      asked++
    }
    io.keepYoungGeneration = () => {
      young++
    }
    expect((await run(['discover', corpus, '--out', join(dir, 'discover/small.json'), '--quiet'], io)).code).toBe(0)
    expect(asked).toBe(1)
    expect(
      (await run(['discover', corpus, '--out', join(dir, 'discover/small.json'), '--min-support', '0'], io)).code,
    ).toBe(2)
    expect(asked).toBe(1)
    // a JSON corpus is streamed, not held: no trade of CPU for heap
    const jsonl = join(dir, 'discover/small.jsonl')
    writeFileSync(
      jsonl,
      `${Array.from({ length: 40 }, (_, i) => JSON.stringify({ text: `fan ${i} up` })).join('\n')}\n`,
    )
    expect((await run(['discover', jsonl, '--out', join(dir, 'discover/small-json.json'), '--quiet'], io)).code).toBe(0)
    expect([asked, young]).toEqual([1, 1])
    // s40-rev3 F4: a corpus whose format cannot be told (a .csv) is refused, and gets neither flag (it got JSON's)
    const csv = join(dir, 'discover/small.csv')
    writeFileSync(csv, 'a,b\n1,2\n')
    const refused = await run(['discover', csv, '--out', join(dir, 'discover/small-csv.json'), '--quiet'], io)
    expect([refused.code, refused.io.err()]).toEqual([2, expect.stringContaining('E_CORPUS_FORMAT')])
    expect([asked, young]).toEqual([1, 1])
  })

  it('says how long it took, and prints an asked-for --evaluate result even with --quiet', async () => {
    const { corpus, truth } = writeLog()
    const loud = await run(['discover', corpus, '--out', join(dir, 'discover/store.json'), '--evaluate', truth])
    expect(loud.code).toBe(0)
    expect(loud.io.out()).toMatch(/wrote \S*store\.json in \d+\.\d s: \d+ templates/)
    const quiet = await run([
      'discover',
      corpus,
      '--out',
      join(dir, 'discover/store-quiet.json'),
      '--evaluate',
      truth,
      '--quiet',
    ])
    expect(quiet.code).toBe(0)
    expect(quiet.io.out()).toMatch(/^grouping accuracy 1\.000: 120\/120 messages/)
    expect(quiet.io.out().trim().split('\n')).toHaveLength(1)
    expect(quiet.io.out()).not.toContain('matched no message')
    // half the corpus read: the other half's rows are said to be left out, not silently dropped
    const half = await run([
      'discover',
      corpus,
      '--out',
      join(dir, 'discover/store-half.json'),
      '--evaluate',
      truth,
      '--train-fraction',
      '0.5',
      '--quiet',
    ])
    expect(half.code).toBe(0)
    expect(half.io.out()).toMatch(/60\/60 messages.*; 60 ground-truth rows matched no message read and were not scored/)
  })

  it("--evaluate with another log's ground truth (its Content is not in the lines) is exit 2 before anything is written", async () => {
    const { corpus } = writeLog()
    const other = join(dir, 'discover/other_structured.csv')
    writeFileSync(
      other,
      `LineId,Content,EventId\n${Array.from({ length: 120 }, (_, i) => `${i + 1},fan ${i} speed up,E1`).join('\n')}\n`,
    )
    const out = join(dir, 'discover/wrong-truth.json')
    const wrong = await run(['discover', corpus, '--out', out, '--evaluate', other, '--quiet'])
    expect(wrong.code).toBe(2)
    expect(wrong.io.err()).toMatch(/E_CORPUS_FORMAT in .*other_structured\.csv: .*is not this corpus's ground truth/)
    expect(existsSync(out)).toBe(false)
    const own = join(dir, 'discover/own_structured.csv')
    const lines = readFileSync(corpus, 'utf8').trim().split('\n')
    writeFileSync(own, `LineId,Content,EventId\n${lines.map((line, i) => `${i + 1},"${line}",E${i % 2}`).join('\n')}\n`)
    expect((await run(['discover', corpus, '--out', out, '--evaluate', own, '--quiet'])).code).toBe(0)
  })

  it('--merge --evict-after refreshes a store and says how many templates it evicted; --evict-after alone is a usage error', async () => {
    const { corpus } = writeLog()
    const other = join(dir, 'discover/other.txt')
    writeFileSync(other, `${Array.from({ length: 40 }, (_, i) => `fan ${i % 4} speed ${1000 + i} rpm`).join('\n')}\n`)
    const first = join(dir, 'discover/rolling-1.json')
    expect((await run(['discover', corpus, '--out', first, '--quiet'])).code).toBe(0)
    const second = await run([
      'discover',
      other,
      '--out',
      join(dir, 'discover/rolling-2.json'),
      '--merge',
      first,
      '--evict-after',
      '1',
      '--evict-keep-share',
      '0',
    ])
    expect(second.code).toBe(0)
    expect(second.io.out()).toMatch(/templates \(\d+ new, \d+ evicted\)/)
    for (const args of [
      ['--evict-keep-share', '0.5'],
      ['--evict-after', '1', '--evict-keep-share', '1.5'],
    ]) {
      const refused = await run([
        'discover',
        other,
        '--out',
        join(dir, 'discover/rolling-5.json'),
        '--merge',
        first,
        ...args,
      ])
      expect(refused.code).toBe(2)
      expect(refused.io.err()).toMatch(/--evict-keep-share/)
    }
    const alone = await run(['discover', other, '--out', join(dir, 'discover/rolling-3.json'), '--evict-after', '1'])
    expect(alone.code).toBe(2)
    expect(alone.io.err()).toMatch(/--evict-after needs --merge/)
  })
})

describe('discover: trial findings', () => {
  const lines = (n: number, word: string) =>
    Array.from({ length: n }, (_, i) => `${word} job ${i} finished in ${i * 3} ms on node-${i % 7}`).join('\n')

  it('refuses, writing nothing, a --merge store another refresh wrote while this one ran (E_INPUT_CHANGED)', async () => {
    const folder = join(dir, 'discover-merge')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'a.log'), `${lines(40, 'alpha')}\n`)
    writeFileSync(join(folder, 'b.log'), `${lines(40, 'beta')}\n`)
    const store = join(folder, 'store.json')
    expect((await run(['discover', join(folder, 'a.log'), '--out', store, '--quiet'])).code).toBe(0)
    const other = join(folder, 'other.json')
    expect((await run(['discover', join(folder, 'b.log'), '--out', other, '--quiet'])).code).toBe(0)
    // as the corpus has been read once, another refresh replaces the store
    const io = createFakeIo({
      cwd: dir,
      onStdout: (text) => {
        if (text.startsWith('discover:')) writeFileSync(store, readFileSync(other))
      },
    })
    const refresh = await run(['discover', join(folder, 'b.log'), '--merge', store, '--out', store], io)
    expect(refresh.code).toBe(2)
    expect(io.err()).toMatch(
      /^error E_INPUT_CHANGED in .*store\.json: --merge: template store .* changed while discover/,
    )
    expect(readFileSync(store, 'utf8')).toBe(readFileSync(other, 'utf8'))
  })

  it('names the corpus when nothing is found, and prints the settings it used, not the defaults', async () => {
    const folder = join(dir, 'discover-named')
    mkdirSync(folder, { recursive: true })
    const corpus = join(folder, 'c.log')
    writeFileSync(corpus, `${lines(40, 'gamma')}\n`)
    const none = await run(['discover', corpus, '--out', join(folder, 's.json'), '--min-support', '5000'])
    expect(none.code).toBe(2)
    expect(none.io.err()).toMatch(/^error E_NO_TEMPLATES in .*c\.log: /)
    // named as a relative path, the error still prints the absolute one, as every other error does
    const relative = await run(
      ['discover', 'c.log', '--out', 's.json', '--min-support', '5000'],
      createFakeIo({ cwd: folder }),
    )
    expect(relative.io.err()).toMatch(
      new RegExp(`^error E_NO_TEMPLATES in ${corpus.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
    )
    const some = await run([
      'discover',
      corpus,
      '--out',
      join(folder, 's.json'),
      '--max-templates',
      '3',
      '--min-support',
      '2',
    ])
    expect(some.code).toBe(0)
    expect(some.io.out()).toContain('settings: --max-templates 3 --min-support 2 --max-split-words 2')
    const empty = await run(['discover', corpus, '--out', ''])
    expect(empty.code).toBe(2)
    expect(empty.io.err()).toMatch(/--out needs a file path/)
  })
})

describe('command line', () => {
  it.each([
    [['frobnicate'], /^error E_USAGE: unknown command 'frobnicate'\n(.|\n)*usage: aura-bench/],
    [['rn', 'x.yaml'], /^error E_USAGE: unknown command 'rn'\n\(Did you mean run\?\)\n/],
    [
      ['run', '--bogus', 'x.yaml'],
      /^error E_USAGE: unknown option '--bogus'\n(.|\n)*usage: aura-bench run <suite\.yaml\.\.\.> \[options\]/,
    ],
    [
      ['run', 'x.yaml', '--basline', 'b.json'],
      /^error E_USAGE: unknown option '--basline'\n\(Did you mean --baseline\?\)\nusage: aura-bench run/,
    ],
    [['cost', '--results', 'r.json', '--mesages-per-day', '1'], /\(Did you mean --messages-per-day\?\)/],
    [['run', 'x.yaml', '--out'], /^error E_USAGE: option '--out <DIR>' argument missing\n/],
    [
      ['cost', 'stray'],
      /^error E_USAGE: cost takes no arguments, only flags, and found "stray": each flag takes one value unless its help shows <value\.\.\.>\nusage: aura-bench cost/,
    ],
    // s42-trial D2: the first results.json was dropped, exit 0
    [
      ['cost', '--results', 'a.json', '--results', 'b.json'],
      /^error E_USAGE: --results is given twice \("a\.json", then "b\.json"\): it takes one value; give it once\nusage: aura-bench cost/,
    ],
    [['cost', '--results', 'a.json', 'b.json', 'c.json'], /found "b\.json" \(and 1 more\)/],
    [['run', 'x.yaml', '--out', 'a', '--out', 'b'], /^error E_USAGE: --out is given twice \("a", then "b"\)/],
    [['run'], /^error E_USAGE in run: run needs at least one suite file\n(.|\n)*usage: aura-bench run/],
    [['validate'], /^error E_USAGE in validate: validate needs at least one file\n(.|\n)*usage: aura-bench validate/],
    [[], /^error E_USAGE: no command given\nusage: aura-bench/],
  ])('%j exits 2 with the usage on stderr and no stack', async (argv, message) => {
    const { code, io } = await run(argv)
    expect(code).toBe(2)
    expect(io.err()).toMatch(message)
    expect(io.err()).not.toMatch(/^ {4}at /m)
    expect(io.out()).toBe('')
  })

  it('--help lists every command with its summary on stdout and exits 0', async () => {
    const { code, io } = await run(['--help'])
    expect(code).toBe(0)
    expect(io.out()).toMatch(/^Usage: aura-bench/)
    for (const command of [
      'run <suite.yaml...>',
      'validate <file...>',
      'compare <suite.yaml>',
      'cost',
      'discover <corpus>',
    ])
      expect(io.out()).toContain(command)
    expect(io.out()).toContain('130 interrupted')
  })

  it.each([
    ['run', '--help'],
    ['help', 'run'],
  ])('%j prints every flag of run with its description', async (...argv) => {
    const { code, io } = await run(argv)
    expect(code).toBe(0)
    expect(withoutWarnings(io.err())).toBe('')
    for (const flag of [
      '--out <DIR>',
      '--no-latency ',
      '--no-latency-gate',
      '--no-charts',
      '--quiet',
      '--limit <N>',
      '--baseline',
      '--save-baseline <FILE>',
      '--junit <FILE>',
      '--prometheus <FILE>',
      '--alert-rules <FILE>',
    ]) {
      expect(io.out()).toContain(flag)
    }
    expect(io.out()).toMatch(/--junit <FILE> +write JUnit XML/)
  })

  it('compare --help names the gate failure (a gated target or a regression against --baseline) as exit 1', async () => {
    const { code, io } = await run(['compare', '--help'])
    expect(code).toBe(0)
    expect(io.out().replace(/\s+/g, ' ')).toMatch(
      /Exit codes: 0 compared \(and the gate, if any, passed\), 1 an entry failed or did not round-trip, or the gate failed \(a gated target of a stateful config missed, or a regression against --baseline\)/,
    )
  })

  it('--version prints the package version', async () => {
    const { code, io } = await run(['--version'])
    expect(code).toBe(0)
    expect(io.out()).toBe(`${JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version}\n`)
  })
})

describe('hostile suites (review findings)', () => {
  it('a YAML alias bomb is bad input (exit 2, the file named), not an internal error', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries()) {
      const prev = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    const file = join(dir, 'alias-bomb.yaml')
    writeFileSync(file, `${levels.join('\n')}\n`)
    const { code, io } = await run(['run', file])
    expect(code).toBe(2)
    expect(io.err()).toMatch(/^error E_YAML_SYNTAX in .*alias-bomb\.yaml: malformed YAML: Excessive alias count/)
    expect(io.err()).not.toMatch(/^ {4}at /m)
  })

  it('a suite name that would write outside the report folder is refused', async () => {
    const file = join(dir, 'escape.yaml')
    writeFileSync(
      file,
      `name: ../../escape\ncorpora: [${JSON.stringify(WEEK1)}]\nconfigs: [${JSON.stringify(join(repo, 'configs/emergency.yaml'))}]\n`,
    )
    const { code, io } = await run(['run', file, '--no-latency'])
    expect(code).toBe(2)
    expect(io.err()).toMatch(/^error E_SCHEMA in .*escape\.yaml:1: name: must be letters/)
    expect(existsSync(join(dir, '..', '..', 'escape'))).toBe(false)
  })
})

describe('unmeasured gated targets (review finding)', () => {
  it('a gated latency target fails the gate when latency was not measured; --no-latency-gate reports it without gating', async () => {
    const file = writeSuite('unmeasured', {
      targets: ['{ metric: ratio, pass: 1.2 }', '{ metric: encodeP95Us, pass: 100000 }'],
    })
    const failed = await run(['run', file, '--out', join(dir, 'out-unmeasured')])
    expect(failed.code).toBe(1)
    expect(failed.io.out()).toMatch(
      /Encode p95 \(encodeP95Us\) was not measured, and a gated target \(≤ 100,000 µs\) must be/,
    )
    const ungated = await run(['run', file, '--out', join(dir, 'out-unmeasured'), '--no-latency-gate'])
    expect(ungated.code).toBe(0)
  })
})

describe('discover usage hint (round 32)', () => {
  it('names every flag --help lists (it left out --max-split-words)', async () => {
    const { DISCOVER_FLAGS } = await import('./command-flags.ts')
    const { code, io } = await run(['discover'])
    expect(code).toBe(2)
    const hint =
      io
        .err()
        .split('\n')
        .find((line) => line.startsWith('hint: aura-bench discover')) ?? ''
    const missing = Object.keys(DISCOVER_FLAGS).filter(
      (flag) => !['help', 'quiet'].includes(flag) && !hint.includes(`--${flag}`),
    )
    expect(missing).toEqual([])
  })
})
