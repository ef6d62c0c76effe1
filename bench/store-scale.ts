/**
 * Template matching cost against store size: the same messages (Loghub Apache and HDFS Content
 * lines, whose 20 ground-truth templates make the small store) encoded with the 20-template store
 * and with two stores of 1,020: "diverse" (other traffic's templates and synthetic log patterns)
 * and "near-duplicates" (one-word variants of the 20, the hard case for a literal-text index).
 * Run alone: `npx tsx bench/store-scale.ts [--quick]`.
 */
import { templateHeaderSizeBytes, writeTemplateFrame } from '../src/codecs/index.ts'
import { tryDecodeUtf8 } from '../src/core/index.ts'
import { createMatcher, encodeBinarySemantic, type TemplateMatcher, type TemplateStore } from '../src/templates/index.ts'
import { LOGHUB_SYSTEMS, createPatternStore, readLoghubContent, readLoghubPatterns, sharedCorporaPresent, toByteMessages } from './lib/fixtures.ts'
import { loadExpandedStore } from './lib/corpora.ts'
import { describeMachine } from './lib/machine.ts'
import { createDiverseStore, createNearDuplicateStore } from './lib/stores.ts'
import { count, renderTable, times, us } from './lib/table.ts'
import { compareContenders, wallMs } from './lib/timing.ts'

const SMALL_SYSTEMS = ['Apache', 'HDFS'] as const
const LARGE_TEMPLATES = 1020

interface StoreCase {
  name: string
  store: TemplateStore
  matcher: TemplateMatcher
  buildMs: number
}

function encoderOf(matcher: TemplateMatcher): (bytes: Uint8Array) => Uint8Array | undefined {
  return (bytes) => {
    const encoded = encodeBinarySemantic(matcher, tryDecodeUtf8(bytes) as string, { headerSizeBytes: templateHeaderSizeBytes })
    return encoded === undefined ? undefined : writeTemplateFrame(encoded.templateId, encoded.body)
  }
}

async function storeCase(name: string, store: TemplateStore): Promise<StoreCase> {
  let matcher: TemplateMatcher | undefined
  const buildMs = await wallMs(() => (matcher = createMatcher(store)))
  return { name, store, matcher: matcher as TemplateMatcher, buildMs }
}

async function storeCases(): Promise<{ cases: StoreCase[]; messages: Uint8Array[] }> {
  const smallPatterns = SMALL_SYSTEMS.flatMap((system) => readLoghubPatterns(system))
  const otherPatterns = [
    ...LOGHUB_SYSTEMS.filter((s) => !(SMALL_SYSTEMS as readonly string[]).includes(s)).flatMap((system) => readLoghubPatterns(system)),
    ...(await loadExpandedStore()).templates.map((t) => t.pattern),
  ]
  const small = createPatternStore('small-20', smallPatterns)
  const smallMatcher = createMatcher(small)
  const texts = SMALL_SYSTEMS.flatMap((system) => readLoghubContent(system)).filter((text) => smallMatcher.match(text).length > 0)
  const cases = [
    await storeCase(`${small.templates.length} templates`, small),
    await storeCase(`${LARGE_TEMPLATES} diverse`, createDiverseStore(smallPatterns, otherPatterns, LARGE_TEMPLATES)),
    await storeCase(`${LARGE_TEMPLATES} near-duplicates`, createNearDuplicateStore(smallPatterns, [...smallPatterns, ...otherPatterns], LARGE_TEMPLATES)),
  ]
  return { cases, messages: toByteMessages(texts) }
}

function framesIdentical(reference: readonly (Uint8Array | undefined)[], frames: readonly (Uint8Array | undefined)[]): number {
  let same = 0
  reference.forEach((frame, i) => {
    const other = frames[i]
    if (frame !== undefined && other !== undefined && Buffer.compare(frame, other) === 0) same += 1
  })
  return same
}

/** The store-scale section as Markdown. */
export async function storeScaleSection(calls: number): Promise<string> {
  if (!sharedCorporaPresent()) return '### Store size\n\nSkipped: ../shared/corpora is absent.'
  const { cases, messages } = await storeCases()
  const encoders = cases.map((c) => encoderOf(c.matcher))
  const frames = encoders.map((encode) => messages.map(encode))
  const summaries = await compareContenders(
    cases.map((c, k) => ({ name: c.name, run: (i: number) => (encoders[k] as (b: Uint8Array) => unknown)(messages[i] as Uint8Array) })),
    { messageCount: messages.length, callsPerContender: calls },
  )
  const base = summaries[0] as (typeof summaries)[number]
  const rows = cases.map((c, k) => {
    const s = summaries[k] as (typeof summaries)[number]
    const texts = messages.map((m) => tryDecodeUtf8(m) as string)
    const candidates = texts.reduce((sum, text) => sum + c.matcher.candidates(text).length, 0) / texts.length
    return [c.name, count(c.store.templates.length), c.buildMs.toFixed(1), candidates.toFixed(2), us(s.p50Us), us(s.p99Us), times(s.p50Us / base.p50Us), times(s.p99Us / base.p99Us), `${count(framesIdentical(frames[0] as Uint8Array[], frames[k] as Uint8Array[]))} / ${count(messages.length)}`]
  })
  return [
    '### Store size: 20 templates vs 1,020',
    '',
    `Loghub Apache + HDFS Content lines that one of their 20 ground-truth templates matches (${count(messages.length)} messages), encoded (bytes -> binary_semantic frame) with each store; ${count(calls)} calls per store, interleaved. Ratios are against the 20-template store.`,
    '',
    renderTable(['store', 'templates', 'index build ms', 'candidates / message', 'encode p50 µs', 'encode p99 µs', 'p50 vs 20', 'p99 vs 20', 'frames identical to the 20-store'], rows),
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeMachine())
  console.log('')
  console.log(await storeScaleSection(process.argv.includes('--quick') ? 4000 : 20_000))
}
