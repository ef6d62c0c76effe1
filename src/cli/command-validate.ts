/** `aura-bench validate <file>...`: suites, compressor configs and template stores; exit 0 or 2. */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { AuraError, renderError } from '../core/index.ts'
import { checkCorpusCompanions, streamCorpus } from '../corpus/index.ts'
import { createExternalCompressor } from '../external/index.ts'
import { type CorpusSpec, type ExternalCompressorConfig, loadSuite, type Suite, validateFiles } from '../suite/index.ts'
import { loadTemplateStore } from '../templates/index.ts'
import type { VALIDATE_FLAGS } from './command-flags.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'
import { slowConfigWarnings } from './slow-configs.ts'

/** Validates every file and lists every problem of every file. */
export async function commandValidate(
  { positionals: args }: CommandInput<typeof VALIDATE_FLAGS>,
  io: CliIo,
): Promise<number> {
  if (args.length === 0)
    throw new AuraError(
      'E_USAGE',
      'validate needs at least one file',
      { field: 'validate' },
      { hint: 'aura-bench validate suites/*.yaml configs/*.yaml configs/templates/*.json' },
    )
  const results = await validateAll(
    args.map((file) => path.resolve(io.cwd, file)),
    io,
  )
  let bad = 0
  // each problem once: a suite checks the configs it names, so `validate suite.yaml config.yaml`
  // found a config's problem twice (once through the suite, once in the config), and printed it twice
  const said = new Set<string>()
  for (const result of results) {
    const shown = path.relative(io.cwd, result.file) || result.file
    if (result.issues.length === 0) {
      io.stdout.write(`ok ${shown} (${result.label ?? result.kind})\n`)
      if (result.kind === 'config')
        for (const warning of await slowConfigWarnings([result.file])) io.stderr.write(`warning: ${warning}\n`)
      for (const note of result.notes ?? []) io.stderr.write(`note: ${note}\n`)
      continue
    }
    bad++
    const fresh = result.issues.filter((issue) => {
      const key = renderError(new AuraError(issue.code, issue.message, {}, { issues: [issue] }))
      if (said.has(key)) return false
      said.add(key)
      return true
    })
    if (fresh.length > 0)
      io.stderr.write(`${renderError(new AuraError(fresh[0]!.code, `${shown} is invalid`, {}, { issues: fresh }))}\n`)
  }
  return bad === 0 ? EXIT.ok : EXIT.badInput
}

/** validateFiles with every check validate makes (the layers a suite's files need, loaded as needed). */
function validateAll(files: readonly string[], io: CliIo): ReturnType<typeof validateFiles> {
  // the suite layer imports only core: template stores are checked by the templates layer's loader, a
  // corpus's recordings.tsv by the corpus layer's
  return validateFiles(files, {
    templateStore: loadTemplateStore,
    externalModule: importExternalModule,
    corpusCompanions: async (corpus) => {
      const notes = await checkCorpusCompanions({
        path: corpus.path,
        pathAsWritten: corpus.pathAsWritten,
        format: corpus.format,
        categoryField: corpus.categoryField,
        // round 37: the suite's `recordings:` file, not the one beside the corpus
        ...(corpus.recordings === undefined ? {} : { recordings: corpus.recordings }),
      })
      await readFirstMessage(corpus)
      return notes
    },
    // the runner (codecs, hybrid) is loaded only for a config that trains a dictionary from a corpus
    trainingCorpus: async (config) =>
      config.zstdDictTrainingCorpus === null
        ? undefined
        : (await import('../runner/index.ts')).checkTrainingCorpus(config),
    ...(io.env.PATH === undefined ? {} : { searchPath: io.env.PATH }),
  })
}

/**
 * loadSuite for run: a suite with problems is refused with all of them at once, as validate lists them
 * (run said only the first kind, a bad target, and a missing corpus on the next try: s32's trial).
 * The load's own error stands when validate finds nothing more.
 */
export async function loadSuiteAllProblems(file: string, io: CliIo): Promise<Suite> {
  try {
    return await loadSuite(file)
  } catch (error) {
    if (!(error instanceof AuraError) || error.code === 'E_INTERNAL') throw error
    const found = await validateAll([file], io).catch(() => [])
    const issues = found.flatMap((result) => result.issues)
    // each problem once (a config's through the suite and its own)
    const seen = new Set<string>()
    const unique = issues.filter((issue) => {
      const key = `${issue.code} ${issue.file} ${issue.field} ${issue.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    if (unique.length <= error.issues.length) throw error
    throw new AuraError(
      unique[0]?.code ?? error.code,
      `${path.relative(io.cwd, file) || file} is invalid: ${unique.length} problems`,
      error.location,
      {
        issues: unique,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
      },
    )
  }
}

/**
 * Reads a corpus up to its first message, as run reads it (format, text field, the first line's JSON):
 * a suite validate called ok was refused by run at the corpus's line 1 (s32's trial). Cheap: one
 * message, the split and sample left out (they may read the whole file); a malformed line further in
 * is still found by run.
 */
async function readFirstMessage(corpus: CorpusSpec): Promise<void> {
  // a missing file is the suite's own issue, or none for a `required: false` corpus (run skips it)
  if (
    !(await stat(corpus.path).then(
      (info) => info.isFile(),
      () => false,
    ))
  )
    return
  const { split: _split, sample: _sample, ...first } = corpus
  for await (const _message of streamCorpus({ ...first, limit: 1 })) break
}

/** Imports an external_module and checks its exports as `run` does (E_EXTERNAL at the config's external_module); nothing is compressed. */
async function importExternalModule(config: ExternalCompressorConfig): Promise<void> {
  await (await createExternalCompressor(config)).close()
}
