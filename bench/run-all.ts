/**
 * `npm run bench`: every speed figure of docs/speed.md, as Markdown on stdout.
 *   npm run bench -- <loghub folders>...            end-to-end speed against zstd_dict, store size, short-cut, harness overhead
 *   npm run bench -- --quick <loghub folders>...    the same with fewer calls (a smoke run)
 *   npm run bench -- --scale <loghub folders>...    also the million-message suite run (several more minutes)
 *   npm run bench -- --scale --messages 200000 <loghub folders>...
 *   npm run bench -- --corpora DIR <loghub folders>...  also the harness overhead (and with --scale the million-message run)
 *                                                        on messages mixed from DIR (loghub/, llm-stream/, ws-market-data/, api-github/)
 *   npm run bench -- --json FILE [--json FILE...] <loghub folders>...  also the end-to-end rows on JSON messages (section 5,
 *                                                        bench/speed-json.ts: each JSONL file's first half discovered, second half timed)
 * A Loghub folder is one system's folder (its NAME.log, optionally the ground-truth CSVs) or a folder of them.
 */
import { runOverheadBench } from './overhead.ts'
import { runScaleBench } from './scale.ts'
import { shortcutSection } from './shortcut.ts'
import { callsFrom, runSpeedBench } from './speed.ts'
import { jsonEndToEndSection } from './speed-json.ts'
import { positionalArgs } from './lib/loghub-args.ts'
import { storeScaleSection } from './store-scale.ts'
import { probeParallelCapacity } from './lib/cores-probe.ts'
import { goalsSection } from './lib/goals.ts'
import { describeMachine } from './lib/machine.ts'
import { mib } from './lib/table.ts'
import { corporaRootOrExit } from './lib/mixed.ts'

const USAGE =
  'usage: npm run bench -- [--quick] [--scale] [--messages N] [--calls N] [--corpora DIR] [--json FILE]... <loghub system folder | folder of them>...'
const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const messagesAt = argv.indexOf('--messages')
const corpusPaths = positionalArgs(argv, ['--messages', '--calls', '--corpora', '--json'])
// JSONL corpora for section 5: every value of --json, in order
const jsonFiles = argv.flatMap((arg, i) =>
  arg === '--json' && argv[i + 1] !== undefined ? [argv[i + 1] as string] : [],
)
if (corpusPaths.length === 0) {
  console.error(USAGE)
  process.exit(2)
}
const corporaRoot =
  argv.includes('--corpora') || argv.includes('--scale')
    ? corporaRootOrExit(argv, USAGE.slice('usage: '.length))
    : undefined
const started = performance.now()

function emit(section: string): void {
  console.log(section)
  console.log('')
}

async function capacityLine(when: string): Promise<string> {
  const probe = await probeParallelCapacity()
  return `- parallel capacity ${when}: ${probe.capacity.toFixed(2)} threads' worth of CPU for two threads (a fixed loop: ${probe.aloneMs.toFixed(0)} ms alone, ${probe.pairMs.toFixed(0)} ms each when two run at once; 2.00 = a second core was free, 1.00 = none)`
}

emit(`## Machine\n\n${describeMachine()}\n${await capacityLine('at start')}`)
emit(await runSpeedBench(corpusPaths, { calls: callsFrom(argv) }))
emit(await jsonEndToEndSection(jsonFiles, callsFrom(argv)))
emit(await shortcutSection(corpusPaths))
emit(await storeScaleSection(corpusPaths, quick ? 4000 : 20_000))
if (corporaRoot === undefined)
  emit('### Harness overhead and scale\n\nSkipped: no `--corpora DIR` (the mixed messages are drawn from it).')
else {
  emit(await runOverheadBench({ corporaRoot, quick }))
  if (argv.includes('--scale')) {
    emit(await capacityLine('before the scale runs'))
    emit(await runScaleBench(corporaRoot, messagesAt === -1 ? undefined : Number(argv[messagesAt + 1])))
  }
}
emit(goalsSection('Goals of issue 13 checked by this run'))
const usage = process.resourceUsage()
emit(
  [
    '### This benchmark process',
    '',
    await capacityLine('at the end'),
    `- wall time: ${((performance.now() - started) / 1000).toFixed(0)} s; CPU: ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(0)} s`,
    `- peak memory (maxRSS, worker threads included; the --scale runs are child processes with their own figures above): ${mib(usage.maxRSS * 1024)}`,
  ].join('\n'),
)
