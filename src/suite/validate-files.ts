/**
 * `aura-bench validate`: checks suites, compressor configs and template stores, telling them apart
 * by extension and content, and gathers every issue of every file. Template stores belong to
 * another layer: the caller passes their validator, so this layer imports only core.
 */
import { extname, basename, resolve } from 'node:path'
import { AuraError, readTextFile, type Issue } from '../core/index.ts'
import { NO_DICTIONARY_MESSAGE } from './config.ts'
import { describeForeignFile } from './file-kind.ts'
import { rethrowNotUtf8Corpus } from './not-utf8-input.ts'
import { OUTPUT_WRITERS, recognizeOutputJson } from './output-files.ts'
import { resultsContractSchema } from './results-schema.ts'
import { issuesOf, validateConfig, type ValidateFilesOptions } from './validate-config.ts'
import { validateSuiteText } from './validate-suite.ts'
import { parseYaml } from './yaml-schema.ts'

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

/**
 * A config checked on its own: a zstd_dict fallback without a dictionary is valid where a suite's entry
 * trains one (`zstd_dict_training:`), which this file cannot know, so when that is its only issue the file
 * is ok with a note saying where the dictionary must come from (s37-trial D10: `validate suite.yaml
 * configs/*.yaml` failed on a valid setup). `run` still refuses the config where nothing trains one.
 */
function configOutcome(path: string, issues: Issue[]): FileValidation {
  const only = issues.length === 1 ? issues[0] : undefined
  if (only === undefined || only.field !== 'fallback' || only.message !== NO_DICTIONARY_MESSAGE)
    return { file: path, kind: 'config', issues }
  const at = `${only.file ?? path}${only.line === undefined ? '' : `:${only.line}`}: fallback`
  return {
    file: path,
    kind: 'config',
    issues: [],
    notes: [
      `${at}: fallback zstd_dict has no dictionary in this file (no zstd_dict_path or zstd_dict_training_corpus): it runs only as a suite's config entry with \`zstd_dict_training: { split: train }\` (the suite trains it), and \`run\` refuses it anywhere else; validate the suite that uses it to check that entry`,
    ],
  }
}

async function validateFile(path: string, options: ValidateFilesOptions): Promise<FileValidation> {
  const absolute = resolve(path)
  let kind: FileKind = 'unknown'
  try {
    const text = await readTextFile(absolute, path).catch((error: unknown) =>
      // a txt corpus may hold bytes that are not UTF-8: it is said to be a corpus, not a file to re-save
      rethrowNotUtf8Corpus(
        error,
        absolute,
        path,
        (what) =>
          new AuraError(
            'E_USAGE',
            `it looks like ${what}, not a file validate checks: validate takes suites and configs (.yaml, .yml) and template stores (.json)`,
            { file: path },
          ),
      ),
    )
    kind = detectFileKind(path, text)
    const empty = emptyYaml(path, text, kind)
    if (empty !== undefined) return empty
    if (kind === 'suite') return { file: path, kind, ...(await validateSuiteText(text, absolute, options)) }
    if (kind === 'config') return configOutcome(path, (await validateConfig(absolute, options)).issues)
    if (kind === 'template-store') return validateOutput(path, text) ?? (await validateTemplateStore(path, options))
    return usageOutcome(
      path,
      kind,
      `${looksLike(text, path)}: validate takes suites and configs (.yaml, .yml) and template stores (.json)`,
    )
  } catch (error) {
    return { file: path, kind, issues: issuesOf(error) }
  }
}

/** A JSON file that is none of aura-bench's outputs: a template store, checked by the validator given (rejects with its issues). */
async function validateTemplateStore(path: string, options: ValidateFilesOptions): Promise<FileValidation> {
  const kind = 'template-store'
  if (options.templateStore === undefined)
    return usageOutcome(path, kind, 'template stores cannot be checked here: no template store validator was given')
  await options.templateStore(resolve(path))
  return { file: path, kind, issues: [] }
}

/** A file validate cannot check: one E_USAGE issue saying why. */
function usageOutcome(path: string, kind: FileKind, message: string): FileValidation {
  return { file: path, kind, issues: [{ code: 'E_USAGE', file: path, message }] }
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
