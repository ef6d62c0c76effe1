/**
 * `validate`'s check that an external compressor can start: the module file exists, or the command's
 * program does (a path, relative to the config's folder as the run resolves it, or a name on PATH).
 * The run itself reports a command that cannot start as E_EXTERNAL, exit 2; validate says so first.
 */
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Issue } from '../core/index.ts'
import type { ExternalCompressorConfig } from './external-config.ts'

/** A regular file the process may execute. */
async function isExecutableFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined)
  if (info === undefined || !info.isFile()) return false
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  )
}

/** Where a program name resolves: a path (relative to `cwd`), or the first executable of that name on PATH. */
async function resolveProgram(program: string, cwd: string, searchPath: string): Promise<string | undefined> {
  if (program.includes('/') || program.includes(path.sep)) {
    const file = path.resolve(cwd, program)
    return (await isExecutableFile(file)) ? file : undefined
  }
  for (const folder of searchPath.split(path.delimiter).filter((f) => f !== '')) {
    const file = path.join(folder, program)
    if (await isExecutableFile(file)) return file
  }
  return undefined
}

/**
 * Issues (E_EXTERNAL) for an external compressor whose module or program is missing; none when it can
 * start. `searchPath` is the PATH a bare program name is looked up in (the CLI passes its environment's);
 * without it only programs given as paths are checked.
 */
export async function checkExternalPresence(
  config: ExternalCompressorConfig,
  file: string,
  searchPath?: string,
): Promise<Issue[]> {
  const external = config.external
  if (external.kind === 'module') {
    const info = await stat(external.modulePath).catch(() => undefined)
    if (info?.isFile() === true) return []
    return [
      {
        code: 'E_EXTERNAL',
        file,
        field: 'external_module',
        message: `external_module ${external.modulePath} ${info === undefined ? 'does not exist' : 'is not a file'} (relative paths start at the config's folder)`,
      },
    ]
  }
  const program = external.command[0] ?? ''
  if (searchPath === undefined && !program.includes('/')) return []
  if ((await resolveProgram(program, external.cwd, searchPath ?? '')) !== undefined) return []
  const where = program.includes('/')
    ? `${path.resolve(external.cwd, program)} is not an executable file (relative paths start at the config's folder)`
    : `no executable named ${program} on PATH`
  return [
    { code: 'E_EXTERNAL', file, field: 'external_command[0]', message: `external_command cannot start: ${where}` },
  ]
}
