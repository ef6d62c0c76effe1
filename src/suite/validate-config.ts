/**
 * `validate` of one compressor config: its own issues, then those of the files it names (template
 * store, dictionary training corpus) and, for an external compressor, its program or module, each
 * issue at its line. The checks of other layers come in as validators through ValidateFilesOptions.
 */
import { AuraError, readTextFile, type Issue } from '../core/index.ts'
import type { CompressorConfig } from './config.ts'
import { loadCompressorConfig, loadCompressorConfigWith } from './config-file.ts'
import { atConfigKey } from './config-key.ts'
import { isExternalConfig, type ExternalCompressorConfig } from './external-config.ts'
import { checkExternalPresence } from './external-presence.ts'
import { withSuiteTrainingReading } from './training-corpus.ts'
import type { CorpusSpec } from './types.ts'
import { parseYaml } from './yaml-schema.ts'

/** Checks one file given by absolute path; rejects with an AuraError whose `issues` are its problems. */
export type FileValidator = (absolutePath: string) => Promise<unknown>

/** Validators for the kinds this layer does not own; without one, such files are reported as not checkable. */
export interface ValidateFilesOptions {
  /** loads a template store (the CLI passes the templates layer's loadTemplateStore) */
  templateStore?: FileValidator
  /** the PATH an external compressor's program is looked up in (the CLI passes its environment's); unset: only paths are checked */
  searchPath?: string
  /** imports an external_module and checks its exports as `run` does (the CLI passes the external layer's); unset: only its presence is checked */
  externalModule?: (config: ExternalCompressorConfig) => Promise<unknown>
  /** checks a present corpus's companion files as compare and replay read them (the CLI passes the corpus layer's recordings.tsv check); a string[] it returns is notes on a valid corpus */
  corpusCompanions?: (corpus: CorpusSpec) => Promise<unknown>
  /** reads the start of a config's zstd_dict_training_corpus as a run reads it (the CLI passes the runner's checkTrainingCorpus) */
  trainingCorpus?: (config: CompressorConfig) => Promise<unknown>
}

/** A config's own issues, then its template store's; the config when it loaded. */
export async function validateConfig(
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

export function issuesOf(error: unknown): Issue[] {
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
