/**
 * The files a suite names (config files, required corpora) checked for presence. Used twice: on a
 * parsed suite, and on the raw YAML of a suite the schema refused, so a missing file is reported
 * together with the schema's issues wherever its path parsed, not in a second round after them.
 */
import { stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { type ErrorLocation, hasTildeComponent, type Issue, TILDE_HINT } from '../core/index.ts'
import { asArray, asRecord, parseYaml } from './yaml-schema.ts'

/** A named file as the suite gives it. */
interface NamedFile {
  kind: 'config' | 'corpus'
  /** absolute path */
  path: string
  /** as written in the suite */
  pathAsWritten: string
  /** the entry's path field (`configs[1].path`), file and line */
  where: ErrorLocation
}

/** The issue of one named file that is missing, a folder or not a regular file; undefined when it is a file. */
export async function namedFileIssue(named: NamedFile): Promise<Issue | undefined> {
  const info = await stat(named.path).catch(() => undefined)
  const { kind, path, where } = named
  if (info === undefined)
    return {
      code: 'E_FILE_MISSING',
      ...where,
      message: `${
        kind === 'config'
          ? `config file ${path} does not exist (written ${named.pathAsWritten}; relative paths start at the suite's folder)`
          : `corpus file ${path} does not exist (written ${named.pathAsWritten})`
      }${hasTildeComponent(named.pathAsWritten) ? `: ${TILDE_HINT}` : ''}`,
    }
  if (info.isDirectory())
    return {
      code: 'E_FILE_IS_DIRECTORY',
      ...where,
      message:
        kind === 'config'
          ? `config path ${path} is a folder; name a config file (.yaml) inside it`
          : `corpus path ${path} is a folder; name a corpus file inside it`,
    }
  if (!info.isFile())
    return {
      code: 'E_FILE_NOT_REGULAR',
      ...where,
      message: `${kind} path ${path} is a FIFO, device or socket; aura-bench reads only regular files`,
    }
  return undefined
}

/** The issues of a parsed suite's config or corpus entries whose files are missing, each at its entry's `path` field. */
export async function entryFileIssues(
  kind: NamedFile['kind'],
  entries: readonly { path: string; pathAsWritten: string; origin?: ErrorLocation; required?: boolean }[],
  suiteFile: string,
): Promise<Issue[]> {
  const issues: Issue[] = []
  for (const entry of entries) {
    if (entry.required === false) continue
    const field = `${entry.origin?.field ?? (kind === 'config' ? 'configs' : 'corpora')}.path`
    const where = { file: suiteFile, ...entry.origin, field }
    const issue = await namedFileIssue({ kind, path: entry.path, pathAsWritten: entry.pathAsWritten, where })
    if (issue !== undefined) issues.push(issue)
  }
  return issues
}

/**
 * The config files and required corpora of a suite's raw YAML text whose path fields parsed (a string
 * entry or an entry with a string `path`); nothing when the YAML itself does not parse.
 */
export function rawSuiteFiles(text: string, file: string, which: { corpora: boolean }): NamedFile[] {
  const parsed = parseYaml(text, file)
  if ('issues' in parsed) return []
  const raw = asRecord(parsed.source.value)
  const folder = dirname(resolve(file))
  const named: NamedFile[] = []
  const collect = (kind: NamedFile['kind'], key: 'configs' | 'corpora') =>
    asArray(raw[key]).forEach((entry, i) => {
      const record = typeof entry === 'string' ? { path: entry } : asRecord(entry)
      const written = record['path']
      if (typeof written !== 'string' || written === '' || record['required'] === false) return
      const line = parsed.source.lineOf([key, i])
      named.push({
        kind,
        path: resolve(folder, written),
        pathAsWritten: written,
        where: { file, field: `${key}[${i}].path`, ...(line === undefined ? {} : { line }) },
      })
    })
  collect('config', 'configs')
  if (which.corpora) collect('corpus', 'corpora')
  return named
}

/** The issues of rawSuiteFiles's files that are missing, folders or not regular files. */
export async function rawSuiteFileIssues(text: string, file: string, which: { corpora: boolean }): Promise<Issue[]> {
  const issues: Issue[] = []
  for (const entry of rawSuiteFiles(text, file, which)) {
    const issue = await namedFileIssue(entry)
    if (issue !== undefined) issues.push(issue)
  }
  return issues
}
