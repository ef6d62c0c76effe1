/**
 * compare --baseline on the connections both replays took (round 43, s43-trial D7): two runs of the same held-out
 * part cut by the size budget at other connections are compared on the connections both replayed, so a worse ratio
 * of the gated stateful config fails; a corpus that changed still only warns.
 */
import { describe, expect, it } from 'vitest'
import { createStatefulFixtureComparison } from '../compare/test-fixtures.ts'
import { heldOutDigest, withReplayedConnections } from '../compare/baseline-connections.ts'
import { loadComparisonBaseline, toComparisonJson, type Comparison, type EntryResult } from '../compare/index.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import type { Suite, TargetSpec } from '../suite/index.ts'
import { finishCompareGate } from './compare-gate.ts'

const { write } = createTempTree('aura-compare-baseline-connections-')

type Connection = [number, number, number, number, number]

/** One connection of 10 messages of 100 bytes each, compressed to `compressed` bytes in all. */
const connection = (compressed: number): Connection => [10, 1000, compressed, (10 * 1000) / compressed, 0]

/**
 * Corpus gw (held-out digest `digest`, 100 messages in 10 connections) with stateful config entry `st` whose
 * replay took `replayed` (the size budget cut it there); `recorded: false` leaves the connections out, as a
 * comparison.json before round 43.
 */
function replayedAs(replayed: Connection[], digest: string | undefined, recorded = true): Comparison {
  const comparison = createStatefulFixtureComparison(3)
  const corpus = comparison.corpora[0] as Comparison['corpora'][number]
  const entry = corpus.entries[1] as EntryResult
  const sum = (i: number) => replayed.reduce((total, c) => total + (c[i] ?? 0), 0)
  const [messages, originalBytes, compressedBytes] = [sum(0), sum(1), sum(2)]
  entry.sizes = {
    messages,
    heldOutMessages: 100,
    coverage: messages < 100 ? 'sample' : 'all',
    originalBytes,
    compressedBytes,
    ratio: originalBytes / compressedBytes,
    meanRatio: sum(3) / messages,
    savings: 1 - compressedBytes / originalBytes,
    expansionRate: 0,
    connections: replayed.length,
    heldOutConnections: 10,
    ...(recorded ? { replayedConnections: replayed } : {}),
  }
  entry.roundTrip = { checked: messages, mismatches: 0 }
  corpus.corpus = { ...corpus.corpus, heldOutMessages: 100, ...(digest === undefined ? {} : { heldOutSha256: digest }) }
  return comparison
}

const ratioTarget: TargetSpec = { metric: 'ratio', pass: 1.5, direction: 'min', gated: true }
const suite = { targets: [ratioTarget], gate: { nearFails: false } } satisfies Pick<Suite, 'targets' | 'gate'>
const flags = { allowMissingBaseline: false, gateLatency: false }

async function judge(baseline: Comparison, current: Comparison, name: string) {
  const loaded = await loadComparisonBaseline(write(name, toComparisonJson(baseline)), name)
  return finishCompareGate(current, suite, { flags, statefulConfigs: ['st'], baseline: loaded }).comparison
}

const ratioOf = (comparison: Comparison) =>
  comparison.baseline?.runs[0]?.metrics.find((m) => m.metric === 'ratio') as { verdict: string; reason: string }

describe('compare --baseline on the connections both replays took (s43-trial D7)', () => {
  // the baseline's slow config replayed 2 connections at 5x; this run's 8 connections at 4x (the same held-out part)
  const baseline = replayedAs([connection(200), connection(200)], 'same')
  const worse = replayedAs(
    Array.from({ length: 8 }, () => connection(250)),
    'same',
  )

  it('fails a worse ratio on the same held-out part although the size budget cut the two replays at other connections', async () => {
    const judged = await judge(baseline, worse, 'cut.json')
    const ratio = ratioOf(judged)
    expect(ratio.verdict).toBe('fail')
    expect(ratio.reason).toMatch(/^5\.00x → 4\.00x .*worse beyond the fail threshold/)
    expect(judged.gate?.status).toBe('fail')
    expect(judged.gate?.reasons).toContainEqual(
      expect.stringMatching(/^Config "st" on corpus "gw": regression in .*ratio.* against the baseline cut\.json/),
    )
    expect(judged.baseline?.runs[0]?.note).toBe(
      "size metrics compared on the first 2 connections (20 messages) of the same held-out part, which both runs replayed (the entries' own figures are over 2 connections in the baseline and 8 in this run: the size budget cut the replays at other points)",
    )
    // the other way round (the baseline replayed more than this run) too
    const longer = replayedAs(
      Array.from({ length: 6 }, () => connection(200)),
      'same',
    )
    const shorter = replayedAs([connection(250), connection(250), connection(250)], 'same')
    expect(ratioOf(await judge(longer, shorter, 'longer.json')).verdict).toBe('fail')
  })

  it('passes when the connections both replayed compress the same, whatever the rest did', async () => {
    const same = replayedAs(
      [connection(200), connection(200), ...Array.from({ length: 6 }, () => connection(400))],
      'same',
    )
    const judged = await judge(baseline, same, 'same.json')
    expect(ratioOf(judged)).toMatchObject({ verdict: 'pass', reason: 'unchanged' })
    expect(judged.gate?.status).toBe('pass')
  })

  it('only warns, as before, on another held-out part, a baseline written before round 43, or other bytes in the first connections', async () => {
    const differs =
      /only a warning: the corpus differs from the baseline's \(20 messages \/ 2000 bytes then, 80 \/ 8000 now\)/
    for (const [before, name] of [
      [replayedAs([connection(200), connection(200)], 'other'), 'other.json'],
      [replayedAs([connection(200), connection(200)], undefined, false), 'old.json'],
      [replayedAs([connection(200), connection(200)], undefined), 'undigested.json'],
    ] as const) {
      const judged = await judge(before, worse, name)
      expect(ratioOf(judged).verdict).toBe('warn')
      expect(ratioOf(judged).reason).toMatch(differs)
      expect(judged.gate?.status).toBe('pass')
    }
    const otherBytes = replayedAs([[10, 900, 180, 50, 0], connection(200)], 'same')
    expect(ratioOf(await judge(otherBytes, worse, 'bytes.json')).verdict).toBe('warn')
  })

  it('refuses a baseline whose replayed connections are not the recorded tuples (E_BASELINE, naming the field)', async () => {
    const bad = replayedAs([connection(200)], 'same')
    const entry = bad.corpora[0]?.entries[1] as EntryResult
    ;(entry.sizes as { replayedConnections: unknown }).replayedConnections = [[10, 1000]]
    await expect(loadComparisonBaseline(write('bad.json', toComparisonJson(bad)), 'bad.json')).rejects.toThrow(
      /bad\.json is not an aura-bench comparison\.json: corpora\[0\]\.entries\[1\]\.sizes\.replayedConnections must be a list/,
    )
  })
})

describe('what comparison.json records for it', () => {
  const message = (text: string) => ({ bytes: new TextEncoder().encode(text) })

  it('a digest of the held-out messages in replay order: other bytes, order or connections give another', () => {
    const a = heldOutDigest([[message('ab'), message('c')], [message('d')]])
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(heldOutDigest([[message('ab'), message('c')], [message('d')]])).toBe(a)
    expect(heldOutDigest([[message('a'), message('bc')], [message('d')]])).not.toBe(a)
    expect(heldOutDigest([[message('ab')], [message('c'), message('d')]])).not.toBe(a)
    expect(heldOutDigest([[message('d')], [message('ab'), message('c')]])).not.toBe(a)
  })

  it('the connections each stateful config entry replayed, every one (not only those its aligned figures are over)', () => {
    const comparison = createStatefulFixtureComparison(3)
    const entries = comparison.corpora[0]?.entries as EntryResult[]
    const sizes = [1, 2, 3].map((i) => ({
      messages: i,
      originalBytes: 100 * i,
      compressedBytes: 10 * i,
      ratioSum: 10 * i,
      expanded: 0,
    }))
    const stateful = entries[1] as EntryResult
    const recorded = withReplayedConnections(entries, new Map([[stateful.spec.id, sizes]]))
    expect(recorded[1]?.sizes.replayedConnections).toEqual([
      [1, 100, 10, 10, 0],
      [2, 200, 20, 20, 0],
      [3, 300, 30, 30, 0],
    ])
    // per-message entries and failed entries get none
    expect(recorded[0]).toBe(entries[0])
    const failed = withReplayedConnections([{ ...stateful, state: 'failed' }], new Map([[stateful.spec.id, sizes]]))
    expect(failed[0]?.sizes.replayedConnections).toBeUndefined()
  })
})
