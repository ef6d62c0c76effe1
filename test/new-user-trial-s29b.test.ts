/**
 * Defects the third new-user trial of the CLI found (round 29, 2026-12-06): a structured CSV of
 * another log used as a corpus's categories, files of another kind flooding stderr, config problems
 * reported one at a time, discover options a user could not reach. Each case through the CLI.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { root, write, readJson, cli: runIn } = trialFolder('aura-trial29b-')
const cli = (args: string[]) => runIn(args)

const repo = fileURLToPath(new URL('..', import.meta.url))
// a Loghub-format log of its own (Apache-like, 200 lines) and its structured CSV: no shared corpus needed
const EVENTS = [
  ['notice', 'workerEnv.init() ok /etc/httpd/conf/workers2.properties', 'E2', 'workerEnv.init() ok <*>'],
  ['error', 'mod_jk child workerEnv in error state 6', 'E3', 'mod_jk child workerEnv in error state <*>'],
  [
    'notice',
    'jk2_init() Found child 6725 in scoreboard slot 10',
    'E1',
    'jk2_init() Found child <*> in scoreboard slot <*>',
  ],
] as const
const apacheRows = Array.from({ length: 200 }, (_, i) => {
  const [level, content, id, template] = EVENTS[i % EVENTS.length] as (typeof EVENTS)[number]
  return {
    time: `Sun Dec 04 04:${String(47 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} 2005`,
    level,
    content,
    id,
    template,
  }
})
const APACHE = write(
  'apache/Apache_2k.log',
  `${apacheRows.map((r) => `[${r.time}] [${r.level}] ${r.content}`).join('\n')}\n`,
)
write(
  'apache/Apache_2k.log_structured.csv',
  `${['LineId,Time,Level,Content,EventId,EventTemplate', ...apacheRows.map((r, i) => `${i + 1},${r.time},${r.level},${r.content},${r.id},${r.template}`)].join('\n')}\n`,
)

// the trial's app log: 300 lines of one event
write(
  'app.log',
  `${Array.from(
    { length: 300 },
    (_, i) =>
      `2026-12-06T07:00:${(i + 1) % 60}.123Z INFO [api] user ${((i + 1) * 7) % 1000} logged in from 10.0.${(i + 1) % 255}.${((i + 1) % 200) + 1}`,
  ).join('\n')}\n`,
)
write('hyb.yaml', 'name: hyb\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\n')

const loghubSuite = (name: string, log: string) =>
  write(
    `${name}.yaml`,
    `name: ${name}\ncorpora: [{ path: ${log}, format: loghub }]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 1 }]\nlatency: { enabled: false }\n`,
  )

describe("a loghub corpus's _structured.csv that is not its own", () => {
  it("another log's CSV beside the log: run and validate refuse it naming the CSV, exit 2, nothing written", async () => {
    copyFileSync(path.join(root, 'app.log'), path.join(root, 'app.copy.log'))
    copyFileSync(`${APACHE}_structured.csv`, path.join(root, 'app.copy.log_structured.csv'))
    loghubSuite('cat', 'app.copy.log')
    const run = await cli(['run', 'cat.yaml', '--out', 'c', '--no-charts', '--no-html'])
    expect(run.code).toBe(2)
    expect(run.err).toMatch(
      /error E_CORPUS_FORMAT in app\.copy\.log_structured\.csv: app\.copy\.log_structured\.csv is not this corpus's ground truth: the Content of 200 of the first 200 rows/,
    )
    expect(existsSync(path.join(root, 'c/results.json'))).toBe(false)
    const validate = await cli(['validate', 'cat.yaml'])
    expect(validate.code).toBe(2)
    expect(validate.err).toContain("app.copy.log_structured.csv is not this corpus's ground truth")
  })

  it('a CSV with fewer rows than the log: a warning on stderr and in results.json says how many have no category', async () => {
    const lines = readFileSync(APACHE, 'utf8').split('\n').slice(0, 100)
    write('ap.log', `${lines.join('\n')}\n`)
    const csv = readFileSync(`${APACHE}_structured.csv`, 'utf8').split('\n').slice(0, 51)
    write('ap.log_structured.csv', `${csv.join('\n')}\n`)
    loghubSuite('ap', 'ap.log')
    const run = await cli(['run', 'ap.yaml', '--out', 'ap', '--no-charts', '--no-html'])
    expect(run.code).toBe(0)
    const warning =
      'corpus ap (ap.log): 50 of its 100 messages have no row in ap.log_structured.csv (rows are matched by LineId to the log\'s line numbers), so they are "uncategorised" in Per-Category'
    expect(run.err).toContain(`warning: ${warning}`)
    expect(readJson('ap/results.json').warnings).toContain(warning)
    // its own full CSV: no warning
    write(
      'ap.log_structured.csv',
      `${readFileSync(`${APACHE}_structured.csv`, 'utf8').split('\n').slice(0, 101).join('\n')}\n`,
    )
    const full = await cli(['run', 'ap.yaml', '--out', 'ap-full', '--no-charts', '--no-html'])
    expect(full.code).toBe(0)
    expect(full.err).not.toContain('uncategorised')
  })
})

describe('a corpus or results file where a suite or a history goes', () => {
  const jsonl = write(
    'data/api.jsonl',
    `${Array.from({ length: 300 }, (_, i) => JSON.stringify({ msg: `user ${i} logged in from 10.0.0.${i % 250}`, kind: 'auth' })).join('\n')}\n`,
  )

  it('run, compare, replay and cost --suite of a JSONL corpus or a log: one error saying what it looks like, exit 2', async () => {
    for (const args of [['run'], ['compare'], ['replay'], ['cost', '--suite']])
      for (const file of [jsonl, path.join(root, 'app.log'), APACHE]) {
        const result = await cli([...args, file])
        expect(result.code).toBe(2)
        const lines = result.err.trim().split('\n')
        expect(lines).toHaveLength(2)
        expect(lines[0]).toMatch(
          file === jsonl
            ? /error E_SCHEMA in \S*api\.jsonl: api\.jsonl looks like a JSONL corpus \(300 lines, each a JSON object with fields msg, kind\), not a suite$/
            : /looks like a log or text corpus \((300|200) lines of text\), not a suite$/,
        )
        expect(lines[1]).toMatch(
          /^hint: a suite is a YAML file with `corpora:` and `configs:`; this file goes in a suite's `corpora:`/,
        )
      }
  })

  it('history with its arguments swapped (a results.json as the history): one error, exit 2', async () => {
    // a gated target: a suite without one warns (round 31), and this run's stderr is to be empty
    write(
      'plain.yaml',
      'name: plain\ncorpora: [{ path: app.log }]\nconfigs: [hyb.yaml]\ntargets: [{ metric: roundTripMismatches, pass: 0 }]\nlatency: { enabled: false }\n',
    )
    const first = await cli(['run', 'plain.yaml', '--out', 'out1', '--no-charts', '--no-html'])
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    const swapped = await cli(['history', 'out1/results.json', '--add', 'out1/results.json'])
    expect(swapped.code).toBe(2)
    expect(swapped.err.trim().split('\n')).toEqual([
      'error E_SCHEMA in out1/results.json: results.json looks like a results.json written by `aura-bench run` (or `merge`), not a history (one JSON line per run, as `history --add` appends)',
      'hint: the history file comes first: `aura-bench history HISTORY.jsonl --add out/results.json`; this file goes in `history H.jsonl --add`, `cost --results`, `run --baseline`',
    ])
    const corpus = await cli(['history', 'h.jsonl', '--add', 'data/api.jsonl'])
    expect(corpus.code).toBe(2)
    expect(corpus.err).toMatch(
      /^error E_SCHEMA in data\/api\.jsonl: results file data\/api\.jsonl looks like a JSONL corpus/,
    )
    expect(corpus.err.trim().split('\n')).toHaveLength(2)
  })

  it('a YAML file with many syntax errors lists the first 5 and counts the rest', async () => {
    write('broken.yaml', `name: broken\n${Array.from({ length: 40 }, (_, i) => `k${i}: [a: b: c\n`).join('')}`)
    const result = await cli(['validate', 'broken.yaml'])
    expect(result.code).toBe(2)
    const lines = result.err.trim().split('\n')
    expect(lines.filter((line) => line.includes('E_YAML_SYNTAX'))).toHaveLength(6)
    expect(lines.at(-1)).toMatch(/and \d+ more YAML syntax errors/)
  })
})

describe('every problem of a config at once', () => {
  it('a wrong type beside a key the fallback ignores: validate lists both, in file order', async () => {
    write('q8.yaml', 'name: q8\nbrotli_quality: 5.5\nzstd_level: 5\nbrotli_library: node:zlib\nfoo: 1\n')
    const result = await cli(['validate', 'q8.yaml'])
    expect(result.code).toBe(2)
    const lines = result.err.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^error E_SCHEMA in \S*q8\.yaml:2: brotli_quality: must be an int, found 5\.5$/)
    expect(lines[1]).toMatch(/^error E_SCHEMA in \S*q8\.yaml:3: zstd_level: zstd_level sets fallback: zstd/)
    expect(lines[2]).toMatch(/^error E_UNKNOWN_KEY in \S*q8\.yaml:5: foo: unknown key `foo`/)
  })
})

describe('a template store from another tool', () => {
  it("validate and run: the config's key and line first, then one line saying the file is not a template store", async () => {
    copyFileSync(path.join(repo, 'package.json'), path.join(root, 'pkg.json'))
    write('c4.yaml', 'name: c4\ntemplate_store_path: pkg.json\n')
    write('s4.yaml', 'name: s4\ncorpora: [app.log]\nconfigs: [c4.yaml]\nlatency: { enabled: false }\n')
    for (const args of [
      ['validate', 'c4.yaml'],
      ['run', 's4.yaml', '--out', 's4'],
    ]) {
      const result = await cli(args)
      expect(result.code).toBe(2)
      const errors = result.err.split('\n').filter((line) => line.startsWith('error '))
      expect(errors).toHaveLength(2)
      expect(errors[0]).toMatch(
        /^error E_TEMPLATE_STORE in \S*c4\.yaml:2: template_store_path: names pkg\.json, which cannot be used as a template store:$/,
      )
      expect(errors[1]).toMatch(
        /^error E_TEMPLATE_STORE in \S*pkg\.json: pkg\.json is not an aura template store: it has no "format": "aura-template-store" and no "templates" \(its keys: name, version, /,
      )
    }
  })

  it('the typo `template_store:` gets a did-you-mean for template_store_path', async () => {
    write('c5.yaml', 'name: c5\ntemplate_store: pkg.json\n')
    const result = await cli(['validate', 'c5.yaml'])
    expect(result.code).toBe(2)
    expect(result.err).toMatch(
      /c5\.yaml:2: template_store: unknown key `template_store`; did you mean `template_store_path`\?/,
    )
  })
})

describe('discover --text-field', () => {
  it('reads a JSONL corpus whose text is in another field; without it, the error names the flag', async () => {
    const without = await cli(['discover', 'data/api.jsonl', '--out', 'tf.json', '--quiet'])
    expect(without.code).toBe(2)
    expect(without.err).toMatch(
      /no "text" field \(fields: msg, kind\); pass `--text-field <field>` naming the field that holds the message/,
    )
    const withField = await cli(['discover', 'data/api.jsonl', '--out', 'tf.json', '--text-field', 'msg', '--quiet'])
    expect(withField.err).toBe('')
    expect(withField.code).toBe(0)
    const store = JSON.parse(readFileSync(path.join(root, 'tf.json'), 'utf8')) as { templates: { pattern: string }[] }
    expect(store.templates.length).toBeGreaterThan(0)
    // it is the message text that was templated, not the JSON line
    expect(store.templates.every((t) => !t.pattern.includes('"kind"'))).toBe(true)
    const log = await cli(['discover', 'app.log', '--out', 'tf2.json', '--text-field', 'msg'])
    expect(log.code).toBe(2)
    expect(log.err).toMatch(
      /--text-field names a JSON field: it applies to jsonl and json corpora, and app\.log is read as loghub/,
    )
  })

  it('is in discover --help and the shell completion', async () => {
    expect((await cli(['discover', '--help'])).out).toContain('--text-field <NAME>')
    expect((await cli(['completion', 'bash'])).out).toMatch(/discover\) flags="[^"]*--text-field/)
    expect((await cli(['completion', 'zsh'])).out).toContain('--text-field')
  })
})

describe('discover --header that fits only some lines', () => {
  it('says on stdout how many messages it matched, and the warning shows a line it does not fit', async () => {
    // the trial's app log: the level is not followed by a colon, but a few lines hold ": " later
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0
        ? `2026-12-06T07:00:${String(i % 60).padStart(2, '0')}.226Z WARN [db] slow query: took ${i} ms`
        : `2026-12-06T07:00:${String(i % 60).padStart(2, '0')}.226Z INFO [api] user ${i} logged in from 10.0.0.${i % 250}`,
    )
    write('mixed.log', `${lines.join('\n')}\n`)
    const result = await cli([
      'discover',
      'mixed.log',
      '--out',
      'dh.json',
      '--header',
      '<Date> <Time> <Level>: <Content>',
    ])
    expect(result.code).toBe(0)
    expect(result.out).toContain(
      'discover: 300 messages from mixed.log; --header matched 43 of them (the other 257 clustered whole, header included)',
    )
    expect(result.err).toContain(
      'warning: --header "<Date> <Time> <Level>: <Content>" matches 43 of the 300 messages of mixed.log (14%); the other 257 are clustered whole, header included, so one event can come out as two templates; the first it does not fit (line 2): "2026-12-06T07:00:01.226Z INFO [api] user 1 logged in from 10.0.0.1"',
    )
    const all = await cli(['discover', 'mixed.log', '--out', 'dh-all.json', '--header', '<Date> <Level> <Content>'])
    expect(all.code).toBe(0)
    expect(all.out).toContain('discover: 300 messages from mixed.log; --header matched all of them')
    expect(all.err).toBe('')
  })
})

describe('discover on a corpus with one huge line', () => {
  it('leaves a line over 64 KiB out of the store and says how many were left out', async () => {
    write(
      'huge.txt',
      `${Array.from({ length: 50 }, (_, i) => `normal line ${i} ok`).join('\n')}\n${'x'.repeat(5 * 1024 * 1024)}\n`,
    )
    const result = await cli(['discover', 'huge.txt', '--out', 'd3.json', '--quiet'])
    expect(result.code).toBe(0)
    expect(result.err).toBe(
      "warning: 1 of the 51 messages of huge.txt are longer than 65,536 bytes and were left out of discovery: a template holds its message's literal text in the store every peer loads (the fallback codec sends them)\n",
    )
    const text = readFileSync(path.join(root, 'd3.json'), 'utf8')
    expect(text.length).toBeLessThan(4096)
    expect((JSON.parse(text) as { templates: { uses: number }[] }).templates).toMatchObject([{ uses: 50 }])
  })
})

describe('nits', () => {
  it('discover on a line over the 16 MiB cap: the hint names what discover can do, not a suite key', async () => {
    write('h17.txt', `a line\n${'x'.repeat(17 * 1024 * 1024)}\n`)
    const result = await cli(['discover', 'h17.txt', '--out', 'h17.json', '--quiet'])
    expect(result.code).toBe(2)
    expect(result.err).toContain('error E_MESSAGE_TOO_LARGE in ')
    expect(result.err).not.toContain('max_message_bytes')
    expect(result.err).toContain(
      "hint: discover has no option to skip such a message: leave it out of the file discover reads (e.g. LC_ALL=C awk 'length($0) <= 16777216' h17.txt > trimmed.txt)",
    )
  })

  it('--baseline git:badformat says what a git baseline is, and offers no --save-baseline to a file named git:badformat', async () => {
    // a gated target: a suite without one warns (round 31), and this run's stderr is to be empty
    write(
      'plain.yaml',
      'name: plain\ncorpora: [{ path: app.log }]\nconfigs: [hyb.yaml]\ntargets: [{ metric: roundTripMismatches, pass: 0 }]\nlatency: { enabled: false }\n',
    )
    const result = await cli(['run', 'plain.yaml', '--out', 'pb', '--baseline', 'git:badformat'])
    expect(result.code).toBe(2)
    expect(result.err).toContain(
      "error E_BASELINE in git:badformat: baseline git:badformat is not a git baseline: one is git:<ref>:<path> (the path from the repository's root)",
    )
    expect(result.err).not.toContain('--save-baseline')
    // not a missing baseline either: --allow-missing-baseline does not let the typo through
    const allowed = await cli([
      'run',
      'plain.yaml',
      '--out',
      'pb2',
      '--baseline',
      'git:badformat',
      '--allow-missing-baseline',
    ])
    expect(allowed.code).toBe(2)
    expect(allowed.err).toContain('baseline git:badformat is not a git baseline')
    expect(existsSync(path.join(root, 'pb2'))).toBe(false)
  })

  it('YAML merge keys (<<: *anchor) are read, in suites and configs', async () => {
    write(
      'merge.yaml',
      'name: merge\ncorpora:\n  - &c { path: app.log, limit: 100 }\n  - { <<: *c, name: second }\nconfigs: [mc.yaml]\nlatency: { enabled: false }\n',
    )
    write('mc.yaml', 'name: mc\n<<: { fallback: brotli, brotli_library: node:zlib }\nbrotli_quality: 4\n')
    expect(await cli(['validate', 'merge.yaml', 'mc.yaml'])).toMatchObject({ code: 0, err: '' })
    const run = await cli(['run', 'merge.yaml', '--out', 'merged', '--no-charts', '--no-html'])
    expect(run.code).toBe(0)
    const results = readJson('merged/results.json') as unknown as {
      runs: { corpus: string; metrics: { messages: number } }[]
    }
    expect(results.runs.map((r) => [r.corpus, r.metrics.messages])).toEqual([
      ['app', 100],
      ['second', 100],
    ])
  })
})

describe('a malformed YAML suite in flow style', () => {
  it('keeps its own syntax errors: it is not called a log', async () => {
    // JSON-style keys: no line reads `key:` at its start, as a log's would not either
    write(
      'flow.yaml',
      '{"name": "flow",\n "corpora": ["app.log"],\n "configs": ["hyb.yaml"\n "latency": { "enabled": false } }\n',
    )
    const result = await cli(['run', 'flow.yaml'])
    expect(result.code).toBe(2)
    expect(result.err).toContain('E_YAML_SYNTAX')
    expect(result.err).not.toContain('looks like')
  })
})
