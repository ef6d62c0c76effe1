/**
 * A mixed message stream resampled from every real corpus (Loghub log lines, llm-stream chunks,
 * ws-market-data frames, a few GitHub API records, the seed's messages), for harness benchmarks:
 * the messages a gate would see, in realistic proportions, drawn with a seeded generator.
 * Without ../shared/corpora it falls back to the seed's 25 messages.
 */
import { readFileSync } from 'node:fs'
import { createRandom } from '../../src/core/index.ts'
import type { RunnerMessage } from '../../src/runner/index.ts'
import { LOGHUB_SYSTEMS, SHARED_CORPORA, readJsonlTexts, readWeek1Texts, sharedCorporaPresent } from './fixtures.ts'

/** One source of the mix: its texts and its share of the messages drawn. */
interface MixSource {
  name: string
  texts: string[]
  share: number
}

function loghubLines(): string[] {
  return LOGHUB_SYSTEMS.flatMap((system) =>
    readFileSync(`${SHARED_CORPORA}loghub/${system}/${system}_2k.log`, 'utf8')
      .split('\n')
      .map((line) => line.replace(/\r$/, ''))
      .filter((line) => line !== ''),
  )
}

/** The sources and their shares (they sum to 1). */
export function mixSources(): MixSource[] {
  const week1 = readWeek1Texts()
  if (!sharedCorporaPresent()) return [{ name: 'week1', texts: week1, share: 1 }]
  return [
    { name: 'loghub', texts: loghubLines(), share: 0.4 },
    { name: 'llm-stream', texts: readJsonlTexts(`${SHARED_CORPORA}llm-stream/messages.jsonl`), share: 0.25 },
    { name: 'ws-market-data', texts: readJsonlTexts(`${SHARED_CORPORA}ws-market-data/messages.jsonl`), share: 0.3 },
    { name: 'week1', texts: week1, share: 0.03 },
    { name: 'api-github', texts: readJsonlTexts(`${SHARED_CORPORA}api-github/messages.jsonl`), share: 0.02 },
  ]
}

/** Draws `count` texts from the sources by share (seeded), each tagged with its source as category. */
export function* drawMixed(sources: readonly MixSource[], count: number, seed: number): Generator<{ text: string; category: string }> {
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
export function mixedMessages(count: number, seed = 1): RunnerMessage[] {
  const encoder = new TextEncoder()
  return [...drawMixed(mixSources(), count, seed)].map(({ text, category }, index) => ({ index, bytes: encoder.encode(text), category }))
}
