/**
 * Drafting and selection of templates (steps 2 and 3 of discovery.ts): one draft per cluster of log
 * lines and exact separators, tighter ones per value shape, fallbacks; then the usable, new,
 * supported drafts, most messages first.
 */
import type { Clustering, ClusterMember } from './discovery-cluster.ts'
import { generalizeEvent } from './discovery-generalize.ts'
import { headerFallbackNeed } from './discovery-header-fallback.ts'
import { draftTemplate, draftWithWholeDates, splitByValueShape, type DraftTemplate } from './discovery-pattern.ts'
import { parsePattern } from './pattern.ts'
import type { SlotSpec, TemplateStore } from './store-types.ts'

/** A template drafted from an event's messages. */
export interface Draft {
  readonly pattern: string
  readonly slots: readonly SlotSpec[]
  readonly event: number
  readonly support: number
  readonly firstIndex: number
  /** kept even when no training message ends up encoded with it (the fallback of tighter drafts) */
  readonly keep: boolean
}

/** One draft per cluster and exact separators, tighter ones per value shape, a general one per many-shaped event (step 2). */
export function draftAll(clustering: Clustering, onCluster: (done: number) => void): Draft[] {
  const drafts: Draft[] = []
  const events = new Map<number, { words: readonly string[]; shapes: DraftTemplate[]; members: ClusterMember[] }>()
  const needsHeaderFallback = headerFallbackNeed(clustering.clusters)
  clustering.clusters.forEach((cluster, done) => {
    const event = events.get(cluster.event) ?? { words: cluster.words, shapes: [], members: [] }
    events.set(cluster.event, event)
    // one at a time: a spread of a large cluster's members overflows the call's argument limit
    for (const member of cluster.members) event.members.push(member)
    for (const members of separatorVariants(cluster.members)) {
      const general = draftTemplate(members, clustering.isValueWord)
      const shapes = splitByValueShape(members)
      event.shapes.push(general)
      // the general draft stays as the fallback of the tighter ones, for values of a shape not seen yet
      drafts.push({
        ...general,
        event: cluster.event,
        support: members.length,
        firstIndex: (members[0] as ClusterMember).index,
        keep: shapes.length > 0,
      })
      for (const shape of shapes) {
        drafts.push({
          ...draftTemplate(shape, clustering.isValueWord),
          event: cluster.event,
          support: shape.length,
          firstIndex: (shape[0] as ClusterMember).index,
          keep: false,
        })
      }
      // a date column cut at its marks keeps a fallback with the date one slot: a later `never` or `-` there
      const wholeDates = draftWithWholeDates(members, clustering.isValueWord)
      if (wholeDates !== undefined)
        drafts.push({
          ...wholeDates,
          event: cluster.event,
          support: members.length,
          firstIndex: (members[0] as ClusterMember).index,
          keep: true,
        })
      // header words (a host) constant in training stay literal above; a fallback with them as slots takes a line from another host
      // (discovery-header-fallback.ts: not where a header place names the event, as a component does)
      const first = members[0] as ClusterMember
      if (first.hasRole('header') && needsHeaderFallback(first)) {
        const open = draftTemplate(
          members,
          (member, column) => member.role(column) === 'header' || clustering.isValueWord(member, column),
        )
        if (open.pattern !== general.pattern)
          drafts.push({
            ...open,
            event: cluster.event,
            support: members.length,
            firstIndex: (members[0] as ClusterMember).index,
            keep: true,
          })
      }
    }
    onCluster(done + 1)
  })
  // a column split on as naming events keeps a template with a slot there, for a word training never saw there
  const eventOfMember = new Map<number, number>()
  for (const cluster of clustering.clusters) for (const m of cluster.members) eventOfMember.set(m.index, cluster.event)
  for (const opening of clustering.openings) {
    for (const members of separatorVariants(opening)) {
      const first = members[0] as ClusterMember
      drafts.push({
        ...draftTemplate(members, clustering.isValueWord),
        event: eventOfMember.get(first.index) as number,
        support: members.length,
        firstIndex: first.index,
        keep: true,
      })
    }
  }
  for (const [event, { words, shapes, members }] of events) {
    const general = generalizeEvent(
      shapes,
      words,
      // rebuilt from the members when read (an event of one shape never reads them): discovery does not
      // hold the messages' text past clustering (discovery-members.ts)
      memberTexts(members),
    )
    if (general !== undefined)
      drafts.push({
        ...general,
        event,
        support: members.length,
        firstIndex: lowestIndex(members),
        keep: true,
      })
  }
  return drafts
}

function* memberTexts(members: readonly ClusterMember[]): Generator<string> {
  for (const member of members) yield member.text()
}

function lowestIndex(members: readonly ClusterMember[]): number {
  let lowest = Number.POSITIVE_INFINITY
  for (const member of members) lowest = Math.min(lowest, member.index)
  return lowest
}

function separatorVariants(members: readonly ClusterMember[]): ClusterMember[][] {
  const variants = new Map<string, ClusterMember[]>()
  for (const member of members) {
    const key = member.separatorKey()
    const variant = variants.get(key)
    if (variant === undefined) variants.set(key, [member])
    else variant.push(member)
  }
  return [...variants.values()]
}

/** Most messages first; ties: first seen, then tighter templates before their fallbacks. */
export function bySupport(a: Draft, b: Draft): number {
  return b.support - a.support || a.firstIndex - b.firstIndex || Number(a.keep) - Number(b.keep)
}

/** What the maxTemplates cap left out: usable, new, supported drafts past it (a tight draft's, not a fallback's). */
export interface CappedDrafts {
  readonly drafts: number
  /** the training messages those drafts were drafted from (some may be covered by another template) */
  readonly messages: number
}

/**
 * Step 3: usable, new, supported drafts, most messages first (ties: first seen), at most maxTemplates;
 * with the tight drafts the cap left out (round 38: discover names the cap only when it cut something).
 */
export function selectDrafts(
  drafts: readonly Draft[],
  existing: TemplateStore | undefined,
  minSupport: number,
  maxTemplates: number,
): { kept: Draft[]; capped: CappedDrafts } {
  const seen = new Set(existing?.templates.map((t) => t.pattern) ?? [])
  const ordered = [...drafts].sort(bySupport)
  const kept: Draft[] = []
  let [capped, cappedMessages] = [0, 0]
  for (const draft of ordered) {
    if (draft.support < minSupport) break
    if (seen.has(draft.pattern) || parsePattern(draft.pattern).status !== 'ok') continue
    seen.add(draft.pattern)
    if (kept.length < maxTemplates) kept.push(draft)
    else if (!draft.keep) [capped, cappedMessages] = [capped + 1, cappedMessages + draft.support]
  }
  return { kept, capped: { drafts: capped, messages: cappedMessages } }
}
