import { describe, expect, it } from 'vitest'
import { tryDecodeUtf8 } from '../core/index.ts'
import {
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  parseTemplateStore,
  toTemplateStoreJson,
  type TemplateStore,
} from './index.ts'

const OPTIONS = { createdAt: '2026-01-02T03:04:05.000Z' }

/** `count` lines of the named events, numbered from `from` so every window has new values. */
function window(events: readonly ('start' | 'stop' | 'disk' | 'fan')[], count: number, from: number): string[] {
  const line = (event: string, n: number): string => {
    if (event === 'start') return `job ${n} started on node-${n % 7} after ${n * 3} ms`
    if (event === 'stop') return `job ${n} stopped with code ${n % 5}`
    if (event === 'disk') return `disk /dev/sd${'abc'[n % 3]} at ${n % 100} percent full`
    return `fan ${n % 4} speed ${1000 + n} rpm`
  }
  return Array.from({ length: count }, (_, i) => line(events[i % events.length] as string, from + i))
}

const reread = (store: TemplateStore): TemplateStore =>
  parseTemplateStore(JSON.parse(JSON.stringify(toTemplateStoreJson(store))), 'reread.json')
const patternsWith = (store: TemplateStore, word: string): number[] =>
  store.templates.filter((t) => t.pattern.includes(word)).map((t) => t.id)

describe('rolling refresh: discover --merge with evictAfter', () => {
  const first = discoverTemplates(window(['start', 'stop', 'disk'], 60, 0), { ...OPTIONS, corpus: 'w1' })
  // idleness alone (the share rule off): the rule that weighs uses is tested below
  const second = discoverTemplates(window(['start', 'stop', 'fan'], 60, 100), {
    ...OPTIONS,
    corpus: 'w2',
    existing: reread(first.store),
    evictAfter: 2,
    evictKeepShare: 0,
  })
  const third = discoverTemplates(window(['start', 'stop', 'fan'], 60, 200), {
    ...OPTIONS,
    corpus: 'w3',
    existing: reread(second.store),
    evictAfter: 2,
    evictKeepShare: 0,
  })

  it('records in each template the run whose messages last used it, through the store file', () => {
    expect(first.store.templates.every((t) => t.lastUsedRun === 1)).toBe(true)
    const kept = reread(second.store)
    for (const id of patternsWith(kept, 'started')) expect(kept.byId.get(id)?.lastUsedRun).toBe(2)
    for (const id of patternsWith(kept, 'disk')) expect(kept.byId.get(id)?.lastUsedRun).toBe(1)
  })

  it('evicts a template unused for evictAfter runs, and not before', () => {
    expect(patternsWith(second.store, 'disk').length).toBeGreaterThan(0)
    expect(second.stats.evictedTemplates).toBe(0)
    expect(patternsWith(third.store, 'disk')).toEqual([])
    expect(third.stats.evictedTemplates).toBe(patternsWith(second.store, 'disk').length)
    expect(third.store.provenance[2]?.evictedTemplates).toBe(third.stats.evictedTemplates)
    expect(third.store.provenance[2]?.options.evictAfter).toBe(2)
  })

  it('keeps the ids of kept templates: a frame written with the first store decodes with the third', () => {
    const message = 'job 7 started on node-0 after 21 ms'
    const frame = encodeBinarySemantic(first.store, message)
    expect(frame).toBeDefined()
    if (frame === undefined) return
    expect(third.store.byId.get(frame.templateId)?.pattern).toBe(first.store.byId.get(frame.templateId)?.pattern)
    expect(tryDecodeUtf8(decodeBinarySemantic(third.store, frame.templateId, frame.body))).toBe(message)
  })

  it('never gives an evicted id to a new template, so an old frame of it fails instead of decoding as another', () => {
    const a = discoverTemplates(window(['start', 'stop'], 40, 0), OPTIONS)
    const b = discoverTemplates(window(['start', 'stop', 'fan'], 60, 100), { ...OPTIONS, existing: reread(a.store) })
    const fan = patternsWith(b.store, 'fan')
    expect(Math.max(...fan)).toBe(Math.max(...b.store.templates.map((t) => t.id)))
    const c = discoverTemplates(window(['start', 'stop'], 40, 200), {
      ...OPTIONS,
      existing: reread(b.store),
      evictAfter: 1,
      evictKeepShare: 0,
    })
    expect(patternsWith(c.store, 'fan')).toEqual([])
    expect(c.stats.addedTemplates).toBe(0)
    const d = discoverTemplates(window(['start', 'disk'], 40, 300), {
      ...OPTIONS,
      existing: reread(c.store),
      evictAfter: 1,
      evictKeepShare: 0,
    })
    const disk = patternsWith(d.store, 'disk')
    expect(disk.length).toBeGreaterThan(0)
    for (const id of disk) expect(id).toBeGreaterThan(Math.max(...fan))
  })

  it('never evicts a hand-written template (no lastUsedRun)', () => {
    const hand = parseTemplateStore(
      { format: 'aura-template-store', version: 1, name: 'hand', templates: [{ id: 9, pattern: 'heartbeat {0}' }] },
      'hand.json',
    )
    let store = hand
    for (const from of [0, 100, 200])
      store = reread(
        discoverTemplates(window(['start'], 20, from), { ...OPTIONS, existing: store, evictAfter: 1 }).store,
      )
    expect(store.byId.get(9)?.pattern).toBe('heartbeat {0}')
    expect(store.byId.get(9)?.lastUsedRun).toBeUndefined()
  })

  it('refuses an evictAfter below 1 and a keep share outside 0..1', () => {
    expect(() => discoverTemplates(['a b c'], { existing: first.store, evictAfter: 0 })).toThrow(
      /evictAfter must be an integer of at least 1/,
    )
    expect(() => discoverTemplates(['a b c'], { existing: first.store, evictAfter: 1, evictKeepShare: 1.5 })).toThrow(
      /evictKeepShare must be a share from 0 to 1/,
    )
  })
})

describe('rolling refresh: an idle template that carried much of the traffic is kept', () => {
  /**
   * Window 1: 300 lines of start, stop and disk (100 each) and one fan line; windows 2 and 3: start
   * and stop only, so disk and fan are idle for K = 2 runs; window 4 needs disk again.
   */
  const refresh = (keepShare: number | undefined): TemplateStore => {
    let store = reread(
      discoverTemplates([...window(['start', 'stop', 'disk'], 300, 0), 'fan 3 speed 1003 rpm'], OPTIONS).store,
    )
    for (const from of [1000, 2000])
      store = reread(
        discoverTemplates(window(['start', 'stop'], 300, from), {
          ...OPTIONS,
          existing: store,
          evictAfter: 2,
          ...(keepShare === undefined ? {} : { evictKeepShare: keepShare }),
        }).store,
      )
    return store
  }
  // the disk lines of a window like the first (every third line: the same device, other values)
  const later = window(['start', 'stop', 'disk'], 60, 3000).filter((m) => m.startsWith('disk'))
  const hits = (store: TemplateStore): number =>
    later.filter((m) => encodeBinarySemantic(store, m) !== undefined).length

  it('counts the messages that used each template, through the store file', () => {
    const store = refresh(undefined)
    const disk = patternsWith(store, 'disk').map((id) => store.byId.get(id)?.uses ?? 0)
    expect(Math.max(...disk)).toBe(100)
    for (const id of patternsWith(store, 'started')) expect(store.byId.get(id)?.uses).toBeGreaterThanOrEqual(300)
  })

  it('with the default share, keeps the heavily used disk template and drops the fan template used once', () => {
    const store = refresh(undefined)
    expect(patternsWith(store, 'disk').length).toBeGreaterThan(0)
    expect(patternsWith(store, 'fan')).toEqual([])
    expect(hits(store)).toBe(later.length)
  })

  it('with the share rule off (idleness alone), the disk template is evicted and its lines miss', () => {
    const store = refresh(0)
    expect(patternsWith(store, 'disk')).toEqual([])
    expect(hits(store)).toBe(0)
  })
})

describe('rolling refresh of a store written before templates counted their uses', () => {
  it('still evicts idle templates when nothing is counted at all (no template heavy by 0 >= 0)', () => {
    const json = toTemplateStoreJson(discoverTemplates(window(['start', 'stop', 'disk'], 60, 0), OPTIONS).store)
    const old = parseTemplateStore(
      JSON.parse(JSON.stringify(json), (key, value) => (key === 'uses' ? undefined : value)),
      'old.json',
    )
    expect(old.templates.every((t) => t.uses === undefined)).toBe(true)
    // windows whose single-word lines no template matches and none can be learnt from
    const noise = (from: number): string[] =>
      Array.from({ length: 40 }, (_, i) => ((from + i) * 7919 * 104729).toString(36))
    const second = reread(discoverTemplates(noise(100), { ...OPTIONS, existing: old, evictAfter: 2 }).store)
    expect(second.templates.length).toBe(old.templates.length)
    // the second idle run evicts every template: an empty store is refused with its own error, not kept whole
    expect(() => discoverTemplates(noise(200), { ...OPTIONS, existing: second, evictAfter: 2 })).toThrow(
      /would evict all \d+ templates/,
    )
  })
})
