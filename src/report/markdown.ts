/** report.md: the gate verdict first, then environment, per-corpus tables, reference figures, cost, charts and notes. */
import { AuraError } from '../core/index.ts'
import type { Results, RunResult } from '../runner/index.ts'
import { describeScenario, matchesSeedScenario, renderCostSection, renderSeedCostCheck } from './cost-markdown.ts'
import { createCostInput, projectCost, type CostScenario } from './cost.ts'
import { STATUS_BADGES, escapeCell, escapeInline, formatMessagesPerDay, renderTable } from './format.ts'
import { renderComparisonMatrix, renderMethodDistribution, renderTargetAchievement } from './markdown-corpus.ts'
import {
  DEFAULT_MAX_LISTED,
  renderCategories,
  renderExpanding,
  renderLatency,
  renderReference,
  renderRoundTrip,
} from './markdown-details.ts'
import { noTargetGated, verdictCaveats } from './verdict-caveats.ts'
import { collapsible, renderVerdictTable, withLatencySampleWarnings } from './markdown-summary.ts'

/** A chart image the report links to, path relative to the report. */
export interface ChartLink {
  title: string
  /** e.g. `charts/methods-week1.png` */
  path: string
}

/** What the caller adds to a report beyond the results. */
export interface MarkdownOptions {
  /** free Markdown shown under "Notes", e.g. explanations of differences from the reference */
  notes?: string
  /** configs the gate judges, for the Target Achievement Status column; default every config */
  gateConfigs?: readonly string[]
  /** charts to embed, in order */
  charts?: readonly ChartLink[]
  /** traffic scenario(s) for the Cost Projection section, one projection each; absent: no cost section */
  cost?: CostScenario | readonly CostScenario[]
  /** expanding messages and mismatches listed per run; default 20 */
  maxListed?: number
  /** Markdown sections placed first among the folded details (the gate layer's baseline comparison and confidence) */
  sections?: readonly string[]
  /** timed latency samples the suite asked for per direction; fewer measured is warned about on the first screen */
  latencySamples?: number
}

function renderHeader(results: Results): string {
  const lines = [`# aura-bench report: ${escapeInline(results.suite)}`, '']
  if (results.description !== undefined && results.description !== '') lines.push(escapeInline(results.description), '')
  const load = results.environment.loadAverage
  const loadText =
    load === undefined
      ? ''
      : ` · **Machine load (1 min):** ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end, ${results.environment.cpus} CPUs`
  lines.push(
    `**Started:** ${results.startedAt} · **Runs:** ${results.runs.length} · **Schema:** results.json v${results.schemaVersion}${loadText}`,
  )
  return lines.join('\n')
}

/** The verdict at the top: PASS or FAIL with every reason, and a warning when the run is incomplete. */
function renderGate(results: Results): string {
  const { gate } = results
  const lines = [`## Gate: ${STATUS_BADGES[gate.status]}`, '']
  if (results.incomplete)
    lines.push(
      '⚠️ **Incomplete run:** it stopped before every corpus × config was measured; the figures below are partial.',
      '',
    )
  for (const caveat of verdictCaveats(results)) lines.push(`⚠️ ${escapeInline(caveat.long)}`, '')
  if (gate.reasons.length === 0)
    lines.push(
      noTargetGated(results)
        ? 'Every run completed and every message round-tripped byte-exact (no target gated: see above).'
        : 'Every gated target of every gated config met its threshold (NEAR counts as met unless the gate says otherwise), and every message round-tripped byte-exact.',
    )
  else
    lines.push(
      `The gate failed for ${gate.reasons.length} reason${gate.reasons.length === 1 ? '' : 's'}:`,
      '',
      ...gate.reasons.map((r) => `- ${escapeInline(r)}`),
    )
  return lines.join('\n')
}

/** The Inputs' "Part measured" of a corpus: a skipped one (`required: false`, its file missing) was not measured. */
export function partMeasured(corpus: { part: string; skipped?: string }): string {
  return corpus.skipped === undefined ? corpus.part : `not measured: skipped (${corpus.skipped})`
}

/** Environment header: Node, platform, CPU and every library version that produced bytes. */
function renderEnvironment(results: Results): string {
  const env = results.environment
  const rows = [
    ['Node', escapeCell(env.node)],
    ['Platform', `${escapeCell(env.platform)} ${escapeCell(env.arch)}`],
    ['CPU', `${escapeCell(env.cpu)} × ${env.cpus}`],
    ...Object.keys(env.libraries)
      .sort()
      .map((name) => [escapeCell(name), escapeCell(env.libraries[name] ?? '')]),
  ]
  return ['## Environment', '', renderTable(['Component', 'Version'], rows)].join('\n')
}

/** What was measured: corpus files and the part of each, config files and where their derived state came from. */
function renderInputs(results: Results): string | undefined {
  const inputs = results.inputs
  if (inputs === undefined) return undefined
  return [
    '## Inputs',
    '',
    "Paths as the suite wrote them (relative to the suite's folder).",
    '',
    renderTable(
      ['Corpus', 'File', 'Format', 'Part measured'],
      inputs.corpora.map((c) => [
        escapeCell(c.name),
        `\`${escapeCell(c.file)}\``,
        escapeCell(c.format),
        escapeCell(partMeasured(c)),
      ]),
    ),
    '',
    renderTable(
      ['Config', 'File', 'Derived shared state'],
      inputs.configs.map((c) => [escapeCell(c.name), `\`${escapeCell(c.file)}\``, escapeCell(c.derived ?? '—')]),
    ),
  ].join('\n')
}

/** Warnings shown on the first screen: the run's own and the latency-sample ones; a long list is folded after the first five. */
function renderWarnings(results: Results, latencySamples: number | undefined): string | undefined {
  const all = withLatencySampleWarnings(results, latencySamples).map((w) => `- ${escapeInline(w)}`)
  if (all.length === 0) return undefined
  const shown = all.slice(0, 5)
  const rest =
    all.length > shown.length
      ? ['', collapsible([`## ${all.length - shown.length} more warnings`, '', ...all.slice(5)].join('\n'))]
      : []
  return ['## Warnings', '', ...shown, ...rest].join('\n')
}

function renderFailedRuns(runs: readonly RunResult[]): string | undefined {
  const failed = runs.filter((run) => run.state === 'failed')
  if (failed.length === 0) return undefined
  const lines = failed.map(
    (run) =>
      `- **${escapeInline(run.config)}**: ${run.error === undefined ? 'no error recorded' : `${escapeInline(run.error.code)}: ${escapeInline(run.error.message)}`}`,
  )
  return ['### Failed Runs', '', ...lines].join('\n')
}

/** All sections of one corpus, in the seed's order followed by the details. */
function renderCorpus(results: Results, corpus: string, options: MarkdownOptions): string {
  const runs = results.runs.filter((run) => run.corpus === corpus)
  const maxListed = options.maxListed ?? DEFAULT_MAX_LISTED
  const sections = [
    `## Corpus: ${escapeInline(corpus)}`,
    renderFailedRuns(runs),
    renderComparisonMatrix(results, runs),
    renderMethodDistribution(runs),
    renderTargetAchievement(runs, options.gateConfigs),
    renderExpanding(runs, maxListed),
    renderLatency(runs),
    renderCategories(runs),
    renderRoundTrip(runs, maxListed),
  ]
  return sections.filter((s): s is string => s !== undefined).join('\n\n')
}

function renderCharts(charts: readonly ChartLink[] | undefined): string | undefined {
  if (charts === undefined || charts.length === 0) return undefined
  return ['## Charts', ...charts.map((c) => `![${escapeInline(c.title)}](${encodeURI(c.path)})`)].join('\n\n')
}

function renderNotes(notes: string | undefined, results: Results): string | undefined {
  if (notes !== undefined && notes.trim() !== '') return ['## Notes', '', notes.trim()].join('\n')
  if (results.reference !== undefined)
    return ['## Notes', '', 'No explanation of the differences from the reference figures was given.'].join('\n')
  return undefined
}

function scenariosOf(cost: MarkdownOptions['cost']): readonly CostScenario[] {
  return cost === undefined ? [] : Array.isArray(cost) ? (cost as readonly CostScenario[]) : [cost as CostScenario]
}

/** The reference figures, and the check of the seed's cost arithmetic once, only when the suite names a reference. */
function renderReferenceWithSeedCheck(results: Results, cost: MarkdownOptions['cost']): string | undefined {
  const reference = renderReference(results)
  if (reference === undefined) return undefined
  const seedScenario = scenariosOf(cost).find((s) =>
    matchesSeedScenario({
      messagesPerDay: s.messagesPerDay,
      avgMessageBytes: s.avgMessageBytes ?? Number.NaN,
      pricePerGb: s.pricePerGb,
    }),
  )
  const check = seedScenario === undefined ? undefined : renderSeedCostCheck(seedScenario.messagesPerDay)
  return check === undefined ? reference : [reference, '', "### The reference's cost arithmetic", '', check].join('\n')
}

/** One Cost Projection section per scenario; with several, one heading and a sub-heading per scenario. */
function renderCostScenarios(results: Results, cost: MarkdownOptions['cost']): string | undefined {
  // a scenario that names no corpus is projected for each corpus of the run, each saying which
  const corpora = [...new Set(results.runs.map((run) => run.corpus))]
  const perCorpus = corpora.length > 1
  const scenarios = scenariosOf(cost).flatMap((scenario) =>
    scenario.corpus !== undefined || !perCorpus ? [scenario] : corpora.map((corpus) => ({ ...scenario, corpus })),
  )
  const sections = scenarios.map((scenario) => renderCostScenario(results, scenario))
  if (sections.length <= 1) return sections[0]
  const subHeading = (s: CostScenario): string =>
    `### ${describeScenario(s)}${perCorpus && s.corpus !== undefined ? `, corpus ${escapeInline(s.corpus)}` : ''}`
  return [
    '## Cost Projection',
    ...sections.map((text, i) => text.replace(/^## Cost Projection/, subHeading(scenarios[i] as CostScenario))),
  ].join('\n\n')
}

/** One scenario's section; a projection that cannot be made (its baseline or corpus has no complete run) says why instead of losing the report. */
function renderCostScenario(results: Results, scenario: CostScenario): string {
  try {
    return renderCostSection(projectCost(createCostInput(results.runs, scenario)), { seedCheck: false })
  } catch (error) {
    if (!(error instanceof AuraError)) throw error
    return `## Cost Projection\n\nNo projection for ${formatMessagesPerDay(scenario.messagesPerDay)}: ${escapeInline(error.reason)}.`
  }
}

/**
 * Renders report.md from results (pure: same input, same text). The first screen is the verdict, one
 * table of configs against targets and the warnings; every other section follows folded in `<details>`.
 */
export function renderMarkdown(results: Results, options: MarkdownOptions = {}): string {
  const corpora = [...new Set(results.runs.map((run) => run.corpus))]
  const first = [
    renderHeader(results),
    renderGate(results),
    renderVerdictTable(results, options.gateConfigs),
    renderWarnings(results, options.latencySamples),
  ]
  const folded = [
    ...(options.sections ?? []),
    ...corpora.map((corpus) => renderCorpus(results, corpus, options)),
    renderCharts(options.charts),
    renderReferenceWithSeedCheck(results, options.cost),
    renderCostScenarios(results, options.cost),
    renderNotes(options.notes, results),
    renderInputs(results),
    renderEnvironment(results),
  ]
  const present = (s: string | undefined): s is string => s !== undefined
  return `${[...first.filter(present), ...folded.filter(present).map(collapsible)].join('\n\n')}\n`
}
