/**
 * Prometheus text exposition (format 0.0.4) of a run, with the seed's metric names so dashboards and
 * alerts written for production read benchmark results too: aura_compression_ratio, and the seed's
 * counters with the `_total` suffix a Prometheus client adds to a counter (aura_template_hits_total,
 * aura_total_compressions_total, aura_expansions_total, aura_compressed_bytes_total,
 * aura_original_bytes_total), plus the rates the seed's alerts use (aura_expansion_rate) and latency
 * as summaries in seconds (quantile labels only there). `promtool check metrics` accepts it. Every series carries suite, corpus and config labels; failed runs export
 * only aura_run_complete 0, as their partial figures would mislead a dashboard.
 */
import type { Results, RunResult } from '../runner/index.ts'

/** One metric family: name, HELP text, TYPE and how a run's samples are read. */
interface Family {
  name: string
  help: string
  type: 'gauge' | 'counter' | 'summary'
  /** samples; `suffix` names a summary's `_sum` / `_count` series */
  samples(run: RunResult): Array<{ labels?: Record<string, string>; value: number; suffix?: '_sum' | '_count' }>
}

const one = (value: number) => [{ value }]

/** The families in the order they are written. */
const PROMETHEUS_FAMILIES: readonly Family[] = [
  {
    name: 'aura_compression_ratio',
    type: 'gauge',
    help: 'Aggregate compression ratio of the run: original bytes / compressed bytes.',
    samples: (r) => one(r.metrics.ratio),
  },
  {
    name: 'aura_mean_compression_ratio',
    type: 'gauge',
    help: 'Mean over messages of original / compressed bytes.',
    samples: (r) => one(r.metrics.meanRatio),
  },
  {
    name: 'aura_bandwidth_savings',
    type: 'gauge',
    help: 'Share of bytes saved: 1 - compressed / original.',
    samples: (r) => one(r.metrics.savings),
  },
  {
    name: 'aura_template_hit_rate',
    type: 'gauge',
    help: 'Share of messages sent as binary_semantic (a template hit).',
    samples: (r) => one(r.metrics.templateHitRate),
  },
  {
    name: 'aura_expansion_rate',
    type: 'gauge',
    help: 'Share of messages whose frame is longer than the message.',
    samples: (r) => one(r.metrics.expansionRate),
  },
  {
    name: 'aura_shrink_rate',
    type: 'gauge',
    help: 'Share of messages whose frame is shorter than the message.',
    samples: (r) => one(r.metrics.shrinkRate),
  },
  {
    name: 'aura_template_hits_total',
    type: 'counter',
    help: 'Messages sent as binary_semantic.',
    samples: (r) => one(r.metrics.methods.binary_semantic ?? 0),
  },
  {
    name: 'aura_total_compressions_total',
    type: 'counter',
    help: 'Messages compressed.',
    samples: (r) => one(r.metrics.messages),
  },
  {
    name: 'aura_expansions_total',
    type: 'counter',
    help: 'Messages whose frame is longer than the message.',
    samples: (r) => one(r.expandingCount ?? Math.round(r.metrics.expansionRate * r.metrics.messages)),
  },
  {
    name: 'aura_compressed_bytes_total',
    type: 'counter',
    help: 'Bytes of all frames, method tags included.',
    samples: (r) => one(r.metrics.compressedBytes),
  },
  {
    name: 'aura_original_bytes_total',
    type: 'counter',
    help: 'Bytes of all messages.',
    samples: (r) => one(r.metrics.originalBytes),
  },
  {
    name: 'aura_method_compressions_total',
    type: 'counter',
    help: 'Messages per chosen method.',
    samples: (r) =>
      Object.entries(r.metrics.methods).map(([method, count]) => ({ labels: { method }, value: count ?? 0 })),
  },
  {
    name: 'aura_round_trip_mismatches_total',
    type: 'counter',
    help: 'Messages that did not decompress to themselves byte-exact.',
    samples: (r) => one(r.metrics.roundTrip.mismatches),
  },
  {
    name: 'aura_encode_latency_seconds',
    type: 'summary',
    help: 'Per-message encode time: quantiles, and the sum and count of the timed samples.',
    samples: (r) => latency(r, 'encode'),
  },
  {
    name: 'aura_decode_latency_seconds',
    type: 'summary',
    help: 'Per-message decode time: quantiles, and the sum and count of the timed samples.',
    samples: (r) => latency(r, 'decode'),
  },
]

/** A summary: the three quantiles, then `_sum` (mean x samples) and `_count` (timed samples). */
function latency(run: RunResult, side: 'encode' | 'decode'): ReturnType<Family['samples']> {
  const p = run.metrics.latencyUs?.[side]
  if (p === undefined) return []
  const mode = run.metrics.latencyUs?.mode ?? 'in-process'
  const quantiles = (
    [
      ['0.5', p.p50],
      ['0.95', p.p95],
      ['0.99', p.p99],
    ] as const
  ).map(([quantile, us]) => ({ labels: { quantile, mode }, value: us / 1e6 }))
  return [
    ...quantiles,
    { labels: { mode }, value: (p.mean * p.samples) / 1e6, suffix: '_sum' },
    { labels: { mode }, value: p.samples, suffix: '_count' },
  ]
}

/** A label value escaped as the exposition format requires (backslash, double quote, line feed). */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** A sample value: Go-style float text, with NaN and ±Inf spelled as the format wants. */
function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf'
  return String(value)
}

function series(name: string, labels: Record<string, string>, value: number): string {
  const text = Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(',')
  return `${name}{${text}} ${formatSampleValue(value)}`
}

/** The exposition text of a judged run (pure). */
export function renderPrometheus(results: Results): string {
  const lines: string[] = []
  const complete = results.runs.filter((run) => run.state === 'complete')
  const base = (run: RunResult) => ({ suite: results.suite, corpus: run.corpus, config: run.config })
  for (const family of PROMETHEUS_FAMILIES) {
    const samples = complete.flatMap((run) =>
      family.samples(run).map((s) => series(`${family.name}${s.suffix ?? ''}`, { ...base(run), ...s.labels }, s.value)),
    )
    if (samples.length === 0) continue
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`, ...samples)
  }
  lines.push(
    '# HELP aura_run_complete 1 when the run measured every message, 0 when it failed.',
    '# TYPE aura_run_complete gauge',
  )
  lines.push(...results.runs.map((run) => series('aura_run_complete', base(run), run.state === 'complete' ? 1 : 0)))
  lines.push(
    '# HELP aura_gate_passed 1 when the pre-deploy gate passed, 0 when it failed.',
    '# TYPE aura_gate_passed gauge',
  )
  lines.push(series('aura_gate_passed', { suite: results.suite }, results.gate.status === 'pass' ? 1 : 0))
  return `${lines.join('\n')}\n`
}
