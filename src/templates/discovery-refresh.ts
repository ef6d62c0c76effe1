/**
 * Rolling refresh of a discovered store (`discover --merge`): which templates each run's messages
 * used, eviction of those unused for `evictAfter` runs, and ids that are never given out twice.
 *
 * - Every template discovery adds records `lastUsedRun`: the provenance run (1-based) whose
 *   messages last used it (the run that added it counts as a use). A merge updates it for every
 *   template that matches a message of the new window, whether or not the encoder then chose it: a
 *   general template backing tighter ones (the fallback for value shapes not seen yet) is in use as
 *   long as the messages it covers keep coming.
 * - Every template also records `uses`: the messages that matched it, summed over runs (the run that
 *   added it counts its messages; a merge adds the window's messages that match it; a message that
 *   matches several templates counts for each).
 * - With `evictAfter` K, a template whose `lastUsedRun` is K or more runs back is dropped, unless its
 *   `uses` are at least `keepShare` of the store's total `uses` (a template that carried much of
 *   the traffic is idle for a while, not gone: bursty events recur). At most 1 / keepShare templates
 *   can hold that share, so the store stays bounded: the templates the last K windows matched or
 *   added, plus at most 1 / keepShare others. `keepShare` 0 turns the rule off. Templates without `lastUsedRun` (written by hand) are
 *   never evicted; a template without `uses` (a store written before it) counts 0.
 * - Kept templates keep their ids, so frames written with an older store still decode with a newer
 *   one as long as their template was kept. An evicted id is never reused: each run records the
 *   highest id given out (`highestId`), and new ids start after it, so an old frame of an evicted
 *   template fails to decode (unknown id) instead of decoding as another template.
 */
import { AuraError } from '../core/index.ts'
import { createMatcher } from './matcher.ts'
import { toTemplateStoreJson } from './store-json.ts'
import { parseTemplateStore } from './store-parse.ts'
import type { ProvenanceEntry, TemplateStore } from './store-types.ts'

/** The first id a run may give out: after every template id of the store and every id given out before. */
export function firstFreeId(existing: TemplateStore | undefined): number {
  if (existing === undefined) return 1
  let highest = 0
  for (const t of existing.templates) highest = Math.max(highest, t.id)
  for (const run of existing.provenance) highest = Math.max(highest, run.highestId ?? 0)
  return highest + 1
}

/**
 * Default `keepShare`: an idle template is kept while its uses are at least 0.2% of the store's (at
 * most 500 such templates). Chosen on fold A of the Loghub systems, reported on fold B
 * (bench/discovery-rolling.ts --sweep-share, docs/discovery.md "Rolling refresh").
 */
export const DEFAULT_KEEP_SHARE = 0.002

/** What recordUsage did. */
export interface UsageRecord {
  readonly store: TemplateStore
  readonly evicted: number
}

/**
 * The store with this run's usage recorded in `lastUsedRun` (the run is the store's last provenance
 * entry) and, with `evictAfter`, the templates unused for that many runs removed. `firstNewId` is
 * the first id this run added; `messages` the run's messages; `keepShare` the share of the store's
 * uses that keeps an idle template (0: the rule is off, idleness alone evicts).
 */
export function recordUsage(
  store: TemplateStore,
  messages: readonly string[],
  firstNewId: number,
  evictAfter: number | undefined,
  file: string,
  keepShare: number = DEFAULT_KEEP_SHARE,
): UsageRecord {
  const run = store.provenance.length
  const matched = run === 1 ? new Map<number, number>() : matchCounts(store, messages)
  const counted = store.templates.map((template) => {
    const count = matched.get(template.id) ?? 0
    const fresh = count > 0 || template.id >= firstNewId
    const lastUsedRun = fresh ? run : template.lastUsedRun
    if (lastUsedRun === undefined) return template
    return { ...template, lastUsedRun, uses: (template.uses ?? 0) + count }
  })
  const totalUses = counted.reduce((sum, t) => sum + (t.uses ?? 0), 0)
  const kept = []
  let evicted = 0
  for (const template of counted) {
    const { lastUsedRun } = template
    const idle = evictAfter !== undefined && lastUsedRun !== undefined && run - lastUsedRun >= evictAfter
    // a template never counted (a store written before `uses`) is not heavy, even when nothing is counted at all
    const uses = template.uses ?? 0
    const heavy = keepShare > 0 && uses > 0 && uses >= keepShare * totalUses
    if (idle && !heavy) {
      evicted++
      continue
    }
    kept.push(template)
  }
  if (kept.length === 0)
    throw new AuraError(
      'E_NO_TEMPLATES',
      `the refresh would evict all ${counted.length} templates (none used in the last ${evictAfter} runs) and found no new one: the result would be an empty store`,
      { field: 'corpus' },
      {
        hint: 'refresh with messages of the traffic the store serves, or a larger --evict-after; the store given to --merge is left as it was',
      },
    )
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

/** Template id -> how many of the messages it matches (ids that match none are absent). */
function matchCounts(store: TemplateStore, messages: readonly string[]): Map<number, number> {
  const matcher = createMatcher(store)
  const counts = new Map<number, number>()
  for (const message of messages)
    for (const id of new Set(matcher.match(message).map((m) => m.template.id)))
      counts.set(id, (counts.get(id) ?? 0) + 1)
  return counts
}
