import { describe, expect, it } from 'vitest'
import { createEventVerifier, type VerifyOptions } from './discovery-verify.ts'
import { parseTemplateStore } from './store-parse.ts'
import { TEMPLATE_STORE_FORMAT, TEMPLATE_STORE_VERSION } from './store-types.ts'

const store = parseTemplateStore(
  {
    format: TEMPLATE_STORE_FORMAT,
    version: TEMPLATE_STORE_VERSION,
    name: 'verify',
    templates: [
      { id: 1, pattern: 'disk {0} full', slots: [{ type: 'auto' }] },
      { id: 2, pattern: 'disk sda{0} full', slots: [{ type: 'integer' }] },
      { id: 3, pattern: '{0} full', slots: [{ type: 'auto' }] },
      { id: 4, pattern: 'link {0}', slots: [{ type: 'auto' }] },
    ],
  },
  '<test>',
)
// templates 1 and 2 were drafted from event 0, 3 from event 1, 4 from event 2
const eventOfTemplate = (id: number): number => [0, 0, 0, 1, 2][id] as number

/** Every message visited in order when the verifier wants it, as discover's reads do. */
function encodeByEvent(
  messages: readonly string[],
  eventOfMessage: readonly number[],
  options: Partial<VerifyOptions> = {},
): (number | undefined)[] {
  const verifier = createEventVerifier(store, { eventOfMessage, eventOfTemplate, ...options })
  messages.forEach((text, i) => {
    if (verifier.wants(i)) verifier.visit(text, i)
  })
  return [...verifier.ids]
}

describe('verification per event', () => {
  const messages = ['disk sda1 full', 'disk sdb full', 'disk sda2 full', 'link up', 'cpu full', 'fan stopped']

  it('encodes each message with its own event templates only, the smallest of them', () => {
    const ids = encodeByEvent(messages, [0, 0, 0, 2, 1, 3])
    // `disk sda1 full` matches 1, 2 and 3; 3 belongs to another event and is never tried for it
    expect(ids).toEqual([2, 1, 2, 4, 3, undefined])
  })

  it('tries the whole store for a message its event does not encode (an event without templates)', () => {
    const ids = encodeByEvent(['cpu full', 'disk sdc full'], [7, 7])
    expect(ids[0]).toBe(3)
    expect(ids[1]).toBeDefined()
  })

  it('with usedOnly, stops an event once each of its templates was chosen, and reports every used template', () => {
    const many = ['disk sda1 full', 'disk sdb full', 'disk sda2 full', 'disk sda3 full']
    const ids = encodeByEvent(many, [0, 0, 0, 0], { usedOnly: true })
    expect(ids).toEqual([2, 1, undefined, undefined])
  })

  it("with usedOnly and a bound per event, tries only that many of the event's messages", () => {
    const many = ['disk sda1 full', 'disk sda2 full', 'disk sdb full']
    const ids = encodeByEvent(many, [0, 0, 0], { usedOnly: true, triedPerEvent: () => 2 })
    // the third message (the only one template 1 would take) is beyond the bound: template 1 is not reported used
    expect(ids).toEqual([2, 2, undefined])
    const all = encodeByEvent(many, [0, 0, 0], { usedOnly: true })
    expect(all).toEqual([2, 2, 1])
  })
})
