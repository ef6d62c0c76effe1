/**
 * `aura-bench validate`: checks suites, compressor configs and template stores, telling them apart
 * by extension and content, and gathers every issue of every file. Template stores belong to
 * another layer: the caller passes their validator, so this layer imports only core.
 */
import { basename, dirname, extname, resolve } from 'node:path'
import { AuraError, readTextFile, type Issue } from '../core/index.ts'
import type { CompressorConfig } from './config.ts'
import { loadCompressorConfig, loadCompressorConfigWith } from './config-file.ts'
import { derivedCheckOverrides } from './derived-schema.ts'
import { entryName } from './suite-checks.ts'
import { isExternalConfig, type ExternalCompressorConfig } from './external-config.ts'
import { checkExternalPresence } from './external-presence.ts'
import { statefulDerivedIssues } from './stateful-checks.ts'
import { checkConfigFiles, parseSuite, withFileIssues } from './parse-suite.ts'
import { entryFileIssues, rawSuiteFileIssues, rawSuiteFiles } from './suite-files.ts'
import type { ConfigRef, CorpusSpec, Suite } from './types.ts'
import { asArray, asRecord, parseYaml } from './yaml-schema.ts'
import { OUTPUT_WRITERS, recognizeOutputJson } from './output-files.ts'
import { describeForeignFile } from './file-kind.ts'
import { atConfigKey } from './config-key.ts'
import { resultsContractSchema } from './results-schema.ts'
import { withSuiteTrainingReading } from './training-corpus.ts'

/** What a validated file is; `output`: one of aura-bench's own JSON outputs (results.json, comparison.json ...). */
type FileKind = 'suite' | 'config' | 'template-store' | 'output' | 'unknown'

/** The outcome for one file: its kind and every issue (none: the file is valid), and notes on a valid file. */
interface FileValidation {
  file: string
  kind: FileKind
  issues: Issue[]
  /** what a reader of a valid file should know (a suite naming a stateful config is for compare and replay) */
  notes?: string[]
  /** for an output: which one (`comparison.json`), shown instead of the kind */
  label?: string
}

/** Checks one file given by absolute path; rejects with an AuraError whose `issues` are its problems. */
type FileValidator = (absolutePath: string) => Promise<unknown>

/** Validators for the kinds this layer does not own; without one, such files are reported as not checkable. */
interface ValidateFilesOptions {
  /** loads a template store (the CLI passes the templates layer's loadTemplateStore) */
  templateStore?: FileValidator
  /** the PATH an external compressor's program is looked up in (the CLI passes its environment's); unset: only paths are checked */
  searchPath?: string
  /** imports an external_module and checks its exports as `run` does (the CLI passes the external layer's); unset: only its presence is checked */
  externalModule?: (config: ExternalCompressorConfig) => Promise<unknown>
  /** checks a present corpus's companion files as compare and replay read them (the CLI passes the corpus layer's recordings.tsv check) */
  corpusCompanions?: (corpus: CorpusSpec) => Promise<unknown>
  /** reads the start of a config's zstd_dict_training_corpus as a run reads it (the CLI passes the runner's checkTrainingCorpus) */
  trainingCorpus?: (config: CompressorConfig) => Promise<unknown>
}

/** What a file validate does not take looks like (`it looks like a JSONL corpus ...`), when that can be told. */
function looksLike(text: string, path: string): string {
  const foreign = describeForeignFile(text, path)
  return foreign === undefined
    ? 'cannot tell what this file is'
    : `it looks like ${foreign.what}, not a file validate checks`
}

/** Keys only a suite has at its top level. */
const SUITE_KEYS = ['corpora', 'configs', 'targets', 'gate', 'latency', 'reference']

/** Tells a suite from a compressor config (YAML, by top-level keys) and a template store (JSON). */
export function detectFileKind(path: string, text: string): FileKind {
  const extension = extname(path).toLowerCase()
  if (extension === '.json') return 'template-store'
  if (extension !== '.yaml' && extension !== '.yml') return 'unknown'
  const parsed = parseYaml(text, path)
  // malformed YAML: either parser reports the same syntax errors; call it a config unless it says `corpora`
  if ('issues' in parsed) return /^(corpora|targets)\s*:/m.test(text) ? 'suite' : 'config'
  const value = parsed.source.value
  const keys = typeof value === 'object' && value !== null ? Object.keys(value) : []
  return keys.some((key) => SUITE_KEYS.includes(key)) ? 'suite' : 'config'
}

/**
 * Validates each file. A suite is parsed, the configs it names are validated too and its required
 * corpora checked for presence; a config's template store is validated when a validator is given.
 * Non-AuraErrors (bugs) propagate.
 */
export async function validateFiles(
  paths: readonly string[],
  options: ValidateFilesOptions = {},
): Promise<FileValidation[]> {
  const results: FileValidation[] = []
  for (const path of paths) results.push(await validateFile(path, options))
  return results
}

async function validateFile(path: string, options: ValidateFilesOptions): Promise<FileValidation> {
  const absolute = resolve(path)
  let kind: FileKind = 'unknown'
  try {
    const text = await readTextFile(absolute, path)
    kind = detectFileKind(path, text)
    const empty = emptyYaml(path, text, kind)
    if (empty !== undefined) return empty
    if (kind === 'suite') return { file: path, kind, ...(await validateSuiteText(text, absolute, options)) }
    if (kind === 'config') return { file: path, kind, issues: (await validateConfig(absolute, options)).issues }
    if (kind === 'template-store') {
      const output = validateOutput(path, text)
      if (output !== undefined) return output
      if (options.templateStore === undefined)
        return {
          file: path,
          kind,
          issues: [
            {
              code: 'E_USAGE',
              file: path,
              message: 'template stores cannot be checked here: no template store validator was given',
            },
          ],
        }
      await options.templateStore(absolute)
      return { file: path, kind, issues: [] }
    }
    return {
      file: path,
      kind,
      issues: [
        {
          code: 'E_USAGE',
          file: path,
          message: `${looksLike(text, path)}: validate takes suites and configs (.yaml, .yml) and template stores (.json)`,
        },
      ],
    }
  } catch (error) {
    return { file: path, kind, issues: issuesOf(error) }
  }
}

/**
 * An empty YAML file says nothing of its kind: `run` reads it as a suite (`corpora: is required`), the
 * config loader as an empty config. validate names both, and calls a file named like a suite a suite.
 */
function emptyYaml(path: string, text: string, kind: FileKind): FileValidation | undefined {
  if (kind !== 'suite' && kind !== 'config') return undefined
  const parsed = parseYaml(text, path)
  if ('issues' in parsed || (parsed.source.value !== null && parsed.source.value !== undefined)) return undefined
  const named = /suite/i.test(basename(path)) ? 'suite' : kind
  const message = `the ${named} file is empty: a suite needs \`corpora:\` and \`configs:\` (lists), a compressor config at least \`name: <config name>\``
  return { file: path, kind: named, issues: [{ code: 'E_SCHEMA', file: path, message }] }
}

/** A config's own issues, then its template store's; the config when it loaded. */
async function validateConfig(
  absolute: string,
  options: ValidateFilesOptions,
  overrides?: Readonly<Record<string, unknown>>,
  corpora: readonly CorpusSpec[] = [],
): Promise<{ issues: Issue[]; config?: CompressorConfig }> {
  let config: CompressorConfig
  try {
    // a suite entry that derives the store or dictionary replaces those keys, as `run` reads it
    config =
      overrides === undefined
        ? await loadCompressorConfig(absolute)
        : await loadCompressorConfigWith(absolute, overrides)
  } catch (error) {
    return { issues: issuesOf(error) }
  }
  if (isExternalConfig(config)) return { issues: await checkExternal(config, absolute, options), config }
  const issues: Issue[] = []
  if (config.templateStorePath !== null && options.templateStore !== undefined)
    issues.push(
      ...(await atConfigKey(config.file, 'template_store_path', 'a template store', () =>
        (options.templateStore as FileValidator)(config.templateStorePath as string),
      ).then(() => [], issuesOf)),
    )
  // a derived dictionary (overrides) is read from the suite's corpus as that corpus, not through this key
  if (overrides === undefined && options.trainingCorpus !== undefined)
    issues.push(
      ...(await options.trainingCorpus(await withSuiteTrainingReading(config, corpora)).then(() => [], issuesOf)),
    )
  return { issues, config }
}

/**
 * The overrides of derivedCheckOverrides for the raw entry at `field` (`configs[i].path`) of a suite
 * that does not parse: its `discover` and `zstd_dict_training` as written, its corpora named as the
 * parser names them (entryName: `name`, else the file's base name), their paths as written against
 * the suite's folder. Undefined when the entry derives nothing, or the text cannot be read that far.
 */
function rawDerivedOverrides(text: string, file: string, field: string): Record<string, unknown> | undefined {
  const index = /^configs\[(\d+)\]\.path$/.exec(field)?.[1]
  const parsed = parseYaml(text, file)
  if (index === undefined || 'issues' in parsed) return undefined
  const raw = asRecord(parsed.source.value)
  const entry = asRecord(asArray(raw['configs'])[Number(index)])
  const discover = entry['discover'] === undefined ? undefined : {}
  const training = entry['zstd_dict_training']
  if (discover === undefined && training === undefined) return undefined
  const corpora = asArray(raw['corpora']).flatMap((c) => {
    const corpus = typeof c === 'string' ? { path: c } : asRecord(c)
    const { path, name } = corpus
    if (typeof path !== 'string' || (name !== undefined && typeof name !== 'string')) return []
    return [{ name: entryName({ path, name }), path: resolve(dirname(resolve(file)), path) }]
  })
  const from = training === undefined ? undefined : asRecord(training)['from_corpus']
  // derivedCheckOverrides reads whether each key is there and the dictionary's corpus
  const ref = {
    ...(discover === undefined ? {} : { discover: {} as NonNullable<ConfigRef['discover']> }),
    ...(training === undefined
      ? {}
      : {
          zstdDictTraining: (typeof from === 'string' ? { fromCorpus: from } : {}) as NonNullable<
            ConfigRef['zstdDictTraining']
          >,
        }),
  }
  const overrides = derivedCheckOverrides(ref, { corpora })
  // a from_corpus that names no corpus (or is no name) is the suite's issue, said at its key: the
  // entry still trains the dictionary, so the config is not told it has none (the suite file stands
  // in for the corpus; loadCompressorConfigWith does not read the files its overrides name)
  if (training !== undefined && overrides['zstd_dict_training_corpus'] === undefined)
    overrides['zstd_dict_training_corpus'] = resolve(file)
  return overrides
}

async function validateSuiteText(
  text: string,
  file: string,
  options: ValidateFilesOptions,
): Promise<{ issues: Issue[]; notes: string[] }> {
  let suite: Suite
  try {
    suite = parseSuite(text, file)
  } catch (error) {
    // missing config files and corpora, and the problems of the configs that exist, are reported with
    // the schema's issues wherever their paths parsed, not in a second round once the suite is fixed
    const fileIssues = await rawSuiteFileIssues(text, file, { corpora: true })
    const issues = withFileIssues(issuesOf(error), fileIssues)
    for (const named of rawSuiteFiles(text, file, { corpora: false })) {
      if (fileIssues.some((issue) => issue.field === named.where.field)) continue
      // as below: an entry that derives its store or dictionary checks the config as `run` reads it
      let checked = await validateConfig(named.path, options)
      const overrides = rawDerivedOverrides(text, file, named.where.field ?? '')
      if (checked.config === undefined && overrides !== undefined)
        checked = await validateConfig(named.path, options, overrides)
      issues.push(...checked.issues)
    }
    return { issues, notes: [] }
  }
  const issues = await checkConfigFiles(suite)
  const notes: string[] = []
  for (const ref of suite.configs) {
    // a missing config is reported above at its entry in the suite
    if (issues.some((issue) => issue.field === `${ref.origin?.field}.path`)) continue
    // a suite entry that derives the store or dictionary: the config as `run` reads it when the file
    // alone does not load (a zstd_dict config that names no dictionary: the entry trains one)
    let checked = await validateConfig(ref.path, options, undefined, suite.corpora)
    if (checked.config === undefined && (ref.discover !== undefined || ref.zstdDictTraining !== undefined))
      checked = await validateConfig(ref.path, options, derivedCheckOverrides(ref, suite))
    issues.push(...checked.issues)
    if (checked.config?.mode === 'stateful') issues.push(...statefulDerivedIssues(ref))
    if (checked.config?.mode === 'stateful')
      notes.push(
        `config ${ref.name} is mode: stateful: \`compare\` and \`replay\` measure this suite, \`run\` refuses it (it measures single messages)`,
      )
    if (checked.config !== undefined && isExternalConfig(checked.config))
      notes.push(
        `config ${ref.name} is an external compressor (${checked.config.external.kind === 'module' ? 'external_module' : 'external_command'}): \`run\` measures this suite, \`compare\` and \`replay\` refuse it (E_EXTERNAL at ${ref.origin?.field ?? 'configs'}; they measure aura-bench's hybrid and stateful configs only)`,
      )
  }
  const corpusIssues = await entryFileIssues('corpus', suite.corpora, file)
  issues.push(...corpusIssues)
  if (options.corpusCompanions !== undefined)
    for (const corpus of suite.corpora)
      if (!corpusIssues.some((issue) => issue.field === `${corpus.origin?.field}.path`))
        issues.push(...(await options.corpusCompanions(corpus).then(() => [], issuesOf)))
  return { issues, notes }
}

/**
 * One of aura-bench's own outputs: said as such (a comparison.json is no broken template store);
 * a results.json is checked against its contract, the only output another command reads as input.
 */
function validateOutput(path: string, text: string): FileValidation | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const name = recognizeOutputJson(json)
  if (name === undefined) return undefined
  const issues: Issue[] = []
  if (name === 'results.json') {
    const checked = resultsContractSchema.safeParse(json)
    if (!checked.success)
      for (const issue of checked.error.issues.slice(0, 20))
        issues.push({
          code: 'E_SCHEMA',
          file: path,
          field: issue.path.map(String).join('.'),
          message: `results.json contract: ${issue.message}`,
        })
  }
  const note = `this is ${name}, written by ${OUTPUT_WRITERS[name]}: an output, not an input to check${name === 'results.json' ? ' (checked against the results.json contract, as cost and history read it)' : ''}; validate checks suites, configs and template stores`
  return { file: path, kind: 'output', label: `output: ${name}`, issues, notes: [note] }
}

function issuesOf(error: unknown): Issue[] {
  if (error instanceof AuraError) return [...error.issues]
  throw error
}

/** An external compressor's presence, then (a module that exists) its import and exports, as `run` checks them. */
async function checkExternal(
  config: ExternalCompressorConfig,
  file: string,
  options: ValidateFilesOptions,
): Promise<Issue[]> {
  const issues = await checkExternalPresence(config, file, options.searchPath)
  if (issues.length > 0 || config.external.kind !== 'module' || options.externalModule === undefined)
    return withLines(issues, file)
  return withLines(await options.externalModule(config).then(() => [], issuesOf), file)
}

/**
 * The issues, each at a field of `file` without a line given the line of that field in the file
 * (`external_command[0]`: the line of the command's first item), as the config's other issues have.
 */
async function withLines(issues: readonly Issue[], file: string): Promise<Issue[]> {
  const lineless = issues.some((issue) => issue.file === file && issue.field !== undefined && issue.line === undefined)
  if (!lineless) return [...issues]
  const text = await readTextFile(file, file, undefined, 'config file').catch(() => undefined)
  const parsed = text === undefined ? undefined : parseYaml(text, file)
  if (parsed === undefined || 'issues' in parsed) return [...issues]
  return issues.map((issue) => {
    if (issue.file !== file || issue.field === undefined || issue.line !== undefined) return issue
    const path = issue.field
      .split(/\.|(?=\[)/)
      .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part))
    const line = parsed.source.lineOf(path)
    return line === undefined ? issue : { ...issue, line }
  })
}
