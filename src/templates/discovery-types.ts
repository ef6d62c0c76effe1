/** Options, results and inputs of template discovery (discovery.ts). */
import type { TemplateStore } from './store-types.ts'

/** Options of discoverTemplates; every one has a default. */
export interface DiscoveryOptions {
  /** store name; default the extended store's name, else `discovered` */
  readonly name?: string
  /** most templates to add; default 5000 */
  readonly maxTemplates?: number
  /** fewest training messages a template needs; default 1 */
  readonly minSupport?: number
  /** a word column with at most this many words that pairs with no other is split into events; default 2 */
  readonly maxSplitWords?: number
  /** Loghub log_format of the lines' header (`<Date> <Time> <Level> <Component>: <Content>`); default none */
  readonly header?: string
  /** without `header`: detect a header the lines share by its shape (discovery-header-shape.ts); default true */
  readonly detectHeader?: boolean
  /** draft JSON object and array messages from their key structure (discovery-json.ts); default true */
  readonly jsonAware?: boolean
  /** store to extend: its templates and ids are kept, new ones are appended */
  readonly existing?: TemplateStore
  /** with `existing`: drop its templates that no message used for this many runs, this one included (discovery-refresh.ts); default none */
  readonly evictAfter?: number
  /** with `evictAfter`: an idle template is kept while its uses are at least this share of the store's, 0: off (discovery-refresh.ts); default 0.002 */
  readonly evictKeepShare?: number
  /** corpus path for the provenance record; default `<messages>` */
  readonly corpus?: string
  /** ISO-8601 time for the provenance record; default `1970-01-01T00:00:00.000Z` (pass the real time: discovery reads no clock) */
  readonly createdAt?: string
  /** more facts for the provenance record's options (which part of the corpus was read, ...) */
  readonly provenanceOptions?: Readonly<Record<string, string | number | boolean>>
  /** called as discovery goes (messages clustered, clusters drafted, messages verified) */
  readonly onProgress?: (progress: DiscoveryProgress) => void
}

/** Where discovery is. */
export interface DiscoveryProgress {
  readonly phase: 'cluster' | 'draft' | 'verify'
  readonly done: number
  readonly total: number
}

/** The discovered store and what discovery saw. */
export interface DiscoveryResult {
  readonly store: TemplateStore
  /** event label per input message (the grouping that grouping accuracy scores) */
  readonly events: readonly string[]
  /** template id per input message in the final store, or undefined when no template encodes it */
  readonly templateIds: readonly (number | undefined)[]
  readonly stats: DiscoveryStats
}

/** Counts of a discovery run. */
export interface DiscoveryStats {
  readonly messages: number
  readonly events: number
  readonly drafts: number
  /** templates added to the store */
  readonly addedTemplates: number
  /** drafts dropped by minSupport, maxTemplates, a repeated pattern or an unusable pattern */
  readonly droppedDrafts: number
  /** of those, tight drafts maxTemplates left out (usable, new, at or above minSupport; round 38) */
  readonly cappedDrafts: number
  /** the training messages the capped drafts were drafted from (an upper bound of what a larger cap covers) */
  readonly cappedMessages: number
  /** training messages some template of the final store encodes */
  readonly coveredMessages: number
  /** messages that are not JSON and longer than MAX_TEMPLATED_TEXT_BYTES: left out of templating */
  readonly longMessages: number
  /** templates of the extended store dropped by evictAfter */
  readonly evictedTemplates: number
}

/** Defaults of DiscoveryOptions. */
export const DISCOVERY_DEFAULTS = { maxTemplates: 5000, minSupport: 1, maxSplitWords: 2 } as const

/**
 * A corpus discovery reads more than once, in the same order each time (discover streams its corpus
 * file instead of holding it). A read visits the messages `wants` accepts (all when it is undefined),
 * in corpus order, each with its 0-based index among the corpus's messages; every read must find the
 * same messages at the same indexes. `wants` may be asked more than once per message and may turn
 * false for a message as earlier ones are visited, never back to true.
 */
export interface MessageSource {
  read(request: ReadRequest): Promise<void>
}

/** One read of the corpus discovery asks for (see MessageSource). */
export interface ReadRequest {
  readonly wants?: (index: number) => boolean
  readonly visit: (text: string, index: number) => void
}
