/**
 * Grouping accuracy as the Loghub benchmark defines it (Zhu et al., "Tools and Benchmarks for
 * Automated Log Parsing", ICSE-SEIP 2019): a message is correctly grouped when the set of messages
 * in its discovered group is exactly the set of messages sharing its ground-truth event. A group
 * that holds all of one event plus one stray message counts none of its messages as correct.
 */
import { AuraError } from '../core/index.ts'

/** Outcome of scoring a grouping against the truth. */
export interface GroupingAccuracy {
  /** correctly grouped messages / all messages, 0..1 */
  readonly accuracy: number
  readonly messages: number
  readonly correctMessages: number
  /** discovered groups and ground-truth events among the messages */
  readonly discoveredGroups: number
  readonly truthGroups: number
  /** discovered groups whose message set equals one event's set exactly */
  readonly exactGroups: number
}

/**
 * Scores `discovered[i]` (a group label per message) against `truth[i]` (the event id per message).
 * Labels are compared as strings; both lists must have one entry per message, in the same order.
 */
export function evaluateGroupingAccuracy(discovered: readonly string[], truth: readonly string[]): GroupingAccuracy {
  checkSameMessages(discovered, truth)
  const truthSizes = countLabels(truth)
  const groups = new Map<string, { size: number; truthLabel: string | undefined; pure: boolean }>()
  discovered.forEach((label, i) => {
    const truthLabel = truth[i] as string
    const group = groups.get(label)
    if (group === undefined) groups.set(label, { size: 1, truthLabel, pure: true })
    else {
      group.size++
      if (group.truthLabel !== truthLabel) group.pure = false
    }
  })
  let correctMessages = 0
  let exactGroups = 0
  for (const group of groups.values()) {
    // pure (one event only) and as large as that event: the two sets are equal
    if (!group.pure || group.truthLabel === undefined || truthSizes.get(group.truthLabel) !== group.size) continue
    correctMessages += group.size
    exactGroups++
  }
  const messages = truth.length
  return {
    accuracy: messages === 0 ? 0 : correctMessages / messages,
    messages,
    correctMessages,
    discoveredGroups: groups.size,
    truthGroups: truthSizes.size,
    exactGroups,
  }
}

/** E_SCHEMA unless the grouping and the truth have one label per message each. */
function checkSameMessages(discovered: readonly string[], truth: readonly string[]): void {
  if (discovered.length !== truth.length)
    throw new AuraError(
      'E_SCHEMA',
      `grouping has ${discovered.length} labels but the ground truth has ${truth.length}: they must describe the same messages`,
      { field: 'evaluate' },
    )
}

function countLabels(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1)
  return counts
}

/** One ground-truth event whose messages were not grouped exactly: how its messages were grouped. */
export interface GroupingError {
  readonly event: string
  readonly messages: number
  /** the discovered groups holding its messages (most messages first), and the other events each also holds */
  readonly groups: readonly {
    readonly group: string
    readonly messages: number
    readonly otherEvents: readonly string[]
  }[]
}

/**
 * The ground-truth events whose messages are not exactly one discovered group (most messages
 * first): an event split over several groups, or merged with another event in one. Their messages
 * are every message `evaluateGroupingAccuracy` counts as wrong.
 */
export function groupingErrors(discovered: readonly string[], truth: readonly string[]): GroupingError[] {
  checkSameMessages(discovered, truth)
  const byEvent = new Map<string, Map<string, number>>()
  const eventsOfGroup = new Map<string, Set<string>>()
  discovered.forEach((group, i) => {
    const event = truth[i] as string
    let groups = byEvent.get(event)
    if (groups === undefined) byEvent.set(event, (groups = new Map()))
    groups.set(group, (groups.get(group) ?? 0) + 1)
    let events = eventsOfGroup.get(group)
    if (events === undefined) eventsOfGroup.set(group, (events = new Set()))
    events.add(event)
  })
  const errors: GroupingError[] = []
  for (const [event, groups] of byEvent) {
    const [only] = groups.keys()
    if (groups.size === 1 && eventsOfGroup.get(only as string)?.size === 1) continue
    errors.push({
      event,
      messages: [...groups.values()].reduce((a, b) => a + b, 0),
      groups: [...groups]
        .sort((a, b) => b[1] - a[1])
        .map(([group, messages]) => ({
          group,
          messages,
          otherEvents: [...(eventsOfGroup.get(group) ?? [])].filter((e) => e !== event),
        })),
    })
  }
  return errors.sort((a, b) => b.messages - a.messages)
}
