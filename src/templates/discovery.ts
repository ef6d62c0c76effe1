/**
 * Template discovery: mines a template store from a corpus of text messages. Deterministic: the
 * same messages and options give the same store, byte for byte (the run's date comes in as an option).
 *
 * Steps:
 * 1. Cluster the messages into events (discovery-cluster.ts); with a `header` format the
 *    clustering looks at the content only, the header still becomes slots and literals.
 * 2. Split each cluster by its exact separators (padding) and draft one template per part
 *    (discovery-pattern.ts): the pattern covers the whole message, with typed slots. When the
 *    values of a part come in several shapes, each shape with enough messages gets a tighter
 *    template too, and the part's own template stays as their fallback.
 * 3. Drop drafts that repeat a pattern already kept or already in the store being extended; keep
 *    those with at least `minSupport` messages, most messages first, at most `maxTemplates`.
 * 4. Give new templates ids after the highest existing id (most used first, so the busiest get the
 *    shortest frame headers) and build the store.
 * 5. Encode every training message with its own event's templates (discovery-verify.ts; the whole
 *    store for a message they do not encode, and for every message of a merge); templates no message
 *    ends up using are dropped (another template always encodes their messages smaller), fallbacks
 *    excepted, and the store is rebuilt.
 */
import { AuraError } from '../core/index.ts'
import { encodeBinarySemantic } from './binary-semantic.ts'
import { clusterMessages, type ClusterMember, type Clustering } from './discovery-cluster.ts'
import { createHeaderFormat } from './discovery-header.ts'
import { headerFallbackNeed } from './discovery-header-fallback.ts'
import { detectHeader } from './discovery-header-shape.ts'
import { generalizeEvent } from './discovery-generalize.ts'
import { draftJsonTemplate, groupJsonMessages, MAX_DRAFT_SAMPLE, STORE_BYTES_PER_MESSAGE } from './discovery-json.ts'
import { DEFAULT_KEEP_SHARE, firstFreeId, recordUsage } from './discovery-refresh.ts'
import { encodeByEvent } from './discovery-verify.ts'
import { draftTemplate, splitByValueShape, type DraftTemplate } from './discovery-pattern.ts'
import { createMatcher } from './matcher.ts'
import { parsePattern } from './pattern.ts'
import { parseTemplateStore, toTemplateStoreJson } from './store-parse.ts'
import { MAX_TEMPLATE_ID, type ProvenanceEntry, type SlotSpec, type TemplateStore } from './store-types.ts'

/** Options of discoverTemplates; every one has a default. */
export interface DiscoveryOptions {
  /** store name; default the extended store's name, else `discovered` */
  readonly name?: string
  /** most templates to add; default 5000 */
  readonly maxTemplates?: number
  /** fewest training messages a template needs; default 1 */
  readonly minSupport?: number
  /** a word column with at most this many words that pairs with no other is split into events; default 2 */
  readonly maxSplitWords?: number
  /** Loghub log_format of the lines' header (`<Date> <Time> <Level> <Component>: <Content>`); default none */
  readonly header?: string
  /** without `header`: detect a header the lines share by its shape (discovery-header-shape.ts); default true */
  readonly detectHeader?: boolean
  /** draft JSON object and array messages from their key structure (discovery-json.ts); default true */
  readonly jsonAware?: boolean
  /** store to extend: its templates and ids are kept, new ones are appended */
  readonly existing?: TemplateStore
  /** with `existing`: drop its templates that no message used for this many runs, this one included (discovery-refresh.ts); default none */
  readonly evictAfter?: number
  /** with `evictAfter`: an idle template is kept while its uses are at least this share of the store's, 0: off (discovery-refresh.ts); default 0.002 */
  readonly evictKeepShare?: number
  /** corpus path for the provenance record; default `<messages>` */
  readonly corpus?: string
  /** ISO-8601 time for the provenance record; default `1970-01-01T00:00:00.000Z` (pass the real time: discovery reads no clock) */
  readonly createdAt?: string
  /** more facts for the provenance record's options (which part of the corpus was read, ...) */
  readonly provenanceOptions?: Readonly<Record<string, string | number | boolean>>
  /** called as discovery goes (messages clustered, clusters drafted, messages verified) */
  readonly onProgress?: (progress: DiscoveryProgress) => void
}

/** Where discovery is. */
export interface DiscoveryProgress {
  readonly phase: 'cluster' | 'draft' | 'verify'
  readonly done: number
  readonly total: number
}

/** The discovered store and what discovery saw. */
export interface DiscoveryResult {
  readonly store: TemplateStore
  /** event label per input message (the grouping that grouping accuracy scores) */
  readonly events: readonly string[]
  /** template id per input message in the final store, or undefined when no template encodes it */
  readonly templateIds: readonly (number | undefined)[]
  readonly stats: DiscoveryStats
}

/** Counts of a discovery run. */
export interface DiscoveryStats {
  readonly messages: number
  readonly events: number
  readonly drafts: number
  /** templates added to the store */
  readonly addedTemplates: number
  /** drafts dropped by minSupport, maxTemplates, a repeated pattern or an unusable pattern */
  readonly droppedDrafts: number
  /** training messages some template of the final store encodes */
  readonly coveredMessages: number
  /** templates of the extended store dropped by evictAfter */
  readonly evictedTemplates: number
}

/** Defaults of DiscoveryOptions. */
export const DISCOVERY_DEFAULTS = { maxTemplates: 5000, minSupport: 1, maxSplitWords: 2 } as const

interface Draft {
  readonly pattern: string
  readonly slots: readonly SlotSpec[]
  readonly event: number
  readonly support: number
  readonly firstIndex: number
  /** kept even when no training message ends up encoded with it (the fallback of tighter drafts) */
  readonly keep: boolean
}

/** Mines templates from messages (see the file comment); throws AuraError E_SCHEMA for bad options. */
export function discoverTemplates(messages: readonly string[], options: DiscoveryOptions = {}): DiscoveryResult {
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
  const { groups: jsonGroups, json } =
    options.jsonAware === false ? { groups: [], json: new Set<number>() } : groupJsonMessages(messages)
  const textIndexes = json.size === 0 ? undefined : messages.flatMap((_m, i) => (json.has(i) ? [] : [i]))
  const texts = textIndexes === undefined ? messages : textIndexes.map((i) => messages[i] as string)
  // without a log_format, a header every line shares in structure is detected by shape (discovery-header-shape.ts)
  const detected = options.header === undefined && options.detectHeader !== false ? detectHeader(texts) : undefined
  const header = options.header === undefined ? detected : createHeaderFormat(options.header)
  const clustering = clusterMessages(texts, {
    maxSplitWords: settings.maxSplitWords,
    ...(header === undefined ? {} : { contentStart: (message: string) => header.contentStart(message) }),
    onGroup: (done) => report('cluster', done, messages.length),
  })
  const original = (i: number): number => (textIndexes === undefined ? i : (textIndexes[i] as number))
  // event number per message; -1 until assigned
  const eventOf = new Array<number>(messages.length).fill(-1)
  let nextEvent = 0
  for (const cluster of clustering.clusters) {
    for (const member of cluster.members) eventOf[original(member.index)] = cluster.event
    nextEvent = Math.max(nextEvent, cluster.event + 1)
  }
  const drafts = draftAll(clustering, texts, (done) => report('draft', done, clustering.clusters.length)).map((d) => ({
    ...d,
    firstIndex: original(d.firstIndex),
  }))
  // each structure is drafted from a bounded sample of its messages (discovery-json.ts); support counts them all
  const firstJsonEvent = nextEvent
  for (const { sample, indexes } of jsonGroups) {
    const event = nextEvent++
    for (const index of indexes) eventOf[index] = event
    const tight = draftJsonTemplate(sample)
    const [firstIndex, support] = [indexes[0] as number, indexes.length]
    drafts.push({ ...tight, event, support, firstIndex, keep: false })
    // values every training message shared are literal above; a fallback with every value a slot takes the next model name
    const open = draftJsonTemplate(sample, true)
    if (open.pattern !== tight.pattern) drafts.push({ ...open, event, support, firstIndex, keep: true })
  }
  // a JSON message of a structure seen once is an event of its own
  for (const i of json) if (eventOf[i] === -1) eventOf[i] = nextEvent++
  const events = eventOf.map(String)
  const kept = selectDrafts(drafts, options.existing, settings.minSupport, settings.maxTemplates)
  const provenance: ProvenanceEntry = {
    tool: 'aura-bench discover',
    corpus: options.corpus ?? '<messages>',
    createdAt: options.createdAt ?? '1970-01-01T00:00:00.000Z',
    messages: messages.length,
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
  const built = buildUsedStore(kept, messages, eventOf, options, provenance, triedPerEvent, (done) =>
    report('verify', done, messages.length),
  )
  const { templateIds, added } = built
  // a new store has its usage written by buildStore: re-parsing a store of many MB once more costs time and memory
  const { store, evicted } =
    options.existing === undefined
      ? { store: built.store, evicted: 0 }
      : recordUsage(
          built.store,
          messages,
          firstFreeId(options.existing),
          options.evictAfter,
          options.corpus ?? '<discovered>',
          keepShare,
        )
  return {
    store,
    events,
    templateIds,
    stats: {
      messages: messages.length,
      events: new Set(events).size,
      drafts: drafts.length,
      addedTemplates: added,
      droppedDrafts: drafts.length - added,
      coveredMessages: templateIds.filter((id) => id !== undefined).length,
      evictedTemplates: evicted,
    },
  }
}

/** Steps 4 and 5: the store of the kept drafts that training messages use, fallbacks included. */
function buildUsedStore(
  kept: readonly Draft[],
  messages: readonly string[],
  eventOf: readonly number[],
  options: DiscoveryOptions,
  provenance: ProvenanceEntry,
  triedPerEvent: (event: number) => number,
  onVerified: (done: number) => void,
) {
  const build = (chosen: readonly Draft[]): TemplateStore =>
    buildStore(chosen, options, { ...provenance, addedTemplates: chosen.length })
  // usage is counted without the fallbacks, so a fallback never pushes out the tighter templates it backs
  const tight = kept.filter((draft) => !draft.keep)
  const startId = firstFreeId(options.existing)
  // each message is verified against its own event's templates (discovery-verify.ts); a merge against the whole store
  const verify = (store: TemplateStore, chosen: readonly Draft[], onDone: (done: number) => void, usedOnly = false) =>
    options.existing === undefined
      ? encodeByEvent(
          store,
          messages,
          eventOf,
          (id) => (chosen[id - startId] as Draft).event,
          onDone,
          usedOnly,
          triedPerEvent,
        )
      : encodeAll(store, messages, onDone)
  const used = new Set(
    tight.length === 0 && options.existing === undefined ? [] : verify(build(tight), tight, onVerified, true),
  )
  const final = [...tight.filter((_draft, i) => used.has(startId + i)), ...kept.filter((draft) => draft.keep)].sort(
    bySupport,
  )
  if (final.length === 0 && options.existing === undefined) {
    throw new AuraError(
      'E_NO_TEMPLATES',
      `no template found in ${messages.length} messages: every candidate pattern was all slots or below minSupport, or (JSON) a key structure too wide for the few messages that use it (a template may cost at most ${STORE_BYTES_PER_MESSAGE} store bytes per training message)`,
      { field: 'corpus' },
      {
        hint: 'a template needs literal text its messages share and enough messages to pay for its store entry: give discover more messages of the same kind, or a lower --min-support',
      },
    )
  }
  const store = build(final)
  return { store, templateIds: verify(store, final, () => undefined), added: final.length }
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

/** One draft per cluster and exact separators, tighter ones per value shape, a general one per many-shaped event (step 2). */
function draftAll(clustering: Clustering, messages: readonly string[], onCluster: (done: number) => void): Draft[] {
  const drafts: Draft[] = []
  const events = new Map<number, { words: readonly string[]; shapes: DraftTemplate[]; members: ClusterMember[] }>()
  const needsHeaderFallback = headerFallbackNeed(clustering.clusters)
  clustering.clusters.forEach((cluster, done) => {
    const event = events.get(cluster.event) ?? { words: cluster.words, shapes: [], members: [] }
    events.set(cluster.event, event)
    event.members.push(...cluster.members)
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
  for (const [event, { words, shapes, members }] of events) {
    const general = generalizeEvent(
      shapes,
      words,
      members.map((m) => messages[m.index] as string),
    )
    if (general !== undefined)
      drafts.push({
        ...general,
        event,
        support: members.length,
        firstIndex: Math.min(...members.map((m) => m.index)),
        keep: true,
      })
  }
  return drafts
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
function bySupport(a: Draft, b: Draft): number {
  return b.support - a.support || a.firstIndex - b.firstIndex || Number(a.keep) - Number(b.keep)
}

/** Step 3: usable, new, supported drafts, most messages first (ties: first seen). */
function selectDrafts(
  drafts: readonly Draft[],
  existing: TemplateStore | undefined,
  minSupport: number,
  maxTemplates: number,
): Draft[] {
  const seen = new Set(existing?.templates.map((t) => t.pattern) ?? [])
  const ordered = [...drafts].sort(bySupport)
  const kept: Draft[] = []
  for (const draft of ordered) {
    if (kept.length >= maxTemplates || draft.support < minSupport) break
    if (seen.has(draft.pattern) || parsePattern(draft.pattern).status !== 'ok') continue
    seen.add(draft.pattern)
    kept.push(draft)
  }
  return kept
}

function buildStore(drafts: readonly Draft[], options: DiscoveryOptions, run: ProvenanceEntry): TemplateStore {
  const existing = options.existing
  const startId = firstFreeId(existing)
  if (startId + drafts.length - 1 > MAX_TEMPLATE_ID) {
    throw new AuraError(
      'E_SCHEMA',
      `the store would need template ids above ${MAX_TEMPLATE_ID}`,
      { field: 'maxTemplates' },
      { hint: 'lower --max-templates' },
    )
  }
  const runNumber = (existing?.provenance.length ?? 0) + 1
  const added = drafts.map((draft, i) => ({
    id: startId + i,
    pattern: draft.pattern,
    category: existing === undefined ? `event ${draft.event}` : `run ${runNumber} event ${draft.event}`,
    slots: draft.slots,
    // what recordUsage records for a first run: the run that adds a template uses it
    ...(existing === undefined ? { lastUsedRun: 1, uses: draft.support } : {}),
  }))
  const highest =
    existing === undefined
      ? {
          highestId: startId + drafts.length - 1,
          ...(options.evictAfter === undefined ? {} : { evictedTemplates: 0 }),
        }
      : {}
  const json = {
    ...toTemplateStoreJson(existing ?? { name: '', storeVersion: undefined, source: undefined, templates: [] }),
    name: options.name ?? existing?.name ?? 'discovered',
    storeVersion: nextStoreVersion(existing?.storeVersion),
    source: existing?.source ?? `templates discovered by aura-bench discover from ${run.corpus}`,
    provenance: [...(existing?.provenance ?? []), { ...run, ...highest }],
    templates: [...(existing === undefined ? [] : (toTemplateStoreJson(existing).templates as unknown[])), ...added],
  }
  return parseTemplateStore(json, options.corpus ?? '<discovered>')
}

/** `1` for a new store; an integer label counts up; another label gets `+1` appended. */
function nextStoreVersion(previous: string | undefined): string {
  if (previous === undefined) return '1'
  return /^\d+$/.test(previous) ? String(Number(previous) + 1) : `${previous}+1`
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
