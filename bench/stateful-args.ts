/**
 * Command-line handling shared by the stateful benches (stateful-tune, stateful-p99, stateful-cm-ab):
 * corpus paths are the arguments that are neither `--name` nor the value after one (a flag in
 * `valueless` takes no value); no corpus prints the usage and exits 2. The load for each line, and
 * the reference sender's settings.
 */
import { loadavg } from 'node:os'
import { createRawContentDictionary } from '../src/codecs/index.ts'
import { DEFAULT_SPLIT } from '../src/compare/split-parts.ts'
import { loadCorpus, type CorpusMessage } from '../src/corpus/index.ts'

export interface BenchArgs {
  args: string[]
  corpora: string[]
  /** the value after `--name`, or the fallback */
  option(name: string, fallback: string): string
}

export function readBenchArgs(usage: string, valueless: readonly string[] = []): BenchArgs {
  const args = process.argv.slice(2)
  const takesValue = (flag: string): boolean => flag.startsWith('--') && !valueless.includes(flag)
  const corpora = args.filter((a, i) => !a.startsWith('--') && !takesValue(args[i - 1] ?? ''))
  if (corpora.length === 0) {
    process.stderr.write(`usage: ${usage}\n`)
    process.exit(2)
  }
  const option = (name: string, fallback: string): string => {
    const i = args.indexOf(`--${name}`)
    return i < 0 ? fallback : String(args[i + 1])
  }
  return { args, corpora, option }
}

/** The 1, 5 and 15 minute load averages (the machine is shared). */
export function loadText(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}

/** The reference: permessage-deflate L6 with context takeover, 32 KiB window, memLevel 8 (ws's defaults at level 6). */
export const PMD_L6 = { level: 6, windowBits: 15, memLevel: 8, contextTakeover: true } as const

/**
 * A corpus as `compare` splits it (ordered halves; `.jsonl` or a Loghub log), with the raw-content
 * dictionary of `dictionaryBytes` made from its training half.
 */
export async function loadHeldOutWithDictionary(
  path: string,
  dictionaryBytes: number,
): Promise<{ train: CorpusMessage[]; heldOut: CorpusMessage[]; dictionary: Uint8Array }> {
  const format = path.endsWith('.jsonl') ? 'jsonl' : 'loghub'
  const train = await loadCorpus({ path, format, name: path, split: { ...DEFAULT_SPLIT, use: 'train' } })
  const heldOut = await loadCorpus({ path, format, name: path, split: { ...DEFAULT_SPLIT, use: 'test' } })
  const dictionary = createRawContentDictionary(
    train.map((m) => m.bytes),
    dictionaryBytes,
  )
  return { train, heldOut, dictionary }
}
