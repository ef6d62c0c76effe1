/**
 * bench/discovery-rolling.ts's measurement of one system: its windows in order, each encoded with the
 * current store (refreshed, and frozen after window 1), then merged into it as `discover --merge` does.
 */
import { tryDecodeUtf8 } from '../../src/core/index.ts'
import { loadCorpus } from '../../src/corpus/index.ts'
import {
  createMatcher,
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  parseTemplateStore,
  toTemplateStoreJson,
  type TemplateStore,
} from '../../src/templates/index.ts'
import { groundTruth, type BenchSystem } from './discovery-corpora.ts'

export const GOAL_HIT_RATE = 0.9

export interface Row {
  name: string
  messages: number
  windows: number
  hits: number
  frozenHits: number
  /** messages after the first window whose event occurred in an earlier window; undefined without ground truth */
  seen: number | undefined
  finalTemplates: number
  maxTemplates: number
  evicted: number
  storeBytes: number
  mismatches: number
  /** per window: messages, hits with the store before it, templates after its merge (window 1: its discovery) */
  perWindow: { messages: number; hits: number; templates: number }[]
  /** the refreshed store's hits: their template bodies' bytes (no frame header) and their text's bytes */
  hitBodyBytes: number
  hitTextBytes: number
}

/** The store as a user's next run reads it: through its JSON file content. */
const reread = (store: TemplateStore, name: string): TemplateStore =>
  parseTemplateStore(JSON.parse(JSON.stringify(toTemplateStoreJson(store))), name)

/** Messages a store encodes and that decode back to themselves, and the failed round trips. */
function hitsOf(
  store: TemplateStore,
  messages: readonly string[],
): { hits: number; mismatches: number; bodyBytes: number; textBytes: number } {
  const matcher = createMatcher(store)
  let hits = 0
  let mismatches = 0
  let bodyBytes = 0
  let textBytes = 0
  for (const message of messages) {
    const frame = encodeBinarySemantic(matcher, message)
    if (frame === undefined) continue
    if (tryDecodeUtf8(decodeBinarySemantic(store, frame.templateId, frame.body)) === message) {
      hits++
      bodyBytes += frame.body.length
      textBytes += Buffer.byteLength(message)
    } else mismatches++
  }
  return { hits, mismatches, bodyBytes, textBytes }
}

export async function measure(
  system: BenchSystem,
  window: number,
  evictAfter: number | undefined,
  keepShare: number,
): Promise<Row> {
  const loaded = await loadCorpus({ path: system.file, format: system.kind === 'jsonl' ? 'jsonl' : 'txt' })
  const kept = loaded.flatMap((m) => {
    const text = tryDecodeUtf8(m.bytes)
    return text === undefined || text === '' ? [] : [{ text, line: m.line }]
  })
  const truth = system.kind === 'loghub' ? await groundTruth(system) : undefined
  const windows: (typeof kept)[] = []
  for (let at = 0; at < kept.length; at += window) windows.push(kept.slice(at, at + window))
  const createdAt = '1970-01-01T00:00:00.000Z'
  const frozen = reread(
    discoverTemplates(windows[0]?.map((m) => m.text) ?? [], { corpus: `${system.name} window 1`, createdAt }).store,
    'window-1.json',
  )
  let store = frozen
  const row: Row = {
    name: system.name,
    messages: 0,
    windows: windows.length,
    hits: 0,
    frozenHits: 0,
    seen: truth === undefined ? undefined : 0,
    finalTemplates: 0,
    maxTemplates: store.templates.length,
    evicted: 0,
    storeBytes: 0,
    mismatches: 0,
    perWindow: [{ messages: windows[0]?.length ?? 0, hits: 0, templates: store.templates.length }],
    hitBodyBytes: 0,
    hitTextBytes: 0,
  }
  const seenEvents = new Set(windows[0]?.map((m) => truth?.get(m.line ?? -1)))
  for (const [w, part] of windows.entries()) {
    if (w === 0) continue
    const texts = part.map((m) => m.text)
    const now = hitsOf(store, texts)
    const still = hitsOf(frozen, texts)
    row.messages += texts.length
    row.hits += now.hits
    row.hitBodyBytes += now.bodyBytes
    row.hitTextBytes += now.textBytes
    row.frozenHits += still.hits
    row.mismatches += now.mismatches + still.mismatches
    if (truth !== undefined) {
      const events = part.map((m) => truth.get(m.line ?? -1))
      row.seen = (row.seen as number) + events.filter((e) => seenEvents.has(e)).length
      for (const e of events) seenEvents.add(e)
    }
    const merged = discoverTemplates(texts, {
      existing: store,
      ...(evictAfter === undefined ? {} : { evictAfter, evictKeepShare: keepShare }),
      corpus: `${system.name} window ${w + 1}`,
      createdAt,
    })
    store = reread(merged.store, `window-${w + 1}.json`)
    row.evicted += merged.stats.evictedTemplates
    row.maxTemplates = Math.max(row.maxTemplates, store.templates.length)
    row.perWindow.push({ messages: texts.length, hits: now.hits, templates: store.templates.length })
  }
  row.finalTemplates = store.templates.length
  row.storeBytes = store.sizeBytes
  return row
}

export const pct = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`
