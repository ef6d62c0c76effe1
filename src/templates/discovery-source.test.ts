import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { syntheticLog } from './discovery-fixtures.ts'
import { MAX_DRAFT_SAMPLE } from './discovery-json.ts'
import {
  discoverFromSource,
  discoverTemplates,
  toTemplateStoreJson,
  type DiscoveryOptions,
  type DiscoveryResult,
  type MessageSource,
} from './index.ts'

const OPTIONS: DiscoveryOptions = { corpus: 'mixed.jsonl', createdAt: '2026-01-02T03:04:05.000Z' }

/** A source over an array that records which indexes each read handed out; `skips`: false hands out every message. */
function recordingSource(messages: readonly string[], skips = true): MessageSource & { reads: number[][] } {
  const reads: number[][] = []
  return {
    reads,
    async read({ wants, visit }) {
      const visited: number[] = []
      reads.push(visited)
      messages.forEach((text, index) => {
        if (skips && wants !== undefined && !wants(index)) return
        visited.push(index)
        visit(text, index)
      })
    },
  }
}

function comparable(result: DiscoveryResult) {
  return { ...result, store: JSON.stringify(toTemplateStoreJson(result.store)) }
}

const chunk = (i: number): string =>
  JSON.stringify({ id: `req-${i % 7}`, object: 'chunk', model: 'gpt-a', delta: { content: `w${i}` }, seq: i })
const trade = (i: number): string =>
  JSON.stringify({ e: 'trade', s: i % 3 === 0 ? 'BTC' : 'ETH', p: 100 + i, q: i / 8 })
/** a wide record seen a few times: its template would cost more store than its messages pay (left to the fallback) */
const wide = (i: number): string =>
  JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_v, k) => [`field_name_number_${k}`, i + k])))

/** Log lines, two JSON structures (one past the sample), a wide one that does not pay and a JSON message seen once. */
function mixedCorpus(): string[] {
  const lines = syntheticLog(300, 3).map((line) => line.text)
  const out: string[] = []
  for (let i = 0; i < 2 * MAX_DRAFT_SAMPLE + 40; i++) {
    out.push(chunk(i))
    if (i % 2 === 0) out.push(lines[i / 2] as string)
    if (i % 5 === 0) out.push(trade(i))
    if (i % 100 === 7) out.push(wide(i))
  }
  out.push('{"only":"once"}')
  return out
}

describe('discoverFromSource: discovery over a corpus read once per pass', () => {
  const messages = mixedCorpus()

  it('gives the result discoverTemplates gives over the same messages, byte for byte', async () => {
    const source = recordingSource(messages)
    expect(comparable(await discoverFromSource(source, OPTIONS))).toEqual(
      comparable(discoverTemplates(messages, OPTIONS)),
    )
  })

  it('reads the JSON messages again only as far as each pass needs them; log lines are held from the first read', async () => {
    const source = recordingSource(messages)
    await discoverFromSource(source, OPTIONS)
    const [first, samples, used, final] = source.reads as [number[], number[], number[], number[]]
    expect(source.reads).toHaveLength(4)
    expect(first).toHaveLength(messages.length)
    const isJson = (i: number): boolean => (messages[i] as string).startsWith('{')
    for (const read of source.reads.slice(1)) expect(read.every(isJson)).toBe(true)
    // the sample pass: the first MAX_DRAFT_SAMPLE messages of each structure that pays (chunks, trades), nothing else
    const chunks = messages.flatMap((m, i) => (m.includes('"object":"chunk"') ? [i] : []))
    const trades = messages.flatMap((m, i) => (m.includes('"e":"trade"') ? [i] : []))
    expect(samples).toEqual([...chunks.slice(0, MAX_DRAFT_SAMPLE), ...trades].sort((a, b) => a - b))
    // which templates are used: asked of those samples at most, and of every message without a template of its event
    const withoutTemplate = messages.flatMap((m, i) => (m.includes('field_name') || m.includes('once') ? [i] : []))
    expect(used.filter((i) => chunks.includes(i)).length).toBeLessThanOrEqual(MAX_DRAFT_SAMPLE)
    expect(withoutTemplate.every((i) => used.includes(i))).toBe(true)
    // the final store's template of every JSON message
    expect(final).toEqual(messages.flatMap((_m, i) => (isJson(i) ? [i] : [])))
  })

  it('holds for any mix of log lines and JSON messages, and from a source that cannot skip (property)', async () => {
    const pick = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(400)), { minLength: 1, maxLength: 120 })
    const lines = syntheticLog(120, 5).map((line) => line.text)
    await fc.assert(
      fc.asyncProperty(pick, async (picks) => {
        const corpus = picks.map(([kind, i]) =>
          [chunk, trade, wide, (k: number) => lines[k % 120] as string][kind]?.(i),
        )
        const texts = corpus as string[]
        const plain = (() => {
          try {
            return comparable(discoverTemplates(texts, OPTIONS))
          } catch (error) {
            return (error as { code?: string }).code
          }
        })()
        const streamed = await discoverFromSource(recordingSource(texts, false), OPTIONS).then(
          comparable,
          (error) => error.code,
        )
        expect(streamed).toEqual(plain)
      }),
      { numRuns: 25, seed: 12 },
    )
  })
})
