/** The matcher's public shapes: what createMatcher returns (matcher.ts) and what its callers hand it. */
import type { Template, TemplateStore } from './store-types.ts'

/** One template matching a message, with the slot values indexed by placeholder number. */
export interface TemplateMatch {
  readonly template: Template
  readonly values: string[]
}

/**
 * One template matching a message, with where each slot value lies in the message: value `i` (by
 * placeholder number) is message.slice(spans[2i], spans[2i + 1]), never taken out as a string here.
 * Owned by the matcher: valid until its next call.
 */
export interface TemplateSpans {
  readonly template: Template
  readonly spans: Int32Array
}

/** Matches messages against one store. */
export interface TemplateMatcher {
  readonly store: TemplateStore
  /**
   * Every template matching the message, ascending id. `bytes`, when given, must be the message's
   * UTF-8 (they are what the index reads; without them the message is encoded first).
   */
  match(message: string, bytes?: Uint8Array): TemplateMatch[]
  /**
   * match, less the templates whose frame cannot beat one already matched: a candidate that is a twin
   * (template-twins.ts) of a template that matched, with a header at least as long
   * (`headerSizeBytes`), is not matched. Candidates are tried fewest slots first, so the specific
   * template comes before its twins. Ascending id. The smallest frame among
   * these is the smallest among all matches whenever the twins would split the message as the
   * specific template does (their usual split; see docs/speed.md for how often it differs).
   * The values are ranges of the message (see TemplateSpans), and the result is valid until the next call.
   */
  matchSpecific(
    message: string,
    bytes: Uint8Array | undefined,
    headerSizeBytes: (templateId: number) => number,
  ): readonly TemplateSpans[]
  /**
   * matchSpecific for a caller that chooses among the matches as they come (the frame encoder): the
   * candidates are tried least lower bound first (see preBoundBytes), each match handed to
   * `chooser.take`, and a candidate whose bound grows with the message (a first value that takes a
   * byte per unit, the header-fallback templates' `{0}]: ...`) is not matched when `chooser.refuses` its
   * bound. The per-message step budget is spent in this order.
   */
  matchEachSpecific(
    message: string,
    bytes: Uint8Array | undefined,
    headerSizeBytes: (templateId: number) => number,
    chooser: MatchChooser,
  ): void
  /** The templates the index selects before the full check (diagnostics, and tests of the index). */
  candidates(message: string): Template[]
  /**
   * The candidates the index selects for the message whose UTF-8 is `bytes` (kept from mayMatchBytes
   * of the same bytes), without matching them; kept for a matchSpecific of the same bytes right after.
   * Owned by the matcher: valid until its next call. For the frame encoder's compiled templates.
   */
  selection(message: string, bytes: Uint8Array): readonly { readonly template: Template }[]
  /**
   * False when no template can match the message these UTF-8 bytes encode (its first and last byte,
   * or the anchor words among its tokens, rule them all out), so it need not be decoded. When true,
   * the candidates found are kept for a `match` of the same bytes right after (not selected twice).
   */
  mayMatchBytes(bytes: Uint8Array): boolean
}

/** What matchEachSpecific asks before it matches a candidate, and tells of each match. */
export interface MatchChooser {
  /** True when a template whose body takes at least `boundBytes` (its header not counted) cannot be chosen: it is not matched then. */
  refuses(templateId: number, boundBytes: number): boolean
  /** A match; its spans are valid until the matcher's next call. */
  take(match: TemplateSpans): void
}
