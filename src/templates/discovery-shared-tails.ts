/**
 * A phrase closing the lines of several statements (s38-ga round; issue 12): `Starting <description>...`,
 * `Started <description>.`, `Failed to start <description>.` (a unit's description, one to nine words),
 * `Reloading <name>`, `Stopped <name>`. Clustering groups lines by token count, so each description was a
 * group of its own in which its words were constant: one event per statement and description. The frames
 * rule (discovery-phrases.ts mergeFrames) needs constant words after the run, which a phrase closing the
 * line has not. What says such a run is a parameter is that the same runs close the lines of *other*
 * statements too: a program fills one description into several messages, while the words that end one
 * statement's message are written in it.
 *
 * The rule: after the field keys of every cluster (fieldKeys; a value field one mark), a *tail* is the run of
 * fields after a constant field up to the line's end, holding at least one constant field; the last field's
 * closing `.`s and `!`s are left out (the sentence's punctuation: `Starting X...` and `Started X.` close with
 * the same X). A tail is *shared* when it closes clusters of two or more different events (after every
 * other relation: clusters of one event differing in a value before the tail, `chrome.exe *64 - ...` and
 * `chrome.exe - ...`, are one statement, not two). The clusters with the same fields before their tail
 * (the prefix) and a shared tail are one event when those tails are three or more different runs of two or
 * more lengths: the frames rule's threshold (two runs are what two events ending differently look like, one
 * length a column clustering decided on). No new parameter. Only events change: each cluster keeps its
 * template.
 *
 * Narrowed in round s38-garev: two statements sharing word endings are also what a literal pair looks like
 * (`worker begin flushing cache` / `worker end flushing cache`), so a tail counts as shared when it closes
 * lines of three or more events, or of two when it holds a value-like field (valueLikeRun: a value, or a
 * digit, `_`, path, address, bracket or parenthesis). Phrases of words shared by two statements only stay
 * apart even when they are in truth a parameter (`Starting X...` / `Started X.` with no third statement).
 *
 * A line that is nothing but such a run (s39-ga round): postgres writes the statement alone on its own line
 * (`STATEMENT:  SELECT * FROM orders WHERE id = $1`, the context of an error) and after a prefix elsewhere
 * (`duration: 0.8 ms  statement: SELECT ...`); with no header detected, what comes before the run there is the
 * line's own values (time, pid; the level word is left out of the field keys). So a cluster's fields after its
 * leading value fields are a tail too, a *whole* tail: it counts towards the events a tail closes, and the
 * clusters with the same number of leading values whose whole tails are shared are one event under the same
 * threshold, when each whole tail also closes, after a constant field, the lines of another event (two
 * statements both written alone, split only by their leading fields, say nothing of a parameter). And at a
 * prefix that three or more shared runs of two or more lengths show to be a parameter's place, a run shared by
 * two events with no value-like text (`BEGIN`, `COMMIT` after `statement:` and alone) joins too: the s38-garev
 * narrowing is against a literal pair of statements, which a place that other runs fill is not. No new
 * parameter.
 *
 * s37-ga measured a form that counted prefixes by their text instead of by event, tails cut at whitespace
 * (held-out Proxifier 1.000 -> 0.969, not kept, not looked into); this one counts statements, as the
 * reasoning above asks (test/discovery-shared-tails.test.ts pins the difference).
 */
import { valueLikeRun } from './discovery-keyed-tail.ts'
import { asValueKey, VALUE_MARK } from './discovery-phrases.ts'

/** The sentence's punctuation closing a line's last field. */
const CLOSING_PUNCTUATION = /[.!]+$/

/**
 * Groups of cluster indices (two or more each) that are one event by the rule above; `events` is the event
 * of each cluster after every other relation.
 */
export function sharedTailGroups(
  clusters: readonly { keys: readonly string[] | undefined }[],
  events: readonly number[],
  maxSplitWords: number,
): number[][] {
  // every prefix and tail of every cluster is interned as a number (a suffix id is its first field and the
  // id of the rest), so a line of n fields costs n map entries, not n strings of up to n fields
  const ids = new Map<string, number>()
  const intern = (text: string): number => {
    let id = ids.get(text)
    if (id === undefined) ids.set(text, (id = ids.size))
    return id
  }
  const eventsOfTail = new Map<number, Set<number>>()
  // the events a tail closes after a constant field (a whole tail must be one of those of another event)
  const closingEvents = new Map<number, Set<number>>()
  const add = (map: Map<number, Set<number>>, tail: number, event: number): void => {
    let seen = map.get(tail)
    if (seen === undefined) map.set(tail, (seen = new Set()))
    seen.add(event)
  }
  // tails that hold a value-like field (discovery-keyed-tail.ts valueLikeRun; s38-garev round)
  const valuedTails = new Set<number>()
  const cuts = clusters.map(({ keys }, i) => {
    const out: { prefix: number; tail: number; length: number; whole: boolean }[] = []
    if (keys === undefined || keys.length === 0) return out
    const k = keys.map(asValueKey)
    k[k.length - 1] = (k[k.length - 1] as string).replace(CLOSING_PUNCTUATION, '')
    const suffix: number[] = []
    const constantAfter: boolean[] = []
    const valuedAfter: boolean[] = []
    let next = -1
    let constant = false
    let valued = false
    for (let p = k.length - 1; p >= 0; p--) {
      next = intern(`s${k[p]}\u0001${next}`)
      constant ||= k[p] !== VALUE_MARK
      valued ||= valueLikeRun([keys[p] as string])
      suffix[p] = next
      constantAfter[p] = constant
      valuedAfter[p] = valued
    }
    const event = events[i] as number
    // the whole tail: every field after the leading values (s39-ga round)
    const lead = k.findIndex((key) => key !== VALUE_MARK)
    if (lead >= 0) {
      const tail = suffix[lead] as number
      if (valuedAfter[lead]) valuedTails.add(tail)
      out.push({ prefix: intern(`w${lead}`), tail, length: k.length - lead, whole: true })
      add(eventsOfTail, tail, event)
    }
    let prefix = -1
    for (let p = 0; p < k.length - 1; p++) {
      prefix = intern(`p${k[p]}\u0001${prefix}`)
      if (k[p] === VALUE_MARK || !constantAfter[p + 1]) continue
      const tail = suffix[p + 1] as number
      if (valuedAfter[p + 1]) valuedTails.add(tail)
      out.push({ prefix, tail, length: k.length - 1 - p, whole: false })
      add(eventsOfTail, tail, event)
      add(closingEvents, tail, event)
    }
    return out
  })
  const byPrefix = new Map<number, { runs: Set<number>; lengths: Set<number>; members: Set<number> }>()
  cuts.forEach((tails, i) => {
    for (const { prefix, tail, length, whole } of tails) {
      const sharedBy = eventsOfTail.get(tail)?.size ?? 0
      if (sharedBy < 2) continue
      // a whole tail closes, after a constant field, the lines of another event (s39-ga round)
      if (whole && ![...(closingEvents.get(tail) ?? [])].some((e) => e !== events[i])) continue
      let entry = byPrefix.get(prefix)
      if (entry === undefined)
        byPrefix.set(prefix, (entry = { runs: new Set(), lengths: new Set(), members: new Set() }))
      entry.members.add(i)
      // the runs that show the place a parameter's: shared by three or more events, or by two when it holds
      // a value-like field (s38-garev round); a run shared by two events without one only joins such a place
      if (sharedBy < 3 && !valuedTails.has(tail)) continue
      entry.runs.add(tail)
      entry.lengths.add(length)
    }
  })
  const groups: number[][] = []
  for (const { runs, lengths, members } of byPrefix.values())
    if (runs.size > maxSplitWords && lengths.size >= 2 && members.size >= 2) groups.push([...members])
  return groups
}

/**
 * The events after joining clusters by sharedTailGroups: `merged` maps each cluster's `event` to its event so
 * far; the result maps it to the joined event, renumbered by first cluster (unchanged when nothing joins).
 */
export function joinSharedTails(
  assigned: readonly { keys: readonly string[] | undefined; event: number }[],
  merged: number[],
  maxSplitWords: number,
): number[] {
  const events = assigned.map(({ event }) => merged[event] as number)
  const parent = Array.from({ length: merged.reduce((a, e) => Math.max(a, e + 1), 0) }, (_, i) => i)
  const root = (e: number): number => {
    while (parent[e] !== e) e = parent[e] as number
    return e
  }
  for (const [head, ...rest] of sharedTailGroups(assigned, events, maxSplitWords))
    for (const i of rest) {
      const [a, b] = [root(events[head as number] as number), root(events[i] as number)]
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
    }
  const renumbered = new Map<number, number>()
  for (const e of events) {
    const r = root(e)
    if (!renumbered.has(r)) renumbered.set(r, renumbered.size)
  }
  return merged.map((e) => renumbered.get(root(e)) as number)
}
