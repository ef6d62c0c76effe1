/**
 * zod issues turned into ours (file, YAML path, line): each said in YAML words from the value actually
 * found (`must be a mapping, found a list`), and an unknown key or value with a did-you-mean.
 */
import type { z } from 'zod'
import { didYouMean, type ErrorCode, type Issue } from '../core/index.ts'
import { issueAtPath } from './issue-at-path.ts'
import { objectKeysAt } from './schema-keys.ts'
import type { YamlSource } from './yaml-schema.ts'

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
