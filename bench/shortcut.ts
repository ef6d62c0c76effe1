/**
 * What the learned short-cuts cost in bytes and save in fallback calls, as a user meets them: per
 * Loghub-format system on the command line, the store discovered from the first half and the zstd_dict
 * level-3 config of bench/lib/user-setup.ts, the held-out half compressed in order by the compressor as
 * loaded (learning on, the default: the selection short-cut, src/hybrid/selection-learning.ts, and the
 * learned template choice, src/templates/choice-learning.ts), by the same config with
 * `learnChoice: false` (the selection short-cut alone, every template frame the smallest), and with
 * `learnSelection: false` (the seed's comparison on every message, the smallest template frame). Every
 * frame of the compressor as loaded is decoded and checked.
 *   npx tsx bench/shortcut.ts <loghub system folder | folder of them>...
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHybridCompressor, type HybridCompressor, type HybridOptions } from '../src/hybrid/index.ts'
import { loadCompressor, loadDictionary } from '../src/runner/load-compressor.ts'
import { loadCompressorConfig } from '../src/suite/index.ts'
import { createMatcher } from '../src/templates/index.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { describeMachine } from './lib/machine.ts'
import { checkGoal } from './lib/goals.ts'
import { count, renderTable } from './lib/table.ts'
import { setUpAsUser, type UserSetup } from './lib/user-setup.ts'

interface Pass {
  bytes: number
  fallbackCalls: number
  /** messages whose frame is larger than the always-comparing compressor's, and by how much at most (ratio) */
  larger: number
  worstRatio: number
}

/** The user's config and store with other options: `learnSelection: false` (always comparing) or `learnChoice: false`. */
async function withOptions(setup: UserSetup, options: HybridOptions): Promise<HybridCompressor> {
  const config = await loadCompressorConfig(setup.configPaths.l3)
  return createHybridCompressor(
    config,
    { store: setup.store, matcher: createMatcher(setup.store), dictionary: await loadDictionary(config) },
    options,
  )
}

function run(
  hybrid: HybridCompressor,
  messages: readonly Uint8Array[],
  reference?: readonly Uint8Array[],
): { pass: Pass; frames: Uint8Array[] } {
  const pass: Pass = { bytes: 0, fallbackCalls: 0, larger: 0, worstRatio: 1 }
  const frames: Uint8Array[] = []
  messages.forEach((message, i) => {
    const result = hybrid.compressSync(message)
    if (Buffer.compare(hybrid.decompressSync(result.bytes), message) !== 0)
      throw new Error(`held-out line ${i}: the frame does not decode to the line`)
    frames.push(result.bytes)
    pass.bytes += result.bytes.length
    if (result.metadata.candidateBytes.zstd_dict !== undefined) pass.fallbackCalls += 1
    const other = reference?.[i]
    if (other !== undefined && result.bytes.length > other.length) {
      pass.larger += 1
      pass.worstRatio = Math.max(pass.worstRatio, result.bytes.length / other.length)
    }
  })
  return { pass, frames }
}

/** The short-cut section as Markdown. */
export async function shortcutSection(corpusPaths: readonly string[]): Promise<string> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'aura-shortcut-'))
  const rows: string[][] = []
  let totalAlways = 0
  let totalLearned = 0
  let totalSelectionOnly = 0
  try {
    for (const system of loghubSystemsFrom(corpusPaths)) {
      const setup = await setUpAsUser(system, workDir)
      const always = run(await withOptions(setup, { learnSelection: false }), setup.heldOut)
      const selectionOnly = run(await withOptions(setup, { learnChoice: false }), setup.heldOut)
      const learned = run(setup.hybridL3, setup.heldOut, always.frames).pass
      // a second compressor as loaded (the first has learned from the lines already), against selection only
      const choice = run(await loadCompressor(setup.configPaths.l3), setup.heldOut, selectionOnly.frames).pass
      totalAlways += always.pass.bytes
      totalLearned += learned.bytes
      totalSelectionOnly += selectionOnly.pass.bytes
      rows.push([
        system.name,
        count(setup.heldOut.length),
        count(always.pass.fallbackCalls),
        count(learned.fallbackCalls),
        count(always.pass.bytes),
        count(selectionOnly.pass.bytes),
        count(learned.bytes),
        `${((100 * (learned.bytes - always.pass.bytes)) / always.pass.bytes).toFixed(3)}%`,
        `${((100 * (learned.bytes - selectionOnly.pass.bytes)) / selectionOnly.pass.bytes).toFixed(3)}%`,
        count(learned.larger),
        `${learned.worstRatio.toFixed(2)}x`,
        count(choice.larger),
        `${choice.worstRatio.toFixed(2)}x`,
      ])
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
  const extra = (100 * (totalLearned - totalAlways)) / totalAlways
  return [
    '### Learned short-cuts: fallback calls spared, bytes they cost',
    '',
    'Held-out half of each system, in order, zstd_dict level-3 config with the discovered store: "always comparing" runs the fallback on every message the seed\'s rule needs it for (`learnSelection: false`; the proven short-cut of payload-bounds.ts still applies) and sends the smallest template frame; "selection only" learns when to skip the fallback but sends the smallest template frame (`learnChoice: false`); "learned" is the compressor as `loadCompressor` builds it (both short-cuts). Frames larger: messages whose learned frame is larger than the always-comparing one, and (choice) than the selection-only one, with a fresh compressor as loaded.',
    '',
    renderTable(
      [
        'system',
        'messages',
        'fallback calls, always comparing',
        'fallback calls, learned',
        'bytes, always comparing',
        'bytes, selection only',
        'bytes, learned',
        'extra bytes',
        'extra bytes of the choice (vs selection only)',
        'frames larger',
        'largest ratio',
        'frames larger (choice)',
        'largest ratio (choice)',
      ],
      rows,
    ),
    '',
    `All systems: ${((100 * (totalLearned - totalAlways)) / totalAlways).toFixed(3)}% more bytes with the learned short-cuts than always comparing; the learned template choice ${((100 * (totalLearned - totalSelectionOnly)) / totalSelectionOnly).toFixed(3)}% more than the selection short-cut alone (goal <= 0.5%: ${checkGoal('learned short-cut: <= 0.5% more bytes than always comparing', `${extra.toFixed(3)}%`, extra <= 0.5)}).`,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = positionalArgs(process.argv.slice(2))
  if (paths.length === 0) {
    console.error('usage: npx tsx bench/shortcut.ts <loghub system folder | folder of them>...')
    process.exit(2)
  }
  console.log(describeMachine())
  console.log('')
  console.log(await shortcutSection(paths))
}
