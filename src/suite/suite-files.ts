/**
 * The files a suite names (config files, required corpora) checked for presence. Used twice: on a
 * parsed suite, and on the raw YAML of a suite the schema refused, so a missing file is reported
 * together with the schema's issues wherever its path parsed, not in a second round after them.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, extname, resolve } from 'node:path'
import { type ErrorLocation, hasTildeComponent, type Issue, TILDE_HINT } from '../core/index.ts'
import { asArray, asRecord, parseYaml } from './yaml-schema.ts'
import { didYouMeanSuffix } from './zod-issues.ts'

/** A named file as the suite gives it. */
interface NamedFile {
  kind: 'config' | 'corpus' | 'recordings'
  /** absolute path */
  path: string
  /** as written in the suite */
  pathAsWritten: string
  /** the entry's path field (`configs[1].path`), file and line */
  where: ErrorLocation
}

/**
 * "; did you mean `chat.jsonl`?" when the missing file's folder holds a name close to it (a typo, `.yml` for
 * `.yaml`; trial round 38, D10), else ''. Nothing when the folder itself is missing or unreadable.
 */
async function nearbyName(path: string): Promise<string> {
  const names = await readdir(dirname(path)).catch(() => [] as string[])
  const name = basename(path)
  // the name itself listed: a dangling symbolic link (or a folder without search permission), no typo
  if (names.includes(name)) return ': the name is listed in its folder, so it is most likely a broken symbolic link'
  // a guess over a huge folder is slow and seldom right
  return names.length > 10_000 ? '' : didYouMeanSuffix(name, names)
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
          : kind === 'recordings'
            ? `recordings file ${path} does not exist (written ${named.pathAsWritten}; relative paths start at the suite's folder)`
            : `corpus file ${path} does not exist (written ${named.pathAsWritten})`
      }${await nearbyName(path)}${hasTildeComponent(named.pathAsWritten) ? `: ${TILDE_HINT}` : ''}`,
    }
  if (info.isDirectory())
    return {
      code: 'E_FILE_IS_DIRECTORY',
      ...where,
      message:
        kind === 'config'
          ? `config path ${path} is a folder; name a config file (.yaml) inside it`
          : `${kind} path ${path} is a folder; name a ${kind} file inside it`,
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

/** File extensions read as jsonl when a corpus's format is `auto` (as the corpus reader reads them). */
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson'])

/**
 * The issues of the corpus entries' `recordings:` files (round 37): a missing file, a folder, or a key on a
 * corpus that is not jsonl (only a jsonl corpus reads connections from a recordings file), each at
 * `corpora[i].recordings`. An optional corpus that is absent is not checked (it is skipped).
 */
export async function recordingsFileIssues(
  corpora: readonly {
    path: string
    format: string
    required?: boolean
    recordings?: string
    recordingsAsWritten?: string
    origin?: ErrorLocation
  }[],
  suiteFile: string,
): Promise<Issue[]> {
  const issues: Issue[] = []
  for (const corpus of corpora) {
    if (corpus.recordings === undefined) continue
    const where = { file: suiteFile, ...corpus.origin, field: `${corpus.origin?.field ?? 'corpora'}.recordings` }
    const jsonl =
      corpus.format === 'jsonl' ||
      (corpus.format === 'auto' && JSONL_EXTENSIONS.has(extname(corpus.path).toLowerCase()))
    if (!jsonl) {
      issues.push({
        code: 'E_SCHEMA',
        ...where,
        message: `recordings: only a jsonl corpus reads its connections from a recordings file, and ${corpus.path} is read as ${corpus.format === 'auto' ? 'another format' : corpus.format}: remove the key, or convert the corpus to jsonl (one {"text": ...} per line)`,
      })
      continue
    }
    if (corpus.required === false && (await stat(corpus.path).catch(() => undefined)) === undefined) continue
    const issue = await namedFileIssue({
      kind: 'recordings',
      path: corpus.recordings,
      pathAsWritten: corpus.recordingsAsWritten ?? corpus.recordings,
      where,
    })
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
