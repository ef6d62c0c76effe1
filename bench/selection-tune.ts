/**
 * The leave-systems-out choice of the learned short-cut's rule (src/hybrid/selection-learning.ts) and
 * what it saves: per Loghub-format system, the store `aura-bench discover` makes from the first half
 * of the lines (kept in `--work DIR`) and the zstd_dict configs a user writes (level 3 and 19,
 * bench/lib/user-setup.ts). The learning compressor's selection of every held-out line, in order, PASSES
 * times (bench/lib/selection-replay.ts: the learned template choice and the note of refused runs as the
 * compressor has them; the fallback's and the template's frame sizes) is replayed through a
 * SelectionLearner per rule: margins with three reset rules, and caps of the re-check interval. "larger"
 * and "extra bytes" are against the same replay with the short-cut off (every comparison and re-weighing
 * run). At the shipped rule, every pass is checked equal to the shipped compressor line by line (frame size,
 * fallback run, template frame weighed), so the replay is the compressor's choice (round s35-tune: it had
 * not been since round s30-choice's learned choice, and stopped at OpenSSH line 169). Pass 1 is a user's first pass
 * (as bench/shortcut.ts and test/learned-shortcut.test.ts); pass PASSES is the steady state
 * bench/speed.ts times after its warm-up. The folds: the systems given, sorted by name, alternately A and B
 * (bench/lib/loghub-args.ts `foldsOf`; at least two). "before" is af15f88's rule (margin 1.2, every comparison that
 * is not a comfortable win resets, every 32nd learned use re-checked).
 *
 *   npx tsx bench/selection-tune.ts --work DIR <loghub system folder | folder of them>...
 */
import { LEARN_MARGIN, type LearningRule, RECHECK_MAX, RESET_BELOW } from '../src/hybrid/selection-learning.ts'
import { loadCompressor } from '../src/runner/load-compressor.ts'
import { foldsOf, loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { describeMachine } from './lib/machine.ts'
import { PASSES, replayDiffers, seenOf } from './lib/selection-replay.ts'
import { add, emptyTally, type Tally, tallyOf } from './lib/selection-tally.ts'
import { count, renderTable } from './lib/table.ts'
import { cachedDiscoveredStore, userConfigsIn } from './lib/user-setup.ts'

const MARGINS = [1, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35]
const FOLDS = ['A', 'B'] as const

/** The rule families weighed: a loss resets below the margin itself (af15f88's rule: wins in a row), or below a fixed ratio. */
const FAMILIES: { name: string; rule: (margin: number) => LearningRule }[] = [
  { name: 'reset below the margin (af15f88)', rule: (margin) => ({ margin, resetBelow: margin, recheckMax: 32 }) },
  { name: 'reset below 1.1', rule: (margin) => ({ margin, resetBelow: Math.min(margin, 1.1), recheckMax: 32 }) },
  { name: 'reset below 1.0', rule: (margin) => ({ margin, resetBelow: 1, recheckMax: 32 }) },
]
/** Re-check intervals' caps weighed, with af15f88's margin and reset. */
const CAPS = [32, 64, 128, 256, 512, 1024, 4096]
const capRule = (recheckMax: number): LearningRule => ({ margin: 1.2, resetBelow: 1.2, recheckMax })
const BEFORE: LearningRule = capRule(32)
const SHIPPED: LearningRule = { margin: LEARN_MARGIN, resetBelow: RESET_BELOW, recheckMax: RECHECK_MAX }

const pct = (extra: number, seed: number): string => `${((100 * extra) / seed).toFixed(3)}%`

/** A tally's cells in the tables' order: fallback calls (pass 1, last), extra bytes (pass 1, last), larger frames (pass 1, all). */
const tallyCells = (t: Tally): string[] => [
  count(t.calls1),
  count(t.callsLast),
  pct(t.extra1, t.seed),
  pct(t.extraLast, t.seed),
  count(t.larger1),
  count(t.larger),
]

/** The headers of `tallyCells`, in its order. */
const tallyHeader = (larger1 = 'frames larger, pass 1'): string[] => [
  'fallback calls, pass 1',
  `fallback calls, pass ${PASSES}`,
  'extra bytes, pass 1',
  `extra bytes, pass ${PASSES}`,
  larger1,
  'frames larger, all passes',
]

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const work = argv.includes('--work') ? argv[argv.indexOf('--work') + 1] : undefined
  const paths = positionalArgs(argv, ['--work'])
  if (work === undefined || paths.length === 0) {
    console.error('usage: npx tsx bench/selection-tune.ts --work DIR <loghub system folder | folder of them>...')
    process.exit(2)
  }
  console.log(describeMachine())
  const systemRows: string[][] = []
  /** per family, margin and fold, both levels */
  const byFold = new Map<string, Tally>()
  const systems = loghubSystemsFrom(paths)
  const foldOf = foldsOf(systems, 'bench/selection-tune.ts')
  for (const system of systems) {
    const { store, heldOut } = await cachedDiscoveredStore(system, work)
    const { l3, l19 } = userConfigsIn(system, work)
    const fold = foldOf.get(system.name) as string
    for (const [level, configPath] of [
      [3, l3],
      [19, l19],
    ] as const) {
      const seen = await seenOf(configPath, store, heldOut)
      // the replay is the compressor's choice: at the shipped rule, every pass gives the shipped compressor's frames
      const differs = replayDiffers(seen, SHIPPED, await loadCompressor(configPath), heldOut)
      if (differs !== undefined)
        throw new Error(
          `${system.name} L${level}: the replay differs from the compressor at line ${differs.line} of pass ${differs.pass} (replayed ${differs.replay}; compressed ${differs.compressor})`,
        )
      for (const family of FAMILIES)
        for (const margin of MARGINS) {
          const key = `${family.name}|${margin}|${fold}`
          if (!byFold.has(key)) byFold.set(key, emptyTally())
          add(byFold.get(key) as Tally, tallyOf(seen, family.rule(margin)))
        }
      for (const cap of CAPS) {
        const key = `cap|${cap}|${fold}`
        if (!byFold.has(key)) byFold.set(key, emptyTally())
        add(byFold.get(key) as Tally, tallyOf(seen, capRule(cap)))
      }
      const [before, after] = [tallyOf(seen, BEFORE), tallyOf(seen, SHIPPED)]
      systemRows.push([
        system.name,
        fold,
        `${level}`,
        `${count(before.calls1)} -> ${count(after.calls1)}`,
        `${count(before.callsLast)} -> ${count(after.callsLast)}`,
        `${pct(before.extra1, before.seed)} -> ${pct(after.extra1, after.seed)}`,
        `${pct(before.extraLast, before.seed)} -> ${pct(after.extraLast, after.seed)}`,
        `${count(before.larger1)} -> ${count(after.larger1)}`,
        `${count(before.larger)} -> ${count(after.larger)}`,
      ])
    }
  }
  console.log('')
  const members = (fold: string): string =>
    systems
      .filter((s) => foldOf.get(s.name) === fold)
      .map((s) => s.name)
      .join(', ')
  console.log(
    `Per rule family and margin, per fold (A: ${members('A')}; B: ${members('B')}; levels 3 and 19, ${heldOutNote}):`,
  )
  console.log('')
  const foldRows: string[][] = []
  for (const family of FAMILIES)
    for (const margin of MARGINS)
      for (const fold of FOLDS) {
        const t = byFold.get(`${family.name}|${margin}|${fold}`) as Tally
        foldRows.push([family.name, margin.toFixed(2), fold, ...tallyCells(t)])
      }
  console.log(
    renderTable(['rule', 'margin', 'fold', ...tallyHeader('frames larger than the short-cut off, pass 1')], foldRows),
  )
  console.log('')
  for (const family of FAMILIES)
    for (const [train, test] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const chosen = MARGINS.find((m) => byFold.get(`${family.name}|${m}|${train}`)?.larger1 === 0)
      const onTest = chosen === undefined ? undefined : (byFold.get(`${family.name}|${chosen}|${test}`) as Tally)
      console.log(
        `- ${family.name}: chosen on fold ${train} (smallest margin with no larger frame in pass 1): ${chosen ?? 'none'}; on fold ${test}: ${onTest === undefined ? 'n/a' : `${count(onTest.larger1)} larger frames in pass 1 (${count(onTest.larger)} in all passes), fallback calls pass 1 ${count(onTest.calls1)}, pass ${PASSES} ${count(onTest.callsLast)}`}`,
      )
    }
  console.log('')
  console.log(`Re-check interval doubling up to a cap (margin 1.2, reset below 1.2; cap 32 = af15f88), per fold:`)
  console.log('')
  const capRows: string[][] = []
  for (const cap of CAPS)
    for (const fold of FOLDS) {
      const t = byFold.get(`cap|${cap}|${fold}`) as Tally
      capRows.push([`${cap}`, fold, ...tallyCells(t)])
    }
  console.log(renderTable(['cap', 'fold', ...tallyHeader()], capRows))
  console.log('')
  for (const [train, test] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    const base = byFold.get(`cap|32|${train}`) as Tally
    const noWorse = (t: Tally): boolean =>
      t.larger1 <= base.larger1 && t.larger <= base.larger && t.extra1 <= base.extra1
    const chosen = [...CAPS].reverse().find((cap) => noWorse(byFold.get(`cap|${cap}|${train}`) as Tally))
    const onTest = byFold.get(`cap|${chosen}|${test}`) as Tally
    const testBase = byFold.get(`cap|32|${test}`) as Tally
    console.log(
      `- cap chosen on fold ${train} (largest with no more larger frames and no more bytes in pass 1 than cap 32): ${chosen}; on fold ${test}: larger frames pass 1 ${count(testBase.larger1)} -> ${count(onTest.larger1)}, all passes ${count(testBase.larger)} -> ${count(onTest.larger)}, fallback calls pass ${PASSES} ${count(testBase.callsLast)} -> ${count(onTest.callsLast)}`,
    )
  }
  console.log('')
  console.log(
    `Per system, af15f88's rule (margin 1.2, reset below 1.2, re-check every 32nd) -> the shipped rule (margin ${LEARN_MARGIN}, reset below ${RESET_BELOW}, re-check cap ${RECHECK_MAX}):`,
  )
  console.log('')
  console.log(renderTable(['system', 'fold', 'level', ...tallyHeader()], systemRows))
}

const heldOutNote = `the held-out halves replayed ${PASSES} times in order`

await main()
