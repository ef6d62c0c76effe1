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
 */
import { asValueKey } from './discovery-phrases.ts'

/** A cluster's field keys (fieldKeys) and where its keyed tail starts in them (keyedTailStart), if it has one. */
export interface TailKeyed {
  readonly keys: readonly string[] | undefined
  readonly tailAt: number | undefined
}

/**
 * The groups of cluster indices (two or more each) that are one event by the rule above: the same keys
 * before the tail, the tails three or more different runs of keys of two or more lengths.
 */
export function keyedTailGroups(clusters: readonly TailKeyed[], maxSplitWords: number): number[][] {
  const frames = new Map<string, { runs: Set<string>; lengths: Set<number>; members: number[] }>()
  clusters.forEach(({ keys, tailAt }, i) => {
    if (keys === undefined || tailAt === undefined) return
    const before = keys.slice(0, tailAt).map(asValueKey)
    // the frame must say something: a constant field before the tail
    if (!before.some((k) => asValueKey(k) !== '\u0000')) return
    const frameKey = before.join('\u0001')
    let frame = frames.get(frameKey)
    if (frame === undefined) frames.set(frameKey, (frame = { runs: new Set(), lengths: new Set(), members: [] }))
    const tail = keys.slice(tailAt)
    frame.runs.add(tail.join('\u0001'))
    frame.lengths.add(tail.length)
    frame.members.push(i)
  })
  const groups: number[][] = []
  for (const { runs, lengths, members } of frames.values())
    if (runs.size > maxSplitWords && lengths.size >= 2 && members.length >= 2) groups.push(members)
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
