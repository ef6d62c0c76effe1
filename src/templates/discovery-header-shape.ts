/**
 * Header detection without a log_format (issue 12: a user does not have Loghub's): a log line's
 * header is a run of fields (time, level, host, component, thread) that every line closes the same
 * way before its free-text content, with one of the usual field terminators: `": "`
 * (`... sshd[24200]: `), `" - "` (`... chrome.exe - `), `"] "` (`[Sun Dec 04 ...] [notice] `) or `"|"`
 * (`20171223-22:15:29:606|Step_LSC|30002312|`).
 *
 * Rule: for each terminator t and k = 1, 2, 3, the cut after the k-th t is a candidate when at least
 * MIN_COVERAGE of the messages have a k-th t on their first line, leaving content after it, and the
 * text before the cut is not one and the same on MIN_COVERAGE of the messages. The header is the
 * candidate with the latest median cut (the longest prefix all lines share in structure); no
 * candidate, no header. A line without its k-th t is all content.
 *
 * A header is a log line's: it sits on the message's first line (a t after a line break is in the
 * content, not a header field; multi-line messages such as SSE events `event: X\nid: Y\ndata: Z` would
 * otherwise take their field names for header fields), and it carries fields that change from line to
 * line (a time, a level, a thread). A prefix every line repeats word for word (`event: `) is literal
 * text the templates keep as such: taken for a header, its constant field would give every cluster a
 * slot-first fallback twin (discovery-header-fallback.ts) that no line needs.
 *
 * The header's tokens are then `header` tokens (discovery-tokens.ts): clustering names events by
 * content words only, so `[CommitProcessor:1:ZooKeeperServer@595] - Established session` and
 * `[QuorumPeer[myid=1]/...:ZooKeeperServer@595] - Established session` are one event.
 */

/** Field terminators a header may end with. */
const TERMINATORS = [': ', ' - ', '] ', '|'] as const
/** Most terminator occurrences a header spans. */
const MAX_FIELDS = 3
/** Share of the messages that must have the cut for it to be the header's end. */
export const MIN_COVERAGE = 0.99

/** Where content starts in a message: after the header detected from the training messages. */
export interface DetectedHeader {
  readonly terminator: string
  readonly occurrence: number
  contentStart(message: string): number | undefined
}

/** True when `\n` or `\r` stands in the message before `end`: only the prefix is read, not the whole message. */
function breaksBefore(message: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = message.charCodeAt(i)
    if (c === 10 || c === 13) return true
  }
  return false
}

/** UTF-16 offset after the k-th occurrence of t on the message's first line, when content follows it. */
function cutAfter(message: string, terminator: string, occurrence: number): number | undefined {
  let at = -terminator.length
  for (let k = 0; k < occurrence; k++) {
    at = message.indexOf(terminator, at + terminator.length)
    if (at === -1) return undefined
  }
  const cut = at + terminator.length
  if (cut >= message.length) return undefined
  // a header field never spans a line break (the file comment)
  // (`\n`, `\r\n` or a bare `\r`, which SSE also allows: review s36-review4)
  return breaksBefore(message, cut) ? undefined : cut
}

/** True when one prefix text is the whole header on at least MIN_COVERAGE of the messages. */
function constantPrefix(messages: readonly string[], cuts: readonly (number | undefined)[]): boolean {
  // the majority text (Boyer-Moore vote), then its count: no map of every prefix
  let candidate: string | undefined
  let votes = 0
  cuts.forEach((cut, i) => {
    if (cut === undefined) return
    const message = messages[i] as string
    if (votes === 0) {
      candidate = message.slice(0, cut)
      votes = 1
    } else votes += cut === candidate?.length && message.startsWith(candidate) ? 1 : -1
  })
  const majority = candidate
  if (majority === undefined) return false
  let same = 0
  cuts.forEach((cut, i) => {
    if (cut === majority.length && (messages[i] as string).startsWith(majority)) same++
  })
  return same >= MIN_COVERAGE * messages.length
}

/** The header the messages share (see the file comment), or undefined. */
export function detectHeader(messages: readonly string[]): DetectedHeader | undefined {
  if (messages.length === 0) return undefined
  let best: { terminator: string; occurrence: number; median: number } | undefined
  for (const terminator of TERMINATORS) {
    for (let occurrence = 1; occurrence <= MAX_FIELDS; occurrence++) {
      const found = messages.map((message) => cutAfter(message, terminator, occurrence))
      const cuts = found.filter((cut) => cut !== undefined)
      if (cuts.length < MIN_COVERAGE * messages.length) break
      // constant text is no header, but a later occurrence may still close one
      if (constantPrefix(messages, found)) continue
      cuts.sort((a, b) => a - b)
      const median = cuts[Math.floor(cuts.length / 2)] as number
      if (best === undefined || median > best.median) best = { terminator, occurrence, median }
    }
  }
  if (best === undefined) return undefined
  const { terminator, occurrence } = best
  return { terminator, occurrence, contentStart: (message) => cutAfter(message, terminator, occurrence) }
}
