/**
 * The leave-systems-out choice of the learned template choice's rule (src/templates/choice-learning.ts):
 * how many picks in a row (`wins`) before a situation's template is tried alone. Per Loghub-format
 * system, the store `aura-bench discover` makes from the first half of the lines (kept in `--work DIR`)
 * and the zstd_dict level-3 config a user writes (bench/lib/user-setup.ts); the held-out half is
 * compressed in order, PASSES times, by the compressor of that config (selection learning on, as
 * `loadCompressor` builds it) with each candidate rule, and by the same with `learnChoice: false`
 * (every template frame the smallest): the bytes each rule adds (pass 1: a user's first pass; all
 * passes), the frames larger and the largest ratio. Every frame is decoded and checked. The share of
 * the lines of several candidates whose frame the template tried alone sent is counted by the learner of
 * bench/lib/selection-replay.ts's walk of the lines under the same rule, since the compressor does not say;
 * the walk is checked to give the compressor's frame, fallback run and template frame weighed on every line
 * of every pass (until round s36-dedup a bare frame encoder counted them: without the compressor's re-check
 * gate, note of refused runs and screen, it was not the compressor's learner).
 * The rule: the smallest `wins` whose tuning fold adds at most 0.25% bytes in pass 1 (half the
 * short-cuts' budget of 0.5%), reported on the other fold; and the swap. The folds: the systems given, sorted by
 * name, alternately A and B (bench/lib/loghub-args.ts `foldsOf`; at least two).
 *
 *   npx tsx bench/choice-tune.ts --work DIR [--wins 1,2,...] [--variants 1,2,...] <loghub system folder | folder of them>...
 */
import { createHybridCompressor, type HybridCompressor } from '../src/hybrid/index.ts'
import { loadDictionary } from '../src/runner/load-compressor.ts'
import { loadCompressorConfig } from '../src/suite/index.ts'
import { LEARN_MARGIN, RECHECK_MAX, RESET_BELOW } from '../src/hybrid/selection-learning.ts'
import {
  CHOICE_RECHECK_EVERY,
  CHOICE_RECHECK_MAX,
  CHOICE_WINNERS_MAX,
  type ChoiceRule,
} from '../src/templates/choice-learning.ts'
import { createMatcher } from '../src/templates/index.ts'
import { l3ConfigIn } from './lib/hybrid-nomatch-ab.ts'
import { foldsOf, loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { describeMachine } from './lib/machine.ts'
import { replayDiffers, walkForConfig } from './lib/selection-replay.ts'
import { count, renderTable } from './lib/table.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const PASSES = 3
const WINS = [1, 2, 4, 8, 16, 32]
const BUDGET_PERCENT = 0.25
/** The fallback short-cut's shipped rule, which the compressors measured here run. */
const SHIPPED_SELECTION = { margin: LEARN_MARGIN, resetBelow: RESET_BELOW, recheckMax: RECHECK_MAX }
const FOLDS = ['A', 'B'] as const

/**
 * The variants weighed, each with every switch set so that it runs the rule it names: the shipped one (8
 * winners, the share guard, a winner whose frame does not fit passing the message on to the next: round
 * s31-p99; one that cannot write a value passing it on too, until a re-check's full choice picks it there:
 * rounds s36-tail and s36-tfix), round 35's (no passing on of unwritable values), s30-choice's (no passing on:
 * the full choice takes it), one winner, and no guard.
 */
const VARIANTS = [
  {
    name: '8 winners, guard, pass over, pass unwritable',
    winnersMax: CHOICE_WINNERS_MAX,
    widestShare: true,
    passOver: true,
    passUnwritable: true,
  },
  {
    name: '8 winners, guard, pass over',
    winnersMax: CHOICE_WINNERS_MAX,
    widestShare: true,
    passOver: true,
    passUnwritable: false,
  },
  {
    name: '8 winners, guard',
    winnersMax: CHOICE_WINNERS_MAX,
    widestShare: true,
    passOver: false,
    passUnwritable: false,
  },
  { name: '1 winner, guard', winnersMax: 1, widestShare: true, passOver: false, passUnwritable: false },
  {
    name: '8 winners, no guard',
    winnersMax: CHOICE_WINNERS_MAX,
    widestShare: false,
    passOver: false,
    passUnwritable: false,
  },
] as const
type Variant = (typeof VARIANTS)[number]
const ruleOf = (wins: number, variant: Variant): ChoiceRule => ({
  wins,
  recheckEvery: CHOICE_RECHECK_EVERY,
  recheckMax: CHOICE_RECHECK_MAX,
  winnersMax: variant.winnersMax,
  widestShare: variant.widestShare,
  passOver: variant.passOver,
  passUnwritable: variant.passUnwritable,
})

interface Tally {
  /** bytes of the smallest-frame compressor, pass 1 and all passes */
  base1: number
  base: number
  extra1: number
  extra: number
  larger1: number
  larger: number
  worstRatio: number
  /** lines of several candidates (frame encoder), and of them sent by the template tried alone */
  several: number
  alone: number
}

const emptyTally = (): Tally => ({
  base1: 0,
  base: 0,
  extra1: 0,
  extra: 0,
  larger1: 0,
  larger: 0,
  worstRatio: 1,
  several: 0,
  alone: 0,
})

function add(into: Tally, t: Tally): void {
  for (const key of Object.keys(t) as (keyof Tally)[])
    into[key] = key === 'worstRatio' ? Math.max(into[key], t[key]) : into[key] + t[key]
}

/** Each pass's frame sizes, every frame decoded and checked. */
function sizesOf(hybrid: HybridCompressor, heldOut: readonly Uint8Array[], system: string): number[][] {
  const passes: number[][] = []
  for (let pass = 0; pass < PASSES; pass++) {
    passes.push(
      heldOut.map((message, i) => {
        const { bytes } = hybrid.compressSync(message)
        if (Buffer.compare(hybrid.decompressSync(bytes), message) !== 0)
          throw new Error(`${system}: line ${i} of pass ${pass + 1} does not decode to itself`)
        return bytes.length
      }),
    )
  }
  return passes
}

const pct = (extra: number, base: number): string => `${((100 * extra) / base).toFixed(3)}%`

/** A tally's six table cells, in the order of both tables' headers. */
const tallyCells = (t: Tally): string[] => [
  pct(t.extra1, t.base1),
  pct(t.extra, t.base),
  count(t.larger1),
  count(t.larger),
  `${t.worstRatio.toFixed(3)}x`,
  `${count(t.alone)} / ${count(t.several)}`,
]

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const work = argv.includes('--work') ? argv[argv.indexOf('--work') + 1] : undefined
  const paths = positionalArgs(argv, ['--work', '--wins', '--variants'])
  // --wins 1,2 and --variants 1,2 (1-based positions in VARIANTS): a shorter run over some of them
  const listed = (flag: string): number[] | undefined =>
    argv.includes(flag)
      ? String(argv[argv.indexOf(flag) + 1])
          .split(',')
          .map(Number)
      : undefined
  const winsRun = listed('--wins') ?? WINS
  const variantsRun = (listed('--variants') ?? VARIANTS.map((_, k) => k + 1)).map((k) => VARIANTS[k - 1] as Variant)
  if (work === undefined || paths.length === 0) {
    console.error('usage: npx tsx bench/choice-tune.ts --work DIR <loghub system folder | folder of them>...')
    process.exit(2)
  }
  console.log(describeMachine())
  const byFold = new Map<string, Tally>()
  const systemRows: string[][] = []
  const systems = loghubSystemsFrom(paths)
  const foldOf = foldsOf(systems, 'bench/choice-tune.ts')
  for (const system of systems) {
    const { store, heldOut } = await cachedDiscoveredStore(system, work)
    const config = await loadCompressorConfig(l3ConfigIn(system, work))
    const resources = { store, matcher: createMatcher(store), dictionary: await loadDictionary(config) }
    const fold = foldOf.get(system.name) as string
    const base = sizesOf(await createHybridCompressor(config, resources, { learnChoice: false }), heldOut, system.name)
    for (const variant of variantsRun)
      for (const wins of winsRun) {
        const sizes = sizesOf(
          await createHybridCompressor(config, resources, { learnChoice: ruleOf(wins, variant) }),
          heldOut,
          system.name,
        )
        const t = emptyTally()
        sizes.forEach((pass, p) =>
          pass.forEach((size, i) => {
            const other = (base[p] as number[])[i] as number
            t.base += other
            t.extra += size - other
            if (p === 0) {
              t.base1 += other
              t.extra1 += size - other
            }
            if (size > other) {
              t.larger += 1
              if (p === 0) t.larger1 += 1
              t.worstRatio = Math.max(t.worstRatio, size / other)
            }
          }),
        )
        // the lines sent alone, counted by the compressor's learner as the selection replay walks the lines (the
        // compressor does not say); the walk is the compressor's: at the shipped short-cut rule its frames are the
        // compressor's on every line of every pass
        const walked = walkForConfig(config, resources, heldOut, ruleOf(wins, variant), PASSES)
        const differs = replayDiffers(
          walked.seen,
          SHIPPED_SELECTION,
          await createHybridCompressor(config, resources, { learnChoice: ruleOf(wins, variant) }),
          heldOut,
        )
        if (differs !== undefined)
          throw new Error(
            `${system.name} ${variant.name} wins ${wins}: the replay differs from the compressor at line ${differs.line} of pass ${differs.pass} (replayed ${differs.replay}; compressed ${differs.compressor})`,
          )
        const counts = walked.choiceCounts
        t.several = counts.tried + counts.recorded - counts.missed
        t.alone = counts.tried - counts.missed
        const key = `${variant.name}|${wins}|${fold}`
        if (!byFold.has(key)) byFold.set(key, emptyTally())
        add(byFold.get(key) as Tally, t)
        systemRows.push([system.name, fold, variant.name, `${wins}`, ...tallyCells(t)])
      }
  }
  const header = [
    'extra bytes pass 1',
    `extra bytes, ${PASSES} passes`,
    'frames larger pass 1',
    `frames larger, ${PASSES} passes`,
    'largest ratio',
    `sent alone / lines of several candidates (${PASSES} passes, frame encoder)`,
  ]
  console.log('')
  console.log(
    `Per system and wins (held-out half in order, ${PASSES} passes; against the same compressor with learnChoice: false; re-checks after ${CHOICE_RECHECK_EVERY} uses doubling to ${CHOICE_RECHECK_MAX}):`,
  )
  console.log('')
  console.log(renderTable(['system', 'fold', 'variant', 'wins', ...header], systemRows))
  console.log('')
  const foldRows: string[][] = []
  for (const variant of variantsRun)
    for (const wins of winsRun)
      for (const fold of FOLDS) {
        const t = byFold.get(`${variant.name}|${wins}|${fold}`)
        if (t === undefined) continue
        foldRows.push([variant.name, `${wins}`, fold, ...tallyCells(t)])
      }
  console.log('Per fold:')
  console.log('')
  console.log(renderTable(['variant', 'wins', 'fold', ...header], foldRows))
  console.log('')
  for (const variant of variantsRun)
    for (const [train, test] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const chosen = winsRun.find((wins) => {
        const t = byFold.get(`${variant.name}|${wins}|${train}`)
        return t !== undefined && (100 * t.extra1) / t.base1 <= BUDGET_PERCENT
      })
      const onTest = chosen === undefined ? undefined : byFold.get(`${variant.name}|${chosen}|${test}`)
      console.log(
        `- ${variant.name}: chosen on fold ${train} (smallest wins adding <= ${BUDGET_PERCENT}% bytes in pass 1): ${chosen ?? 'none'}; on fold ${test}: ${onTest === undefined ? 'n/a' : `${pct(onTest.extra1, onTest.base1)} pass 1, ${pct(onTest.extra, onTest.base)} all passes, ${count(onTest.larger1)} frames larger in pass 1, largest ratio ${onTest.worstRatio.toFixed(3)}x, sent alone ${count(onTest.alone)} of ${count(onTest.several)}`}`,
      )
    }
}

await main()
