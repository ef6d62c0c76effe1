/**
 * A value closing a log line after `: ` written as a program literal (issue 12, round s42-ga): the repr a
 * program prints for a value it fills in, `None`, `True`, `'ok'`, `42`, `{'sent': 3}`, `[1, 2]`,
 * `TimeoutError('read timed out')`. A task runner's `Task X[id] succeeded in 0.2s: <result>` writes one
 * statement whatever its result, and each result's tokens (their count, their words) made it an event per
 * result. A phrase of words after `: ` is not taken (`Closed due to user request.`, `Bye Bye`): Loghub's
 * ground truth labels such a reason an event of its own (OpenSSH; s40-ga measured a rule taking it: OpenSSH
 * 0.9985 -> 0.7655), so only what no sentence is written as counts. Used by clustering's same-words relation
 * (discovery-cluster.ts assignEvents).
 */
import type { ClusterMember } from './discovery-members.ts'

/**
 * A keyword literal (a null or a boolean of Python, JSON, JavaScript, Go, Ruby; JavaScript's `undefined` and
 * `NaN`; an infinity as Python, C and JavaScript print it), a number, a quoted string or Python bytes (`b'..'`),
 * or a default object repr in angle brackets (Python's `<User: alice>`, Go's `<nil>`; s42-rev2 F3, s43-ga).
 */
const ATOM =
  /^(?:None|True|False|null|nil|true|false|undefined|NaN|[+-]?(?:inf|Infinity)|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|b?'[^']*'|b?"[^"]*"|<[^<>]*>)$/u

/** A constructor call as a repr writes one: `KeyError(`, `Timeout(`, `datetime.date(`. */
const CALL_OPEN = /^[A-Za-z_][A-Za-z0-9_.]*\(/u

/**
 * An exception as a program prints it (s43-ga): `Throwable.toString()` of Java, Kotlin and Scala, .NET's
 * `Exception.ToString()` first line, a qualified Python exception: the class's qualified name, its last
 * part a class name ending in `Exception` or `Error`, then nothing or `: ` and the exception's own message
 * (`java.net.SocketTimeoutException: Read timed out`, `System.IO.IOException: ...`). A qualified name of
 * another kind (`android.intent.action.SCREEN_ON`, a constant naming its event in Loghub's labels) is not one.
 */
const THROWN = /^(?:[A-Za-z_][A-Za-z0-9_]*\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?:: .*)?$/su

/**
 * A SQL statement as a program logs the query it ran (s43-ga): `select ... from`, `insert into`, `update <t>
 * set`, `delete from`, `with <name> as (`, either case. Code of another language is what the program
 * fills in, as a repr is; a sentence is not written in that shape (`update available from mirror` has no
 * `set`, so it is not one).
 */
const SQL =
  /^(?:select\s.*\sfrom\s|insert\s+into\s|update\s+\S+\s+set\s|delete\s+from\s|with\s+\S+\s+as\s*\(\s*select\s)/isu

/**
 * What a statement has beyond its opening words and a sentence does not (s43-rev2 M1: `Delete from cache: 3
 * entries`, `select a mirror from the list below` were read as SQL): an operator or list punctuation, a clause
 * keyword, or a table name closing it (`select * from users`, `... where id = ?`, `insert into t values`).
 */
const SQL_MARK =
  /[*=?,;<>]|\b(?:where|values|join|order\s+by|group\s+by|limit|returning)\b|\bfrom\s+[A-Za-z_][\w.]*\s*$/isu

const CLOSE_OF: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' }

/**
 * True when `text` is one program literal: an ATOM, or a `{...}`, `[...]` or `Name(...)` whose opening bracket
 * closes at its last character (brackets balanced, quoted text skipped), so `{a} and {b}` is not one.
 */
export function isProgramLiteral(text: string): boolean {
  if (ATOM.test(text) || THROWN.test(text) || (SQL.test(text) && SQL_MARK.test(text))) return true
  const call = CALL_OPEN.exec(text)
  const open = call === null ? 0 : call[0].length - 1
  const first = text[open] as string
  if (first !== '{' && first !== '[' && first !== '(') return false
  const stack: string[] = []
  let quote = ''
  for (let at = open; at < text.length; at++) {
    const ch = text[at] as string
    if (quote !== '') {
      if (ch === quote) quote = ''
    } else if (ch === "'" || ch === '"') quote = ch
    else if (ch === '{' || ch === '[' || ch === '(') stack.push(CLOSE_OF[ch] as string)
    else if (ch === '}' || ch === ']' || ch === ')') {
      if (stack.pop() !== ch) return false
      if (stack.length === 0) return at === text.length - 1
    }
  }
  return false
}

/**
 * The first column of a program literal that closes every member's line after a `: ` (the separator before
 * that column holds it), or -1. Members of a cluster share their separators, so the place is read from the
 * first member and the literal checked in each.
 */
export function closingLiteral(members: readonly ClusterMember[]): number {
  const first = members[0] as ClusterMember
  for (let c = 1; c < first.width; c++) {
    const at = first.separator(c).indexOf(': ')
    if (at < 0) continue
    if (members.every((member) => isProgramLiteral(restOfLine(member, c, at + 2).trimEnd()))) return c
  }
  return -1
}

/** The member's text from offset `from` of the separator before `column` to the line's end. */
function restOfLine(member: ClusterMember, column: number, from: number): string {
  let rest = member.separator(column).slice(from)
  for (let c = column; c < member.width; c++) rest += member.token(c) + member.separator(c + 1)
  return rest
}
