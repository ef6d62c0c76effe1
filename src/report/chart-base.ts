/**
 * What every chart spec shares (report's and compare's): the spec types, the font, the top of a spec,
 * text from inputs made safe for vega, and file-name slugs.
 */

/** A Vega-Lite top-level spec as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>

/** One chart to render: file base name (no extension), human title, spec. */
export interface ChartSpec {
  name: string
  title: string
  spec: VegaLiteSpec
}

/** Font the charts ask for; render-chart.ts hands resvg the same family. */
export const CHART_FONT = 'DejaVu Sans'

/** Names that are properties of every object: vega keys data by value, so such a value would find a function. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype))

/**
 * Text from inputs (config, corpus, category names) made safe for a chart: characters XML 1.0 forbids
 * (NUL, ESC and the other controls, lone surrogates) and C1 controls are shown as `\xNN`, line breaks as
 * `⏎`, and a name that is a property of every object (`constructor`, `__proto__`) gets an invisible word
 * joiner so vega never looks it up as one. The label reads the same.
 */
export function chartText(text: string): string {
  const visible = text
    .replace(/\r\n|\r|\n/g, '⏎')
    // eslint-disable-next-line no-control-regex
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    )
  return PROTOTYPE_KEYS.has(visible) ? `${visible}\u2060` : visible
}

/** A spec with every string passed through chartText (names in data, sort orders and titles alike, so they still match). */
export function safeChartSpec<T>(value: T): T {
  if (typeof value === 'string') return chartText(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => safeChartSpec(v)) as T
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safeChartSpec(v)])) as T
  return value
}

/** Label widths in pixels of a chart's axes and legend; no axis limit: vega's default (180). */
interface ChartLabelLimits {
  axisLabelLimit?: number
  legendLabelLimit: number
}

/** The top of every chart spec (ours and compare's): schema, title, white background, font and label sizes. */
export function createChartBase(title: string, limits: ChartLabelLimits): VegaLiteSpec {
  const axisLimit = limits.axisLabelLimit === undefined ? {} : { labelLimit: limits.axisLabelLimit }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 14 },
    background: 'white',
    padding: 12,
    config: {
      font: CHART_FONT,
      axis: { labelFontSize: 11, titleFontSize: 12, ...axisLimit },
      legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: limits.legendLabelLimit },
      view: { stroke: null },
    },
  }
}

/** The top of a report chart (charts.ts and its chart-*.ts): axis and legend labels up to 220 px. */
export function createReportChartBase(title: string): VegaLiteSpec {
  return createChartBase(title, { axisLabelLimit: 220, legendLabelLimit: 220 })
}

/** File-name-safe slug: `Week 1/API` -> `week-1-api`. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug === '' ? 'corpus' : slug
}

/** A file-name-safe slug for each name, in order; a slug already taken gets `-<position>` (1-based) appended. */
export function uniqueSlugs(names: readonly string[]): string[] {
  const used = new Set<string>()
  return names.map((name, index) => {
    let slug = slugify(name)
    if (used.has(slug)) slug = `${slug}-${index + 1}`
    used.add(slug)
    return slug
  })
}
