/** `aura-bench validate <file>...`: suites, compressor configs and template stores; exit 0 or 2. */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { AuraError, type Issue, renderError } from '../core/index.ts'
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
  const results = await validateWithCli(
    args.map((file) => path.resolve(io.cwd, file)),
    io,
  )
  let bad = 0
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
    io.stderr.write(`${renderError(invalidFile(shown, result.issues))}\n`)
  }
  return bad === 0 ? EXIT.ok : EXIT.badInput
}

/** Imports an external_module and checks its exports as `run` does (E_EXTERNAL at the config's external_module); nothing is compressed. */
async function importExternalModule(config: ExternalCompressorConfig): Promise<void> {
  await (await createExternalCompressor(config)).close()
}

/** validateFiles with the checks the layers below suite provide: template stores, external modules, PATH. */
function validateWithCli(files: readonly string[], io: CliIo): ReturnType<typeof validateFiles> {
  // the suite layer imports only core: template stores are checked by the templates layer's loader
  return validateFiles(files, {
    templateStore: loadTemplateStore,
    externalModule: importExternalModule,
    ...(io.env.PATH === undefined ? {} : { searchPath: io.env.PATH }),
  })
}

function invalidFile(shown: string, issues: readonly Issue[]): AuraError {
  return new AuraError(issues[0]?.code ?? 'E_SCHEMA', `${shown} is invalid`, {}, { issues })
}

/**
 * Every problem `validate` finds in a suite, its configs, stores and corpora, as one error (all at
 * once, as validate lists them), for `run` to throw before measuring; undefined when there is none.
 */
export async function suiteProblems(suiteFile: string, io: CliIo): Promise<AuraError | undefined> {
  // a suite that is no readable file is said by the suite loader, in run's words
  if (
    !(await stat(suiteFile).then(
      (info) => info.isFile(),
      () => false,
    ))
  )
    return undefined
  const [result] = await validateWithCli([suiteFile], io)
  if (result === undefined || result.issues.length === 0) return undefined
  // the suite file's own bytes (not UTF-8): the suite loader names them as a suite file's
  if (result.issues.some((issue) => issue.file === suiteFile && issue.field === undefined)) return undefined
  return invalidFile(path.relative(io.cwd, suiteFile) || suiteFile, result.issues)
}
