import { describe, expect, it } from 'vitest'
import { encodeBinarySemantic } from './binary-semantic.ts'
import { createEventVerifier, LiteralScreen, literalsFit, type VerifyOptions } from './discovery-verify.ts'
import { createMatcher } from './matcher.ts'
import { type SlotCodec, slotCodecsOf } from './slot-codecs.ts'
import { parseTemplateStore } from './store-parse.ts'
import { type Template, TEMPLATE_STORE_FORMAT, TEMPLATE_STORE_VERSION } from './store-types.ts'

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

describe('the literal screen before the whole store (round s36-jcost)', () => {
  it('fits a template only when its first literal starts the text, its last ends it and the others are in order', () => {
    expect(literalsFit(['disk ', ' full'], 'disk sda full')).toBe(true)
    expect(literalsFit(['disk ', ' full'], 'disk sda fully')).toBe(false)
    expect(literalsFit(['disk ', ' full'], 'a disk sda full')).toBe(false)
    // the first and last literals are separate text: they may not overlap
    expect(literalsFit(['ab', 'ba'], 'aba')).toBe(false)
    expect(literalsFit(['a', ' mid ', 'z'], 'a1 mid 2z')).toBe(true)
    expect(literalsFit(['a', ' mid ', ' two ', 'z'], 'a1 two 2 mid z')).toBe(false)
    // a template without slots is its only literal
    expect(literalsFit(['idle'], 'idle')).toBe(true)
    expect(literalsFit(['idle'], 'idle now')).toBe(false)
  })

  it('rules out a message only when no template outside the excluded ones could encode it', () => {
    const screen = new LiteralScreen(store.templates)
    expect(screen.mayEncode('fan stopped', new Set())).toBe(false)
    expect(screen.mayEncode('cpu full', new Set())).toBe(true)
    // `cpu full` fits template 3 only: once it is excluded, nothing else could encode it
    expect(screen.mayEncode('cpu full', new Set([3]))).toBe(false)
    expect(screen.mayEncode('disk sdc full', new Set([3]))).toBe(true)
  })

  it('never rules out a message a template of the store encodes (every message the whole matcher encodes fits its template)', () => {
    const screen = new LiteralScreen(store.templates)
    const whole = createMatcher(store)
    const words = ['disk', 'sda1', 'sdb', 'full', 'link', 'up', 'cpu', '', ' ', 'fan', 'stopped', 'disk sda']
    let encoded = 0
    for (const a of words)
      for (const b of words)
        for (const c of words) {
          const message = `${a} ${b}${c === '' ? '' : ` ${c}`}`
          const chosen = encodeBinarySemantic(whole, message)?.templateId
          if (chosen === undefined) continue
          encoded++
          expect(screen.mayEncode(message, new Set())).toBe(true)
          const template = store.templates.find((t) => t.id === chosen)
          expect(literalsFit(template?.literals ?? [], message)).toBe(true)
        }
    expect(encoded).toBeGreaterThan(50)
  })

  it('with usedOnly, skips a message of an event without templates when only templates chosen already could encode it; the used templates are the same', () => {
    // `cpu full` (event 1's template 3 chosen first) then `gpu full`, whose event 7 has no template:
    // only template 3 could encode it, chosen already, so it is not tried; `disk sdc full` still is
    const messages = ['cpu full', 'gpu full', 'disk sdc full', 'fan stopped']
    const events = [1, 7, 7, 7]
    const ids = encodeByEvent(messages, events, { usedOnly: true })
    expect(ids).toEqual([3, undefined, 1, undefined])
    // without usedOnly every message is tried as before
    expect(encodeByEvent(messages, events)).toEqual([3, 3, 1, undefined])
    const used = (list: readonly (number | undefined)[]) => [...new Set(list.filter((id) => id !== undefined))].sort()
    expect(used(ids)).toEqual(used(encodeByEvent(messages, events)))
  })
})

describe('a lone match is chosen without encoding its slots that take any text (round s41-jtime)', () => {
  // event 0: one template with a json slot (a cut member) between typed and auto slots; event 1: two templates
  // that both match its messages (a size to compare); event 2: an enum and a string slot
  const jsonStore = parseTemplateStore(
    {
      format: TEMPLATE_STORE_FORMAT,
      version: TEMPLATE_STORE_VERSION,
      name: 'verify-json',
      templates: [
        {
          id: 1,
          pattern: '{"t":{0},"book":{1},"s":"{2}"}',
          slots: [{ type: 'integer' }, { type: 'json', keys: ['p', 'q'] }, { type: 'auto' }],
        },
        { id: 2, pattern: '{"k":{0},"v":{1}}', slots: [{ type: 'json' }, { type: 'auto' }] },
        { id: 3, pattern: '{"k":{0},"v":7}', slots: [{ type: 'json', keys: ['a'] }] },
        {
          id: 4,
          pattern: '{"e":"{0}","n":"{1}"}',
          slots: [{ type: 'enum', values: ['up', 'down'] }, { type: 'string' }],
        },
      ],
    },
    '<test>',
  )
  const eventOf = (id: number): number => [0, 0, 1, 1, 2][id] as number
  const json = jsonStore.templates.find((t) => t.id === 1) as Template
  const pair = jsonStore.templates.find((t) => t.id === 2) as Template

  /** Counts the encodes of a template's json slot (the codec object the verifier and the chooser share). */
  function countEncodes(template: Template, slot: number): { count: number } {
    const codec = slotCodecsOf(template)[slot] as { encodeRange: SlotCodec['encodeRange'] }
    const counter = { count: 0 }
    const encodeRange = codec.encodeRange
    codec.encodeRange = (...args) => {
      counter.count++
      return encodeRange(...args)
    }
    return counter
  }
  const loneJson = countEncodes(json, 1)
  const pairJson = countEncodes(pair, 0)

  const messages = [
    '{"t":17,"book":{"p":[["1.5","2"]],"q":3},"s":"ok"}',
    '{"t":18,"book":[1, 2],"s":"x"}',
    '{"t":1.5,"book":{},"s":"x"}', // the integer slot refuses 1.5 (the matcher asks it): no template
    '{"t":19,"book":{"p":"\uD800"},"s":"x"}', // a lone surrogate: refused (by the matcher, and by the json slot's encode)
    '{"t":20,"book":{"p":1},"s":""}', // an empty auto value: refused
    '{"k":{"a":1},"v":7}', // templates 2 and 3 both match: the smaller (3) is chosen
    '{"k":[true,null],"v":7}',
    '{"k":{"a":1},"v":8}', // template 2 alone
    '{"e":"up","n":"eth0"}',
    '{"e":"left","n":"eth0"}', // not in the enum
  ]
  const events = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2]

  it("chooses what encodeBinarySemantic chooses with the message's event templates", () => {
    const verifier = createEventVerifier(jsonStore, { eventOfMessage: events, eventOfTemplate: eventOf })
    messages.forEach((text, i) => verifier.visit(text, i))
    const expected = messages.map((text, i) => {
      const templates = jsonStore.templates.filter((t) => eventOf(t.id) === events[i])
      return encodeBinarySemantic(createMatcher({ ...jsonStore, templates }), text)?.templateId
    })
    expect(expected).toEqual([1, 1, undefined, undefined, undefined, 3, 3, 2, 4, undefined])
    expect(verifier.ids).toEqual(expected)
  })

  it('does not encode the json slot of a lone match; with two matches it does (their sizes decide)', () => {
    loneJson.count = 0
    pairJson.count = 0
    const verifier = createEventVerifier(jsonStore, { eventOfMessage: events, eventOfTemplate: eventOf })
    messages.forEach((text, i) => verifier.visit(text, i))
    expect(loneJson.count).toBe(0)
    expect(pairJson.count).toBeGreaterThan(0)
  })
})
