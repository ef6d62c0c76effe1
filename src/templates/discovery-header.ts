/**
 * Log-line headers in the notation of the Loghub benchmark's `log_format`: `<Name>` is a field,
 * a run of spaces matches any whitespace, everything else is a regular expression
 * (`\[<Time>\] \[<Level>\] <Content>`, `<Date> <Time> <Level> <Component>(\[<Pid>\])?: <Content>`).
 * Discovery clusters on the `Content` field only; the header stays in the pattern as slots and literals.
 *
 * The expression is the user's, so it runs on V8's linear-time regexp engine (the `l` flag): a
 * format such as `(a|aa)+X` took 83 s on three lines with backtracking, and takes microseconds here.
 * That engine has no match indices, so the part before `<Content>` is captured as a group and its
 * length is where the content starts; `<Content>` must therefore stand outside any group, and
 * backreferences and lookarounds (which no linear-time engine runs) are E_SCHEMA.
 */
import { setFlagsFromString } from 'node:v8'
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
    throw new AuraError(
      'E_SCHEMA',
      `header format "${format}" has no <Content> field`,
      { field: 'header' },
      { hint: 'write it like Loghub\'s log_format, e.g. "<Date> <Time> <Level> <Component>: <Content>"' },
    )
  }
  const [before, after] = splitAtContent(format)
  const toSource = (part: string): string =>
    part.replace(/ +/g, '\\s+').replace(FIELD, (_all, name: string) => `(?<${name}>.*?)`)
  let expression: RegExp
  try {
    expression = linearRegExp(`^(?<${PREFIX_GROUP}>${toSource(before)})(?<Content>[\\s\\S]*)(?:${toSource(after)})$`)
  } catch (error) {
    throw new AuraError(
      'E_SCHEMA',
      `header format "${format}" is not an expression aura-bench can run: ${(error as Error).message}`,
      { field: 'header' },
      {
        hint: 'header formats run in linear time: no backreferences or lookarounds',
      },
    )
  }
  return {
    format,
    contentStart(line) {
      return expression.exec(line)?.groups?.[PREFIX_GROUP]?.length
    },
  }
}

/** Name of the group holding everything before `<Content>` (not a name a Loghub field uses). */
const PREFIX_GROUP = 'auraHeaderPrefix'

let linearEngineEnabled = false

/** A RegExp on V8's linear-time engine (enabled once; Node 20's V8 ships it behind a flag). */
function linearRegExp(source: string): RegExp {
  if (!linearEngineEnabled) {
    setFlagsFromString('--enable-experimental-regexp-engine')
    linearEngineEnabled = true
  }
  return new RegExp(source, 'l')
}

/** The format before and after its `<Content>` field, which must not sit inside a group. */
function splitAtContent(format: string): [string, string] {
  const at = format.indexOf('<Content>')
  const before = format.slice(0, at)
  // escapes and character classes hold no grouping parentheses
  const depth = before
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split('')
    .reduce((open, char) => open + (char === '(' ? 1 : char === ')' ? -1 : 0), 0)
  if (depth !== 0)
    throw new AuraError(
      'E_SCHEMA',
      `header format "${format}" has <Content> inside a group`,
      { field: 'header' },
      { hint: 'put <Content> outside parentheses, e.g. "<Date> <Level>: <Content>"' },
    )
  return [before, format.slice(at + '<Content>'.length)]
}
