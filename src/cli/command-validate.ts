/** `aura-bench validate <file>...`: suites, compressor configs and template stores; exit 0 or 2. */
import path from 'node:path'
import { AuraError, renderError } from '../core/index.ts'
import { checkCorpusCompanions } from '../corpus/index.ts'
import { createExternalCompressor } from '../external/index.ts'
import { type ExternalCompressorConfig, validateFiles } from '../suite/index.ts'
import { loadTemplateStore } from '../templates/index.ts'
import type { VALIDATE_FLAGS } from './commands.ts'
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
  // the suite layer imports only core: template stores are checked by the templates layer's loader, a
  // corpus's recordings.tsv by the corpus layer's
  const results = await validateFiles(
    args.map((file) => path.resolve(io.cwd, file)),
    {
      templateStore: loadTemplateStore,
      externalModule: importExternalModule,
      corpusCompanions: (corpus) =>
        checkCorpusCompanions({
          path: corpus.path,
          pathAsWritten: corpus.pathAsWritten,
          format: corpus.format,
          categoryField: corpus.categoryField,
        }),
      // the runner (codecs, hybrid) is loaded only for a config that trains a dictionary from a corpus
      trainingCorpus: async (config) =>
        config.zstdDictTrainingCorpus === null
          ? undefined
          : (await import('../runner/index.ts')).checkTrainingCorpus(config),
      ...(io.env.PATH === undefined ? {} : { searchPath: io.env.PATH }),
    },
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

/** Imports an external_module and checks its exports as `run` does (E_EXTERNAL at the config's external_module); nothing is compressed. */
async function importExternalModule(config: ExternalCompressorConfig): Promise<void> {
  await (await createExternalCompressor(config)).close()
}
