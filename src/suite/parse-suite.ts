/** Parsing and loading suite YAML into a validated Suite; every problem of a file is gathered into one AuraError. */
import { basename, dirname, extname, resolve } from 'node:path'
import {
  AuraError,
  METRICS,
  throwIfIssues,
  type Issue,
  type TargetMetric,
  readInputFileSync,
  readTextFile,
  MAX_TEXT_INPUT_BYTES,
  tryDecodeUtf8,
} from '../core/index.ts'
import { notASuiteError } from './not-a-suite.ts'
import { rethrowNotUtf8Corpus } from './not-utf8-input.ts'
import { checkRegression, toRegressionSpec } from './regression-schema.ts'
import { checkDerivedState, toDerivedSource, toDiscoverSpec } from './derived-schema.ts'
import { checkSuite, entryName } from './suite-checks.ts'
import { entryFileIssues, rawSuiteFileIssues, recordingsFileIssues } from './suite-files.ts'
import { suiteSchema, type RawSuite } from './suite-schema.ts'
import { compareSchema, kibToBytes, type RawCompare } from './compare-schema.ts'
import type { CompareSpec, ConfigRef, CorpusSpec, CostSpec, ReferenceFigures, Suite, TargetSpec } from './types.ts'
import { parseYaml, type YamlSource, asArray, asRecord } from './yaml-schema.ts'
import { toIssues } from './zod-issues.ts'

/**
 * Parses suite YAML text. `file` is the suite's path: paths inside are resolved relative to its
 * folder, and every issue names it. Throws one AuraError (E_YAML_SYNTAX, E_SCHEMA, E_UNKNOWN_KEY,
 * E_UNKNOWN_METRIC ...) whose `issues` hold every problem with its field and line.
 */
export function parseSuite(yamlText: string, file: string): Suite {
  const parsed = parseYaml(yamlText, file)
  if ('issues' in parsed) return fail(parsed.issues, file)
  // a config file's own `name:` names it (unless the suite's entry gives one)
  const value = withConfigFileNames(parsed.source.value ?? {}, dirname(resolve(file)))
  const result = suiteSchema.safeParse(value)
  const issues = result.success ? [] : toIssues(result.error, suiteSchema, file, parsed.source)
  issues.push(
    ...checkSuite(value, file, parsed.source),
    ...checkRegression(value, file, parsed.source),
    ...checkDerivedState(value, file, parsed.source),
  )
  // zod reports in schema order, the cross-field checks after it: show them in file order
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  if (!result.success || issues.length > 0) return fail(issues, file)
  return toSuite(result.data, resolve(file), parsed.source)
}

/**
 * Reads and parses a suite file (see parseSuite) and checks that the config files it names exist,
 * reporting a missing one at its `configs[i]` entry. A missing suite file or a folder is an AuraError naming it.
 */
export async function loadSuite(path: string): Promise<Suite> {
  const absolute = resolve(path)
  const text = await readTextFile(absolute, path, undefined, 'suite file').catch((error: unknown) =>
    // a txt corpus with bytes that are not UTF-8 (legal there) is said to be a corpus, not a broken suite
    rethrowNotUtf8Corpus(
      error,
      absolute,
      path,
      (what) =>
        new AuraError(
          'E_SCHEMA',
          `${basename(absolute)} looks like ${what}, not a suite`,
          { file: absolute },
          {
            hint: "a suite is a YAML file with `corpora:` and `configs:`; this file goes in a suite's `corpora:` (`path:`), or `aura-bench discover`",
          },
        ),
    ),
  )
  let suite: Suite
  try {
    suite = parseSuite(text, absolute)
  } catch (error) {
    // a missing config file is reported with the schema's issues, not after they are fixed
    if (!(error instanceof AuraError)) throw error
    // a config or results.json given as the suite: one error saying so, not the suite schema's dozen
    const other = notASuiteError(text, absolute)
    if (other !== undefined) throw other
    const fileIssues = await rawSuiteFileIssues(text, absolute, { corpora: false })
    return fail(withFileIssues(followingMissingConfigs(error.issues, fileIssues), fileIssues), absolute)
  }
  throwIfIssues(await checkConfigFiles(suite), `invalid suite ${absolute}`)
  return suite
}

/**
 * A name the suite's gate, targets or cost give that is not one of its configs' names, while a config
 * file is missing: the name may be that file's (a config's name is read from its file's `name:`, and a
 * missing file's entry is named after its path), so the issue is marked as following from the missing
 * file instead of sending the user to fix a gate that is right (s41-trial D2).
 */
function followingMissingConfigs(issues: readonly Issue[], fileIssues: readonly Issue[]): Issue[] {
  const missing = fileIssues.find((issue) => issue.code === 'E_FILE_MISSING' && issue.message.startsWith('config '))
  if (missing === undefined) return [...issues]
  return issues.map((issue) =>
    issue.message.includes("is not one of the suite's configs")
      ? {
          ...issue,
          message: `${issue.message}; this may follow from the missing config file (${missing.field ?? 'configs'}): a config is named by its file's \`name:\`, which could not be read`,
        }
      : issue,
  )
}

/** A schema's issues and the named files' issues, in file order. */
export function withFileIssues(issues: readonly Issue[], fileIssues: readonly Issue[]): Issue[] {
  return [...issues, ...fileIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

/**
 * A config file of the suite that is missing or a folder, as an issue at its `configs[i]` entry; and a
 * corpus's `recordings:` file that is missing, a folder or on a corpus that is not jsonl, at `corpora[i].recordings`.
 */
export async function checkConfigFiles(suite: Suite): Promise<Issue[]> {
  return [
    ...(await entryFileIssues('config', suite.configs, suite.file)),
    ...(await recordingsFileIssues(suite.corpora, suite.file)),
  ]
}

function fail(issues: readonly Issue[], file: string): never {
  throwIfIssues(issues, `invalid suite ${file}`)
  // an unparseable result always comes with issues; this keeps the type checker honest
  throw new Error(`suite ${file} failed validation without issues`)
}

function toSuite(raw: RawSuite, file: string, source: YamlSource): Suite {
  const folder = dirname(file)
  const suite: Suite = {
    name: raw.name ?? basename(file, extname(file)),
    description: raw.description ?? '',
    ...(raw.question === undefined ? {} : { question: raw.question }),
    file,
    corpora: raw.corpora.map((entry, i) =>
      toCorpusSpec(entry, folder, { file, field: `corpora[${i}]`, line: source.lineOf(['corpora', i]) }),
    ),
    configs: raw.configs.map((entry, i) =>
      toConfigRef(entry, folder, { file, field: `configs[${i}]`, line: source.lineOf(['configs', i]) }),
    ),
    targets: raw.targets.map(toTargetSpec),
    gate:
      raw.gate.configs === undefined
        ? { nearFails: raw.gate.near_fails }
        : { configs: raw.gate.configs, nearFails: raw.gate.near_fails },
    latency: {
      enabled: raw.latency.enabled,
      samples: raw.latency.samples,
      warmup: raw.latency.warmup,
      timeMs: raw.latency.time_ms,
    },
    workers: raw.workers,
  }
  if (raw.reference !== undefined)
    suite.reference = { source: raw.reference.source, figures: raw.reference.figures as ReferenceFigures }
  if (raw.notes !== undefined) suite.notes = raw.notes
  if (raw.regression !== undefined) suite.regression = toRegressionSpec(raw.regression)
  if (raw.cost !== undefined) suite.cost = toCostSpec(raw.cost, source.lineOf(['cost', 'baseline_config']))
  if (raw.compare !== undefined) suite.compare = toCompareSpec(raw.compare)
  return suite
}

type RawCorpus = RawSuite['corpora'][number]

function toConfigRef(
  entry: RawSuite['configs'][number],
  folder: string,
  origin: { file: string; field: string; line: number | undefined },
): ConfigRef {
  return {
    name: entryName(entry),
    path: resolve(folder, entry.path),
    pathAsWritten: entry.path,
    origin: origin.line === undefined ? { file: origin.file, field: origin.field } : { ...origin, line: origin.line },
    ...(entry.discover === undefined ? {} : { discover: toDiscoverSpec(entry.discover) }),
    ...(entry.zstd_dict_training === undefined ? {} : { zstdDictTraining: toDerivedSource(entry.zstd_dict_training) }),
  }
}

function toCorpusSpec(
  entry: RawCorpus,
  folder: string,
  origin: { file: string; field: string; line: number | undefined },
): CorpusSpec {
  const spec: CorpusSpec = {
    name: entryName(entry),
    path: resolve(folder, entry.path),
    pathAsWritten: entry.path,
    format: entry.format,
    textField: entry.text_field,
    categoryField: entry.category_field,
    harDirection: entry.har_direction,
    required: entry.required,
    origin: origin.line === undefined ? { file: origin.file, field: origin.field } : { ...origin, line: origin.line },
  }
  if (entry.limit !== undefined) spec.limit = entry.limit
  if (entry.sample !== undefined) spec.sample = entry.sample
  if (entry.split !== undefined)
    spec.split = {
      trainFraction: entry.split.train_fraction,
      seed: entry.split.seed,
      use: entry.split.use,
      mode: entry.split.mode,
    }
  if (entry.min_message_bytes !== undefined) spec.minMessageBytes = entry.min_message_bytes
  if (entry.max_message_bytes !== undefined) spec.maxMessageBytes = entry.max_message_bytes
  if (entry.header !== undefined) spec.header = entry.header
  if (entry.recordings !== undefined) {
    spec.recordings = resolve(folder, entry.recordings)
    spec.recordingsAsWritten = entry.recordings
  }
  return spec
}

type RawTarget = RawSuite['targets'][number]

function toTargetSpec(raw: RawTarget): TargetSpec {
  // checkSuite has rejected unknown metric names before this runs
  const metric = raw.metric as TargetMetric
  const target: TargetSpec = {
    metric,
    direction: raw.direction ?? METRICS[metric].direction,
    pass: raw.pass,
    gated: raw.gated,
  }
  if (raw.near !== undefined) target.near = raw.near
  if (raw.configs !== undefined) target.configs = raw.configs
  if (raw.label !== undefined) target.label = raw.label
  return target
}

/** The cost section in camelCase; `baselineLine` is the line of `cost.baseline_config`, for the check made once runs are measured. */
function toCostSpec(raw: NonNullable<RawSuite['cost']>, baselineLine: number | undefined): CostSpec {
  return {
    messagesPerDay: raw.messages_per_day,
    pricePerGb: raw.price_per_gb,
    ...(raw.avg_message_bytes === undefined ? {} : { avgMessageBytes: raw.avg_message_bytes }),
    ...(raw.overhead_bytes_per_message === undefined
      ? {}
      : { overheadBytesPerMessage: [raw.overhead_bytes_per_message].flat() }),
    ...(raw.price_per_cpu_hour === undefined ? {} : { pricePerCpuHour: raw.price_per_cpu_hour }),
    ...(raw.baseline_config === undefined ? {} : { baselineConfig: raw.baseline_config }),
    ...(raw.currency === undefined ? {} : { currency: raw.currency }),
    ...(raw.baseline_config === undefined || baselineLine === undefined ? {} : { baselineConfigLine: baselineLine }),
  }
}

/** compare's current codec when the suite names none (and its cost.baseline_config is no plain codec). */
const DEFAULT_CURRENT = { codec: 'brotli', level: 11 } as const

/** The compare section in camelCase; dictionary sizes in KiB become bytes. */
function toCompareSpec(raw: RawCompare): CompareSpec {
  return {
    brotliQualities: raw.brotli,
    brotliNativeQualities: raw.brotli_native,
    zstdLevels: raw.zstd,
    zstdNapiLevels: raw.zstd_napi,
    zstdDict: { sizesBytes: raw.zstd_dict.sizes_kb.map(kibToBytes), levels: raw.zstd_dict.levels },
    deflateLevels: raw.deflate,
    permessageDeflate: {
      levels: raw.permessage_deflate.levels,
      windowBits: raw.permessage_deflate.window_bits,
      memLevel: raw.permessage_deflate.mem_level,
    },
    zstdStream: { levels: raw.zstd_stream.levels, windowLog: raw.zstd_stream.window_log },
    hybrids: raw.hybrids,
    current:
      raw.current === undefined
        ? { ...DEFAULT_CURRENT }
        : raw.current.codec === 'permessage_deflate'
          ? { codec: raw.current.codec, level: raw.current.level, takeover: raw.current.takeover ?? true }
          : { codec: raw.current.codec, level: raw.current.level },
    ...(raw.current === undefined ? { currentIsDefault: true } : {}),
    budgetsUs: raw.budgets_us,
    latency: {
      messages: raw.latency.messages,
      samples: raw.latency.samples,
      warmup: raw.latency.warmup,
      timeMs: raw.latency.time_ms,
    },
    sizeBudgetMs: raw.size_budget_ms,
    minSizeMessages: raw.min_size_messages,
    memoryConnections: raw.memory_connections,
    seed: raw.seed,
  }
}

/** The compare section a suite without one gets: every default of the schema. */
export function defaultCompareSpec(): CompareSpec {
  return toCompareSpec(compareSchema.parse({}))
}

/*
 * A config file's own `name:` names it in the suite: a suite entry without a `name` takes the config
 * file's, and only a config file without one falls back to the file's base name. Read here, before
 * the suite's checks, so gate, targets, reference figures and cost refer to the same names.
 */
/**
 * The `name:` at the top of a config file, or undefined when it has none or cannot be read yet
 * (loading the config reports that). Read through the bounded reader: a FIFO or device named as a
 * config is refused from its stat (a plain read would block the whole process here, synchronously).
 */
export function configFileName(path: string): string | undefined {
  let text: string | undefined
  try {
    text = tryDecodeUtf8(readInputFileSync({ path, kind: 'config file', maxBytes: MAX_TEXT_INPUT_BYTES }))
  } catch {
    return undefined
  }
  if (text === undefined) return undefined
  const parsed = parseYaml(text, path)
  if ('issues' in parsed) return undefined
  const name = asRecord(parsed.source.value)['name']
  return typeof name === 'string' && name !== '' ? name : undefined
}

/** The raw suite with each `configs` entry that has no `name` given its config file's `name:`, when that file has one. */
function withConfigFileNames(suite: unknown, folder: string): unknown {
  const raw = asRecord(suite)
  if (!Array.isArray(raw['configs'])) return suite
  const configs = asArray(raw['configs']).map((entry) => {
    const record = typeof entry === 'string' ? { path: entry } : asRecord(entry)
    if (typeof record['path'] !== 'string' || record['name'] !== undefined) return entry
    const name = configFileName(resolve(folder, record['path']))
    return name === undefined ? entry : { ...record, name }
  })
  return { ...raw, configs }
}
