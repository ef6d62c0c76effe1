/**
 * report.html: the same verdict and config x target table as report.md, then every chart live
 * (vega-embed: tooltips, filter by corpus and config, latency percentiles per config), in one
 * self-contained file: the vega builds and the specs are inlined, nothing is fetched (pure).
 */
import type { Results } from '../runner/index.ts'
import { safeChartSpec, type VegaLiteSpec } from './chart-base.ts'
import { chartsOf, headingOutOfSpec, type HtmlChart, withTooltips } from './html-charts.ts'
import { STATUS_BADGES } from './format.ts'
import type { HtmlAssets } from './html-assets.ts'
import { verdictTable, withLatencySampleWarnings } from './markdown-summary.ts'
import { partMeasured } from './markdown.ts'
import { noTargetGated, verdictCaveats } from './verdict-caveats.ts'

/** What the caller adds beyond the results (a subset of the Markdown options). */
interface HtmlOptions {
  gateConfigs?: readonly string[]
  latencySamples?: number
  /** trend charts across earlier runs (`run --history`), drawn in a History section after the run's charts */
  trends?: readonly HtmlTrend[]
}

/** One trend chart of the History section: rows may carry `config` (the config filter applies). */
export interface HtmlTrend {
  title: string
  spec: VegaLiteSpec
}

/** Text safe in HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** JSON safe inside a <script> element: no `</script>`, `<!--` or line separators can end or bend it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** A library build safe inside a <script> element. */
function scriptSource(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--')
}

/** Status icons as text glyphs every font has (✓ ⚠ ✗), coloured by class: emoji fonts are not everywhere. */
function statusGlyphs(html: string): string {
  return html
    .replace(/✅/g, '<span class="s-pass">✓</span>')
    .replace(/⚠️/g, '<span class="s-near">⚠</span>')
    .replace(/❌/g, '<span class="s-fail">✗</span>')
}

function renderVerdict(results: Results, options: HtmlOptions): string {
  const { gate } = results
  const reasons =
    gate.reasons.length === 0
      ? noTargetGated(results)
        ? '<p>Every run completed and every message round-tripped byte-exact (no target gated: see above).</p>'
        : '<p>Every gated target of every gated config met its threshold, and every message round-tripped byte-exact.</p>'
      : `<ul>${gate.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
  const incomplete = results.incomplete
    ? '<p class="warn">⚠️ Incomplete run: it stopped before every corpus × config was measured; the figures are partial.</p>'
    : ''
  const caveats = verdictCaveats(results)
    .map((c) => `<p class="warn">⚠️ ${escapeHtml(c.long)}</p>`)
    .join('')
  const table = verdictTable(results, options.gateConfigs)
  const head = `<tr>${table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`
  const rows = table.rows.map(
    (row) =>
      `<tr data-corpus="${escapeHtml(row.corpus)}" data-config="${escapeHtml(row.config)}">${row.cells.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${statusGlyphs(escapeHtml(c))}</td>`)).join('')}</tr>`,
  )
  const warnings = withLatencySampleWarnings(results, options.latencySamples)
  return [
    `<section id="verdict" class="${gate.status}"><h2>Gate: ${statusGlyphs(escapeHtml(STATUS_BADGES[gate.status === 'pass' ? 'pass' : 'fail']))}</h2>${incomplete}${caveats}${reasons}</section>`,
    `<section id="results"><h2>Results</h2><table id="verdict-table"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table><p class="note">${statusGlyphs(escapeHtml(table.note))}</p></section>`,
    warnings.length === 0
      ? ''
      : `<section id="warnings"><h2>Warnings</h2><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></section>`,
  ].join('\n')
}

function renderFilters(results: Results): string {
  const options = (values: readonly string[]) =>
    [
      '<option value="">all</option>',
      ...values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`),
    ].join('')
  const corpora = [...new Set(results.runs.map((r) => r.corpus))]
  const configs = [...new Set(results.runs.map((r) => r.config))]
  return `<form id="filters"><label>Corpus <select id="filter-corpus">${options(corpora)}</select></label> <label>Config <select id="filter-config">${options(configs)}</select></label></form>`
}

/** The page script: embeds every chart, and re-embeds with the data filtered when a filter changes. */
const PAGE_SCRIPT = `
const charts = JSON.parse(document.getElementById('chart-specs').textContent);
const corpusSelect = document.getElementById('filter-corpus');
const configSelect = document.getElementById('filter-config');
function keep(row, config) { return config === '' || typeof row !== 'object' || row === null || !('config' in row) || row.config === config; }
function filtered(spec, config) {
  if (Array.isArray(spec)) return spec.map((s) => filtered(s, config));
  if (spec === null || typeof spec !== 'object') return spec;
  const out = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'values' && Array.isArray(value)) out[key] = value.filter((row) => keep(row, config));
    else if (key === 'domain' && Array.isArray(value) && config !== '' && value.includes(config)) out[key] = [config];
    else if (key === 'sort' && Array.isArray(value) && config !== '' && value.includes(config)) out[key] = [config];
    else out[key] = filtered(value, config);
  }
  return out;
}
async function draw() {
  const corpus = corpusSelect.value;
  const config = configSelect.value;
  for (const row of document.querySelectorAll('#verdict-table tbody tr')) {
    row.hidden = (corpus !== '' && row.dataset.corpus !== corpus) || (config !== '' && row.dataset.config !== config);
  }
  for (const chart of charts) {
    const figure = document.getElementById(chart.id);
    figure.hidden = corpus !== '' && chart.corpus !== '' && chart.corpus !== corpus;
    if (figure.hidden) continue;
    await vegaEmbed('#' + chart.id + ' .chart', filtered(chart.spec, config), { renderer: 'svg', actions: false, tooltip: true });
  }
  document.body.dataset.drawn = String(Date.now());
}
corpusSelect.addEventListener('change', draw);
configSelect.addEventListener('change', draw);
draw().catch((error) => { console.error(error); document.body.dataset.drawn = 'error'; });
`

const STYLE = `
body { font-family: 'DejaVu Sans', system-ui, sans-serif; margin: 24px; color: #222; max-width: 1400px; }
#verdict { padding: 8px 16px; border-left: 6px solid; margin-bottom: 16px; }
#verdict.pass { border-color: #54a24b; background: #eef7ec; } #verdict.fail { border-color: #e45756; background: #fcebea; }
table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f2f2f2; } .s-pass { color: #2e7d32; font-weight: bold; } .s-near { color: #b26a00; font-weight: bold; } .s-fail { color: #c62828; font-weight: bold; } .note { font-size: 12px; color: #555; }
figure { margin: 16px 0; } figure h3 { font-size: 14px; margin: 0 0 4px; } #filters { margin: 16px 0; }
`

/** What was measured, as report.md's Inputs section: corpus files and parts, config files and their derived state. */
function renderInputs(results: Results): string {
  const inputs = results.inputs
  if (inputs === undefined) return ''
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`
  return `<section id="inputs"><h2>Inputs</h2><p class="note">Paths as the suite wrote them (relative to the suite's folder).</p>${table(
    ['Corpus', 'File', 'Format', 'Part measured'],
    inputs.corpora.map((c) => [c.name, c.file, c.format, partMeasured(c)]),
  )}${table(
    ['Config', 'File', 'Derived shared state'],
    inputs.configs.map((c) => [c.name, c.file, c.derived ?? '—']),
  )}</section>`
}

/** Renders report.html (pure: same results and assets, same text). */
export function renderHtml(results: Results, assets: HtmlAssets, options: HtmlOptions = {}): string {
  const charts = chartsOf(results)
  const load = results.environment.loadAverage
  const meta = [
    `Started ${results.startedAt}`,
    `${results.runs.length} runs`,
    ...(load === undefined
      ? []
      : [
          `machine load (1 min) ${load.start.toFixed(2)} at start, ${load.end.toFixed(2)} at end, ${results.environment.cpus} CPUs`,
        ]),
  ]
  const trends = (options.trends ?? []).map((t, i) => {
    const { title, spec } = headingOutOfSpec(t.title, safeChartSpec(t.spec))
    return { id: `trend-${i}`, corpus: '', title, spec: withTooltips(spec) }
  })
  const figure = (c: HtmlChart) =>
    `<figure id="${c.id}" data-corpus="${escapeHtml(c.corpus)}"><h3>${escapeHtml(c.title)}</h3><div class="chart"></div></figure>`
  const figures = charts.map(figure)
  const history =
    trends.length === 0
      ? ''
      : `<section id="history"><h2>History</h2><p class="note">Each metric across the runs of the history file, oldest first; the last point is this run.</p>\n${trends.map(figure).join('\n')}\n</section>`
  const versions = assets.scripts.map((s) => `${s.name} ${s.version}`).join(', ')
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>aura-bench report: ${escapeHtml(results.suite)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>aura-bench report: ${escapeHtml(results.suite)}</h1>
${results.description === undefined || results.description === '' ? '' : `<p>${escapeHtml(results.description)}</p>`}
<p class="note">${escapeHtml(meta.join(' · '))}. The full tables are in report.md and every figure in results.json.</p>
${renderVerdict(results, options)}
<section id="charts"><h2>Charts</h2>
${renderFilters(results)}
${figures.join('\n')}
</section>
${history}
${renderInputs(results)}
<p class="note">Charts drawn in the page by ${escapeHtml(versions)}, inlined: this file fetches nothing.</p>
<script type="application/json" id="chart-specs">${scriptJson([...charts, ...trends])}</script>
${assets.scripts.map((s) => `<script>${scriptSource(s.source)}</script>`).join('\n')}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`
}
