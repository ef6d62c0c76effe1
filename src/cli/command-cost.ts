/**
 * `aura-bench cost --suite <suite.yaml> | --results <results.json> | --replay <replay.json> [--messages-per-day N ...]
 * [--avg-message-bytes N] [--price-per-gb X] [--overhead-bytes N ...] [--price-per-cpu-hour X]
 * [--baseline CONFIG] [--out DIR]`: projects measured ratios (and CPU time) onto traffic and money,
 * prints the tables, writes cost.md and cost.json. Flags override the suite's `cost:` section.
 */
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import {
  COST_NAMES,
  createCostInput,
  createWireCostInput,
  wireCostConfigs,
  describeScenario,
  replaySamplingWarning,
  projectCost,
  renderCostSection,
  writeCost,
  type CostProjection,
  type CostScenario,
  type CostTotal,
  renderCostTotal,
  totalCost,
  type OutputFolder,
} from '../report/index.ts'
import { runSuite, type Results } from '../runner/index.ts'
import { judgeSuite } from '../gate/index.ts'
import { loadCompressorConfig, loadSuite, type CostSpec, type Suite } from '../suite/index.ts'
import type { COST_FLAGS } from './command-flags.ts'
import type { CommandInput, FlagValues } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'
import { countOf, openOutput } from './output.ts'
import { readReplay, readResults } from './report-files.ts'
import { checkBaselineConfig, type BaselineSource, withResolvedBaseline } from './cost-baseline.ts'
import { COMPARISON_CPU_NOTE } from './cost-comparison.ts'
import { noisyCpuWarnings } from './cost-cpu-noise.ts'
import { baselineOf, createScenarios, hasDefaultVolume } from './cost-scenarios.ts'
import { checkVolumes, distinctScenarios, parseVolumes, scenarioOn, type Volumes } from './cost-volumes.ts'

type CostValues = FlagValues<typeof COST_FLAGS>

/** One projection of cost.json: which corpus, which scenario, the projection. */
interface CostEntry {
  corpus: string
  scenario: CostScenario
  projection: CostProjection
}

/** Runs `aura-bench cost`; exit 0 with the projection written, 2 for bad input. */
export async function commandCost({ values }: CommandInput<typeof COST_FLAGS>, io: CliIo): Promise<number> {
  const sources = [values.suite, values.results, values.replay].filter((v) => v !== undefined).length
  if (sources !== 1) {
    throw new AuraError(
      'E_USAGE',
      'cost needs exactly one of --suite <suite.yaml>, --results <results.json> and --replay <replay.json>',
      { field: 'cost' },
      { hint: 'aura-bench cost --results reports/week1/results.json --messages-per-day 100M --price-per-gb 0.10' },
    )
  }
  if (values.replay !== undefined) return commandWireCost(values.replay, values, io)
  const loaded =
    values.suite !== undefined
      ? await loadCostSuite(values.suite, io.cwd)
      : await loadCostResults(values.results as string, io.cwd, values['price-per-cpu-hour'] !== undefined)
  const scenarios = createScenarios(values, loaded.cost, values.suite === undefined ? 'results' : 'suite')
  const volumes = parseVolumes(values.volume)
  // a suite's corpora are known before measuring: a misspelt --volume is exit 2 before any work
  if (loaded.suite !== undefined)
    checkVolumes(
      volumes,
      loaded.suite.corpora.map((c) => c.name),
      loaded.label,
      hasDefaultVolume(scenarios),
    )
  const outDir = path.resolve(io.cwd, values.out ?? loaded.defaultOut)
  // checked and locked before measuring: a bad --out or a second writer is exit 2 before any work
  const output = await openOutput(outDir, 'cost', COST_NAMES, values.wait, io)
  try {
    const source = loaded.suite === undefined ? loaded : { ...loaded, results: await measureSuite(loaded.suite, io) }
    const baselineSource: BaselineSource =
      values.baseline !== undefined
        ? { kind: 'flag' }
        : loaded.suite !== undefined
          ? {
              kind: 'suite',
              file: loaded.suite.file,
              ...(loaded.suite.cost?.baselineConfigLine === undefined
                ? {}
                : { line: loaded.suite.cost.baselineConfigLine }),
            }
          : { kind: 'results', file: loaded.label }
    return await projectInto(output, source, { scenarios, volumes }, baselineSource, values.quiet, io)
  } finally {
    await output.close()
  }
}

/** Projects, writes cost.md and cost.json into the opened folder, prints the tables. */
async function projectInto(
  output: OutputFolder,
  source: { results: Results; label: string; pmdWindows?: Map<string, number> },
  traffic: { scenarios: CostScenario[]; volumes: Volumes | undefined },
  baselineSource: BaselineSource,
  quiet: boolean,
  io: CliIo,
): Promise<number> {
  const complete = source.results.runs.filter((r) => r.state === 'complete')
  const corpora = [...new Set(complete.map((r) => r.corpus))]
  if (corpora.length === 0)
    throw new AuraError('E_SCHEMA', `${source.label} has no complete run to project`, {
      file: source.label,
      field: 'runs',
    })
  const projected = corpora.map((corpus) => ({
    corpus,
    configs: complete.filter((r) => r.corpus === corpus).map((r) => r.config),
  }))
  const fileConfigs = source.results.runs.map((r) => r.config)
  // round 39 (D9): a comparison's stateful config `st` named as compare's tables and replay name it (`hybrid st (stateful)`)
  const { volumes } = traffic
  checkVolumes(volumes, corpora, source.label, hasDefaultVolume(traffic.scenarios))
  const pmd = { windows: source.pmdWindows ?? new Map<string, number>(), label: source.label }
  const scenarios = distinctScenarios(withResolvedBaseline(traffic.scenarios, fileConfigs, pmd), corpora, volumes)
  checkBaselineConfig(baselineOf(scenarios), baselineSource, source.label, projected, 'complete run', fileConfigs)
  const entries: CostEntry[] = corpora.flatMap((corpus) =>
    scenarios.map((given) => {
      const scenario = scenarioOn(given, corpus, volumes)
      return {
        corpus,
        scenario,
        projection: projectCost(createCostInput(source.results.runs, { ...scenario, corpus })),
      }
    }),
  )
  const cpuWarning = unmeasuredCpuWarning(source, scenarios)
  if (cpuWarning !== undefined) io.stderr.write(`warning: ${cpuWarning}\n`)
  const noisy = noisyCpuWarnings(
    source.results,
    scenarios.find((s) => s.pricePerCpuHour !== undefined)?.pricePerCpuHour,
  )
  for (const warning of noisy) io.stderr.write(`warning: ${warning}\n`)
  const saidOnStderr = [...(cpuWarning === undefined ? [] : [cpuWarning]), ...noisy]
  const warnings = [...saidOnStderr, ...(source.results.warnings ?? [])]
  const totals = totalsOf(entries, scenarios.length)
  return publishCost(output, source.label, { entries, totals }, warnings, quiet, io, 'measured', saidOnStderr)
}

/** A CPU price with runs measured without latency: their CPU money could not be projected, say so (undefined when nothing is missing). */
function unmeasuredCpuWarning(
  source: { results: Results; label: string },
  scenarios: CostScenario[],
): string | undefined {
  const price = scenarios.find((s) => s.pricePerCpuHour !== undefined)?.pricePerCpuHour
  if (price === undefined) return undefined
  const complete = source.results.runs.filter((r) => r.state === 'complete')
  const missing = complete.filter((r) => r.metrics.latencyUs === undefined)
  if (missing.length === 0) return undefined
  const which =
    missing.length === complete.length
      ? `${source.label} has no latency figures`
      : `${missing.map((r) => `${r.corpus}/${r.config}`).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no latency figures in ${source.label}`
  // s38-fixs: a comparison.json's entries are timed by compare (it has no --no-latency): the remedy is compare's
  if (source.results.warnings?.includes(COMPARISON_CPU_NOTE))
    return `CPU cost at $${price}/CPU-hour could not be projected: ${which} (an entry compare could not time); run the comparison again (aura-bench compare <suite.yaml>) to get CPU money and break-even`
  return `CPU cost at $${price}/CPU-hour could not be projected: ${which} (measured with run --no-latency or the suite's latency.enabled: false); run the suite again with latency on (aura-bench run <suite.yaml>, or cost --suite <suite.yaml>) to get CPU money and break-even`
}

/** Writes cost.md and cost.json into the opened folder and prints the tables. */
async function publishCost(
  output: OutputFolder,
  label: string,
  { entries, totals }: { entries: CostEntry[]; totals: CostTotal[] },
  warnings: readonly string[],
  quiet: boolean,
  io: CliIo,
  ratio: 'measured' | 'wire' = 'measured',
  saidOnStderr: readonly string[] = [],
): Promise<number> {
  const outDir = output.dir
  const markdown = renderCostMarkdown(label, entries, totals, warnings, ratio)
  // publishing: a signal now lets the write finish and the exit code stand (main.ts)
  io.pastStopping?.()
  await writeCost(
    outDir,
    {
      markdown,
      // round 40: `totals` (one per scenario, with two or more corpora) is additive
      json: `${JSON.stringify({ schemaVersion: 1, kind: 'cost', source: label, projections: entries, ...(totals.length === 0 ? {} : { totals }), ...(warnings.length === 0 ? {} : { warnings }) }, null, 2)}\n`,
    },
    { output },
  )
  // the terminal shows each warning once: those stderr said are left out of the Markdown printed on stdout (cost.md keeps them)
  const printed =
    saidOnStderr.length === 0
      ? markdown
      : renderCostMarkdown(
          label,
          entries,
          totals,
          warnings.filter((w) => !saidOnStderr.includes(w)),
          ratio,
        )
  if (!quiet)
    io.stdout.write(`${printed}\nwritten: ${path.join(outDir, 'cost.md')}, ${path.join(outDir, 'cost.json')}\n`)
  return EXIT.ok
}

/** `cost --replay`: projects what crossed the socket per message, per corpus of the replay. */
async function commandWireCost(file: string, values: CostValues, io: CliIo): Promise<number> {
  for (const flag of ['overhead-bytes', 'avg-message-bytes', 'price-per-cpu-hour'] as const) {
    if (values[flag] !== undefined) {
      const why =
        flag === 'price-per-cpu-hour'
          ? 'a replay keeps latency percentiles, not the mean CPU time a cost needs'
          : 'the replay measured the bytes on the wire, framing included'
      throw new AuraError(
        'E_USAGE',
        `--${flag} cannot be used with --replay: ${why}`,
        { field: `--${flag}` },
        {
          hint:
            flag === 'price-per-cpu-hour'
              ? "drop the flag; for CPU money (a stateful config's too) project compare's means: aura-bench compare <suite.yaml> --out DIR, then aura-bench cost --results DIR/comparison.json --price-per-cpu-hour X"
              : 'drop the flag, or project a run with --results',
        },
      )
    }
  }
  const { corpora, warnings, label, defaultOut } = await readReplay(file, io.cwd)
  const projected = corpora.map((corpus) => ({ corpus: corpus.name, configs: wireCostConfigs(corpus.configs) }))
  const rowConfigs = corpora.flatMap((corpus) => corpus.configs.map((row) => row.config))
  // round 39 (D9): `--baseline "pmd L6 w15 takeover"` (replay's name before) or a suite config's own name (`st`, as
  // cost names it in a comparison.json) names the row `pmd L6 takeover` / `hybrid st (stateful)`
  const given = createScenarios(values, undefined, 'replay')
  const volumes = parseVolumes(values.volume)
  const names = corpora.map((corpus) => corpus.name)
  checkVolumes(volumes, names, label, hasDefaultVolume(given))
  const windows = new Map(
    corpora.flatMap((c) =>
      c.configs.flatMap((row) => (row.windowBits === undefined ? [] : [[row.config, row.windowBits] as const])),
    ),
  )
  const scenarios = distinctScenarios(withResolvedBaseline(given, rowConfigs, { windows, label }), names, volumes)
  checkBaselineConfig(
    baselineOf(scenarios),
    { kind: 'flag', replay: true },
    label,
    projected,
    'row with messages',
    rowConfigs,
  )
  const output = await openOutput(path.resolve(io.cwd, values.out ?? defaultOut), 'cost', COST_NAMES, values.wait, io)
  try {
    const entries: CostEntry[] = corpora.flatMap((corpus) =>
      scenarios.map((given) => {
        const scenario = scenarioOn(given, corpus.name, volumes)
        return { corpus: corpus.name, scenario, projection: projectCost(createWireCostInput(corpus.configs, scenario)) }
      }),
    )
    return await publishCost(
      output,
      `${label} (bytes on the wire from \`aura-bench replay\`, server to client, WebSocket framing and handshake included; uncompressed = the raw row)${replaySamplingWarning(corpora.flatMap((c) => (c.sampled === undefined ? [] : [c.sampled])))}`,
      { entries, totals: totalsOf(entries, scenarios.length) },
      warnings,
      values.quiet,
      io,
      'wire',
    )
  } finally {
    await output.close()
  }
}

/** Loads the suite to measure (nothing is measured yet). */
async function loadCostSuite(
  file: string,
  cwd: string,
): Promise<{ suite: Suite; label: string; defaultOut: string; cost: CostSpec | undefined }> {
  const suite = await loadSuite(path.resolve(cwd, file))
  await refuseStatefulConfigs(suite, file)
  return { suite, label: file, defaultOut: path.join('reports', suite.name), cost: suite.cost }
}

/**
 * s42-trial D8: a suite with a `mode: stateful` config failed after "measuring suite ..." with the library's hint
 * (loadStatefulCompressor), not the two commands that project it; said before anything is measured now.
 */
async function refuseStatefulConfigs(suite: Suite, file: string): Promise<void> {
  for (const ref of suite.configs) {
    let stateful = false
    try {
      stateful = (await loadCompressorConfig(ref.path)).mode === 'stateful'
    } catch (error) {
      // a config that loads only as a suite entry, or a bad one: the run says what is wrong with it, as before
      if (!(error instanceof AuraError)) throw error
    }
    if (stateful)
      throw new AuraError(
        'E_USAGE',
        `cost --suite runs the suite message by message, and its config ${ref.name} (${path.basename(ref.path)}) is mode: stateful: it compresses connections`,
        { file, field: 'configs' },
        {
          hint: `project it from a comparison: aura-bench compare ${file} --out DIR, then aura-bench cost --results DIR/comparison.json (every entry, the stateful ones included), or from a replay: aura-bench replay ${file} --out DIR, then aura-bench cost --replay DIR/replay.json`,
        },
      )
  }
}

/** Reads a results.json to project, with the suite's cost: section it recorded (absent in files written before 2026-12-06). */
async function loadCostResults(
  file: string,
  cwd: string,
  cpuPriced: boolean,
): Promise<{
  results: Results
  label: string
  defaultOut: string
  cost: CostSpec | undefined
  suite: undefined
  pmdWindows?: Map<string, number>
}> {
  // a CPU price (the flag, or the cost: section a comparison.json records since round 43) makes a comparison's
  // means read and checked (comparisonForCost)
  const read = await readResults(file, cwd, 'cost', cpuPriced)
  return { ...read, ...comparisonBaselineKept(read.results, read.pmdWindows !== undefined, file), suite: undefined }
}

/**
 * A comparison's recorded `cost.baselineConfig` that is none of its entries (s43-rev1 M2: compare measures a plain
 * codec config as its codec's entry, `brotli_native q5`, not under the config's name) is left out with a warning
 * naming `--baseline`, so the file still projects; a results.json's is kept (checkBaselineConfig refuses it).
 */
function comparisonBaselineKept(
  results: Results,
  comparison: boolean,
  file: string,
): { results: Results; cost: CostSpec | undefined } {
  const cost = results.cost
  const named = cost?.baselineConfig
  if (!comparison || cost === undefined || named === undefined || results.runs.some((r) => r.config === named))
    return { results, cost }
  const { baselineConfig: _named, ...rest } = cost
  const warning = `the suite's cost.baseline_config ${named} recorded in ${file} is none of its entries (compare measures a config that is one codec at one level as that codec's entry): projected without a baseline; give --baseline with an entry's label (e.g. "brotli_native q5") for savings against it`
  return { results: { ...results, warnings: [...(results.warnings ?? []), warning] }, cost: rest }
}

/** Runs a suite to get its results (latency as the suite says: CPU money needs it). */
async function measureSuite(suite: Suite, io: CliIo): Promise<Results> {
  io.stderr.write(
    `measuring suite ${suite.name}: ${countOf(suite.corpora.length, 'corpus', 'corpora')} x ${countOf(suite.configs.length, 'config', 'configs')}\n`,
  )
  const { results, stoppedBy } = await runSuite(suite)
  if (stoppedBy !== undefined) throw stoppedBy
  return judgeSuite(results, suite)
}

/** cost.md: one section per corpus and scenario, each with its table, units and (for the seed's scenario) the seed check. */
function renderCostMarkdown(
  source: string,
  entries: readonly CostEntry[],
  totals: readonly CostTotal[],
  warnings: readonly string[],
  ratio: 'measured' | 'wire',
): string {
  const sections = entries.map(({ corpus, scenario, projection }) => {
    const heading = `## ${corpus}: ${describeScenario(scenario)}`
    return renderCostSection(projection, { ratio }).replace(/^## Cost Projection/, heading)
  })
  const warned = warnings.map((warning) => `> **Warning:** ${warning}\n\n`).join('')
  return `# Cost projection\n\nFrom ${source}.\n\n${warned}${[...sections, ...totals.map(renderCostTotal)].join('\n\n')}\n`
}

/**
 * Round 40 (s39-trial D5): one total per scenario across the corpora (each at its own traffic with `--volume`),
 * when two or more corpora are projected. `entries` are corpus-major, `perCorpus` scenarios each.
 */
function totalsOf(entries: readonly CostEntry[], perCorpus: number): CostTotal[] {
  if (entries.length <= perCorpus) return []
  return Array.from({ length: perCorpus }, (_, i) => totalCost(entries.filter((_, j) => j % perCorpus === i)))
}
