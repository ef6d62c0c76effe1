/**
 * Finds which features (literal-features.ts) a message has: its tokens (literal-tokens.ts) are
 * looked up in a table per kind of feature (literal-heads.ts), each token at most once per kind,
 * from the position the literal index asks for and only for the kinds it asks for (a bucket split
 * by whole words alone costs no token-start probes); the message's end is looked up once. The work
 * follows the message's length, not the number of features.
 */
import { KIND_BITS, type Feature, type FeatureKind } from './literal-features.ts'
import { createHeadSet, probeBackwards, probeForwards, type Keyed } from './literal-heads.ts'
import { createMessageTokens } from './literal-tokens.ts'

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

/** A scanner for the features of `features` (by id) that are in `used`. */
export function createFeatureScanner(features: readonly Feature[], used: ReadonlySet<number>): FeatureScanner {
  const byKind: Record<FeatureKind, Keyed[]> = { word: [], 'token-start': [], 'token-end': [], 'message-end': [] }
  for (const id of used) byKind[(features[id] as Feature).kind].push({ text: (features[id] as Feature).text, id })
  const [words, starts] = [createHeadSet(byKind.word, false, true), createHeadSet(byKind['token-start'], false)]
  const [ends, messageEnds] = [createHeadSet(byKind['token-end'], true), createHeadSet(byKind['message-end'], true)]
  const [hasStarts, hasEnds] = [byKind['token-start'].length > 0, byKind['token-end'].length > 0]
  const tokens = createMessageTokens()
  const found = createFoundSet(features.length)
  const mark = found.mark
  // tokens from these indexes on were probed for words, token starts and token ends; -1 before the message is read
  let [wordsFrom, startsFrom, endsFrom, messageEndProbed] = [-1, -1, -1, false]
  const begin = (message: string): void => {
    found.clear()
    tokens.read(message)
    ;[wordsFrom, startsFrom, endsFrom, messageEndProbed] = [tokens.count, tokens.count, tokens.count, false]
  }
  const scanWords = (message: string, from: number): void => {
    if (wordsFrom === -1) begin(message)
    // the tokens ending after `from` are a tail of the list
    const { starts: tokenStarts, ends: tokenEnds } = tokens
    while (wordsFrom > 0 && (tokenEnds[wordsFrom - 1] as number) > from) {
      wordsFrom -= 1
      probeForwards(words, undefined, message, tokenStarts[wordsFrom] as number, tokenEnds[wordsFrom] as number, mark)
    }
  }
  const scanStarts = (message: string, from: number): void => {
    const { starts: tokenStarts, ends: tokenEnds } = tokens
    while (startsFrom > 0 && (tokenEnds[startsFrom - 1] as number) > from) {
      startsFrom -= 1
      // tokens not yet probed for words are probed for them here too, from the same head hash
      probeForwards(startsFrom < wordsFrom ? words : undefined, starts, message, tokenStarts[startsFrom] as number, tokenEnds[startsFrom] as number, mark)
    }
    // every token from startsFrom on is now probed for words too (wordsFrom <= startsFrom held before)
    wordsFrom = Math.min(wordsFrom, startsFrom)
  }
  const scanEnds = (message: string, from: number): void => {
    const { starts: tokenStarts, ends: tokenEnds } = tokens
    while (endsFrom > 0 && (tokenEnds[endsFrom - 1] as number) > from) {
      endsFrom -= 1
      probeBackwards(ends, message, tokenStarts[endsFrom] as number, tokenEnds[endsFrom] as number, mark)
    }
  }
  return {
    reset() {
      wordsFrom = -1
    },
    scanWords,
    scan(message, from, kinds) {
      if (wordsFrom === -1) begin(message)
      if ((kinds & KIND_BITS['message-end']) !== 0 && !messageEndProbed) {
        probeBackwards(messageEnds, message, 0, message.length, mark)
        messageEndProbed = true
      }
      if ((kinds & KIND_BITS['token-start']) !== 0 && hasStarts) scanStarts(message, from)
      if ((kinds & KIND_BITS['token-end']) !== 0 && hasEnds) scanEnds(message, from)
      if ((kinds & KIND_BITS.word) !== 0) scanWords(message, from)
    },
    get present() {
      return found.ids
    },
    get presentCount() {
      return found.count
    },
    has: (id) => found.has(id),
  }
}
