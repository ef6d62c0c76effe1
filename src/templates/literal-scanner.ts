/**
 * Finds which features (literal-features.ts) a message has: its tokens (literal-tokens.ts) are
 * looked up in a table per kind of feature (literal-heads.ts), each token at most once per kind,
 * from the position the literal index asks for and only for the kinds it asks for (a bucket split
 * by whole words alone costs no token-start probes); the message's end is looked up once. The work
 * follows the message's length, not the number of features.
 */
import { KIND_BITS, type Feature, type FeatureKind } from './literal-features.ts'
import { createHeadSet, probeBackwards, probeForwards, type HeadSet, type Keyed } from './literal-heads.ts'
import { createMessageTokens, type MessageTokens } from './literal-tokens.ts'

/** Which features one message has; valid after a scan until the next `reset`. */
export interface FeatureScanner {
  /** Forgets the last message. */
  reset(): void
  /**
   * Finds the `word` features that lie at or after `from` (UTF-16 units) in the message, reading
   * only the tokens earlier calls since `reset` did not. Tokens running across `from` are read
   * whole, so it may find more than asked, never less.
   */
  scanWords(message: string, from: number): void
  /**
   * Finds the features of the kinds `kinds` (bits of KIND_BITS) that lie at or after `from` (and the
   * `message-end` ones, when asked), as `scanWords` does; each token is probed at most once per kind.
   */
  scan(message: string, from: number, kinds: number): void
  /** Ids of the features found, each once, in no particular order: `present[0]` to `present[presentCount - 1]`. */
  readonly present: Int32Array
  readonly presentCount: number
  /** True when feature `id` was found. */
  has(id: number): boolean
}

/** Feature ids found in the current message, each once; `clear` forgets them without touching each one. */
interface FoundSet {
  readonly mark: (id: number) => void
  clear(): void
  has(id: number): boolean
  readonly ids: Int32Array
  readonly count: number
}

function createFoundSet(size: number): FoundSet {
  // an id is found when its stamp is the current epoch: clearing is one increment
  const stamps = new Uint32Array(size)
  let ids = new Int32Array(16)
  let count = 0
  let epoch = 1
  return {
    mark(id) {
      if (stamps[id] === epoch) return
      stamps[id] = epoch
      if (count === ids.length) {
        const more = new Int32Array(count * 2)
        more.set(ids)
        ids = more
      }
      ids[count++] = id
    },
    clear() {
      count = 0
      if (++epoch === 0xffff_ffff) {
        stamps.fill(0)
        epoch = 1
      }
    },
    has: (id) => stamps[id] === epoch,
    get ids() {
      return ids
    },
    get count() {
      return count
    },
  }
}

/** The tables of the features a scanner looks for, one per kind, and its progress through the current message. */
interface ScanState {
  readonly words: HeadSet
  readonly starts: HeadSet
  readonly ends: HeadSet
  readonly messageEnds: HeadSet
  readonly hasStarts: boolean
  readonly hasEnds: boolean
  readonly tokens: MessageTokens
  readonly found: FoundSet
  /** tokens from these indexes on were probed for words, token starts and token ends; wordsFrom is -1 before the message is read */
  wordsFrom: number
  startsFrom: number
  endsFrom: number
  messageEndProbed: boolean
}

function createScanState(features: readonly Feature[], used: ReadonlySet<number>): ScanState {
  const byKind: Record<FeatureKind, Keyed[]> = { word: [], 'token-start': [], 'token-end': [], 'message-end': [] }
  for (const id of used) byKind[(features[id] as Feature).kind].push({ text: (features[id] as Feature).text, id })
  return {
    words: createHeadSet(byKind.word, false, true),
    starts: createHeadSet(byKind['token-start'], false),
    ends: createHeadSet(byKind['token-end'], true),
    messageEnds: createHeadSet(byKind['message-end'], true),
    hasStarts: byKind['token-start'].length > 0,
    hasEnds: byKind['token-end'].length > 0,
    tokens: createMessageTokens(),
    found: createFoundSet(features.length),
    wordsFrom: -1,
    startsFrom: -1,
    endsFrom: -1,
    messageEndProbed: false,
  }
}

function begin(state: ScanState, message: string): void {
  state.found.clear()
  state.tokens.read(message)
  state.wordsFrom = state.startsFrom = state.endsFrom = state.tokens.count
  state.messageEndProbed = false
}

function scanWords(state: ScanState, message: string, from: number): void {
  if (state.wordsFrom === -1) begin(state, message)
  // the tokens ending after `from` are a tail of the list
  const { starts: tokenStarts, ends: tokenEnds } = state.tokens
  while (state.wordsFrom > 0 && (tokenEnds[state.wordsFrom - 1] as number) > from) {
    state.wordsFrom -= 1
    probeForwards(state.words, undefined, message, tokenStarts[state.wordsFrom] as number, tokenEnds[state.wordsFrom] as number, state.found.mark)
  }
}

function scanStarts(state: ScanState, message: string, from: number): void {
  const { starts: tokenStarts, ends: tokenEnds } = state.tokens
  while (state.startsFrom > 0 && (tokenEnds[state.startsFrom - 1] as number) > from) {
    state.startsFrom -= 1
    const token = state.startsFrom
    // tokens not yet probed for words are probed for them here too, from the same head hash
    probeForwards(token < state.wordsFrom ? state.words : undefined, state.starts, message, tokenStarts[token] as number, tokenEnds[token] as number, state.found.mark)
  }
  // every token from startsFrom on is now probed for words too (wordsFrom <= startsFrom held before)
  state.wordsFrom = Math.min(state.wordsFrom, state.startsFrom)
}

function scanEnds(state: ScanState, message: string, from: number): void {
  const { starts: tokenStarts, ends: tokenEnds } = state.tokens
  while (state.endsFrom > 0 && (tokenEnds[state.endsFrom - 1] as number) > from) {
    state.endsFrom -= 1
    probeBackwards(state.ends, message, tokenStarts[state.endsFrom] as number, tokenEnds[state.endsFrom] as number, state.found.mark)
  }
}

function scan(state: ScanState, message: string, from: number, kinds: number): void {
  if (state.wordsFrom === -1) begin(state, message)
  if ((kinds & KIND_BITS['message-end']) !== 0 && !state.messageEndProbed) {
    probeBackwards(state.messageEnds, message, 0, message.length, state.found.mark)
    state.messageEndProbed = true
  }
  if ((kinds & KIND_BITS['token-start']) !== 0 && state.hasStarts) scanStarts(state, message, from)
  if ((kinds & KIND_BITS['token-end']) !== 0 && state.hasEnds) scanEnds(state, message, from)
  if ((kinds & KIND_BITS.word) !== 0) scanWords(state, message, from)
}

/** A scanner for the features of `features` (by id) that are in `used`. */
export function createFeatureScanner(features: readonly Feature[], used: ReadonlySet<number>): FeatureScanner {
  const state = createScanState(features, used)
  const found = state.found
  return {
    reset() {
      state.wordsFrom = -1
    },
    scanWords: (message, from) => scanWords(state, message, from),
    scan: (message, from, kinds) => scan(state, message, from, kinds),
    get present() {
      return found.ids
    },
    get presentCount() {
      return found.count
    },
    has: (id) => found.has(id),
  }
}
