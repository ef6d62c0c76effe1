/**
 * Verification of a discovered store: which template encodes each training message. A message is
 * encoded with the templates drafted from its own event only (one small matcher per event), not
 * with the whole store: the work per message is bounded by its event's few templates instead of
 * growing with every candidate that shares its literal text (a JSON message of one API source has
 * hundreds of candidates whose keys it shares). Templates of other events were drafted from other
 * messages. A message its own event's templates do not encode (its event has none, or a value
 * its templates refuse) is then tried against the whole store, as every message used to be, so
 * the messages covered are the same. (A merge, whose store's older templates belong to no event of
 * the run, verifies every message against the whole store: discovery.ts.)
 */
import { encodeBinarySemantic } from './binary-semantic.ts'
import { createMatcher } from './matcher.ts'
import type { Template, TemplateStore } from './store-types.ts'

/**
 * The template id that encodes each message (undefined: none), each message matched against the
 * templates of its event. `usedOnly`: the caller needs only which templates some message uses, so
 * an event's remaining messages are skipped once each of its templates has been chosen (their ids
 * stay undefined).
 */
export function encodeByEvent(
  store: TemplateStore,
  messages: readonly string[],
  eventOfMessage: readonly number[],
  eventOfTemplate: (id: number) => number,
  onDone: (done: number) => void,
  usedOnly = false,
  triedPerEvent: (event: number) => number = () => Number.POSITIVE_INFINITY,
): (number | undefined)[] {
  const byEvent = new Map<number, Template[]>()
  for (const template of store.templates) {
    const event = eventOfTemplate(template.id)
    const list = byEvent.get(event)
    if (list === undefined) byEvent.set(event, [template])
    else list.push(template)
  }
  const membersOf = new Map<number, number[]>()
  eventOfMessage.forEach((event, i) => {
    const list = membersOf.get(event)
    if (list === undefined) membersOf.set(event, [i])
    else list.push(i)
  })
  const ids = new Array<number | undefined>(messages.length).fill(undefined)
  const missed: number[] = []
  let done = 0
  for (const [event, members] of membersOf) {
    // store.templates is in id order, so each event's list is too
    const templates = byEvent.get(event)
    if (templates !== undefined) {
      const matcher = createMatcher({ ...store, templates })
      const chosen = new Set<number>()
      // usedOnly: an event drafted from a sample is asked which templates its sample's messages use
      const tried = usedOnly ? members.slice(0, triedPerEvent(event)) : members
      for (const i of tried) {
        const id = encodeBinarySemantic(matcher, messages[i] as string)?.templateId
        ids[i] = id
        if (id === undefined) missed.push(i)
        else if (chosen.add(id).size === templates.length && usedOnly) break
      }
    } else missed.push(...members)
    done += members.length
    onDone(done)
  }
  if (missed.length > 0) {
    const whole = createMatcher(store)
    for (const i of missed) ids[i] = encodeBinarySemantic(whole, messages[i] as string)?.templateId
  }
  return ids
}
