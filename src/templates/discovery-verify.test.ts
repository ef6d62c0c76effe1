import { describe, expect, it } from 'vitest'
import { encodeByEvent } from './discovery-verify.ts'
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

describe('verification per event', () => {
  const messages = ['disk sda1 full', 'disk sdb full', 'disk sda2 full', 'link up', 'cpu full', 'fan stopped']

  it('encodes each message with its own event templates only, the smallest of them', () => {
    const ids = encodeByEvent(store, messages, [0, 0, 0, 2, 1, 3], eventOfTemplate, () => undefined)
    // `disk sda1 full` matches 1, 2 and 3; 3 belongs to another event and is never tried for it
    expect(ids).toEqual([2, 1, 2, 4, 3, undefined])
  })

  it('tries the whole store for a message its event does not encode (an event without templates)', () => {
    const ids = encodeByEvent(store, ['cpu full', 'disk sdc full'], [7, 7], eventOfTemplate, () => undefined)
    expect(ids[0]).toBe(3)
    expect(ids[1]).toBeDefined()
  })

  it('with usedOnly, stops an event once each of its templates was chosen, and reports every used template', () => {
    const many = ['disk sda1 full', 'disk sdb full', 'disk sda2 full', 'disk sda3 full']
    const done: number[] = []
    const ids = encodeByEvent(store, many, [0, 0, 0, 0], eventOfTemplate, (n) => done.push(n), true)
    expect(ids).toEqual([2, 1, undefined, undefined])
    expect(done).toEqual([4])
  })

  it("with usedOnly and a bound per event, tries only that many of the event's messages", () => {
    const many = ['disk sda1 full', 'disk sda2 full', 'disk sdb full']
    const ids = encodeByEvent(
      store,
      many,
      [0, 0, 0],
      eventOfTemplate,
      () => undefined,
      true,
      () => 2,
    )
    // the third message (the only one template 1 would take) is beyond the bound: template 1 is not reported used
    expect(ids).toEqual([2, 2, undefined])
    const all = encodeByEvent(store, many, [0, 0, 0], eventOfTemplate, () => undefined, true)
    expect(all).toEqual([2, 2, 1])
  })
})
