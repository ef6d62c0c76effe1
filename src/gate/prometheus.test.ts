import { describe, expect, it } from 'vitest'
import { renderPrometheus } from './prometheus.ts'
import { createWeek1Results } from './test-fixtures.ts'

interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

/**
 * A strict reader of the text exposition format 0.0.4: every line is a HELP, a TYPE, a comment or a
 * sample; names and label names match the format's grammar; label values use only its three escapes;
 * values are floats, NaN or ±Inf; a family's HELP and TYPE come once, before its samples, which are
 * contiguous; no series repeats. Throws on the first violation.
 */
function parseExposition(text: string): {
  types: Record<string, string>
  help: Record<string, string>
  samples: Sample[]
} {
  const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
  const types: Record<string, string> = {}
  const help: Record<string, string> = {}
  const samples: Sample[] = []
  const finished = new Set<string>()
  const series = new Set<string>()
  let current: string | undefined
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed')
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${i + 1}: ${line}`
    const meta = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`).exec(line)
    const name = meta?.[2] ?? new RegExp(`^(${NAME})`).exec(line)?.[1]
    // a summary's _sum and _count samples belong to its family
    const summary = name?.replace(/_(sum|count)$/, '')
    const family = meta === null && summary !== undefined && types[summary] === 'summary' ? summary : name
    if (line === '' || (line.startsWith('#') && meta === null)) continue
    if (family === undefined) throw new Error(`not a sample: ${where}`)
    if (family !== current) {
      if (finished.has(family)) throw new Error(`family ${family} is split: ${where}`)
      if (current !== undefined) finished.add(current)
      current = family
    }
    if (meta?.[1] === 'HELP') {
      if (family in help || samples.some((s) => s.name === family))
        throw new Error(`HELP repeated or after samples: ${where}`)
      help[family] = meta[3] as string
    } else if (meta?.[1] === 'TYPE') {
      if (
        !/^(counter|gauge|histogram|summary|untyped)$/.test(meta[3] as string) ||
        family in types ||
        samples.some((s) => s.name === family)
      )
        throw new Error(`bad TYPE: ${where}`)
      types[family] = meta[3] as string
    } else {
      const sample = new RegExp(
        `^(${NAME})(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*)\\})? (NaN|[+-]Inf|[-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(?: -?[0-9]+)?$`,
      ).exec(line)
      if (sample === null) throw new Error(`malformed sample: ${where}`)
      const labels: Record<string, string> = {}
      for (const [, k, v] of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
        if (k! in labels) throw new Error(`label ${k} repeated: ${where}`)
        labels[k!] = v!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
      }
      const key = `${sample[1]}${JSON.stringify(Object.entries(labels).sort())}`
      if (series.has(key)) throw new Error(`series repeated: ${where}`)
      series.add(key)
      samples.push({ name: sample[1] as string, labels, value: Number(sample[3]!.replace('Inf', 'Infinity')) })
    }
  }
  return { types, help, samples }
}

describe('renderPrometheus', () => {
  it('exposes the seed metric names with HELP, TYPE and suite/corpus/config labels, in a strictly valid exposition', () => {
    const results = createWeek1Results()
    const { types, help, samples } = parseExposition(renderPrometheus(results))
    for (const name of [
      'aura_compression_ratio',
      'aura_template_hits_total',
      'aura_total_compressions_total',
      'aura_expansions_total',
      'aura_compressed_bytes_total',
      'aura_original_bytes_total',
      'aura_expansion_rate',
    ]) {
      expect(types[name], name).toBeDefined()
      expect(help[name], name).not.toBe('')
    }
    const emergency = (name: string, extra: Record<string, string> = {}) =>
      samples.find(
        (s) =>
          s.name === name &&
          s.labels['config'] === 'emergency' &&
          Object.entries(extra).every(([k, v]) => s.labels[k] === v),
      )?.value
    const run = results.runs[1]!
    expect(emergency('aura_compression_ratio')).toBe(run.metrics.ratio)
    expect(emergency('aura_template_hits_total')).toBe(18)
    expect(emergency('aura_total_compressions_total')).toBe(25)
    expect(emergency('aura_expansions_total')).toBe(2)
    expect(emergency('aura_method_compressions_total', { method: 'brotli' })).toBe(5)
    expect(emergency('aura_encode_latency_seconds', { quantile: '0.99' })).toBeCloseTo(7.2e-6, 12)
    expect(samples.every((s) => s.labels['suite'] === 'week1' || s.name === 'aura_gate_passed')).toBe(true)
    expect(samples.find((s) => s.name === 'aura_gate_passed')?.value).toBe(results.gate.status === 'pass' ? 1 : 0)
  })

  it('escapes label values and leaves failed runs out but for aura_run_complete 0', () => {
    const results = createWeek1Results()
    results.runs[0] = { ...results.runs[0]!, config: 'odd "name"\\ with\nbreak', state: 'failed' }
    const { samples } = parseExposition(renderPrometheus(results))
    const odd = samples.filter((s) => s.labels['config'] === 'odd "name"\\ with\nbreak')
    expect(odd.map((s) => [s.name, s.value])).toEqual([['aura_run_complete', 0]])
  })

  it('has a reader that rejects what the format forbids (negative controls)', () => {
    const text = renderPrometheus(createWeek1Results())
    expect(() => parseExposition(text.replace('} 25\n', '} twenty-five\n'))).toThrow()
    expect(() => parseExposition(`${text}aura_compression_ratio{suite="x"} 1\n`)).toThrow(/split/)
    expect(() => parseExposition(text.replace('config="emergency"', 'config="a"b"'))).toThrow()
  })

  // A real Prometheus text-format parser (parse-prometheus-text-format, a dev dependency) reads our output.
  it('parses with parse-prometheus-text-format', async () => {
    const module = await import('parse-prometheus-text-format')
    const families = module.default(renderPrometheus(createWeek1Results()))
    const ratio = families.find((f) => f.name === 'aura_compression_ratio')
    expect(ratio?.type.toLowerCase()).toBe('gauge')
    expect(ratio?.metrics.map((m) => m.labels?.['config'])).toEqual(['current', 'emergency'])
    expect(
      families
        .find((f) => f.name === 'aura_template_hits_total')
        ?.metrics.find((m) => m.labels?.['config'] === 'emergency')?.value,
    ).toBe('18')
  })
})
