/** The compare and cost commands through the CLI entry, with fake streams (tests of src/cli/command-compare.ts and command-cost.ts). */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/index.ts'
import { createFakeIo } from '../cli/test-support.ts'
import { toResultsJson } from '../report/index.ts'
import type { Results, RunResult } from '../runner/index.ts'

const PROJECT = path.resolve(import.meta.dirname, '../..')
let dir: string

/** A fake io in the test's folder, with no environment (so not CI). */
const createIo = () => createFakeIo({ cwd: dir, env: {} })

function run(ratio: number, config: string): RunResult {
  // 19,604 = 1.16 × 1.69 × 10,000: both ratios come out exact
  const originalBytes = 19_604
  const compressedBytes = Math.round(originalBytes / ratio)
  const percentiles = { p50: 10, p95: 20, p99: 30, mean: 12, rme: 0.01, samples: 100 }
  return {
    corpus: 'week1',
    config,
    state: 'complete',
    metrics: {
      messages: 25,
      originalBytes,
      compressedBytes,
      ratio: originalBytes / compressedBytes,
      meanRatio: ratio,
      savings: 1 - compressedBytes / originalBytes,
      templateHitRate: 12 / 25,
      expansionRate: 0.08,
      shrinkRate: 0.92,
      methods: { binary_semantic: 12, brotli: 13 },
      latencyUs: { encode: percentiles, decode: percentiles, mode: 'in-process' },
      roundTrip: { checked: 25, mismatches: 0 },
      sharedStateBytes: 0,
    },
    categories: {},
    expanding: [],
    mismatches: [],
    targets: [],
  }
}

const RESULTS: Results = {
  schemaVersion: 1,
  suite: 'week1',
  startedAt: '2025-10-23T10:00:00.000Z',
  incomplete: false,
  environment: { node: 'v20.0.0', platform: 'linux', arch: 'x64', cpu: 'Test', cpus: 2, libraries: {} },
  runs: [run(1.16, 'current'), run(1.69, 'emergency')],
  gate: { status: 'pass', reasons: [] },
  warnings: [],
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aura-compare-cli-'))
  await writeFile(path.join(dir, 'results.json'), toResultsJson(RESULTS))
  await writeFile(path.join(dir, 'broken.json'), '{"schemaVersion": 1,')
  // Latin-1 bytes: read as UTF-8 they became replacement characters and the file passed as JSON
  await writeFile(path.join(dir, 'latin1.json'), Buffer.from('{"suite": "caf\xe9"}', 'latin1'))
  await writeFile(path.join(dir, 'comparison.json'), JSON.stringify({ schemaVersion: 1, kind: 'compare' }))
  const ticks = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({
      text: `{"type":"ticker","product_id":"BTC-USD","price":"${(101 + i / 10).toFixed(1)}","seq":${1000 + i}}`,
    }),
  )
  await writeFile(path.join(dir, 'ticks.jsonl'), `${ticks.join('\n')}\n`)
  const compare = [
    'compare:',
    '  brotli: [5]',
    '  brotli_native: [5]',
    '  zstd: [3]',
    '  zstd_napi: [3]',
    '  zstd_dict: { sizes_kb: [1], levels: [3] }',
    '  deflate: [6]',
    '  permessage_deflate: { levels: [6] }',
    '  zstd_stream: { levels: [3], window_log: 12 }',
    '  hybrids: false',
    '  current: { codec: brotli, level: 5 }',
    '  latency: { messages: 8, samples: 20, warmup: 2, time_ms: 20 }',
    '  size_budget_ms: 50',
    '  memory_connections: 3',
  ]
  const configs = `configs: [${path.join(PROJECT, 'configs/emergency.yaml')}]`
  await writeFile(
    path.join(dir, 'small.yaml'),
    ['name: small', 'corpora: [ticks.jsonl]', configs, ...compare].join('\n'),
  )
  await mkdir(path.join(dir, 'suites'))
  await writeFile(
    path.join(dir, 'suites', 'shared.yaml'),
    ['name: shared', 'corpora: [../no-such-shared/corpora/llm-stream/messages.jsonl]', configs].join('\n'),
  )
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('aura-bench compare', () => {
  it('measures every entry on the corpus, writes report.md and comparison.json, and answers the seed question', async () => {
    const io = createIo()
    const code = await runCli(['compare', 'small.yaml', '--out', 'out', '--no-charts'], io)
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    const comparison = JSON.parse(await readFile(path.join(dir, 'out', 'comparison.json'), 'utf8')) as {
      kind: string
      corpora: { entries: { spec: { id: string }; state: string }[] }[]
      connectionMemory: unknown[]
    }
    expect(comparison.kind).toBe('compare')
    expect(comparison.corpora[0]?.entries.map((e) => e.spec.id)).toEqual([
      'brotli:5',
      'brotli_native:5',
      'zstd:3',
      'zstd_napi:3',
      'zstd_dict:1024:3',
      'deflate:6',
      'permessage_deflate:6:takeover',
      'permessage_deflate:6:no-takeover',
      'zstd_stream:3:12',
    ])
    expect(comparison.corpora[0]?.entries.every((e) => e.state === 'complete')).toBe(true)
    expect(comparison.connectionMemory).toHaveLength(3)
    const report = await readFile(path.join(dir, 'out', 'report.md'), 'utf8')
    // small.yaml asks no question: none is put to the reader, and the seed's wording stays out
    expect(report).toContain('## Summary\n')
    expect(report).toContain('| ticks (15 msgs')
    expect(report).not.toMatch(/Replace Brotli|seed’s 2-3x/)
    expect(io.out()).toContain('**ticks** (15 held-out messages')
    expect(io.out()).toMatch(/Against brotli \d+/)
  })

  it('stops with exit 2 and names the absent shared-corpora folder', async () => {
    const io = createIo()
    expect(await runCli(['compare', 'suites/shared.yaml', '--out', 'never'], io)).toBe(2)
    expect(io.err()).toContain('E_SHARED_CORPORA_MISSING')
    expect(io.err()).toContain(path.join(dir, 'no-such-shared'))
    expect(io.err()).toContain('brotli-vs-zstd-ci.yaml')
  })

  it('says that the training part is empty for a one-message corpus (exit 2, naming the corpus entry)', async () => {
    await writeFile(path.join(dir, 'one.jsonl'), `${JSON.stringify({ text: 'hello' })}\n`)
    await writeFile(
      path.join(dir, 'one.yaml'),
      ['name: one', 'corpora: [one.jsonl]', `configs: [${path.join(PROJECT, 'configs/emergency.yaml')}]`].join('\n'),
    )
    const io = createIo()
    expect(await runCli(['compare', 'one.yaml', '--out', 'never-one', '--quick'], io)).toBe(2)
    expect(io.err()).toMatch(
      /E_CORPUS_EMPTY in .*one\.yaml:2: corpora\[0\]\.split: corpus one: the training part of its split is empty/,
    )
    expect(existsSync(path.join(dir, 'never-one', 'report.md'))).toBe(false)
  })

  it('names every corpus with an empty part before measuring any (it named the first, after measuring those before it)', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ text: `tick ${i} price ${i * 7}` }))
    await writeFile(path.join(dir, 'forty.jsonl'), `${lines.join('\n')}\n`)
    await writeFile(
      path.join(dir, 'parts.yaml'),
      [
        'name: parts',
        'corpora:',
        '  - { path: forty.jsonl, name: fine }',
        '  - { path: forty.jsonl, name: a, limit: 1 }',
        '  - { path: forty.jsonl, name: b, limit: 1 }',
        `configs: [${path.join(PROJECT, 'configs/emergency.yaml')}]`,
      ].join('\n'),
    )
    for (const command of ['compare', 'replay']) {
      const io = createIo()
      expect(await runCli([command, 'parts.yaml', '--out', `never-parts-${command}`], io)).toBe(2)
      expect(io.errorLines()).toEqual([
        expect.stringMatching(
          /^error E_CORPUS_EMPTY in .*parts\.yaml:4: corpora\[1\]\.limit: corpus a: the training part/,
        ),
        expect.stringMatching(
          /^error E_CORPUS_EMPTY in .*parts\.yaml:5: corpora\[2\]\.limit: corpus b: the training part/,
        ),
      ])
      // nothing measured: compare's progress reads `[1/...`, replay's `<corpus>: <config>: N connections`
      expect(io.out()).not.toMatch(/\[1\/|^fine: /m)
      expect(
        existsSync(path.join(dir, `never-parts-${command}`, command === 'compare' ? 'report.md' : 'replay.md')),
      ).toBe(false)
    }
  })

  it('a corpus written ~/...: validate and compare say no shell expands it (compare said the shared corpora were absent)', async () => {
    await writeFile(
      path.join(dir, 'tilde.yaml'),
      [
        'name: tilde',
        'corpora:',
        '  - { path: ~/data/messages.jsonl, name: home }',
        `configs: [${path.join(PROJECT, 'configs/emergency.yaml')}]`,
      ].join('\n'),
    )
    for (const command of ['validate', 'compare']) {
      const io = createIo()
      const args = command === 'compare' ? ['--out', 'never-tilde'] : []
      expect(await runCli([command, 'tilde.yaml', ...args], io)).toBe(2)
      expect(io.err()).toContain('`~` is not your home folder')
      expect(io.err()).not.toContain('shared corpora')
    }
  })

  it('needs exactly one suite', async () => {
    const io = createIo()
    expect(await runCli(['compare'], io)).toBe(2)
    expect(io.err()).toContain('compare takes one suite file')
  })
})

describe('aura-bench cost', () => {
  it('projects a results.json onto the seed scenario, prints the tables and writes cost.md and cost.json', async () => {
    const io = createIo()
    const args = [
      'cost',
      '--results',
      'results.json',
      '--messages-per-day',
      '100M',
      '--messages-per-day',
      '1B',
      '--avg-message-bytes',
      '50',
      '--price-per-gb',
      '0.10',
      '--out',
      'cost',
    ]
    const code = await runCli(args, io)
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    const printed = io.out()
    expect(printed).toContain('## week1: 100,000,000 messages/day, 0 bytes of transport overhead per message')
    expect(printed).toContain('## week1: 1,000,000,000 messages/day')
    // 100M × 50 B = 5 GB/day; the current config at 1.16x sends 4.310 GB/day = $12.93 per 30-day month
    expect(printed).toContain('| **current** | 1.16x | 4.310 | $12.93 |')
    expect(printed).toContain("The seed's cost figures are wrong")
    const json = JSON.parse(await readFile(path.join(dir, 'cost', 'cost.json'), 'utf8')) as {
      projections: { corpus: string; projection: { messagesPerDay: number } }[]
    }
    expect(json.projections.map((p) => p.projection.messagesPerDay)).toEqual([1e8, 1e9])
    expect(await readFile(path.join(dir, 'cost', 'cost.md'), 'utf8')).toContain('# Cost projection')
  })

  it('takes several values after one flag (--messages-per-day 50M 2B), as the usage says, and repeats too', async () => {
    const io = createIo()
    expect(
      await runCli(
        [
          'cost',
          '--results',
          'results.json',
          '--messages-per-day',
          '50M',
          '2B',
          '--messages-per-day',
          '3k',
          '--price-per-gb',
          '0.1',
          '--out',
          'cost-multi',
          '--quiet',
        ],
        io,
      ),
    ).toBe(0)
    expect(io.err()).toBe('')
    const json = JSON.parse(await readFile(path.join(dir, 'cost-multi', 'cost.json'), 'utf8')) as {
      projections: { projection: { messagesPerDay: number } }[]
    }
    expect(json.projections.map((p) => p.projection.messagesPerDay)).toEqual([5e7, 2e9, 3e3])
  })

  it('adds transport overhead to every message when asked', async () => {
    const io = createIo()
    expect(
      await runCli(
        [
          'cost',
          '--results',
          'results.json',
          '--messages-per-day',
          '1e8',
          '--price-per-gb',
          '0.1',
          '--overhead-bytes',
          '76',
          '--out',
          'cost-overhead',
          '--quiet',
        ],
        io,
      ),
    ).toBe(0)
    expect(io.out()).toBe('')
    const md = await readFile(path.join(dir, 'cost-overhead', 'cost.md'), 'utf8')
    expect(md).toContain('76 bytes of transport overhead per message (added to original and compressed alike)')
  })

  it.each([
    [['cost', '--results', 'results.json', '--messages-per-day', '100M'], 'cost --results needs --price-per-gb'],
    [['cost', '--results', 'results.json', '--price-per-gb', '0.1'], 'cost --results needs --messages-per-day'],
    [
      ['cost', '--results', 'results.json', '--suite', 'x.yaml', '--messages-per-day', '1', '--price-per-gb', '1'],
      'exactly one of --suite',
    ],
    [['cost', '--messages-per-day', '1'], 'exactly one of --suite'],
    [
      ['cost', '--results', 'results.json', '--messages-per-day', 'lots', '--price-per-gb', '0.1'],
      '--messages-per-day must be a positive number',
    ],
    [['cost', '--results', 'missing.json', '--messages-per-day', '1', '--price-per-gb', '0.1'], 'E_FILE_MISSING'],
    [['cost', '--results', 'broken.json', '--messages-per-day', '1', '--price-per-gb', '0.1'], 'E_JSON_SYNTAX'],
    [
      ['cost', '--results', 'latin1.json', '--messages-per-day', '1', '--price-per-gb', '0.1'],
      'results file latin1.json is not valid UTF-8 (line 1)',
    ],
    [
      // round 38 (s38-trial D5): cost projects a comparison.json; a malformed one is refused naming the field
      ['cost', '--results', 'comparison.json', '--messages-per-day', '1', '--price-per-gb', '0.1'],
      'error E_SCHEMA in comparison.json: corpora: must be a list',
    ],
    [
      ['cost', '--results', 'results.json', '--messages-per-day', '1', '--price-per-gb', '0.1', '--baseline', 'nope'],
      '--baseline "nope" is not a config of results.json',
    ],
    [['cost', '--results', 'results.json', '--bogus'], 'E_USAGE'],
    [
      [
        'cost',
        '--results',
        'results.json',
        '--messages-per-day',
        '1',
        '--price-per-gb',
        '0.1',
        '--avg-message-bytes',
        '0',
      ],
      'error E_USAGE in --avg-message-bytes: --avg-message-bytes must be a positive number',
    ],
  ])('exits 2 with a message for bad input: %j', async (args, message) => {
    const io = createIo()
    expect(await runCli(args, io)).toBe(2)
    expect(io.err()).toContain(message)
  })

  it('says what a comparison or a shard partial is, with the step that works for cost and for history', async () => {
    await writeFile(path.join(dir, 'partial.json'), JSON.stringify({ format: 'aura-bench-partial', formatVersion: 2 }))
    const cost = createIo()
    expect(
      await runCli(['cost', '--results', 'partial.json', '--messages-per-day', '1', '--price-per-gb', '0.1'], cost),
    ).toBe(2)
    expect(cost.err()).toContain("is one shard's partial (run --shard)")
    expect(cost.err()).toContain('aura-bench merge')
    const history = createIo()
    expect(await runCli(['history', 'h.jsonl', '--add', 'comparison.json'], history)).toBe(2)
    // round 37: history takes a comparison.json (its stateful configs); this stub is not one, and says which field
    expect(history.err()).toContain('error E_SCHEMA in comparison.json: suite: must be the suite name')
    expect(history.err()).toContain('add the comparison.json a full `aura-bench compare` wrote')
    expect(history.err()).not.toContain('cost --results')
    const partial = createIo()
    expect(await runCli(['history', 'h.jsonl', '--add', 'partial.json'], partial)).toBe(2)
    expect(partial.err()).toContain("is one shard's partial")
    expect(existsSync(path.join(dir, 'h.jsonl'))).toBe(false)
  })

  it('labels the wire ratio precisely and warns when the replay sampled connections', async () => {
    const row = (config: string, wireBytes: number) => ({ config, connections: 3, messages: 34, wireBytes })
    await writeFile(
      path.join(dir, 'sampled-replay.json'),
      JSON.stringify({
        schemaVersion: 1,
        kind: 'replay',
        corpora: [{ name: 'llm', recordedConnections: 53, configs: [row('raw', 15_491), row('pmd', 3_600)] }],
      }),
    )
    const io = createIo()
    const args = ['--messages-per-day', '1B', '--price-per-gb', '0.09', '--out', 'sampled-cost']
    expect(await runCli(['cost', '--replay', 'sampled-replay.json', ...args], io)).toBe(0)
    const md = await readFile(path.join(dir, 'sampled-cost', 'cost.md'), 'utf8')
    expect(md).toContain('| Ratio (raw row wire ÷ wire) |')
    expect(md).toContain("replay.md's *wire ratio* is original message bytes ÷ wire bytes")
    expect(md).toContain(
      '**Warning: the replay was bounded** (llm: 3 of 53 recorded connections replayed, 11.3 messages each)',
    )
    const json = JSON.parse(await readFile(path.join(dir, 'sampled-cost', 'cost.json'), 'utf8')) as { kind: string }
    expect(json.kind).toBe('cost')
  })

  it('names the file and the corpus when a replay has no raw row to measure against (exit 2, nothing written)', async () => {
    const row = (config: string) => ({ config, connections: 1, messages: 5, wireBytes: 500 })
    await writeFile(
      path.join(dir, 'no-raw.json'),
      JSON.stringify({ schemaVersion: 1, kind: 'replay', corpora: [{ name: 'llm', configs: [row('pmd')] }] }),
    )
    const io = createIo()
    const args = ['--messages-per-day', '1B', '--price-per-gb', '0.09', '--out', 'no-raw-cost']
    expect(await runCli(['cost', '--replay', 'no-raw.json', ...args], io)).toBe(2)
    expect(io.err()).toContain('no-raw.json')
    expect(io.err()).toContain('corpora[0].configs')
    expect(existsSync(path.join(dir, 'no-raw-cost', 'cost.md'))).toBe(false)
  })

  it('exits 2 for a results file that breaks the results.json contract', async () => {
    await writeFile(path.join(dir, 'empty.json'), '{}')
    const io = createIo()
    expect(
      await runCli(['cost', '--results', 'empty.json', '--messages-per-day', '1', '--price-per-gb', '0.1'], io),
    ).toBe(2)
    expect(io.err()).toContain('does not follow the results.json contract')
  })
})
