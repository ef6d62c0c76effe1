/**
 * Template matching cost against store size: the same messages (Loghub Apache and HDFS Content
 * lines, whose 20 ground-truth templates make the small store) encoded with the 20-template store
 * and with two stores of 1,020: "diverse" (other traffic's templates and synthetic log patterns)
 * and "near-duplicates" (one-word variants of the 20, the hard case for a literal-text index), and
 * 5,020 of each, to show whether the cost keeps growing with the store or stops.
 * Run alone: `npx tsx bench/store-scale.ts [--quick] <loghub system folder | folder of them>...` (the small store is
 * Apache's and HDFS's ground truth when those folders are given, else the first two systems with ground truth).
 */
import { writeTemplateFrame } from '../src/codecs/index.ts'
import { tryDecodeUtf8 } from '../src/core/index.ts'
import {
  createMatcher,
  createTemplateFrameEncoder,
  type TemplateMatcher,
  type TemplateStore,
} from '../src/templates/index.ts'
import { createPatternStore, readContentCsv, readTemplatesCsv, toByteMessages } from './lib/fixtures.ts'
import { loghubSystemsFrom, positionalArgs, type LoghubSystem } from './lib/loghub-args.ts'
import { loadExpandedStore } from './lib/corpora.ts'
import { describeMachine } from './lib/machine.ts'
import { createDiverseStore, createNearDuplicateStore } from './lib/stores.ts'
import { checkGoal } from './lib/goals.ts'
import { count, renderTable, times, us } from './lib/table.ts'
import { compareShuffled, SHUFFLED_PASSES, wallMs } from './lib/timing.ts'

const SMALL_SYSTEMS = ['Apache', 'HDFS'] as const
const LARGE_TEMPLATES = 1020
const HUGE_TEMPLATES = 5020

interface StoreCase {
  name: string
  store: TemplateStore
  matcher: TemplateMatcher
  buildMs: number
}

function encoderOf(matcher: TemplateMatcher): (bytes: Uint8Array) => Uint8Array | undefined {
  // the hybrid's path: one frame encoder per store, the header asked once per template id
  const encoder = createTemplateFrameEncoder(matcher, (templateId) => writeTemplateFrame(templateId, new Uint8Array(0)))
  return (bytes) => encoder.encodeBytes(bytes)?.frame
}

async function storeCase(name: string, store: TemplateStore): Promise<StoreCase> {
  let matcher: TemplateMatcher | undefined
  const buildMs = await wallMs(() => (matcher = createMatcher(store)))
  return { name, store, matcher: matcher as TemplateMatcher, buildMs }
}

async function storeCases(systems: readonly LoghubSystem[]): Promise<{ cases: StoreCase[]; messages: Uint8Array[] }> {
  const withTruth = systems.filter((s) => s.structuredPath !== undefined && s.templatesPath !== undefined)
  const preferred = withTruth.filter((s) => (SMALL_SYSTEMS as readonly string[]).includes(s.name))
  const smallSystems = preferred.length === SMALL_SYSTEMS.length ? preferred : withTruth.slice(0, 2)
  const smallPatterns = smallSystems.flatMap((system) => readTemplatesCsv(system.templatesPath as string))
  const otherPatterns = [
    ...withTruth
      .filter((s) => !smallSystems.includes(s))
      .flatMap((system) => readTemplatesCsv(system.templatesPath as string)),
    ...(await loadExpandedStore()).templates.map((t) => t.pattern),
  ]
  const small = createPatternStore('small-20', smallPatterns)
  const smallMatcher = createMatcher(small)
  const texts = smallSystems
    .flatMap((system) => readContentCsv(system.structuredPath as string))
    .filter((text) => smallMatcher.match(text).length > 0)
  const cases = [
    await storeCase(`${small.templates.length} templates`, small),
    await storeCase(`${LARGE_TEMPLATES} diverse`, createDiverseStore(smallPatterns, otherPatterns, LARGE_TEMPLATES)),
    await storeCase(
      `${LARGE_TEMPLATES} near-duplicates`,
      createNearDuplicateStore(smallPatterns, [...smallPatterns, ...otherPatterns], LARGE_TEMPLATES),
    ),
    await storeCase(`${HUGE_TEMPLATES} diverse`, createDiverseStore(smallPatterns, otherPatterns, HUGE_TEMPLATES)),
    await storeCase(
      `${HUGE_TEMPLATES} near-duplicates`,
      createNearDuplicateStore(smallPatterns, [...smallPatterns, ...otherPatterns], HUGE_TEMPLATES),
    ),
  ]
  return { cases, messages: toByteMessages(texts) }
}

function framesIdentical(
  reference: readonly (Uint8Array | undefined)[],
  frames: readonly (Uint8Array | undefined)[],
): number {
  let same = 0
  reference.forEach((frame, i) => {
    const other = frames[i]
    if (frame !== undefined && other !== undefined && Buffer.compare(frame, other) === 0) same += 1
  })
  return same
}

/** The store-scale section as Markdown. */
export async function storeScaleSection(corpusPaths: readonly string[], calls: number): Promise<string> {
  const systems = loghubSystemsFrom(corpusPaths)
  if (systems.filter((s) => s.templatesPath !== undefined && s.structuredPath !== undefined).length < 2)
    return '### Store size\n\nSkipped: needs two Loghub systems with their ground-truth CSVs.'
  const { cases, messages } = await storeCases(systems)
  const encoders = cases.map((c) => encoderOf(c.matcher))
  const frames = encoders.map((encode) => messages.map(encode))
  const texts = messages.map((m) => tryDecodeUtf8(m) as string)
  const contender = (k: number) => ({
    name: (cases[k] as StoreCase).name,
    run: (i: number) => (encoders[k] as (b: Uint8Array) => unknown)(messages[i] as Uint8Array),
  })
  const options = { messageCount: messages.length, callsPerContender: calls }
  const rows: string[][] = []
  for (let k = 0; k < cases.length; k++) {
    // each store side by side with the 20-template one alone: a server holds one store, so the other large stores must not share its caches
    const [base, s] =
      k === 0
        ? await compareShuffled([contender(0)], options).then((r) => [r[0], r[0]])
        : await compareShuffled([contender(0), contender(k)], options)
    if (base === undefined || s === undefined) throw new Error('a store was not timed')
    const c = cases[k] as StoreCase
    const candidates = texts.reduce((sum, text) => sum + c.matcher.candidates(text).length, 0) / texts.length
    rows.push([
      c.name,
      count(c.store.templates.length),
      c.buildMs.toFixed(1),
      candidates.toFixed(2),
      us(s.p50Us),
      us(s.p99Us),
      us(base.p50Us),
      times(s.p50Us / base.p50Us),
      times(s.p99Us / base.p99Us),
      k === 0
        ? ''
        : checkGoal(
            `store of ${c.name}: p50 and mean <= 1.10x a 20-template store`,
            `p50 ${times(s.p50Us / base.p50Us)}, mean ${times(s.meanUs / base.meanUs)}`,
            Math.max(s.p50Us / base.p50Us, s.meanUs / base.meanUs) <= 1.1,
          ),
      `${count(framesIdentical(frames[0] as Uint8Array[], frames[k] as Uint8Array[]))} / ${count(messages.length)}`,
    ])
  }
  return [
    '### Store size: 20 templates vs 1,020 and 5,020',
    '',
    `Loghub Apache + HDFS Content lines that one of their 20 ground-truth templates matches (${count(messages.length)} messages), encoded (bytes -> binary_semantic frame, createTemplateFrameEncoder as the hybrid does) with each store; each large store is timed side by side with the 20-template store alone (a server holds one store: the others must not share its caches), ${count(calls)} calls each, interleaved in ${SHUFFLED_PASSES} passes in a new seeded order each. Ratios are against the 20-template store of the same pairing.`,
    '',
    renderTable(
      [
        'store',
        'templates',
        'index build ms',
        'candidates / message',
        'encode p50 µs',
        'encode p99 µs',
        '20-store p50 µs (same pairing)',
        'p50 vs 20',
        'p99 vs 20',
        'goal: p50 and mean <= 1.10x',
        'frames identical to the 20-store',
      ],
      rows,
    ),
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeMachine())
  console.log('')
  console.log(
    await storeScaleSection(positionalArgs(process.argv.slice(2)), process.argv.includes('--quick') ? 4000 : 20_000),
  )
}
