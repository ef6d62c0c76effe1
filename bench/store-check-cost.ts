/**
 * What `store_check: frame` costs: `npx tsx bench/store-check-cost.ts <loghub system folder | folder of them>...`.
 * For the week1 corpus under every shipped config with a template store, and for each Loghub system
 * named on the command line with its ground-truth templates as the store (its `*_structured.csv` and
 * `*_templates.csv`), compresses every message with store_check none and frame and prints the
 * template frames, bytes per message added, and the ratio before and after. The 8-byte store
 * fingerprint per template frame (the alternative to a handshake) is priced at the same choices:
 * 8 bytes more per template frame.
 */
import path from 'node:path'
import {
  createCompressorFromConfig,
  createHybridCompressor,
  createMatcher,
  loadCompressorConfig,
  type CompressorConfig,
  type HybridCompressor,
} from '../src/index.ts'
import { createPatternStore, readContentCsv, readTemplatesCsv, readWeek1Texts, toByteMessages } from './lib/fixtures.ts'
import { loghubSystemsFrom, positionalArgs, type LoghubSystem } from './lib/loghub-args.ts'
import { shippedConfigFiles, REPO_ROOT } from '../test/harness/fuzz-targets.ts'

interface Cost {
  messages: number
  originalBytes: number
  templateFrames: number
  plainBytes: number
  checkedBytes: number
}

async function measure(
  plain: HybridCompressor,
  checked: HybridCompressor,
  messages: readonly Uint8Array[],
): Promise<Cost> {
  const cost: Cost = { messages: messages.length, originalBytes: 0, templateFrames: 0, plainBytes: 0, checkedBytes: 0 }
  for (const message of messages) {
    const [a, b] = [await plain.compress(message), await checked.compress(message)]
    cost.originalBytes += message.length
    cost.plainBytes += a.bytes.length
    cost.checkedBytes += b.bytes.length
    if (b.method === 'binary_semantic') cost.templateFrames++
  }
  return cost
}

function row(name: string, c: Cost): string {
  const ratio = (bytes: number): string => `${(c.originalBytes / bytes).toFixed(3)}x`
  const perMessage = (c.checkedBytes - c.plainBytes) / c.messages
  const fingerprint = c.plainBytes + 8 * c.templateFrames
  return `| ${name} | ${c.messages} | ${c.templateFrames} | ${perMessage.toFixed(3)} | ${ratio(c.plainBytes)} | ${ratio(c.checkedBytes)} | ${ratio(fingerprint)} |`
}

async function main(systems: readonly LoghubSystem[]): Promise<void> {
  const lines = [
    '| corpus / config | messages | template frames | bytes/message added by store_check: frame | ratio (none) | ratio (frame) | ratio with an 8-byte fingerprint per template frame |',
    '|---|---|---|---|---|---|---|',
  ]
  const week1 = toByteMessages(readWeek1Texts())
  for (const file of shippedConfigFiles()) {
    const config = await loadCompressorConfig(path.join(REPO_ROOT, 'configs', file))
    if (config.templateStorePath === null) continue
    const [plain, checked] = [
      await createCompressorFromConfig(config),
      await createCompressorFromConfig({ ...config, storeCheck: 'frame' }),
    ]
    lines.push(row(`week1 / ${config.name}`, await measure(plain, checked, week1)))
  }
  const emergency = await loadCompressorConfig(path.join(REPO_ROOT, 'configs', 'emergency.yaml'))
  for (const system of systems) {
    if (system.structuredPath === undefined || system.templatesPath === undefined) {
      lines.push(
        `| Loghub ${system.name}: skipped, no *_structured.csv / *_templates.csv beside ${system.logPath} | | | | | | |`,
      )
      continue
    }
    const store = createPatternStore(system.name, readTemplatesCsv(system.templatesPath))
    const build = (config: CompressorConfig): Promise<HybridCompressor> =>
      createHybridCompressor(config, { store, matcher: createMatcher(store), dictionary: null })
    const [plain, checked] = [await build(emergency), await build({ ...emergency, storeCheck: 'frame' })]
    lines.push(
      row(
        `Loghub ${system.name} / emergency + ground-truth store`,
        await measure(plain, checked, toByteMessages(readContentCsv(system.structuredPath))),
      ),
    )
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

const paths = positionalArgs(process.argv.slice(2))
if (paths.length === 0) {
  console.error('usage: npx tsx bench/store-check-cost.ts <loghub system folder | folder of them>...')
  process.exit(2)
}
let systems: LoghubSystem[]
try {
  systems = loghubSystemsFrom(paths)
} catch (error) {
  console.error(
    `${(error as Error).message}\nusage: npx tsx bench/store-check-cost.ts <loghub system folder | folder of them>...`,
  )
  process.exit(2)
}
await main(systems)
