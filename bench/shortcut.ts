/**
 * What the learned selection short-cut (src/hybrid/selection-learning.ts) costs in bytes and saves in
 * fallback calls, as a user meets it: per Loghub-format system on the command line, the store
 * discovered from the first half and the zstd_dict level-3 config of bench/lib/user-setup.ts, the
 * held-out half compressed in order by the compressor as loaded (learning on, the default) and by
 * the same config with `learnSelection: false` (the seed's comparison on every message).
 *   npx tsx bench/shortcut.ts <loghub system folder | folder of them>...
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHybridCompressor, type HybridCompressor } from '../src/hybrid/index.ts'
import { loadDictionary } from '../src/runner/load-compressor.ts'
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

async function alwaysComparing(setup: UserSetup): Promise<HybridCompressor> {
  const config = await loadCompressorConfig(setup.configPaths.l3)
  return createHybridCompressor(
    config,
    { store: setup.store, matcher: createMatcher(setup.store), dictionary: await loadDictionary(config) },
    { learnSelection: false },
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
  try {
    for (const system of loghubSystemsFrom(corpusPaths)) {
      const setup = await setUpAsUser(system, workDir)
      const always = run(await alwaysComparing(setup), setup.heldOut)
      const learned = run(setup.hybridL3, setup.heldOut, always.frames).pass
      totalAlways += always.pass.bytes
      totalLearned += learned.bytes
      rows.push([
        system.name,
        count(setup.heldOut.length),
        count(always.pass.fallbackCalls),
        count(learned.fallbackCalls),
        count(always.pass.bytes),
        count(learned.bytes),
        `${((100 * (learned.bytes - always.pass.bytes)) / always.pass.bytes).toFixed(3)}%`,
        count(learned.larger),
        `${learned.worstRatio.toFixed(2)}x`,
      ])
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
  const extra = (100 * (totalLearned - totalAlways)) / totalAlways
  return [
    '### Learned selection short-cut: fallback calls spared, bytes it costs',
    '',
    'Held-out half of each system, in order, zstd_dict level-3 config with the discovered store: "always comparing" runs the fallback on every message the seed\'s rule needs it for (`learnSelection: false`; the proven short-cut of payload-bounds.ts still applies); "learned" is the compressor as `loadCompressor` builds it. Frames larger: messages whose learned frame is larger than the always-comparing one.',
    '',
    renderTable(
      [
        'system',
        'messages',
        'fallback calls, always comparing',
        'fallback calls, learned',
        'bytes, always comparing',
        'bytes, learned',
        'extra bytes',
        'frames larger',
        'largest ratio',
      ],
      rows,
    ),
    '',
    `All systems: ${((100 * (totalLearned - totalAlways)) / totalAlways).toFixed(3)}% more bytes with the learned short-cut (goal <= 0.5%: ${checkGoal('learned short-cut: <= 0.5% more bytes than always comparing', `${extra.toFixed(3)}%`, extra <= 0.5)}).`,
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
