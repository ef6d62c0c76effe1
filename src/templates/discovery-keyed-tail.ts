/**
 * A named field closing the line (s38-ga round; issue 12): `COMMAND=/usr/bin/systemctl restart nginx`,
 * `application_name=PostgreSQL JDBC Driver`, `status=deferred (connect to mx[203.0.113.5]:25: timed out)`.
 * Nothing follows the value of the line's last named field, so the program may write it with spaces in
 * it unquoted, and each of its lengths was a group of its own (clustering groups by token count) whose
 * words were constant: one event per value. Clusters whose field keys are the same up to such a field are
 * one event when what fills it from there to the line's end takes three or more forms of two or more
 * lengths (fields), the threshold of the frames rule (discovery-phrases.ts mergeFrames): two forms are
 * what two events differing at the end look like (`user=bob logged in` / `logged out`), and one length is a
 * column of words clustering already decided on. The value is not the line's to its end when a bracket
 * opened before its name closes after it (`[QuorumPeer[myid=1]/...] - <message>`: it ends at the `]`), when
 * a quote follows it (a quoted value says where it ends) or when the name is in the line's header. No new
 * parameter. Only events change: each cluster keeps its template.
 *
 * Narrowed in round s38-garev: forms that are all dictionary words are what literal sentences look like
 * (unquoted logfmt `msg=Starting HTTP server`, `msg=Listening`: one statement each), so the forms must
 * read as a value in at least one line of the frame (valueLikeTail: empty, a token that is not a word, or
 * a digit, `_`, path, address, bracket or parenthesis). A frame filled only by word phrases stays apart
 * even when its words are in truth a parameter (`text=no such object`, `attr=mail`).
 */
import { isIdentifierWord } from './discovery-identifier.ts'
import { asValueKey, VALUE_MARK } from './discovery-phrases.ts'

/**
 * Text no sentence is written with (s38-garev round): a digit, an identifier's `_`, a path's `/` or `\\`, an
 * address's `@` or `:`, a bracket or parenthesis, or `# % $ * ~ +`. Dictionary words and a sentence's
 * `. , ! ? ' -` are not.
 */
const VALUE_LIKE = /[\d_/\\@:()[\]{}<>#%$*~+]/

/**
 * True when a run of field keys says it is a value, not words a program wrote: a field holding a value by
 * its text (VALUE_MARK; a column of varying words, WORD_VALUE_MARK, is not) or a constant field with
 * VALUE_LIKE text. An empty run (the name closing the line, its value empty) says so too.
 */
export function valueLikeRun(run: readonly string[]): boolean {
  return run.length === 0 || run.some((k) => k === VALUE_MARK || VALUE_LIKE.test(k))
}

/** What valueLikeTail reads of a cluster's line: its tokens, the separators before them, their roles. */
interface TailMember {
  readonly width: number
  token(c: number): string
  separator(c: number): string
  role(c: number): string
}

/**
 * True when some line of the cluster has a word written as a code identifier (isIdentifierWord:
 * `attr=entryCSN modifiersName modifyTimestamp`, s41-ga round) in its closing named field's value. Weaker
 * evidence than valueLikeTail: keyedTailGroups counts it only when every cluster of a frame has it (s41-rev1
 * F1: one `msg=Connected to GitHub` or `state=CrashLoopBackOff` in a frame merged all its statements).
 */
export function identifierTail(members: readonly TailMember[], from: number): boolean {
  for (const m of members) for (let c = from; c < m.width; c++) if (isIdentifierWord(m.token(c))) return true
  return false
}

/**
 * True when a named field's value from column `from` to the line's end reads as a value in some line of
 * the cluster: empty (nothing after the `=`), a token that is not a word, VALUE_LIKE text in its tokens
 * or the separators after the `=` (`(connect to mx[203.0.113.5]:25: ...)`). The field keys cannot say it:
 * the token right after `=` is a value there whatever its text.
 */
export function valueLikeTail(members: readonly TailMember[], from: number): boolean {
  for (const m of members) {
    if (from >= m.width) return true
    for (let c = from; c < m.width; c++)
      if (m.role(c) !== 'word' || VALUE_LIKE.test(m.token(c)) || (c > from && VALUE_LIKE.test(m.separator(c))))
        return true
    if (VALUE_LIKE.test(m.separator(m.width))) return true
  }
  return false
}

/** A cluster's field keys (fieldKeys) and where its keyed tail starts in them (keyedTailStart), if it has one. */
export interface TailKeyed {
  readonly keys: readonly string[] | undefined
  readonly tailAt: number | undefined
  /** Whether the tail reads as a value in some line (valueLikeTail; s38-garev round). */
  readonly valued: boolean
  /** Whether the tail holds a code-identifier word in some line (identifierTail; s41-rev1 F1). */
  readonly named?: boolean
}

/**
 * The groups of cluster indices (two or more each) that are one event by the rule above: the same keys
 * before the tail, the tails three or more different runs of keys of two or more lengths.
 */
export function keyedTailGroups(clusters: readonly TailKeyed[], maxSplitWords: number): number[][] {
  const frames = new Map<
    string,
    { runs: Set<string>; lengths: Set<number>; members: number[]; valued: boolean; named: boolean }
  >()
  clusters.forEach(({ keys, tailAt, valued, named }, i) => {
    if (keys === undefined || tailAt === undefined) return
    const before = keys.slice(0, tailAt).map(asValueKey)
    // the frame must say something: a constant field before the tail
    if (!before.some((k) => asValueKey(k) !== '\u0000')) return
    const frameKey = before.join('\u0001')
    let frame = frames.get(frameKey)
    if (frame === undefined)
      frames.set(frameKey, (frame = { runs: new Set(), lengths: new Set(), members: [], valued: false, named: true }))
    const tail = keys.slice(tailAt)
    frame.valued ||= valued
    frame.named &&= named === true
    frame.runs.add(tail.join('\u0001'))
    frame.lengths.add(tail.length)
    frame.members.push(i)
  })
  const groups: number[][] = []
  for (const { runs, lengths, members, valued, named } of frames.values())
    if (runs.size > maxSplitWords && lengths.size >= 2 && members.length >= 2 && (valued || named)) groups.push(members)
  return groups
}

/**
 * True when a separator opens a named field's value glued to its name (`COMMAND=`, `from=<`): a `=` right
 * after the name, no space before it (`id = $1` in SQL is text, not a named field).
 */
export function opensKeyedValue(separator: string): boolean {
  return separator.startsWith('=')
}

/** Brackets a separator opens less those it closes (`(`, `[`, `{`, `<` against `)`, `]`, `}`, `>`). */
export function bracketBalance(separator: string): number {
  let balance = 0
  for (const ch of separator) {
    if (ch === '(' || ch === '[' || ch === '{' || ch === '<') balance++
    else if (ch === ')' || ch === ']' || ch === '}' || ch === '>') balance--
  }
  return balance
}
