import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  HISTORY_METRICS,
  INTERVAL_METRICS,
  METRICS,
  PER_MESSAGE_METRICS,
  TARGET_METRICS,
  isTargetMetric,
  metricKind,
  metricLabel,
  type PerMessageFigures,
  type PerMessageMetric,
} from './metrics.ts'

describe('the metric table', () => {
  // these orders are the order of results.json keys, report rows and history lines: a change is a contract change
  it('lists metrics in the order reports and exports write them', () => {
    expect(TARGET_METRICS).toEqual([
      'ratio',
      'meanRatio',
      'savings',
      'templateHitRate',
      'expansionRate',
      'shrinkRate',
      'encodeP50Us',
      'encodeP95Us',
      'encodeP99Us',
      'decodeP50Us',
      'decodeP95Us',
      'decodeP99Us',
      'roundTripMismatches',
    ])
    expect(PER_MESSAGE_METRICS).toEqual([
      'ratio',
      'meanRatio',
      'savings',
      'templateHitRate',
      'expansionRate',
      'shrinkRate',
    ])
    expect(INTERVAL_METRICS).toEqual(['ratio', 'savings', 'templateHitRate', 'expansionRate', 'shrinkRate'])
    expect(HISTORY_METRICS).toEqual([
      ...PER_MESSAGE_METRICS,
      'encodeP95Us',
      'encodeP99Us',
      'decodeP95Us',
      'decodeP99Us',
    ])
  })

  it("types a run's per-message figures with exactly the per-message metrics", () => {
    expectTypeOf<keyof PerMessageFigures>().toEqualTypeOf<PerMessageMetric>()
  })

  it('gives every latency metric a timed percentile and no other metric one', () => {
    for (const metric of TARGET_METRICS) {
      const facts = METRICS[metric]
      expect('timed' in facts, metric).toBe(facts.kind === 'latency')
      expect(facts.display === 'timeUs', metric).toBe(facts.kind === 'latency')
    }
  })

  it('reads names that are no metric as themselves', () => {
    expect(isTargetMetric('toString')).toBe(false)
    expect(metricLabel('custom')).toBe('custom')
    expect(metricKind('customUs')).toBe('timeUs')
    expect(metricKind('custom')).toBe('count')
    expect(metricLabel('expansionRate')).toBe('Expansion rate')
    expect(metricKind('savings')).toBe('share')
  })
})
