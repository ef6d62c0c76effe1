/**
 * Header detection without a log_format (issue 12: a user does not have Loghub's): a log line's
 * header is a run of fields (time, level, host, component, thread) that every line closes the same
 * way before its free-text content, with one of the usual field terminators: `": "`
 * (`... sshd[24200]: `), `" - "` (`... chrome.exe - `), `"] "` (`[Sun Dec 04 ...] [notice] `) or `"|"`
 * (`20171223-22:15:29:606|Step_LSC|30002312|`).
 *
 * Rule: for each terminator t and k = 1, 2, 3, the cut after the k-th t is a candidate when at least
 * MIN_COVERAGE of the messages have a k-th t, leaving content after it. The header is the
 * candidate with the latest median cut (the longest prefix all lines share in structure); no
 * candidate, no header. A line without its k-th t is all content.
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

/** UTF-16 offset after the k-th occurrence of t, when content follows it. */
function cutAfter(message: string, terminator: string, occurrence: number): number | undefined {
  let at = -terminator.length
  for (let k = 0; k < occurrence; k++) {
    at = message.indexOf(terminator, at + terminator.length)
    if (at === -1) return undefined
  }
  const cut = at + terminator.length
  return cut < message.length ? cut : undefined
}

/** The header the messages share (see the file comment), or undefined. */
export function detectHeader(messages: readonly string[]): DetectedHeader | undefined {
  if (messages.length === 0) return undefined
  let best: { terminator: string; occurrence: number; median: number } | undefined
  for (const terminator of TERMINATORS) {
    for (let occurrence = 1; occurrence <= MAX_FIELDS; occurrence++) {
      const cuts: number[] = []
      for (const message of messages) {
        const cut = cutAfter(message, terminator, occurrence)
        if (cut !== undefined) cuts.push(cut)
      }
      if (cuts.length < MIN_COVERAGE * messages.length) break
      cuts.sort((a, b) => a - b)
      const median = cuts[Math.floor(cuts.length / 2)] as number
      if (best === undefined || median > best.median) best = { terminator, occurrence, median }
    }
  }
  if (best === undefined) return undefined
  const { terminator, occurrence } = best
  return { terminator, occurrence, contentStart: (message) => cutAfter(message, terminator, occurrence) }
}
