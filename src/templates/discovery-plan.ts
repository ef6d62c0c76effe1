/**
 * Discovery as a plan of reads over the corpus (discovery.ts runs it over an array or a streamed
 * file). It holds the messages that are not JSON (log lines: clustering needs them all) and, of the
 * JSON messages, only what each pass needs while it runs, so a corpus of large JSON records is
 * never held whole:
 *
 * 1. every message: JSON ones are grouped by key structure (indexes and key text kept, not the
 *    message), the others kept for clustering; a merge keeps them all (its store's older
 *    templates are verified against every message, discovery-refresh.ts);
 * 2. the sample of each JSON structure that pays for its template (its first MAX_DRAFT_SAMPLE
 *    messages), drafted as soon as it is complete and let go;
 * 3. which tight templates are used: the JSON messages the verifier asks for (a sample per event,
 *    and every message of an event without a template);
 * 4. the final store's template of every message.
 */
import { AuraError } from '../core/index.ts'
import { encodeBinarySemantic } from './binary-semantic.ts'
import { buildStore } from './discovery-build.ts'
import { clusterMessages } from './discovery-cluster.ts'
import { bySupport, draftAll, selectDrafts, type Draft } from './discovery-drafts.ts'
import { createHeaderFormat } from './discovery-header.ts'
import { detectHeader } from './discovery-header-shape.ts'
import {
  createJsonGrouping,
  createSampleReader,
  draftJsonTemplate,
  type IndexSet,
  MAX_DRAFT_SAMPLE,
  STORE_BYTES_PER_MESSAGE,
} from './discovery-json.ts'
import { DEFAULT_KEEP_SHARE, firstFreeId, recordUsage } from './discovery-refresh.ts'
import {
  DISCOVERY_DEFAULTS,
  type DiscoveryOptions,
  type DiscoveryProgress,
  type DiscoveryResult,
  type ReadRequest,
} from './discovery-types.ts'
import { createEventVerifier, type EventVerifier } from './discovery-verify.ts'
import { JsonResidueLearner } from './json-residue.ts'
import { createMatcher } from './matcher.ts'
import type { ProvenanceEntry, TemplateStore } from './store-types.ts'

/** The plan: yields each read it needs, returns the result. */
export type DiscoveryPlan = Generator<ReadRequest, DiscoveryResult, undefined>

/** No JSON message (JSON-aware drafting off). */
const NO_INDEXES: IndexSet = { has: () => false, size: 0, [Symbol.iterator]: () => [][Symbol.iterator]() }

/**
 * Longest message (UTF-8 bytes) that is not JSON discovery templates: 64 KiB, far above any log line
 * (the longest Loghub line of the shared corpora is 2,521 bytes). A template holds its message's
 * literal text, and a store is shared state every peer loads: one 5 MiB line made a 5 MiB store of
 * one template used once. A longer message is left out (its own event, no template; the fallback
 * codec sends it) and counted (`DiscoveryStats.longMessages`). JSON messages are drafted from their
 * key structure, whose store cost has its own bound (STORE_BYTES_PER_MESSAGE).
 */
export const MAX_TEMPLATED_TEXT_BYTES = 64 * 1024

const encoder = new TextEncoder()

/** Whether a text message is longer than MAX_TEMPLATED_TEXT_BYTES (UTF-8 counted only near the bound). */
function tooLongToTemplate(text: string): boolean {
  // a UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair 4 for 2)
  if (text.length > MAX_TEMPLATED_TEXT_BYTES) return true
  return text.length * 3 > MAX_TEMPLATED_TEXT_BYTES && encoder.encode(text).length > MAX_TEMPLATED_TEXT_BYTES
}

/**
 * What the first read keeps: the messages that are not JSON, with their indexes. Their texts are let go
 * once clustered: each is rebuilt from its cluster member when verification needs it (discovery-members.ts).
 */
interface Held {
  readonly texts: string[]
  readonly indexes: number[]
  /** the JSON messages (not held) */
  readonly json: IndexSet
  /** every message, for a merge */
  readonly all: string[] | undefined
  readonly count: number
}

/** Mines templates (see discovery.ts); throws AuraError E_SCHEMA for bad options before the first read. */
export function* planDiscovery(options: DiscoveryOptions): DiscoveryPlan {
  const settings = { ...DISCOVERY_DEFAULTS, ...definedOnly(options) }
  checkLimits(settings.maxTemplates, settings.minSupport, settings.maxSplitWords, options.evictAfter)
  const keepShare = options.evictKeepShare ?? DEFAULT_KEEP_SHARE
  if (!(keepShare >= 0 && keepShare <= 1))
    throw new AuraError('E_SCHEMA', `evictKeepShare must be a share from 0 to 1, got ${keepShare}`, {
      field: 'evictKeepShare',
    })
  const report = (phase: DiscoveryProgress['phase'], done: number, total: number): void =>
    options.onProgress?.({ phase, done, total })
  // JSON objects and arrays are drafted from their key structure (discovery-json.ts), the rest from words
  let grouping = options.jsonAware === false ? undefined : createJsonGrouping(settings.maxSplitWords)
  // a new store learns the JSON residue frame's model from a bounded sample of its JSON messages (json-residue.ts);
  // a merge keeps the existing store's
  let residue = grouping === undefined || options.existing !== undefined ? undefined : new JsonResidueLearner()
  const first = { texts: [] as string[], indexes: [] as number[], all: options.existing && ([] as string[]), count: 0 }
  // messages left out for their length (MAX_TEMPLATED_TEXT_BYTES)
  const long: number[] = []
  yield {
    visit: (text, index) => {
      first.count++
      first.all?.push(text)
      if (grouping?.add(text, index) === true) {
        residue?.add(text)
        return
      }
      if (tooLongToTemplate(text)) {
        long.push(index)
        return
      }
      first.texts.push(text)
      first.indexes.push(index)
    },
  }
  // the model is made as soon as the messages have been read once, and its counts let go before clustering
  const jsonResidue = residue?.finish()
  residue = undefined
  const held: Held = { ...first, json: grouping?.json ?? NO_INDEXES }
  const { texts, count } = held
  // without a log_format, a header every line shares in structure is detected by shape (discovery-header-shape.ts)
  const detected = options.header === undefined && options.detectHeader !== false ? detectHeader(texts) : undefined
  const header = options.header === undefined ? detected : createHeaderFormat(options.header)
  const clustering = clusterMessages(texts, {
    maxSplitWords: settings.maxSplitWords,
    ...(header === undefined ? {} : { contentStart: (message: string) => header.contentStart(message) }),
    onGroup: (done) => report('cluster', done, count),
  })
  const original = (i: number): number => held.indexes[i] as number
  // event number per message; -1 until assigned
  const eventOf = new Array<number>(count).fill(-1)
  let nextEvent = 0
  for (const cluster of clustering.clusters) {
    for (const member of cluster.members) eventOf[original(member.index)] = cluster.event
    nextEvent = Math.max(nextEvent, cluster.event + 1)
  }
  // the members hold every message's pieces: the texts go (100k distinct nginx lines: about 17 MB)
  texts.length = 0
  const drafts = draftAll(clustering, (done) => report('draft', done, clustering.clusters.length)).map((d) => ({
    ...d,
    firstIndex: original(d.firstIndex),
  }))
  // each structure is drafted from a bounded sample of its messages (discovery-json.ts); support counts them all
  const groups = grouping?.paidGroups() ?? []
  const firstJsonEvent = nextEvent
  // a structure's messages are verified as one event (its templates); a string value naming events
  // splits the event they are reported in (JsonGrouping.eventParts): part k > 0 of event e is `e.k`
  // (by message index, 0 for none: 100k JSON messages held 1.8 MB as a Map, live through every later pass)
  const jsonPart = new Uint32Array(count)
  groups.forEach((group, g) => {
    const parts = grouping?.eventParts(group)
    group.indexes.forEach((index, i) => {
      eventOf[index] = firstJsonEvent + g
      const part = parts?.[i] ?? 0
      if (part > 0) jsonPart[index] = part
    })
  })
  nextEvent += groups.length
  // a structure too wide for its template is still one event, split as a templated one is
  for (const group of grouping?.unpaidGroups() ?? []) {
    const parts = grouping?.eventParts(group)
    const event = nextEvent++
    group.indexes.forEach((index, i) => {
      eventOf[index] = event
      const part = parts?.[i] ?? 0
      if (part > 0) jsonPart[index] = part
    })
  }
  // a JSON message of a structure seen once is an event of its own
  for (const i of held.json) if (eventOf[i] === -1) eventOf[i] = nextEvent++
  // a message too long to template is an event of its own, without a template
  for (const i of long) eventOf[i] = nextEvent++
  // every event is numbered: the grouping's structures and its messages' string values are let go before
  // the passes that follow (100k JSON messages: about 15 MB, live through both until round s37-jmem)
  grouping = undefined
  const jsonDrafts = groups.map((): Draft[] => [])
  const samples = createSampleReader(groups, (g, sample) => {
    const [event, indexes] = [firstJsonEvent + g, groups[g]?.indexes as number[]]
    const tight = draftJsonTemplate(sample)
    const [firstIndex, support] = [indexes[0] as number, indexes.length]
    jsonDrafts[g] = [{ ...tight, event, support, firstIndex, keep: false }]
    // values every training message shared are literal above; a fallback with every value a slot takes the next model name
    const open = draftJsonTemplate(sample, true)
    if (open.pattern !== tight.pattern) jsonDrafts[g]?.push({ ...open, event, support, firstIndex, keep: true })
  })
  if (groups.length > 0) yield samples
  drafts.push(...jsonDrafts.flat())
  const { kept, capped } = selectDrafts(drafts, options.existing, settings.minSupport, settings.maxTemplates)
  const provenance: ProvenanceEntry = {
    tool: 'aura-bench discover',
    corpus: options.corpus ?? '<messages>',
    createdAt: options.createdAt ?? '1970-01-01T00:00:00.000Z',
    messages: count,
    addedTemplates: 0,
    options: {
      ...provenanceOptions(settings, options.header),
      ...(detected === undefined
        ? {}
        : { detectedHeader: `up to occurrence ${detected.occurrence} of ${JSON.stringify(detected.terminator)}` }),
      ...(options.evictAfter === undefined ? {} : { evictAfter: options.evictAfter, evictKeepShare: keepShare }),
      ...options.provenanceOptions,
    },
  }
  // a JSON event was drafted from a sample: which of its templates are used is asked of that many messages
  const triedPerEvent = (event: number): number =>
    event >= firstJsonEvent ? MAX_DRAFT_SAMPLE : Number.POSITIVE_INFINITY
  const build = (chosen: readonly Draft[]): TemplateStore =>
    buildStore(chosen, options, { ...provenance, addedTemplates: chosen.length }, jsonResidue)
  const startId = firstFreeId(options.existing)
  // each message is verified against its own event's templates (discovery-verify.ts); a merge against the whole store
  function* verify(store: TemplateStore, chosen: readonly Draft[], onDone: (done: number) => void, usedOnly = false) {
    if (held.all !== undefined) return encodeAll(store, held.all, onDone)
    const verifier = createEventVerifier(store, {
      eventOfMessage: eventOf,
      eventOfTemplate: (id) => (chosen[id - startId] as Draft).event,
      usedOnly,
      triedPerEvent,
    })
    return yield* verifyAll(held, (k) => clustering.member(k).text(), eventOf, verifier, onDone)
  }
  // usage is counted without the fallbacks, so a fallback never pushes out the tighter templates it backs
  const tight = kept.filter((draft) => !draft.keep)
  const onVerified = (done: number): void => report('verify', done, count)
  const used = new Set(
    tight.length === 0 && options.existing === undefined ? [] : yield* verify(build(tight), tight, onVerified, true),
  )
  const final = [...tight.filter((_draft, i) => used.has(startId + i)), ...kept.filter((draft) => draft.keep)].sort(
    bySupport,
  )
  if (final.length === 0 && options.existing === undefined) {
    throw new AuraError(
      'E_NO_TEMPLATES',
      `no template found in ${count} messages: every candidate pattern was all slots or below minSupport, or (JSON) a key structure too wide for the few messages that use it, even with the members whose keys or array length vary cut out as one slot (a template may cost at most ${STORE_BYTES_PER_MESSAGE} store bytes per training message)${long.length === 0 ? '' : `; ${long.length} longer than ${MAX_TEMPLATED_TEXT_BYTES} bytes were left out`}`,
      { field: 'corpus' },
      {
        // JSON structures are not held back by --min-support: a lower one cannot help them (round s38-json)
        hint:
          held.json.size * 2 > count
            ? 'JSON messages get a template per key structure, merged down to the members whose keys or array length vary (one slot each), never across different top-level keys, and only when enough messages pay for its store entry: give discover more messages of each kind, or use the fallback (zstd_dict) alone'
            : 'a template needs literal text its messages share and enough messages to pay for its store entry: give discover more messages of the same kind, or a lower --min-support',
      },
    )
  }
  const built = build(final)
  const templateIds = yield* verify(built, final, () => undefined)
  // a new store has its usage written by buildStore: re-parsing a store of many MB once more costs time and memory
  const { store, evicted } =
    held.all === undefined
      ? { store: built, evicted: 0 }
      : recordUsage(
          built,
          held.all,
          firstFreeId(options.existing),
          options.evictAfter,
          options.corpus ?? '<discovered>',
          keepShare,
        )
  // the labels are made once verification is done: 100k short strings need not live through its reads
  const events = eventOf.map((event, i) => {
    const part = jsonPart[i] as number
    return part === 0 ? String(event) : `${event}.${part}`
  })
  return {
    store,
    events,
    templateIds,
    stats: {
      messages: count,
      events: new Set(events).size,
      drafts: drafts.length,
      addedTemplates: final.length,
      droppedDrafts: drafts.length - final.length,
      cappedDrafts: capped.drafts,
      cappedMessages: capped.messages,
      coveredMessages: templateIds.filter((id) => id !== undefined).length,
      longMessages: long.length,
      evictedTemplates: evicted,
    },
  }
}

/**
 * Visits the messages the verifier wants: the held ones from memory (`textOf` their position among
 * them), event by event (one event's matcher at a time), then the JSON ones through a read that skips
 * the others, in corpus order. `onDone` gets the messages passed so far.
 */
function* verifyAll(
  held: Held,
  textOf: (k: number) => string,
  eventOf: readonly number[],
  verifier: EventVerifier,
  onDone: (done: number) => void,
): Generator<ReadRequest, (number | undefined)[], undefined> {
  const byEvent = new Map<number, number[]>()
  held.indexes.forEach((index, k) => {
    const event = eventOf[index] as number
    const list = byEvent.get(event)
    if (list === undefined) byEvent.set(event, [k])
    else list.push(k)
  })
  let done = 0
  let reported = 0
  const progress = (passed: number): void => {
    done = Math.max(done, passed)
    if (done - reported < 1000 && done < held.count) return
    reported = done
    onDone(done)
  }
  for (const positions of byEvent.values()) {
    for (const k of positions) {
      const index = held.indexes[k] as number
      if (verifier.wants(index)) verifier.visit(textOf(k), index)
    }
    progress(done + positions.length)
  }
  if (held.json.size > 0)
    yield {
      wants: (index) => held.json.has(index) && verifier.wants(index),
      visit: (text, index) => {
        verifier.visit(text, index)
        progress(index + 1)
      },
    }
  if (reported < held.count) onDone(held.count)
  return verifier.ids as (number | undefined)[]
}

function encodeAll(
  store: TemplateStore,
  messages: readonly string[],
  onDone: (done: number) => void,
): (number | undefined)[] {
  const matcher = createMatcher(store)
  return messages.map((message, i) => {
    if ((i + 1) % 1000 === 0 || i + 1 === messages.length) onDone(i + 1)
    return encodeBinarySemantic(matcher, message)?.templateId
  })
}

function definedOnly(options: DiscoveryOptions): Partial<typeof DISCOVERY_DEFAULTS> {
  const out: { -readonly [K in keyof typeof DISCOVERY_DEFAULTS]?: number } = {}
  if (options.maxTemplates !== undefined) out.maxTemplates = options.maxTemplates
  if (options.minSupport !== undefined) out.minSupport = options.minSupport
  if (options.maxSplitWords !== undefined) out.maxSplitWords = options.maxSplitWords
  return out as Partial<typeof DISCOVERY_DEFAULTS>
}

function checkLimits(
  maxTemplates: number,
  minSupport: number,
  maxSplitWords: number,
  evictAfter: number | undefined,
): void {
  const limits = [
    ['maxTemplates', maxTemplates, 1],
    ['minSupport', minSupport, 1],
    ['maxSplitWords', maxSplitWords, 0],
    ['evictAfter', evictAfter ?? 1, 1],
  ] as const
  for (const [name, value, lowest] of limits) {
    if (!Number.isInteger(value) || value < lowest)
      throw new AuraError('E_SCHEMA', `${name} must be an integer of at least ${lowest}, got ${value}`, { field: name })
  }
}

function provenanceOptions(
  settings: { maxTemplates: number; minSupport: number; maxSplitWords: number },
  header: string | undefined,
): Record<string, string | number> {
  const out: Record<string, string | number> = {
    maxTemplates: settings.maxTemplates,
    minSupport: settings.minSupport,
    maxSplitWords: settings.maxSplitWords,
  }
  if (header !== undefined) out.header = header
  return out
}
