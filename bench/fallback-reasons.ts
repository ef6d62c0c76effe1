/**
 * Why the hybrid still runs its fallback, per message, at steady state (a diagnosis, not a goal's figure; round
 * s43-p99): per Loghub-format system, the store `aura-bench discover` makes from the first half of the lines (kept
 * in `--work DIR`, bench/lib/user-setup.ts) and the zstd_dict level-3 config a user writes, loaded with
 * `loadCompressor` (learning on, as shipped); the held-out half compressed in order WARM_PASSES times, then
 * COUNTED_PASSES more, each of those calls classed by whether a template frame was weighed (candidateBytes has
 * binary_semantic), whether the fallback ran (candidateBytes has zstd_dict), what was sent, and, for a matched
 * message, what the learned selection short-cut (src/hybrid/selection-learning.ts) said: not asked (the proven
 * short-cut of selection.ts step 4 spared the fallback first), never compared, fewer than LEARN_WINS comfortable
 * wins, a frame wider than learned, a re-check, or a learned skip. The learner is observed by wrapping its
 * `skipsFallback` (what it returns is unchanged). Counts, not times: the same on any machine.
 *
 *   npx tsx bench/fallback-reasons.ts --work DIR <loghub system folder | folder of them>...
 */
import { LEARN_WINS, SelectionLearner } from '../src/hybrid/selection-learning.ts'
import { loadCompressor } from '../src/runner/load-compressor.ts'
import { l3ConfigIn } from './lib/hybrid-nomatch-ab.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { describeMachine } from './lib/machine.ts'
import { renderTable } from './lib/table.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const WARM_PASSES = 4
const COUNTED_PASSES = 20

/** What the learner said on the last call it was asked (reset before each message). */
let said = 'not asked'
const skipsFallback = SelectionLearner.prototype.skipsFallback
SelectionLearner.prototype.skipsFallback = function (this: SelectionLearner, id, binaryBytes, messageBytes) {
  // the state before the call (skipsFallback counts the use): read through the private map, for this diagnosis only
  const state = (
    this as unknown as { states: Map<number, { wins: number; widestBinary: number; widestMessage: number }> }
  ).states.get(id)
  const skips = skipsFallback.call(this, id, binaryBytes, messageBytes)
  if (state === undefined) said = 'never compared'
  else if (state.wins < LEARN_WINS) said = `fewer than ${LEARN_WINS} wins`
  else if (binaryBytes * state.widestMessage > state.widestBinary * messageBytes) said = 'wider than learned'
  else said = skips ? 'learned skip' : 're-check'
  return skips
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const work = argv.includes('--work') ? argv[argv.indexOf('--work') + 1] : undefined
  const paths = positionalArgs(argv, ['--work'])
  if (work === undefined || paths.length === 0) {
    console.error('usage: npx tsx bench/fallback-reasons.ts --work DIR <loghub system folder | folder of them>...')
    process.exit(2)
  }
  console.log(describeMachine())
  const rows: string[][] = []
  for (const system of loghubSystemsFrom(paths)) {
    const { heldOut } = await cachedDiscoveredStore(system, work)
    const hybrid = await loadCompressor(l3ConfigIn(system, work))
    const tally = new Map<string, number>()
    for (let pass = 0; pass < WARM_PASSES + COUNTED_PASSES; pass++) {
      for (const message of heldOut) {
        said = 'not asked'
        const { metadata, method } = hybrid.compressSync(message)
        if (pass < WARM_PASSES) continue
        const matched = metadata.candidateBytes.binary_semantic !== undefined
        const ran = metadata.candidateBytes.zstd_dict !== undefined
        const key = [matched ? 'matched' : 'no template', ran ? 'ran' : 'skipped', matched ? said : '', method].join(
          '\t',
        )
        tally.set(key, (tally.get(key) ?? 0) + 1)
      }
    }
    const calls = COUNTED_PASSES * heldOut.length
    for (const [key, n] of [...tally].sort((a, b) => b[1] - a[1]))
      rows.push([system.name, ...key.split('\t'), `${((100 * n) / calls).toFixed(2)}%`])
  }
  console.log(
    `\nHeld-out half, ${WARM_PASSES} passes, then ${COUNTED_PASSES} counted: share of the counted calls per class\n`,
  )
  console.log(renderTable(['system', 'template', 'fallback', 'learned short-cut said', 'sent', 'calls'], rows))
}

await main()
