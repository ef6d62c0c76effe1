/** Parsing YAML with line numbers and turning zod issues into our Issues (file, YAML path, line, did-you-mean). */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import type { z } from 'zod'
import { didYouMean, isJsonObject, MAX_SYNTAX_ISSUES, type ErrorCode, type Issue } from '../core/index.ts'
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
  if (doc.errors.length > 0) {
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
    return { issues }
  }
  const merges = mergeKeyIssues(doc, file, lineCounter)
  if (merges.length > 0) return { issues: merges }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
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

/** `; did you mean \`x\`?` naming the candidate closest to what was found, or '' when none is close. */
export function didYouMeanSuffix(found: string, candidates: readonly string[]): string {
  // `passthrough` is far from `text-passthrough` by edits, yet plainly a part of it: the one candidate with it as a word
  const part = candidates.filter(
    (c) => found.length >= 4 && c.toLowerCase().split(/[-_]/).includes(found.toLowerCase()),
  )
  const guess = didYouMean(found, candidates) ?? (part.length === 1 ? part[0] : undefined)
  return guess === undefined ? '' : `; did you mean \`${guess}\`?`
}

/** Converts zod issues to ours; unknown keys get a did-you-mean from the schema's keys at that path. */
export function toIssues(
  error: z.ZodError,
  schema: z.ZodType,
  file: string,
  source: YamlSource,
  code: ErrorCode = 'E_SCHEMA',
): Issue[] {
  const issues: Issue[] = []
  for (const zodIssue of tightestBounds(error.issues)) {
    const path = zodIssue.path
    if (zodIssue.code === 'unrecognized_keys') {
      const known = objectKeysAt(schema, path)
      for (const key of zodIssue.keys) {
        const message = `unknown key \`${key}\`${didYouMeanSuffix(key, known)} (known keys: ${known.join(', ')})`
        issues.push(issueAtPath('E_UNKNOWN_KEY', file, [...path, key], source.lineOf, message))
      }
      continue
    }
    issues.push(issueAtPath(code, file, path, source.lineOf, describeZodIssue(zodIssue, valueAt(source.value, path))))
  }
  return issues
}

/**
 * One bound per field and side: `z.int().max(N)` fails both its own N and the safe-integer limit for
 * 1e20, and two errors with two limits for one value said less than the one that holds (the tightest).
 */
function tightestBounds(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const tightest = new Map<string, { issue: z.core.$ZodIssue; bound: number }>()
  for (const issue of issues) {
    if (issue.code !== 'too_big' && issue.code !== 'too_small') continue
    const bound = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum)
    const key = `${issue.code} ${JSON.stringify(issue.path.map(String))}`
    const kept = tightest.get(key)
    if (kept === undefined || (issue.code === 'too_big' ? bound < kept.bound : bound > kept.bound))
      tightest.set(key, { issue, bound })
  }
  const kept = new Set([...tightest.values()].map((entry) => entry.issue))
  return issues.filter((issue) => (issue.code !== 'too_big' && issue.code !== 'too_small') || kept.has(issue))
}

/** What a zod issue means, told from the value actually found (zod 4 does not keep the input in issues). */
function describeZodIssue(issue: z.core.$ZodIssue, found: { present: boolean; value: unknown }): string {
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ')
    if (typeof found.value !== 'string')
      return `must be one of ${allowed}${found.present ? `, found ${describeValue(found.value)}` : ''}`
    return `unknown value \`${found.value}\`${didYouMeanSuffix(
      found.value,
      issue.values.filter((v): v is string => typeof v === 'string'),
    )} (one of ${allowed})`
  }
  if (issue.code === 'invalid_type') {
    return found.present
      ? `must be ${withArticle(issue.expected)}, found ${describeValue(found.value)}`
      : `is required (${withArticle(issue.expected)})`
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const small = issue.code === 'too_small'
    const bound = Number(small ? issue.minimum : issue.maximum)
    const word = small ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than'
    if (issue.origin === 'array') return `must have ${word} ${bound} ${bound === 1 ? 'entry' : 'entries'}`
    if (issue.origin === 'string')
      return bound === 1 && small ? 'must not be empty' : `must have ${word} ${bound} characters`
    return `must be ${word} ${bound}, found ${describeValue(found.value)}`
  }
  // a union's own message (the schema's `error`) says it best; else each alternative is named
  if (issue.code === 'invalid_union' && issue.message !== 'Invalid input')
    return `${issue.message}${found.present ? `, found ${describeValue(found.value)}` : ''}`
  if (issue.code === 'invalid_union') {
    // `workers: many` said only "Invalid input": name what each alternative takes
    const alternatives = issue.errors.map((branch) => expectedBy(branch[0])).filter((a): a is string => a !== undefined)
    if (alternatives.length === issue.errors.length && alternatives.length > 0)
      return `must be ${[...new Set(alternatives)].join(' or ')}${found.present ? `, found ${describeValue(found.value)}` : ''}`
  }
  return issue.message
}

/** What one alternative of a union takes, in words (`an integer from 1 to 256`, `"auto"`); undefined when unsure. */
function expectedBy(issue: z.core.$ZodIssue | undefined): string | undefined {
  if (issue?.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ')
  if (issue?.code === 'invalid_type') return withArticle(issue.expected === 'int' ? 'integer' : issue.expected)
  return undefined
}

/** zod's type names in YAML words: an object is a mapping, an array a list. */
function withArticle(type: string): string {
  if (type === 'object') return 'a mapping'
  if (type === 'array') return 'a list'
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`
  return `${typeof value} ${String(value)}`
}

/** The raw value at a path, and whether it is there at all. */
function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let current: unknown = root
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key))
      return { present: false, value: undefined }
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return { present: current !== undefined, value: current }
}

/** Keys of the object schema found by walking a path through objects, arrays and wrappers. */
export function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown[] = [schema]
  for (const key of path) current = current.flatMap((s) => childSchemas(s, key))
  return [...new Set(current.flatMap((s) => objectShapes(s).flatMap((shape) => Object.keys(shape))))]
}

interface SchemaDef {
  type?: string
  shape?: Record<string, unknown>
  element?: unknown
  valueType?: unknown
  options?: unknown[]
  left?: unknown
  right?: unknown
  items?: unknown[]
  rest?: unknown
  getter?: () => unknown
}

/** The object shapes a schema stands for: an object's, every object option of a union, both sides of an intersection. */
function objectShapes(schema: unknown): Array<Record<string, unknown>> {
  const def = (unwrap(schema) as { def?: SchemaDef } | undefined)?.def
  if (def?.type === 'object' && def.shape !== undefined) return [def.shape]
  if (def?.type === 'union') return (def.options ?? []).flatMap(objectShapes)
  if (def?.type === 'intersection') return [...objectShapes(def.left), ...objectShapes(def.right)]
  if (def?.type === 'lazy' && def.getter !== undefined) return objectShapes(def.getter())
  return []
}

/** The schemas a value under `key` of a value of `schema` may follow (objects, records, lists, tuples, unions). */
function childSchemas(schema: unknown, key: PropertyKey): unknown[] {
  const def = (unwrap(schema) as { def?: SchemaDef } | undefined)?.def
  switch (def?.type) {
    case 'object':
      return def.shape !== undefined && Object.hasOwn(def.shape, String(key)) ? [def.shape[String(key)]] : []
    case 'record':
      return [def.valueType]
    case 'array':
      return typeof key === 'number' ? [def.element] : []
    case 'tuple':
      return typeof key === 'number' ? [def.items?.[key] ?? def.rest].filter((s) => s !== undefined) : []
    case 'union':
      return (def.options ?? []).flatMap((option) => childSchemas(option, key))
    case 'intersection':
      return [...childSchemas(def.left, key), ...childSchemas(def.right, key)]
    case 'lazy':
      return def.getter === undefined ? [] : childSchemas(def.getter(), key)
    default:
      return []
  }
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown; in?: unknown } } | undefined
  for (let i = 0; i < 10 && current?.def !== undefined; i++) {
    const { type, innerType } = current.def
    if (
      (type === 'optional' || type === 'default' || type === 'nullable' || type === 'prefault' || type === 'catch') &&
      innerType !== undefined
    ) {
      current = innerType as typeof current
    } else if (type === 'pipe' && current.def.in !== undefined) {
      // z.preprocess is a pipe from a transform to the real schema: the keys live in `out`
      const input = current.def.in as typeof current
      current = (input?.def?.type === 'transform' ? (current.def as { out?: unknown }).out : input) as typeof current
    } else break
  }
  return current
}
