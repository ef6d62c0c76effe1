/**
 * Values that are random by construction, and what no coder sharing a training half can avoid
 * sending for them (bench/json-random-floor.ts). The argument, for one held-out message M encoded
 * on its own (as every frame of the goal is) by a coder that knows the training half T, and the
 * dictionary made from it, but nothing else of these repositories:
 *
 * - R = the distinct counted tokens of M, in order of first occurrence, is a function of M: a frame
 *   the decoder turns back into M also gives R. So E[frame bytes] >= H(R | T) / 8 - 1 byte (the
 *   byte strings shorter than k bytes are fewer than 256^k / 255, so a one-to-one code, even one
 *   whose length the transport carries, is short for few values of a uniform R; see `floorBytes`).
 * - H(R | T) is the sum of the counted bits when the counted tokens are uniform and independent of
 *   each other and of T. Counted: 40-hex (git object ids: SHA-1 of an object; OAuth tokens), 64-hex
 *   (SHA-256) and UUID v4 (122 random bits), and only where
 *   - the token occurs nowhere in T nor in the dictionary (else its bits are known);
 *   - it is not a well-known constant (git's empty blob and empty tree ids);
 *   - it is not held by an object of M that carries content an id could be computed from (keys in
 *     CONTENT_KEYS: a commit with its tree, parents, author and message; a tree with its entries; a
 *     blob with its content; a tag; a gist version): a hash whose preimage is in M is not
 *     independent of the other tokens (a commit's id follows from its tree and parent ids);
 *   - each of its characters is not covered by an 8-hex-character window that occurs in a hex run of
 *     T or the dictionary (an abbreviated id there tells its first characters): covered characters
 *     count nothing.
 * Not counted, though they may carry information: 32-hex (gravatar ids are MD5 of an e-mail address:
 * as random as the address, no more), node ids (base64 of a type and a sequential number, or of an
 * id counted here), numeric ids, timestamps, names, free text.
 */

/** One class of random-by-construction values: how to find them and how many bits a whole one holds. */
export interface RandomValueClass {
  name: string
  /** global; a match is the whole value, lowercase hex digits (UUIDs: with dashes) */
  pattern: RegExp
  bits: number
}

export const RANDOM_VALUE_CLASSES: readonly RandomValueClass[] = [
  { name: '40-hex', pattern: /(?<![0-9A-Za-z])[0-9a-f]{40}(?![0-9A-Za-z])/g, bits: 160 },
  { name: '64-hex', pattern: /(?<![0-9A-Za-z])[0-9a-f]{64}(?![0-9A-Za-z])/g, bits: 256 },
  {
    name: 'UUID v4',
    pattern: /(?<![0-9A-Za-z])[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}(?![0-9A-Za-z])/g,
    bits: 122,
  },
]

/** git's empty blob and empty tree: anyone can compute them. */
export const WELL_KNOWN_IDS: ReadonlySet<string> = new Set([
  'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
  '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
])

/** An object with one of these keys may hold what its own id hashes (commit, tree, blob, tag, gist version, file diff). */
export const CONTENT_KEYS: ReadonlySet<string> = new Set([
  'commit',
  'tree',
  'parents',
  'content',
  'message',
  'tagger',
  'object',
  'files',
  'committed_at',
  'change_status',
  'patch',
])

const WINDOW_CHARS = 8
const HEX_RUN = /[0-9a-f]{8,}/g

/** The 8-character windows of every run of 8+ hex digits in `texts` (lowercased): what a training half tells of any id. */
export function hexWindows(texts: Iterable<string>): Set<string> {
  const windows = new Set<string>()
  for (const text of texts)
    for (const run of text.toLowerCase().matchAll(HEX_RUN))
      for (let i = 0; i + WINDOW_CHARS <= run[0].length; i++) windows.add(run[0].slice(i, i + WINDOW_CHARS))
  return windows
}

/** What the training side knows: its texts (joined, for containment) and their hex windows. */
export interface KnownText {
  text: string
  windows: ReadonlySet<string>
}

export function knownText(texts: readonly string[]): KnownText {
  return { text: texts.join('\n').toLowerCase(), windows: hexWindows(texts) }
}

/** One counted token and its bits. */
export interface CountedValue {
  value: string
  className: string
  bits: number
}

/** The distinct counted tokens of one message and the ones left out, by reason. */
export interface MessageCount {
  counted: CountedValue[]
  inTraining: number
  wellKnown: number
  contentObject: number
  /** every distinct token not in the training side, whole bits, no other exclusion (what no argument from these values can exceed) */
  newWholeBits: number
}

/** Tokens held by the direct string values of an object with a content key, anywhere in `json`. */
function contentObjectTokens(json: unknown, found: Set<string>): void {
  if (Array.isArray(json)) for (const item of json) contentObjectTokens(item, found)
  else if (json !== null && typeof json === 'object') {
    const entries = Object.entries(json)
    if (entries.some(([key]) => CONTENT_KEYS.has(key)))
      for (const [, v] of entries) if (typeof v === 'string') for (const t of tokensOf(v)) found.add(t.value)
    for (const [, v] of entries) contentObjectTokens(v, found)
  }
}

function tokensOf(text: string): { value: string; cls: RandomValueClass }[] {
  const found: { value: string; cls: RandomValueClass }[] = []
  for (const cls of RANDOM_VALUE_CLASSES) for (const m of text.matchAll(cls.pattern)) found.push({ value: m[0], cls })
  return found
}

/** Bits of `value` not covered by a known 8-hex window (each hex digit 4 bits, shared among a UUID's 122). */
function uncoveredBits(value: string, cls: RandomValueClass, windows: ReadonlySet<string>): number {
  const hex = value.replaceAll('-', '')
  const covered = new Array<boolean>(hex.length).fill(false)
  for (let i = 0; i + WINDOW_CHARS <= hex.length; i++)
    if (windows.has(hex.slice(i, i + WINDOW_CHARS))) covered.fill(true, i, i + WINDOW_CHARS)
  const free = covered.filter((c) => !c).length
  return (cls.bits * free) / hex.length
}

/**
 * The random-by-construction tokens of `message` a coder knowing `known` must still send, each
 * distinct one once. A message that is not JSON counts nothing (its objects cannot be checked).
 */
export function countRandomValues(message: string, known: KnownText): MessageCount {
  const result: MessageCount = { counted: [], inTraining: 0, wellKnown: 0, contentObject: 0, newWholeBits: 0 }
  let json: unknown
  try {
    json = JSON.parse(message)
  } catch {
    return result
  }
  const inContent = new Set<string>()
  contentObjectTokens(json, inContent)
  const seen = new Set<string>()
  for (const { value, cls } of tokensOf(message)) {
    if (seen.has(value)) continue
    seen.add(value)
    if (known.text.includes(value)) {
      result.inTraining++
      continue
    }
    result.newWholeBits += cls.bits
    if (WELL_KNOWN_IDS.has(value)) result.wellKnown++
    else if (inContent.has(value)) result.contentObject++
    else result.counted.push({ value, className: cls.name, bits: uncoveredBits(value, cls, known.windows) })
  }
  return result
}

/**
 * The fewest bytes a frame can average for a message whose counted tokens hold `bits` uniform bits:
 * bits / 8 - 1, and 0 when that is negative. For a uniform R over 2^bits values, fewer than
 * 256^k / 255 values have a frame shorter than k bytes, so E[bytes] >= sum over k >= 1 of
 * (1 - 256^k / (255 * 2^bits)) >= bits / 8 - 1.
 */
export function floorBytes(bits: number): number {
  return Math.max(0, bits / 8 - 1)
}
