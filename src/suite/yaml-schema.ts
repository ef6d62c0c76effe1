/**
 * Parsing YAML with line numbers: syntax errors and bad merge keys as Issues with their lines, and a
 * way to find the line of a YAML path. zod issues become ours in zod-issues.ts.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { isJsonObject, MAX_SYNTAX_ISSUES, type Issue } from '../core/index.ts'
import { issueAtPath } from './issue-at-path.ts'

export { issueAtPath, IssueList, type LineOf } from './issue-at-path.ts'

/** A parsed YAML document: its plain value and a way to find the line of a path. */
export interface YamlSource {
  value: unknown
  /** 1-based line of the node at a path, or of its closest existing parent */
  lineOf(path: readonly PropertyKey[]): number | undefined
}

/** Parses YAML text; syntax errors become E_YAML_SYNTAX issues with their lines (all of them). */
export function parseYaml(text: string, file: string): { source: YamlSource } | { issues: Issue[] } {
  const lineCounter = new LineCounter()
  // merge keys (`<<: *anchor`) are YAML 1.1's, which the library reads when asked: a shared block of keys
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true })
  if (doc.errors.length > 0) return { issues: syntaxIssues(doc, file, lineCounter) }
  const merges = mergeKeyIssues(doc, file, lineCounter)
  if (merges.length > 0) return { issues: merges }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => lineOfPath(doc, lineCounter, path)
  try {
    return { source: { value: doc.toJS({ maxAliasCount: 100 }) as unknown, lineOf } }
  } catch (error) {
    // yaml refuses alias bombs ("Excessive alias count") only when building the value
    return {
      issues: [
        {
          code: 'E_YAML_SYNTAX',
          file,
          message: `malformed YAML: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    }
  }
}

/** The document's syntax errors (the first MAX_SYNTAX_ISSUES, then a count of the rest), each at its line. */
function syntaxIssues(doc: Document, file: string, lineCounter: LineCounter): Issue[] {
  const issues: Issue[] = doc.errors.slice(0, MAX_SYNTAX_ISSUES).map((error) => ({
    code: 'E_YAML_SYNTAX' as const,
    file,
    line: lineCounter.linePos(error.pos[0]).line,
    message: `malformed YAML: ${error.message.split('\n')[0] ?? error.code}`,
  }))
  // past the first few, a file's syntax errors are noise (a corpus read as YAML has thousands)
  const more = doc.errors.length - MAX_SYNTAX_ISSUES
  if (more > 0)
    issues.push({
      code: 'E_YAML_SYNTAX',
      file,
      message: `and ${more.toLocaleString('en-US')} more YAML syntax errors (is this a YAML file?)`,
    })
  return issues
}

/** The line of the node at `path`, or of its closest existing parent. */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents
  let line: number | undefined = lineAt(node, lineCounter)
  for (const key of path) {
    const next = childNode(node, key)
    if (next === undefined) break
    node = next
    line = lineAt(node, lineCounter) ?? line
  }
  return line
}

/**
 * Every merge key (`<<`, unquoted) whose value is not a mapping, an alias of one, or a list of those:
 * the library refuses it only when building the value, with neither line nor key (`Merge sources must
 * be maps or map aliases`). Each is an issue at its field (`corpora[0].<<`) and line. Aliases are not
 * followed (their anchors are walked where they stand), so the walk is linear in the file.
 */
function mergeKeyIssues(doc: Document, file: string, lineCounter: LineCounter): Issue[] {
  const issues: Issue[] = []
  const isMapSource = (node: unknown): boolean => isMap(isAlias(node) ? node.resolve(doc) : node)
  const add = (path: readonly PropertyKey[], node: unknown, key?: unknown) => {
    const line = lineAt(node, lineCounter) ?? lineAt(key, lineCounter)
    const found = isAlias(node) ? `the alias *${node.source}, not of a mapping` : describeNode(node)
    issues.push(
      issueAtPath(
        'E_YAML_SYNTAX',
        file,
        path,
        () => line,
        `malformed YAML: the merge key \`<<\` takes a mapping (\`<<: *anchor\` of a mapping, \`<<: { key: value }\`, or a list of those), found ${found}`,
      ),
    )
  }
  const walk = (node: unknown, path: readonly PropertyKey[]): void => {
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]))
    if (!isMap(node)) return
    for (const pair of node.items) {
      const key = pair.key
      const name: unknown = isScalar(key) ? key.value : undefined
      // the library reads an unquoted `<<` key as the symbol `<<` (a quoted "<<" is a plain key)
      const merge = typeof name === 'symbol' && name.description === '<<'
      const at = [...path, merge ? '<<' : String(name ?? '?')]
      if (merge && isSeq(pair.value)) {
        pair.value.items.forEach((item, i) => {
          if (!isMapSource(item)) add([...at, i], item)
        })
      } else if (merge && !isMapSource(pair.value)) add(at, pair.value, key)
      walk(pair.value, at)
    }
  }
  walk(doc.contents, [])
  return issues.slice(0, MAX_SYNTAX_ISSUES)
}

/** A YAML node in a few words for a message: `5`, `"brotli"`, `a list`, `nothing`. */
function describeNode(node: unknown): string {
  if (isScalar(node)) return node.value === null ? 'nothing' : (JSON.stringify(node.value) ?? String(node.value))
  if (isSeq(node)) return 'a list'
  return 'nothing'
}

function childNode(node: unknown, key: PropertyKey): unknown {
  if (isMap(node))
    return node.items.find((pair) => (pair.key as { value?: unknown } | null)?.value === key)?.value ?? undefined
  if (isSeq(node) && typeof key === 'number') return node.items[key]
  return undefined
}

function lineAt(node: unknown, lineCounter: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range
  return range === undefined || range === null ? undefined : lineCounter.linePos(range[0]).line
}

/** The value as a list, or an empty list when it is anything else (reading raw YAML defensively). */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** The value as a mapping, or an empty one when it is anything else (reading raw YAML defensively). */
export function asRecord(value: unknown): Record<string, unknown> {
  return isJsonObject(value) ? value : {}
}
