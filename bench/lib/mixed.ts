/**
 * A mixed message stream resampled from every real corpus (Loghub log lines, llm-stream chunks,
 * ws-market-data frames, a few GitHub API records, the seed's messages), for harness benchmarks:
 * the messages a gate would see, in realistic proportions, drawn with a seeded generator.
 * The corpora folder is given on the command line (`--corpora DIR`: the folder holding `loghub/`,
 * `llm-stream/`, `ws-market-data/` and `api-github/`); nothing is assumed about where it lives.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { createRandom } from '../../src/core/index.ts'
import type { RunnerMessage } from '../../src/runner/index.ts'
import { readJsonlTexts, readWeek1Texts } from './fixtures.ts'
import { loghubSystemsFrom } from './loghub-args.ts'
import { readLogLines } from './user-setup.ts'

/** One source of the mix: its texts and its share of the messages drawn. */
interface MixSource {
  name: string
  texts: string[]
  share: number
}

/** What the mix reads under the corpora folder. */
const JSONL_SOURCES = [
  { name: 'llm-stream', share: 0.25 },
  { name: 'ws-market-data', share: 0.3 },
  { name: 'api-github', share: 0.02 },
] as const

/** The corpora folder of `--corpora DIR`; throws naming what is missing (callers print usage and exit 2). */
export function corporaRootFrom(argv: readonly string[]): string {
  const at = argv.indexOf('--corpora')
  const root = at === -1 ? undefined : argv[at + 1]
  if (root === undefined || root.startsWith('--'))
    throw new Error('--corpora DIR is required (the folder holding loghub/, llm-stream/, ws-market-data/, api-github/)')
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--corpora ${root}: not a folder`)
  for (const needed of ['loghub', ...JSONL_SOURCES.map(({ name }) => `${name}/messages.jsonl`)]) {
    if (!existsSync(path.join(root, needed))) throw new Error(`--corpora ${root}: ${needed} is missing`)
  }
  return root
}

/** corporaRootFrom, or the problem and the usage on stderr and exit code 2 (a bad command line). */
export function corporaRootOrExit(argv: readonly string[], usage: string): string {
  try {
    return corporaRootFrom(argv)
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${usage}`)
    process.exit(2)
  }
}

/** The sources and their shares (they sum to 1), read under the corpora folder. */
export function mixSources(corporaRoot: string): MixSource[] {
  const loghub = loghubSystemsFrom([path.join(corporaRoot, 'loghub')]).flatMap((system) =>
    readLogLines(system.logPath).filter((line) => line !== ''),
  )
  return [
    { name: 'loghub', texts: loghub, share: 0.4 },
    ...JSONL_SOURCES.slice(0, 2).map(({ name, share }) => ({
      name,
      texts: readJsonlTexts(path.join(corporaRoot, name, 'messages.jsonl')),
      share,
    })),
    { name: 'week1', texts: readWeek1Texts(), share: 0.03 },
    ...JSONL_SOURCES.slice(2).map(({ name, share }) => ({
      name,
      texts: readJsonlTexts(path.join(corporaRoot, name, 'messages.jsonl')),
      share,
    })),
  ]
}

/** Draws `count` texts from the sources by share (seeded), each tagged with its source as category. */
export function* drawMixed(
  sources: readonly MixSource[],
  count: number,
  seed: number,
): Generator<{ text: string; category: string }> {
  const random = createRandom(seed)
  for (let i = 0; i < count; i++) {
    let pick = random()
    let source = sources[sources.length - 1] as MixSource
    for (const candidate of sources) {
      if (pick < candidate.share) {
        source = candidate
        break
      }
      pick -= candidate.share
    }
    yield { text: source.texts[Math.floor(random() * source.texts.length)] as string, category: source.name }
  }
}

/** `count` mixed messages in memory, as the runner reads them. */
export function mixedMessages(corporaRoot: string, count: number, seed = 1): RunnerMessage[] {
  const encoder = new TextEncoder()
  return [...drawMixed(mixSources(corporaRoot), count, seed)].map(({ text, category }, index) => ({
    index,
    bytes: encoder.encode(text),
    category,
  }))
}
