/**
 * The templates one key of the literal index leads to, split further when there are many: templates
 * sharing a prefix (or a word, or a suffix) differ in some other literal, so each goes under the
 * feature of its other literals (literal-features.ts) that the fewest of its bucket share, and a
 * message reaches only the groups whose feature it has. Every template is kept under a feature
 * every message it matches has, so no template that matches is ever left out.
 *
 * Steps (build, for a bucket of more than SPLIT_ABOVE_ITEMS templates):
 * 1. count, per feature, the templates of the bucket that have it;
 * 2. file each template under its rarest feature, unless every template of the bucket has that one
 *    too (it would tell nothing): then it stays in the bucket's own list, reached with the bucket;
 * 3. split each group again the same way (without the feature it was filed under), at most
 *    MAX_SPLIT_DEPTH levels deep; each group is smaller than its bucket, so this ends;
 * 4. where some features are already looked for in the whole message when the bucket is reached (for
 *    the buckets of whole words, literal-index.ts step 4: the words the scanner looks for anyway), the
 *    templates step 2 leaves in the bucket's own list (in a small bucket, all of them) go under the
 *    rarest of those features they have, even one they all share: it costs no scan, and a message
 *    without it skips them. Each level drops the feature it files by, and MAX_SPLIT_DEPTH still holds.
 */
import type { Compiled } from './literal-compiled.ts'
import type { FeatureScanner } from './literal-scanner.ts'

/** Buckets of at most this many templates are not split: checking them costs less than scanning the message. */
const SPLIT_ABOVE_ITEMS = 4
/** Most levels of splitting under one key of the index. */
const MAX_SPLIT_DEPTH = 4

/** A template with the ids of the features (see literal-features.ts) its matches must have, beyond its bucket's key. */
export interface BucketEntry {
  readonly compiled: Compiled
  readonly features: readonly number[]
}

/** Templates one key leads to: `items` always, and each child whose feature the message has. */
export interface Bucket {
  readonly items: readonly Compiled[]
  readonly children: ReadonlyMap<number, Bucket> | undefined
  /** The kinds of the children's features (bits of KIND_BITS): the scanner looks for no other kind for this bucket. */
  readonly kinds: number
  /** The children's features and the children again, as arrays: a loop over them is cheaper than iterating the map. */
  readonly features: readonly number[]
  readonly nodes: readonly Bucket[]
}

/** The feature of `entry` the fewest entries have, if fewer than `below` (among those `allowed` allows, when given). */
function rarestFeature(entry: BucketEntry, counts: ReadonlyMap<number, number>, below: number, allowed?: (feature: number) => boolean): number | undefined {
  let best: number | undefined
  let bestCount = below
  for (const feature of entry.features) {
    const count = counts.get(feature) as number
    if (count < bestCount && (allowed === undefined || allowed(feature))) [best, bestCount] = [feature, count]
  }
  return best
}

/**
 * Builds a bucket from its entries (see the file comment); `kindOf` gives a feature's bit of KIND_BITS.
 * `free` tells the features the message is already scanned for, wholly, when the bucket is reached:
 * looking one up costs no scan, so a template that would stay in the bucket's own list (a small bucket,
 * or its features shared by all) goes under one of those instead, a filter a message without it skips.
 */
export function createBucket(entries: readonly BucketEntry[], kindOf: (feature: number) => number, free?: (feature: number) => boolean, depth = 0): Bucket {
  const small = entries.length <= SPLIT_ABOVE_ITEMS
  if ((small && free === undefined) || depth >= MAX_SPLIT_DEPTH) return { items: entries.map((e) => e.compiled), children: undefined, kinds: 0, features: [], nodes: [] }
  const counts = new Map<number, number>()
  for (const entry of entries) for (const feature of entry.features) counts.set(feature, (counts.get(feature) ?? 0) + 1)
  const items: Compiled[] = []
  const groups = new Map<number, BucketEntry[]>()
  for (const entry of entries) {
    const split = small ? undefined : rarestFeature(entry, counts, entries.length)
    // a free feature shared by every entry still filters them all
    const feature = split ?? (free === undefined ? undefined : rarestFeature(entry, counts, entries.length + 1, free))
    if (feature === undefined) {
      items.push(entry.compiled)
      continue
    }
    const rest = { compiled: entry.compiled, features: entry.features.filter((f) => f !== feature) }
    const group = groups.get(feature)
    if (group === undefined) groups.set(feature, [rest])
    else group.push(rest)
  }
  if (groups.size === 0) return { items, children: undefined, kinds: 0, features: [], nodes: [] }
  const children = new Map<number, Bucket>()
  let kinds = 0
  for (const [feature, group] of groups) {
    children.set(feature, createBucket(group, kindOf, free, depth + 1))
    kinds |= kindOf(feature)
  }
  return { items, children, kinds, features: [...children.keys()], nodes: [...children.values()] }
}

/**
 * Appends to `out` the templates of `bucket` the message can match; `from` is where their features
 * can begin in the message (after the prefix they share), so the scanner reads no more than that.
 */
export function selectBucket(bucket: Bucket, message: string, from: number, scanner: FeatureScanner, out: Compiled[]): void {
  const items = bucket.items
  for (let i = 0; i < items.length; i++) out.push(items[i] as Compiled)
  const children = bucket.children
  if (children === undefined) return
  scanner.scan(message, from, bucket.kinds)
  // walk whichever is smaller: the bucket's features or the message's (all its features of the bucket's kinds that lie after `from`: found already)
  const { present, presentCount } = scanner
  if (children.size <= presentCount) {
    const { features, nodes } = bucket
    for (let i = 0; i < features.length; i++) if (scanner.has(features[i] as number)) selectBucket(nodes[i] as Bucket, message, from, scanner, out)
    return
  }
  for (let i = 0; i < presentCount; i++) {
    const child = children.get(present[i] as number)
    if (child !== undefined) selectBucket(child, message, from, scanner, out)
  }
}

/** Adds to `into` the features `bucket` splits by, at any depth. */
export function collectSplitFeatures(bucket: Bucket, into: Set<number>): void {
  for (const [feature, child] of bucket.children ?? []) {
    into.add(feature)
    collectSplitFeatures(child, into)
  }
}
