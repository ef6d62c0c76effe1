/**
 * Events whose parameter is a phrase (round s32-gen; issue 12): clustering groups lines by token count,
 * so a parameter of one to several words (a service name, a reason, a signal name, a cron command)
 * made one event per phrase. Two rules merge such events after clustering; neither changes a token, a
 * cluster or a template, only which clusters are one event (docs/discovery.md, clustering step 5):
 * frames filled by three or more runs of words (`mergeFrames`), and lines the same but for a bracketed
 * field of free text (`bracketTextKeys`).
 */
import { bracketedFields, quotedFields } from './discovery-tokens.ts'

/** What splitting and field keys see of a value token (or a varying word): one mark for all. */
export const VALUE_MARK = '\u0000'
/**
 * The key of a field that varies only by words (no token of it is a value by its text): a word column
 * that varies in its cluster, or words seen as values elsewhere (`Windows` of `Windows Update` where another
 * service's name fills the same place). It stands for VALUE_MARK in every comparison of keys but one: a
 * phrase filling a frame may hold it (mergeFrames, s36-ga round).
 */
export const WORD_VALUE_MARK = '\u0000\u0004'
/** The key as every relation but a frame's run compares it: a field of word values is a value field. */
export const asValueKey = (k: string): string => (k === WORD_VALUE_MARK ? VALUE_MARK : k)
/** A separator that cuts a path inside an opened quoted field (the tokenizer cuts at `/ ? &` only there). */
export const PATH_CUT = /[/?&]/
/** Opens the key of a field that is a path segment (discovery-cluster.ts `fieldKeys`). */
export const PATH_MARK = '\u0003'

/**
 * Events whose fields are the same but for one run of constant words are one event when the frame around
 * the run is filled by three or more different runs, of two or more lengths: the run is a phrase filling
 * one parameter (`The Windows Update service entered the running state.` and `The Background Intelligent
 * Transfer Service service entered the running state.`: a service name, a reason, a thread name of one to
 * five words). The run holds no value field (a field of words seen as values elsewhere, WORD_VALUE_MARK,
 * is still words: `Windows` of `Windows Update` where `Windows Time` and `Windows Search` vary in their
 * second word; s36-ga round), lies between constant words both share before and after
 * it, and is no longer than those shared words (the frame must say more than the run). Two different
 * runs are what two events differing in a phrase look like (`started` / `shutting down`), as a column
 * of two words is (clustering splits on those: `--max-split-words`); three or more, like a column of
 * three or more words, are values. A frame filled by a value field in one cluster and by a run of constant
 * words in another (`session opened from 10.1.2.3 port` and `session opened from local console port`) is a
 * parameter's place whatever the count of its runs (s33-ga2, class 3 of s32-gen: a phrase against a value):
 * step 1 of clustering never splits a column holding a value, and this is that column across shapes. The
 * value is one field, the run holds no value, and the anchors before and after are as above.
 * Returns the new event number of each old one (0, 1, ... by first cluster).
 */
export function mergeFrames(
  clusters: readonly { event: number; keys: readonly string[] | undefined }[],
  count: number,
  maxSplitWords: number,
  alike: readonly (readonly [number, number])[],
): number[] {
  const parent = Array.from({ length: count }, (_, i) => i)
  const root = (e: number): number => {
    let r = e
    while (parent[r] !== r) r = parent[r] as number
    parent[e] = r
    return r
  }
  for (const [a, b] of alike) if (root(a) !== root(b)) parent[root(b)] = root(a)
  for (const { runs, lengths, events, valued } of collectFrames(clusters)) {
    // a frame that a value fills is a parameter's place, whatever its runs (s33-ga2)
    if (!valued && (runs.size <= maxSplitWords || lengths.size < 2)) continue
    const [head, ...rest] = [...events]
    for (const e of rest) if (root(e) !== root(head as number)) parent[root(e)] = root(head as number)
  }
  const renumbered = new Map<number, number>()
  const out: number[] = []
  for (const { event } of clusters) {
    const r = root(event)
    if (!renumbered.has(r)) renumbered.set(r, renumbered.size)
    out[event] = renumbered.get(r) as number
  }
  return out
}

/** A frame two clusters or more share: the runs filling it, their lengths, the events, and whether a value fills it too. */
interface Frame {
  readonly runs: Set<string>
  readonly lengths: Set<number>
  readonly events: Set<number>
  valued: boolean
}

interface Keyed {
  readonly event: number
  /** the field keys with WORD_VALUE_MARK as VALUE_MARK (asValueKey) */
  readonly keys: readonly string[]
  /** the field keys as fieldKeys made them */
  readonly raw: readonly string[]
}

/**
 * Most clusters one bucket of collectFrames compares pairwise (s32 review: a log whose thousands of
 * events share their first and last constant field made the pairs quadratic in the events). Discovered
 * Loghub and generated logs have at most 80 events a system, so no bucket of theirs comes near it.
 */
const MAX_FRAME_BUCKET = 400

/**
 * Every frame two clusters share (sharedFrame), with the runs that fill it, their lengths and the
 * events seen in it. Only clusters with the same first and last constant field (at the same distance
 * from either end) are compared: a frame has constant fields before and after its run.
 */
function collectFrames(clusters: readonly { event: number; keys: readonly string[] | undefined }[]): Iterable<Frame> {
  const buckets = new Map<string, Keyed[]>()
  for (const { event, keys: raw } of clusters) {
    if (raw === undefined || raw.length < 3) continue
    const keys = raw.map(asValueKey)
    const first = keys.findIndex((k) => k !== VALUE_MARK)
    let last = keys.length - 1
    while (last > first && keys[last] === VALUE_MARK) last--
    if (first < 0 || first === last) continue
    const key = `${first}\u0001${keys[first]}\u0001${keys.length - last}\u0001${keys[last]}`
    const bucket = buckets.get(key)
    if (bucket === undefined) buckets.set(key, [{ event, keys, raw }])
    else bucket.push({ event, keys, raw })
  }
  const frames = new Map<string, Frame>()
  for (const bucket of buckets.values()) {
    // every pair of a bucket is compared: a bucket past MAX_FRAME_BUCKET is left as it is (its events stay
    // apart, as before this rule) so that the pairs stay within MAX_FRAME_BUCKET times the clusters
    if (bucket.length > MAX_FRAME_BUCKET) continue
    bucket.forEach((a, i) => {
      for (let j = i + 1; j < bucket.length; j++) {
        const b = bucket[j] as Keyed
        const frame = sharedFrame(a, b)
        if (frame === undefined) continue
        let entry = frames.get(frame.key)
        if (entry === undefined) {
          entry = { runs: new Set(), lengths: new Set(), events: new Set(), valued: false }
          frames.set(frame.key, entry)
        }
        entry.runs.add(frame.runA).add(frame.runB)
        entry.lengths.add(frame.lengthA).add(frame.lengthB)
        entry.events.add(a.event).add(b.event)
        entry.valued ||= frame.valued
      }
    })
  }
  return frames.values()
}

/**
 * The frame two field keys share around one enclosed run of constant words where they differ (see
 * mergeFrames), or undefined. The key names the frame's fields before and after the run.
 */
function sharedFrame(
  { keys: a, raw: rawA }: Keyed,
  { keys: b, raw: rawB }: Keyed,
): { key: string; runA: string; runB: string; lengthA: number; lengthB: number; valued: boolean } | undefined {
  const shorter = Math.min(a.length, b.length)
  let prefix = 0
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++
  let suffix = 0
  while (suffix < shorter - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++
  const runA = a.slice(prefix, a.length - suffix)
  const runB = b.slice(prefix, b.length - suffix)
  if (runA.length === 0 || runB.length === 0) return undefined
  // a value field is not a phrase; a path segment names events (s31-nginx: an opened field's words)
  const phrase = (k: string): boolean => k !== VALUE_MARK && !k.startsWith(PATH_MARK)
  // or one side is a single value field and the other a run of constant words: the frame is a value's place
  const single = (run: readonly string[]): boolean => run.length === 1 && run[0] === VALUE_MARK
  const valued = single(runA) ? runB.every(phrase) : single(runB) && runA.every(phrase)
  // a run may hold fields of words seen as values elsewhere (WORD_VALUE_MARK, not VALUE_MARK in the raw
  // keys): a service name `Windows Update` whose `Windows` fills the same place in another cluster is still
  // a phrase of words, not a value (s36-ga round)
  const wordsA = rawA.slice(prefix, rawA.length - suffix)
  const wordsB = rawB.slice(prefix, rawB.length - suffix)
  if (!valued && (!wordsA.every(phrase) || !wordsB.every(phrase))) return undefined
  const before = a.slice(0, prefix)
  const after = a.slice(a.length - suffix)
  const literalsBefore = before.filter((k) => k !== VALUE_MARK).length
  const literalsAfter = after.filter((k) => k !== VALUE_MARK).length
  if (literalsBefore === 0 || literalsAfter === 0) return undefined
  if (Math.max(runA.length, runB.length) > literalsBefore + literalsAfter) return undefined
  return {
    key: `${before.join('\u0001')}\u0002${after.join('\u0001')}`,
    runA: runA.join('\u0001'),
    runB: runB.join('\u0001'),
    lengthA: runA.length,
    lengthB: runB.length,
    valued,
  }
}

/**
 * Lines that are the same but for a bracketed field of free text are one event (round s32-gen): a
 * `(...)` or `[...]` field (discovery-tokens.ts `bracketedFields`, outside double quotes) whose number
 * of words varies between lines alike otherwise (the same tokens outside the brackets, values aside)
 * holds a phrase the program filled in: `exited due to signal 9 (Killed)` and `signal 11 (Segmentation
 * fault)`, `(backup) CMD (run-parts /etc/cron.hourly)` and `(backup) CMD (certbot renew -q)`. Each such
 * line gets a key: its text with those fields' words left out and its values masked; lines of one key
 * are one event. Clustering and drafting still see the field's words as tokens, so each phrase keeps
 * its literal template and only the events merge (taking the field as one token instead made it an
 * `auto` slot sending its text, which lost to zstd_dict: the round's not-kept row). A field whose
 * word count is the same in all lines alike (`(uid=0)`, `(n.leader)`) is not free text: left as is.
 * Returns the key of the message at an index, or undefined (no such field).
 */
export function bracketTextKeys(messages: readonly string[]): (index: number) => string | undefined {
  const perShape = new FieldWordCounts()
  const shapeOf = new Map<number, number>()
  const fieldsOf = (message: string): [number, number][] => {
    if (!message.includes('(') && !message.includes('[')) return []
    const quoted = message.includes('"') ? quotedFields(message) : []
    return bracketedFields(message).filter(([start, end]) => !quoted.some(([s, e]) => start <= e && s <= end))
  }
  // per shape and field, the field's distinct texts (values masked), up to PHRASES_OF_A_PLACE
  const phrases: Set<string>[][] = []
  messages.forEach((message, index) => {
    const fields = fieldsOf(message)
    if (fields.length === 0) return
    const shape = perShape.add(
      maskedText(message, fields, () => true),
      message,
      fields,
    )
    shapeOf.set(index, shape)
    const seen = (phrases[shape] ??= fields.map(() => new Set<string>()))
    fields.forEach(([start, end], k) => {
      const texts = seen[k] as Set<string>
      if (texts.size < PHRASES_OF_A_PLACE) texts.add(message.slice(start, end).replace(VALUE_TOKEN, '\u0000'))
    })
  })
  // per shape, which fields hold free text (computed once a shape is asked for)
  const freeOf: (boolean[] | undefined)[] = []
  const isFree = (shape: number): boolean[] => {
    let free = freeOf[shape]
    if (free === undefined) {
      const seen = phrases[shape] as Set<string>[]
      free = (perShape.counts[shape] as number[]).map(
        (count, k) => count === -1 || (count >= 2 && (seen[k] as Set<string>).size >= PHRASES_OF_A_PLACE),
      )
      freeOf[shape] = free
    }
    return free
  }
  return (index) => {
    const shape = shapeOf.get(index)
    if (shape === undefined) return undefined
    const free = isFree(shape)
    if (!free.includes(true)) return undefined
    const message = messages[index] as string
    return maskedText(message, fieldsOf(message), (k) => free[k] === true)
  }
}

/**
 * A bracketed field of two or more words in every line, its word count the same, holds free text too when
 * its lines alike otherwise show this many different phrases in it (values masked): a place three phrases
 * fill is a parameter's (the frames rule's threshold, discovery-frames), while two may be a literal pair of
 * statements (`(read only)` / `(read write)`). s42-ga round: a GC cause `(G1 Evacuation Pause)` / `(G1
 * Humongous Allocation)` / `(Metadata GC Threshold)`, a reason `[reroute after node-left]` / `[index [x]
 * created]`, each written in one statement, were an event per phrase because their words pair.
 */
const PHRASES_OF_A_PLACE = 3

/** The message with the chosen fields' text left out and each token holding a digit masked (one regex pass, no tokenizing). */
function maskedText(
  message: string,
  fields: readonly (readonly [number, number])[],
  drop: (k: number) => boolean,
): string {
  let text = ''
  let at = 0
  fields.forEach(([start, end], k) => {
    if (!drop(k)) return
    text += message.slice(at, start)
    at = end
  })
  return (text + message.slice(at)).replace(VALUE_TOKEN, '\u0000')
}

/**
 * Word counts of messages' fields, per shape: a shape keeps a field's count while every message of that
 * shape agrees on it, and -1 once two differ (the field holds free text). Quoted fields (discovery-
 * cluster.ts) and bracketed fields (bracketTextKeys) are judged this way.
 */
export class FieldWordCounts {
  /** per shape (the index `add` returns), each field's word count, or -1 where messages differ */
  readonly counts: number[][] = []
  private readonly shapes = new Map<string, number>()

  /** Counts the words of `fields` of `message`, a message of the shape `key`; returns that shape's index. */
  add(key: string, message: string, fields: readonly (readonly [number, number])[]): number {
    const words = fields.map(([start, end]) => wordCount(message.slice(start, end)))
    const shape = this.shapes.get(key)
    if (shape === undefined) {
      this.shapes.set(key, this.counts.length)
      this.counts.push(words)
      return this.counts.length - 1
    }
    const seen = this.counts[shape] as number[]
    words.forEach((count, k) => {
      if (seen[k] !== count) seen[k] = -1
    })
    return shape
  }
}

/** A token (a run of characters that are not delimiters, as discovery-tokens.ts cuts them) holding a digit. */
const VALUE_TOKEN = /[^\s|,;=[\](){}<>"':]*\p{Nd}[^\s|,;=[\](){}<>"':]*/gu

export function wordCount(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length
}
