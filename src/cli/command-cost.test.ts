/**
 * What `cost` refuses or warns about in the files it projects: replay rows that are no cost (messages
 * not delivered byte-exact, 0 wire bytes), an unknown replay.json version, a CPU price on a run
 * without latency, and the in-sample warnings of results.json and replay.json carried into cost.md.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toResultsJson } from '../report/index.ts'
import { createFixtureResults } from '../report/test-fixtures.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'
import { resultsContractSchema } from '../suite/index.ts'

let dir: string

const createIo = () => createFakeIo({ cwd: dir, env: {} })

const TRAFFIC = ['--messages-per-day', '1B', '--price-per-gb', '0.09']
const IN_SAMPLE =
  'config hybrid on corpus llm: its zstd dictionary is built from the messages it is measured on; its ratio is in-sample'

const row = (config: string, wireBytes: number, extra: Record<string, unknown> = {}) => ({
  config,
  connections: 1,
  messages: 50,
  mismatches: 0,
  wireBytes,
  ...extra,
})

async function writeReplay(name: string, fields: Record<string, unknown>): Promise<string> {
  await writeFile(path.join(dir, name), JSON.stringify({ schemaVersion: 1, kind: 'replay', ...fields }))
  return name
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aura-cost-inputs-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('cost --replay refuses rows that are no cost', () => {
  it.each([
    [
      'a config whose messages did not all arrive byte-exact',
      { corpora: [{ name: 'llm', configs: [row('raw', 9_000), row('hybrid x', 1_500, { mismatches: 3 })] }] },
      ['llm: config "hybrid x": 3 of 50 messages did not arrive byte-exact', 'corpora[0].configs[1].mismatches'],
    ],
    [
      'a config that sent messages in 0 wire bytes',
      { corpora: [{ name: 'llm', configs: [row('raw', 9_000), row('pmd', 0)] }] },
      ['llm: config "pmd": 50 messages in 0 wire bytes is impossible', 'corpora[0].configs[1].wireBytes'],
    ],
    [
      'a malformed mismatches count',
      { corpora: [{ name: 'llm', configs: [row('raw', 9_000, { mismatches: 'none' })] }] },
      ['corpora[0].configs[0].mismatches must be a non-negative integer'],
    ],
    [
      'an unknown schemaVersion',
      { schemaVersion: 2, corpora: [{ name: 'llm', configs: [row('raw', 9_000)] }] },
      ['schemaVersion 2 is not a replay.json version this aura-bench reads', '.json: schemaVersion: '],
    ],
    // s36-trial D6: it met "corpora[0] needs a name and configs"
    [
      'a comparison.json of aura-bench compare',
      { kind: 'compare', corpora: [{ corpus: { name: 'llm' }, entries: [] }] },
      [
        'is a comparison (comparison.json, written by aura-bench compare), not a replay.json',
        'the replay.json of aura-bench replay',
      ],
    ],
    [
      'warnings that are not sentences',
      { warnings: [3], corpora: [{ name: 'llm', configs: [row('raw', 9_000)] }] },
      ['warnings must be a list of sentences'],
    ],
  ])('%s: exit 2 naming the file and the field, nothing written', async (_, fields, messages) => {
    const out = `out-${messages[0]?.length}`
    const file = await writeReplay(`bad-${out}.json`, fields)
    const io = createIo()
    expect(await runCli(['cost', '--replay', file, ...TRAFFIC, '--out', out], io)).toBe(2)
    expect(io.err()).toContain('E_SCHEMA')
    expect(io.err()).toContain(file)
    for (const message of messages) expect(io.err()).toContain(message)
    expect(existsSync(path.join(dir, out, 'cost.md'))).toBe(false)
  })

  // s36-trial D9: 0 was accepted and projected nothing; run --limit 0 and replay --messages 0 are E_USAGE
  it.each(['0', '-5', 'NaN'])('--messages-per-day %s: E_USAGE exit 2 naming the flag, nothing written', async (n) => {
    const file = await writeReplay(`per-day-${n}.json`, { corpora: [{ name: 'llm', configs: [row('raw', 9_000)] }] })
    const io = createIo()
    const out = `per-day-${n}`
    const code = await runCli(
      ['cost', '--replay', file, '--messages-per-day', n, '--price-per-gb', '0.09', '--out', out],
      io,
    )
    expect(code).toBe(2)
    expect(io.err()).toContain(`E_USAGE in --messages-per-day: --messages-per-day must be a positive number`)
    expect(existsSync(path.join(dir, out))).toBe(false)
  })

  it("carries the replay's in-sample warnings into stdout, cost.md and cost.json", async () => {
    const file = await writeReplay('in-sample-replay.json', {
      warnings: [IN_SAMPLE],
      corpora: [{ name: 'llm', configs: [row('raw', 9_000), row('hybrid', 1_500)] }],
    })
    const io = createIo()
    expect(await runCli(['cost', '--replay', file, ...TRAFFIC, '--out', 'in-sample-replay'], io)).toBe(0)
    expect(io.out()).toContain(`> **Warning:** ${IN_SAMPLE}`)
    const md = await readFile(path.join(dir, 'in-sample-replay', 'cost.md'), 'utf8')
    expect(md).toContain(`> **Warning:** ${IN_SAMPLE}`)
    const json = JSON.parse(await readFile(path.join(dir, 'in-sample-replay', 'cost.json'), 'utf8'))
    expect(json.warnings).toEqual([IN_SAMPLE])
  })
})

describe('cost --currency (s35-trial D6)', () => {
  it('prints and records the code; a code that is not ISO 4217 is E_USAGE', async () => {
    const file = await writeReplay('currency-replay.json', {
      corpora: [{ name: 'llm', configs: [row('raw', 9_000), row('hybrid', 1_500)] }],
    })
    const io = createIo()
    expect(await runCli(['cost', '--replay', file, ...TRAFFIC, '--currency', 'EUR', '--out', 'currency'], io)).toBe(0)
    const md = await readFile(path.join(dir, 'currency', 'cost.md'), 'utf8')
    expect(md).toContain('EUR/month at 0.09 EUR/GB')
    expect(md).not.toContain('$')
    const json = JSON.parse(await readFile(path.join(dir, 'currency', 'cost.json'), 'utf8'))
    expect(json.projections[0].projection.currency).toBe('EUR')
    const bad = createIo()
    expect(await runCli(['cost', '--replay', file, ...TRAFFIC, '--currency', 'euro', '--out', 'currency2'], bad)).toBe(
      2,
    )
    expect(bad.err()).toContain('--currency euro is not an ISO 4217 currency code')
  })
})

describe('cost --replay --baseline', () => {
  const corpora = [
    { name: 'llm', configs: [row('raw', 9_000), row('pmd', 3_000), row('hybrid x', 1_500)] },
    { name: 'market', configs: [row('raw', 8_000), row('pmd', 2_000)] },
  ]

  it('names the file and every config when the baseline is none of them (it named neither: E_SCHEMA "in baselineConfig")', async () => {
    const file = await writeReplay('baseline-replay.json', { corpora })
    const io = createIo()
    expect(await runCli(['cost', '--replay', file, ...TRAFFIC, '--baseline', 'nope', '--out', 'bl-none'], io)).toBe(2)
    expect(io.err()).toContain(
      'error E_USAGE in --baseline: --baseline "nope" is not a config of baseline-replay.json (configs: raw, pmd, hybrid x)',
    )
    expect(io.err()).not.toContain("suite's cost.baseline_config")
    expect(existsSync(path.join(dir, 'bl-none'))).toBe(false)
  })

  it('names the corpus without it and the configs there when the baseline is missing from one corpus', async () => {
    const file = await writeReplay('baseline-partial.json', { corpora })
    const io = createIo()
    const args = ['cost', '--replay', file, ...TRAFFIC, '--baseline', 'hybrid x', '--out', 'bl-partial']
    expect(await runCli(args, io)).toBe(2)
    expect(io.err()).toContain(
      '--baseline "hybrid x" has no row with messages on corpus market (configs there: raw, pmd) in baseline-partial.json',
    )
    const ok = createIo()
    expect(await runCli(['cost', '--replay', file, ...TRAFFIC, '--baseline', 'pmd', '--out', 'bl-ok'], ok)).toBe(0)
    expect(ok.out()).toContain('Saved vs pmd')
  })
})

describe('cost --results', () => {
  it('warns on stderr and in cost.md when a CPU price meets a run without latency figures', async () => {
    const results = createFixtureResults()
    for (const run of results.runs) delete run.metrics.latencyUs
    await writeFile(path.join(dir, 'no-latency.json'), toResultsJson(results))
    const io = createIo()
    const args = ['cost', '--results', 'no-latency.json', ...TRAFFIC, '--price-per-cpu-hour', '0.04', '--out', 'cpu']
    expect(await runCli(args, io)).toBe(0)
    const said = 'CPU cost at $0.04/CPU-hour could not be projected: no-latency.json has no latency figures'
    expect(io.err()).toContain(`warning: ${said}`)
    expect(io.err()).toContain('run --no-latency')
    const md = await readFile(path.join(dir, 'cpu', 'cost.md'), 'utf8')
    expect(md).toContain(`> **Warning:** ${said}`)
    // once on the terminal (s37-trial D9): stderr said it, the Markdown printed on stdout does not repeat it
    expect(io.out()).toContain('# Cost projection')
    expect(io.out()).not.toContain(said)
  })

  it('names the runs without latency when only some lack them, and says nothing when none does', async () => {
    const results = createFixtureResults()
    const partial = results.runs.filter((r) => r.metrics.latencyUs === undefined).map((r) => `${r.corpus}/${r.config}`)
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(results.runs.length)
    await writeFile(path.join(dir, 'some-latency.json'), toResultsJson(results))
    const some = createIo()
    const cpu = ['--price-per-cpu-hour', '0.04']
    expect(await runCli(['cost', '--results', 'some-latency.json', ...TRAFFIC, ...cpu, '--out', 'some'], some)).toBe(0)
    expect(some.err()).toContain(`could not be projected: ${partial.join(', ')} ha`)
    const measured = { ...results, runs: results.runs.filter((r) => r.metrics.latencyUs !== undefined) }
    await writeFile(path.join(dir, 'latency.json'), toResultsJson(measured))
    const none = createIo()
    expect(await runCli(['cost', '--results', 'latency.json', ...TRAFFIC, ...cpu, '--out', 'cpu-ok'], none)).toBe(0)
    expect(none.err()).not.toContain('could not be projected')
    expect(await readFile(path.join(dir, 'cpu-ok', 'cost.md'), 'utf8')).not.toContain('CPU cost at')
  })

  it("carries the run's in-sample warnings into stdout and cost.md", async () => {
    const results = { ...createFixtureResults(), warnings: [IN_SAMPLE] }
    await writeFile(path.join(dir, 'in-sample.json'), toResultsJson(results))
    const io = createIo()
    expect(await runCli(['cost', '--results', 'in-sample.json', ...TRAFFIC, '--out', 'in-sample'], io)).toBe(0)
    expect(io.out()).toContain(`> **Warning:** ${IN_SAMPLE}`)
    const md = await readFile(path.join(dir, 'in-sample', 'cost.md'), 'utf8')
    expect(md).toContain(`> **Warning:** ${IN_SAMPLE}`)
  })
  it('prints a traffic rate as given (0.5 read "1 messages/day"), "1 message/day", and 1.1k as exactly 1,100', async () => {
    await writeFile(path.join(dir, 'rates.json'), toResultsJson(createFixtureResults()))
    const io = createIo()
    const args = ['cost', '--results', 'rates.json', '--messages-per-day', '0.5', '1', '1.1k', '--price-per-gb', '0.09']
    expect(await runCli([...args, '--out', 'rates'], io)).toBe(0)
    expect(io.out()).toContain(': 0.5 messages/day, 0 bytes of transport overhead per message')
    expect(io.out()).toContain('\n0.5 messages/day × ')
    expect(io.out()).toContain(': 1 message/day, 0 bytes')
    expect(io.out()).toContain('\n1 message/day × ')
    expect(io.out()).toContain('\n1,100 messages/day × ')
    const json = JSON.parse(await readFile(path.join(dir, 'rates', 'cost.json'), 'utf8'))
    const rates = json.projections.map((p: { projection: { messagesPerDay: number } }) => p.projection.messagesPerDay)
    expect([...new Set(rates)]).toEqual([0.5, 1, 1100])
  })
})

describe('cost --suite', () => {
  it("takes a suite's price of 0 as it takes --price-per-gb 0 (the suite's was refused, E_SCHEMA)", async () => {
    const project = path.resolve(import.meta.dirname, '../..')
    const suite = [
      'name: free',
      `corpora: [${JSON.stringify(path.join(project, 'corpora/week1/messages.jsonl'))}]`,
      `configs: [${JSON.stringify(path.join(project, 'configs/emergency.yaml'))}]`,
      'latency: { enabled: false }',
      'cost: { messages_per_day: [1e8], price_per_gb: 0 }',
    ].join('\n')
    await writeFile(path.join(dir, 'free.yaml'), suite)
    const io = createIo()
    expect(await runCli(['cost', '--suite', 'free.yaml', '--out', 'free', '--quiet'], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'free', 'cost.json'), 'utf8'))
    expect(json.projections[0].projection).toMatchObject({ messagesPerDay: 1e8, pricePerGb: 0 })
    expect(json.projections[0].projection.uncompressed.costPerMonthUsd).toBe(0)
  })
})

describe('cost --suite: a baseline_config with no complete run', () => {
  it('names the suite file, the field and its line (the error had no line)', async () => {
    const project = path.resolve(import.meta.dirname, '../..')
    // the baseline's only run fails: every week1 message is over its max_message_bytes
    await writeFile(
      path.join(dir, 'tiny.yaml'),
      'name: tiny\nfallback: deflate\nenable_aura: false\nmax_message_bytes: 20\n',
    )
    const suite = [
      'name: no-baseline-run',
      `corpora: [ { path: ${JSON.stringify(path.join(project, 'corpora/week1/messages.jsonl'))}, name: week1 } ]`,
      `configs: [ ${JSON.stringify(path.join(project, 'configs/emergency.yaml'))}, tiny.yaml ]`,
      'latency: { enabled: false }',
      'cost:',
      '  messages_per_day: [1e8]',
      '  price_per_gb: 0.1',
      '  baseline_config: tiny',
    ].join('\n')
    await writeFile(path.join(dir, 'no-baseline-run.yaml'), suite)
    const io = createIo()
    expect(await runCli(['cost', '--suite', 'no-baseline-run.yaml', '--out', 'no-baseline-run', '--quiet'], io)).toBe(2)
    expect(io.err()).toContain(
      `error E_SCHEMA in ${path.join(dir, 'no-baseline-run.yaml')}:8: cost.baseline_config: cost.baseline_config tiny has no complete run on corpus week1 (configs there: emergency)`,
    )
    expect(existsSync(path.join(dir, 'no-baseline-run', 'cost.json'))).toBe(false)
  })
})

describe('cost --results without traffic figures', () => {
  it('says that this results.json records no cost: section, and that --suite reads it', async () => {
    await writeFile(path.join(dir, 'no-traffic.json'), toResultsJson(createFixtureResults()))
    const io = createIo()
    expect(await runCli(['cost', '--results', 'no-traffic.json', '--out', 'no-traffic'], io)).toBe(2)
    expect(io.err()).toContain(
      "error E_USAGE in cost: cost --results needs --messages-per-day and --price-per-gb (this file records no cost: section: its suite had none, or it was written before results.json (2026-12-06) or comparison.json (round 43) recorded it; `cost --suite <suite.yaml>` reads the suite's, measuring the suite again)",
    )
    expect(existsSync(path.join(dir, 'no-traffic'))).toBe(false)
  })
})

describe("cost --results with the suite's cost: section recorded in results.json", () => {
  const recorded = { messagesPerDay: [1e8, 1e9], pricePerGb: 0.1, overheadBytesPerMessage: [0, 76] }

  it("run records the suite's cost: section, and cost --results projects what cost --suite projects", async () => {
    const project = path.resolve(import.meta.dirname, '../..')
    const suite = [
      'name: recorded-cost',
      `corpora: [ { path: ${JSON.stringify(path.join(project, 'corpora/week1/messages.jsonl'))}, name: week1 } ]`,
      `configs: [ ${JSON.stringify(path.join(project, 'configs/emergency.yaml'))}, ${JSON.stringify(path.join(project, 'configs/current.yaml'))} ]`,
      'latency: { enabled: false }',
      'cost: { messages_per_day: [1e8, 1e9], price_per_gb: 0.1, overhead_bytes_per_message: [0, 76], baseline_config: current }',
    ].join('\n')
    await writeFile(path.join(dir, 'recorded-cost.yaml'), suite)
    const run = createIo()
    const runArgs = ['run', 'recorded-cost.yaml', '--out', 'recorded-run', '--no-charts', '--no-html', '--quiet']
    expect(await runCli(runArgs, run)).toBeLessThan(2)
    const results = JSON.parse(await readFile(path.join(dir, 'recorded-run', 'results.json'), 'utf8'))
    expect(results.cost).toEqual({
      messagesPerDay: [1e8, 1e9],
      pricePerGb: 0.1,
      overheadBytesPerMessage: [0, 76],
      baselineConfig: 'current',
    })
    const fromResults = createIo()
    const args = ['cost', '--results', 'recorded-run/results.json', '--out', 'recorded-r', '--quiet']
    expect(await runCli(args, fromResults)).toBe(0)
    const fromSuite = createIo()
    expect(await runCli(['cost', '--suite', 'recorded-cost.yaml', '--out', 'recorded-s', '--quiet'], fromSuite)).toBe(0)
    const projections = async (out: string) =>
      JSON.parse(await readFile(path.join(dir, out, 'cost.json'), 'utf8')).projections
    expect(await projections('recorded-r')).toEqual(await projections('recorded-s'))
  })

  it('projects with it, flags overriding it key by key (it needed --messages-per-day and --price-per-gb)', async () => {
    await writeFile(path.join(dir, 'recorded.json'), toResultsJson({ ...createFixtureResults(), cost: recorded }))
    const io = createIo()
    expect(await runCli(['cost', '--results', 'recorded.json', '--out', 'recorded', '--quiet'], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'recorded', 'cost.json'), 'utf8'))
    const scenarios = json.projections.map(
      (p: { scenario: { messagesPerDay: number; overheadBytesPerMessage: number } }) =>
        `${p.scenario.messagesPerDay}/${p.scenario.overheadBytesPerMessage}`,
    )
    expect([...new Set(scenarios)]).toEqual(['100000000/0', '1000000000/0', '100000000/76', '1000000000/76'])
    expect(json.projections[0].projection.pricePerGb).toBe(0.1)
    const flagged = createIo()
    const args = ['cost', '--results', 'recorded.json', '--price-per-gb', '0.05', '--out', 'flagged', '--quiet']
    expect(await runCli(args, flagged)).toBe(0)
    const overridden = JSON.parse(await readFile(path.join(dir, 'flagged', 'cost.json'), 'utf8'))
    expect(overridden.projections[0].projection.pricePerGb).toBe(0.05)
    expect(overridden.projections).toHaveLength(4)
  })

  it('names the results file and cost.baselineConfig when the recorded baseline has no complete run', async () => {
    await writeFile(
      path.join(dir, 'recorded-baseline.json'),
      toResultsJson({ ...createFixtureResults(), cost: { ...recorded, baselineConfig: 'nope' } }),
    )
    const io = createIo()
    expect(await runCli(['cost', '--results', 'recorded-baseline.json', '--out', 'rb'], io)).toBe(2)
    expect(io.err()).toContain(
      'error E_SCHEMA in recorded-baseline.json: cost.baselineConfig: cost.baselineConfig nope is not a config of recorded-baseline.json',
    )
  })

  it('refuses a recorded cost section of the wrong shape, naming the field', async () => {
    const bad = JSON.parse(toResultsJson(createFixtureResults()))
    bad.cost = { messagesPerDay: 'lots', pricePerGb: 0.1 }
    await writeFile(path.join(dir, 'bad-cost.json'), JSON.stringify(bad))
    const io = createIo()
    expect(await runCli(['cost', '--results', 'bad-cost.json', '--out', 'bad-cost'], io)).toBe(2)
    expect(io.err()).toContain('cost.messagesPerDay')
  })

  it('refuses a recorded cost.messagesPerDay of 0, as the suite and --messages-per-day do (round 37)', async () => {
    const zero = JSON.parse(toResultsJson(createFixtureResults()))
    zero.cost = { messagesPerDay: [0], pricePerGb: 0.1 }
    await writeFile(path.join(dir, 'zero-cost.json'), JSON.stringify(zero))
    const io = createIo()
    expect(await runCli(['cost', '--results', 'zero-cost.json', '--out', 'zero-cost'], io)).toBe(2)
    expect(io.err()).toContain('cost.messagesPerDay[0]')
    expect(io.err()).toContain('must be more than 0')
    expect(resultsContractSchema.safeParse(zero).success).toBe(false)
    expect(resultsContractSchema.safeParse({ ...zero, cost: { messagesPerDay: [1], pricePerGb: 0 } }).success).toBe(
      true,
    )
  })
})

// s42-trial D8: the library's loadStatefulCompressor hint came after "measuring suite ..."
describe('cost --suite with a stateful config', () => {
  it('is refused before anything is measured, naming the config and the two commands that project it', async () => {
    await writeFile(path.join(dir, 'm.txt'), 'GET /a 200\nGET /b 404\n')
    await writeFile(path.join(dir, 'st.yaml'), 'name: st\nmode: stateful\nstateful: { codec: deflate }\n')
    await writeFile(path.join(dir, 'plain.yaml'), 'name: plain\nfallback: deflate\n')
    await writeFile(path.join(dir, 'st-suite.yaml'), 'name: s\ncorpora: [m.txt]\nconfigs: [plain.yaml, st.yaml]\n')
    const io = createIo()
    expect(await runCli(['cost', '--suite', 'st-suite.yaml', ...TRAFFIC], io)).toBe(2)
    expect(io.err()).not.toContain('measuring suite')
    expect(io.err()).toContain(
      'cost --suite runs the suite message by message, and its config st (st.yaml) is mode: stateful: it compresses connections',
    )
    expect(io.err()).toContain(
      'aura-bench compare st-suite.yaml --out DIR, then aura-bench cost --results DIR/comparison.json',
    )
  })
})
