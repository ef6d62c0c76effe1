/**
 * Rules of a suite that span fields: metric names, the side of `near`, threshold ranges, config
 * names referenced by targets, gate and reference figures, duplicate names. They read the raw YAML
 * value defensively so they report alongside the schema's issues, not after them.
 */
import { basename, extname } from 'node:path'
import { corpusFormatByExtension, isTargetMetric, METRICS, TARGET_METRICS, type Issue } from '../core/index.ts'
import { asArray, asRecord, IssueList, type YamlSource } from './yaml-schema.ts'
import { HAS_CONTROL } from './name-schema.ts'
import { didYouMeanSuffix } from './zod-issues.ts'

type Path = readonly PropertyKey[]

/** All cross-field issues of a suite's raw YAML value. */
export function checkSuite(value: unknown, file: string, source: YamlSource): Issue[] {
  const list = new IssueList(file, source.lineOf)
  const suite = asRecord(value)
  const configNames = checkEntryNames(suite['configs'], 'configs', list)
  checkEntryNames(suite['corpora'], 'corpora', list)
  asArray(suite['corpora']).forEach((corpus, i) => {
    checkSizeRange(asRecord(corpus), ['corpora', i], list)
    checkJsonFields(asRecord(corpus), ['corpora', i], list)
  })
  asArray(suite['targets']).forEach((target, i) => checkTarget(asRecord(target), ['targets', i], configNames, list))
  checkConfigRefs(asRecord(suite['gate'])['configs'], ['gate', 'configs'], configNames, list)
  checkReference(asRecord(asRecord(suite['reference'])['figures']), configNames, list)
  const costBaseline = asRecord(suite['cost'])['baseline_config']
  if (typeof costBaseline === 'string' && !configNames.includes(costBaseline))
    list.add(['cost', 'baseline_config'], unknownConfigMessage(costBaseline, configNames))
  return list.issues
}

/** Name of a config or corpus entry: its `name`, else the file's base name without extension. */
export function entryName(entry: { path: string; name?: string | undefined }): string {
  return entry.name ?? basename(entry.path, extname(entry.path))
}

/** Names of config or corpus entries (valid ones); a name used twice is an issue. */
function checkEntryNames(entries: unknown, key: 'configs' | 'corpora', list: IssueList): string[] {
  const firstIndex = new Map<string, number>()
  asArray(entries).forEach((entry, i) => {
    const raw = typeof entry === 'string' ? { path: entry } : asRecord(entry)
    if (typeof raw['path'] !== 'string' || (raw['name'] !== undefined && typeof raw['name'] !== 'string')) return
    const name = entryName({ path: raw['path'], name: raw['name'] as string | undefined })
    // a name taken from the file's name must not hold control characters either (the name: field's rule)
    if (raw['name'] === undefined && HAS_CONTROL.test(name))
      list.add(
        [key, i, 'path'],
        `the file name gives the ${key === 'configs' ? 'config' : 'corpus'} the name ${JSON.stringify(name)}, which holds control characters (a line break, tab or escape): give it a \`name\``,
      )
    const first = firstIndex.get(name)
    if (first === undefined) firstIndex.set(name, i)
    else
      list.add(
        [key, i],
        `${key === 'configs' ? 'config' : 'corpus'} name "${name}" is already used by ${key}[${first}]; give one of them a distinct \`name\``,
      )
  })
  return [...firstIndex.keys()]
}

/**
 * `text_field` / `category_field` are read from JSON records only (and `category_field` from a Loghub log's
 * structured CSV, where it names the column): beside `format: txt` (or har; `text_field` beside loghub) they
 * were ignored without a word, every message `uncategorised` (s37-trial D12). Refused, as
 * `discover --text-field` and a config's `zstd_dict_training_text_field` beside txt are.
 */
function checkJsonFields(corpus: Record<string, unknown>, path: Path, list: IssueList): void {
  const written = corpus['format']
  // no format (or auto): the one the loader takes from the file's extension (s37-fixs M4)
  const auto = (written === undefined || written === 'auto') && typeof corpus['path'] === 'string'
  const format = auto ? corpusFormatByExtension(corpus['path'] as string) : written
  if (format !== 'txt' && format !== 'loghub' && format !== 'har') return
  const read = auto
    ? `format: ${format} (from its extension ${extname(corpus['path'] as string)})`
    : `format: ${format}`
  for (const key of ['category_field', 'text_field'] as const) {
    // a Loghub log's category_field names the column of its structured CSV (default EventId): read, not ignored
    if (corpus[key] === undefined || (key === 'category_field' && format === 'loghub')) continue
    list.add(
      [...path, key],
      `${key} is read only from JSON records (format: jsonl or json), and this corpus is read as ${read}, where it would be ignored${key === 'category_field' ? ' (every message uncategorised)' : ''}: remove it, or, to categorise raw JSON lines sent whole, store each line as a JSON string in a record beside its category ({"text": "<the line>", "category": "<its type>"}) and read that file as jsonl (README, "Suites")`,
    )
  }
}

function checkSizeRange(corpus: Record<string, unknown>, path: Path, list: IssueList): void {
  const min = corpus['min_message_bytes']
  const max = corpus['max_message_bytes']
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    list.add(
      [...path, 'min_message_bytes'],
      `min_message_bytes ${min} is larger than max_message_bytes ${max}: no message could pass`,
    )
  }
}

function checkTarget(
  target: Record<string, unknown>,
  path: Path,
  configNames: readonly string[],
  list: IssueList,
): void {
  checkConfigRefs(target['configs'], [...path, 'configs'], configNames, list)
  const metric = target['metric']
  if (typeof metric !== 'string') return
  if (!isTargetMetric(metric)) {
    list.add([...path, 'metric'], unknownMetricMessage(metric), 'E_UNKNOWN_METRIC')
    return
  }
  const info = METRICS[metric]
  const direction =
    target['direction'] === 'min' || target['direction'] === 'max' ? target['direction'] : info.direction
  for (const key of ['pass', 'near'] as const) {
    const threshold = target[key]
    if (
      typeof threshold === 'number' &&
      Number.isFinite(threshold) &&
      (threshold < info.lowest || threshold > info.highest)
    ) {
      list.add(
        [...path, key],
        `${key} ${threshold} is outside what ${metric} can be (${info.meaning}${rangeText(info.lowest, info.highest)})`,
      )
    }
  }
  const pass = target['pass']
  const near = target['near']
  if (typeof pass !== 'number' || typeof near !== 'number' || !Number.isFinite(pass) || !Number.isFinite(near)) return
  if (direction === 'min' && near >= pass) {
    list.add(
      [...path, 'near'],
      `near ${near} must be below pass ${pass}: ${metric} passes at ${pass} or more, and near is the lower bound of the band just short of it`,
    )
  } else if (direction === 'max' && near <= pass) {
    list.add(
      [...path, 'near'],
      `near ${near} must be above pass ${pass}: ${metric} passes at ${pass} or less, and near is the upper bound of the band just beyond it`,
    )
  }
}

function rangeText(lowest: number, highest: number): string {
  if (lowest === -Infinity) return `, at most ${highest}`
  if (highest === Infinity) return `, at least ${lowest}`
  return `, ${lowest} to ${highest}`
}

/** Config names used by a target or the gate must be configs of the suite. */
function checkConfigRefs(refs: unknown, path: Path, configNames: readonly string[], list: IssueList): void {
  asArray(refs).forEach((ref, i) => {
    if (typeof ref !== 'string' || configNames.includes(ref)) return
    list.add([...path, i], unknownConfigMessage(ref, configNames))
  })
}

function checkReference(figures: Record<string, unknown>, configNames: readonly string[], list: IssueList): void {
  for (const [config, values] of Object.entries(figures)) {
    const path = ['reference', 'figures', config]
    if (!configNames.includes(config)) list.add(path, unknownConfigMessage(config, configNames))
    for (const [metric, value] of Object.entries(asRecord(values))) {
      if (metric === 'source') {
        if (typeof value !== 'string')
          list.add([...path, metric], 'source must be a string naming where the figures come from')
      } else if (!isTargetMetric(metric)) {
        list.add(
          [...path, metric],
          `unknown metric \`${metric}\`${didYouMeanSuffix(metric, TARGET_METRICS)}`,
          'E_UNKNOWN_METRIC',
        )
      } else if (typeof value !== 'number')
        list.add([...path, metric], `reference figure for ${metric} must be a number`)
    }
  }
}

function unknownConfigMessage(name: string, configNames: readonly string[]): string {
  return `config \`${name}\` is not one of the suite's configs${didYouMeanSuffix(name, configNames)} (configs: ${configNames.join(', ') || 'none'})`
}

/** The E_UNKNOWN_METRIC message for a name that is not a target metric, with the closest one suggested and the list of them. */
export function unknownMetricMessage(metric: string): string {
  return `unknown metric \`${metric}\`${didYouMeanSuffix(metric, TARGET_METRICS)} (metrics: ${TARGET_METRICS.join(', ')})`
}
