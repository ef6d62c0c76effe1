/** Issues at a YAML path of a file: its field as written (`targets[2].near`) and, when known, its line. */
import type { ErrorCode, Issue } from '../core/index.ts'

/** Formats a path like `targets[2].near`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`
  return out
}

/** Finds the 1-based line of a YAML path (YamlSource.lineOf). */
export type LineOf = (path: readonly PropertyKey[]) => number | undefined

/** An issue at a YAML path of a file: field `a.b[2]`, and the path's line when the document has it. */
export function issueAtPath(
  code: ErrorCode,
  file: string,
  path: readonly PropertyKey[],
  lineOf: LineOf,
  message: string,
): Issue {
  const line = lineOf(path)
  return { code, file, field: formatPath(path), ...(line === undefined ? {} : { line }), message }
}

/**
 * Collects a check's issues, each at a YAML path of one file with the path's line (issueAtPath): the
 * one way the cross-field checks of suites and configs report. `add` is bound, so it can be taken apart:
 * `const { issues, add } = new IssueList(file, lineOf)`.
 */
export class IssueList {
  readonly issues: Issue[] = []
  private readonly file: string
  private readonly lineOf: LineOf

  constructor(file: string, lineOf: LineOf) {
    this.file = file
    this.lineOf = lineOf
  }

  readonly add = (path: readonly PropertyKey[], message: string, code: ErrorCode = 'E_SCHEMA'): void => {
    this.issues.push(issueAtPath(code, this.file, path, this.lineOf, message))
  }
}
