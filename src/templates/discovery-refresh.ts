/**
 * Rolling refresh of a discovered store (`discover --merge`): which templates each run's messages
 * used, eviction of those unused for `evictAfter` runs, and ids that are never given out twice.
 *
 * - Every template discovery adds records `lastUsedRun`: the provenance run (1-based) whose
 *   messages last used it (the run that added it counts as a use). A merge updates it for every
 *   template that matches a message of the new window, whether or not the encoder then chose it: a
 *   general template backing tighter ones (the fallback for value shapes not seen yet) is in use as
 *   long as the messages it covers keep coming.
 * - With `evictAfter` K, a template whose `lastUsedRun` is K or more runs back is dropped. Templates
 *   without `lastUsedRun` (written by hand) are never evicted.
 * - Kept templates keep their ids, so frames written with an older store still decode with a newer
 *   one as long as their template was kept. An evicted id is never reused: each run records the
 *   highest id given out (`highestId`), and new ids start after it, so an old frame of an evicted
 *   template fails to decode (unknown id) instead of decoding as another template.
 */
import { createMatcher } from './matcher.ts'
import { parseTemplateStore, toTemplateStoreJson } from './store-parse.ts'
import type { ProvenanceEntry, TemplateStore } from './store-types.ts'

/** The first id a run may give out: after every template id of the store and every id given out before. */
export function firstFreeId(existing: TemplateStore | undefined): number {
  if (existing === undefined) return 1
  let highest = 0
  for (const t of existing.templates) highest = Math.max(highest, t.id)
  for (const run of existing.provenance) highest = Math.max(highest, run.highestId ?? 0)
  return highest + 1
}

/** What recordUsage did. */
export interface UsageRecord {
  readonly store: TemplateStore
  readonly evicted: number
}

/**
 * The store with this run's usage recorded in `lastUsedRun` (the run is the store's last provenance
 * entry) and, with `evictAfter`, the templates unused for that many runs removed. `firstNewId` is
 * the first id this run added; `messages` the run's messages.
 */
export function recordUsage(
  store: TemplateStore,
  messages: readonly string[],
  firstNewId: number,
  evictAfter: number | undefined,
  file: string,
): UsageRecord {
  const run = store.provenance.length
  const used = run === 1 ? new Set<number>() : matchedIds(store, messages)
  const kept = []
  let evicted = 0
  for (const template of store.templates) {
    const lastUsedRun = used.has(template.id) || template.id >= firstNewId ? run : template.lastUsedRun
    if (evictAfter !== undefined && lastUsedRun !== undefined && run - lastUsedRun >= evictAfter) {
      evicted++
      continue
    }
    kept.push(lastUsedRun === undefined ? template : { ...template, lastUsedRun })
  }
  const last = store.provenance[run - 1] as ProvenanceEntry
  const highestId = Math.max(firstNewId - 1, ...store.templates.map((t) => t.id))
  const entry: ProvenanceEntry = {
    ...last,
    highestId,
    ...(evictAfter === undefined ? {} : { evictedTemplates: evicted }),
  }
  const json = toTemplateStoreJson({ ...store, templates: kept, provenance: [...store.provenance.slice(0, -1), entry] })
  return { store: parseTemplateStore(json, file), evicted }
}

/** Ids of the templates that match at least one of the messages. */
function matchedIds(store: TemplateStore, messages: readonly string[]): Set<number> {
  const matcher = createMatcher(store)
  const used = new Set<number>()
  for (const message of messages) for (const match of matcher.match(message)) used.add(match.template.id)
  return used
}
