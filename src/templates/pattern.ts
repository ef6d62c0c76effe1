/**
 * Template patterns: literal text with numbered placeholders. `{` digits `}` is a placeholder;
 * every other character, other braces included, is literal text (so JSON-like patterns need no
 * escaping, and a literal `{0}` cannot be written).
 */
import { AuraError } from '../core/index.ts'
import type { Template } from './store-types.ts'
import { hasLoneSurrogate } from './text-bytes.ts'

/** A pattern split into literal text and placeholders, or the reasons it cannot be used. */
export type ParsedPattern =
  | { status: 'ok'; literals: string[]; textOrder: number[] }
  | { status: 'invalid'; problems: string[] }

const PLACEHOLDER = /\{(\d+)\}/g

/** Splits a pattern into literals and placeholder numbers; gathers every problem. */
export function parsePattern(pattern: string): ParsedPattern {
  const problems: string[] = []
  if (pattern === '') return { status: 'invalid', problems: ['pattern is empty'] }
  if (hasLoneSurrogate(pattern)) problems.push('pattern contains a lone UTF-16 surrogate (not valid Unicode text)')
  const literals: string[] = []
  const textOrder: number[] = []
  let cursor = 0
  for (const found of pattern.matchAll(PLACEHOLDER)) {
    const digits = found[1] as string
    const start = found.index
    if (start === cursor && textOrder.length > 0) {
      problems.push(
        `placeholders {${textOrder[textOrder.length - 1]}} and ${found[0]} are adjacent: put literal text between them, or the split between their values is ambiguous`,
      )
    }
    if (digits.length > 1 && digits.startsWith('0'))
      problems.push(`placeholder ${found[0]} has a leading zero: write {${Number(digits)}}`)
    literals.push(pattern.slice(cursor, start))
    textOrder.push(Number(digits))
    cursor = start + found[0].length
  }
  literals.push(pattern.slice(cursor))
  problems.push(...numberingProblems(textOrder))
  if (textOrder.length > 0 && literals.every((literal) => literal === '')) {
    problems.push('pattern has no literal text, so it would match every message: add the text around the placeholder')
  }
  return problems.length > 0 ? { status: 'invalid', problems } : { status: 'ok', literals, textOrder }
}

function numberingProblems(textOrder: readonly number[]): string[] {
  const problems: string[] = []
  const seen = new Set<number>()
  for (const index of textOrder) {
    if (seen.has(index)) problems.push(`placeholder {${index}} is used more than once`)
    seen.add(index)
  }
  const missing: number[] = []
  for (let i = 0; i < textOrder.length && missing.length < 5; i++) if (!seen.has(i)) missing.push(i)
  if (missing.length > 0) {
    const outOfRange = [...seen].filter((index) => index >= textOrder.length).sort((a, b) => a - b)
    problems.push(
      `placeholders must be numbered {0}..{${textOrder.length - 1}}: missing ${missing.map((i) => `{${i}}`).join(', ')}` +
        (outOfRange.length > 0 ? `, unexpected ${outOfRange.map((i) => `{${i}}`).join(', ')}` : ''),
    )
  }
  return problems
}

/** Fills a template's placeholders with values (indexed by placeholder number); the inverse of matching. */
export function renderTemplate(
  template: Pick<Template, 'literals' | 'textOrder' | 'id'>,
  values: readonly string[],
): string {
  const { literals, textOrder } = template
  if (values.length !== textOrder.length) {
    throw new AuraError(
      'E_INTERNAL',
      `template ${template.id} has ${textOrder.length} placeholders, got ${values.length} values`,
    )
  }
  let text = literals[0] as string
  for (let k = 0; k < textOrder.length; k++)
    text += (values[textOrder[k] as number] as string) + (literals[k + 1] as string)
  return text
}
