/**
 * A file a config names (its template store) that cannot be used: its own errors name that file, and
 * said alone they did not say which config pointed there. The config's key and line come first.
 */
import { AuraError, readTextFile } from '../core/index.ts'
import { parseYaml } from './yaml-schema.ts'

/**
 * Runs `read` (the loading of the file the config's `key` names); an AuraError it throws comes back
 * with a first issue at `configFile:line key` ("names F, which cannot be used as WHAT:"), then the
 * file's own issues and hint. Other errors pass through.
 */
export async function atConfigKey<T>(
  configFile: string,
  key: string,
  what: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (!(error instanceof AuraError) || error.code === 'E_INTERNAL') throw error
    // the config was read a moment ago; one that cannot be read again (an inline config) is named without a line
    const text = await readTextFile(configFile, configFile, undefined, 'config file').catch(() => undefined)
    const parsed = text === undefined ? undefined : parseYaml(text, configFile)
    const source = parsed === undefined || 'issues' in parsed ? undefined : parsed.source
    const value = source?.value as Record<string, unknown> | undefined
    const written = value?.[key]
    const line = source?.lineOf([key])
    const location = { file: configFile, field: key, ...(line === undefined ? {} : { line }) }
    const message = `names ${typeof written === 'string' ? written : 'a file'}, which cannot be used as ${what}:`
    throw new AuraError(error.code, message, location, {
      issues: [{ code: error.code, message, ...location }, ...error.issues],
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    })
  }
}
