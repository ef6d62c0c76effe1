/**
 * Log-line headers in the notation of the Loghub benchmark's `log_format`: `<Name>` is a field,
 * a run of spaces matches any whitespace, everything else is a regular expression
 * (`\[<Time>\] \[<Level>\] <Content>`, `<Date> <Time> <Level> <Component>(\[<Pid>\])?: <Content>`).
 * Discovery clusters on the `Content` field only; the header stays in the pattern as slots and literals.
 */
import { AuraError } from '../core/index.ts'

/** Finds where the content of a line starts. */
export interface HeaderFormat {
  readonly format: string
  /** UTF-16 offset where `Content` starts, or undefined when the line does not have the format */
  contentStart(line: string): number | undefined
}

const FIELD = /<(\w+)>/g

/** Compiles a Loghub log_format; E_SCHEMA when it has no `<Content>` field or is not a valid expression. */
export function createHeaderFormat(format: string): HeaderFormat {
  const names = [...format.matchAll(FIELD)].map((found) => found[1] as string)
  if (!names.includes('Content')) {
    throw new AuraError('E_SCHEMA', `header format "${format}" has no <Content> field`, { field: 'header' }, { hint: 'write it like Loghub\'s log_format, e.g. "<Date> <Time> <Level> <Component>: <Content>"' })
  }
  const source = format.replace(/ +/g, '\\s+').replace(FIELD, (_all, name: string) => (name === 'Content' ? '(?<Content>[\\s\\S]*)' : `(?<${name}>.*?)`))
  let expression: RegExp
  try {
    expression = new RegExp(`^(?:${source})$`, 'd')
  } catch (error) {
    throw new AuraError('E_SCHEMA', `header format "${format}" is not a valid expression: ${(error as Error).message}`, { field: 'header' })
  }
  return {
    format,
    contentStart(line) {
      const indices = expression.exec(line)?.indices?.groups?.['Content']
      return indices === undefined ? undefined : indices[0]
    },
  }
}
