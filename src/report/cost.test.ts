import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { describeScenario, renderCostSection, renderSeedCostCheck } from './cost-markdown.ts'
import { createCostInput, projectCost, type ConfigCost, type CostInput, type CostProjection } from './cost.ts'
import { createFixtureResults } from './test-fixtures.ts'

const SEED: CostInput = {
  messagesPerDay: 100_000_000,
  avgMessageBytes: 50,
  pricePerGb: 0.1,
  configs: [
    { name: 'current', compressionRatio: 1.16 },
    { name: 'emergency', compressionRatio: 1.69 },
  ],
  baselineConfig: 'current',
}

function config(p: ReturnType<typeof projectCost>, name: string): ConfigCost {
  const found = p.configs.find((c) => c.name === name)
  if (found === undefined) throw new Error(`no ${name}`)
  return found
}

describe('projectCost', () => {
  it('prices the seed scenario by hand: 100M × 50 B = 5 GB/day = $15 per 30-day month at $0.10/GB', () => {
    const p = projectCost(SEED)
    expect(p.uncompressed.gbPerDay).toBeCloseTo(5, 12)
    expect(p.uncompressed.costPerMonthUsd).toBeCloseTo(15, 10) // 5 × 30 × 0.1
    expect(p.uncompressed.costPerYearUsd).toBeCloseTo(182.5, 10) // 5 × 365 × 0.1
    const current = config(p, 'current')
    expect(current.sent.gbPerDay).toBeCloseTo(5 / 1.16, 12) // 4.3103
    expect(current.sent.costPerMonthUsd).toBeCloseTo(12.931, 3)
    const emergency = config(p, 'emergency')
    expect(emergency.sent.costPerMonthUsd).toBeCloseTo(8.876, 3) // 5 / 1.69 × 3
    expect(emergency.savedPerMonthUsd).toBeCloseTo(15 - 8.876, 3)
    expect(emergency.savedVsBaselinePerMonthUsd).toBeCloseTo(12.931 - 8.876, 3) // 4.06, not the seed's $130
    expect(emergency.savedVsBaselinePerYearUsd).toBeCloseTo(((5 / 1.16 - 5 / 1.69) * 365) / 10, 10)
    expect(current.savedVsBaselinePerMonthUsd).toBe(0)
  })

  it('scales linearly: 1B messages/day costs ten times 100M', () => {
    const p = projectCost({ ...SEED, messagesPerDay: 1_000_000_000 })
    expect(p.uncompressed.costPerMonthUsd).toBeCloseTo(150, 10)
    expect(config(p, 'current').sent.costPerMonthUsd).toBeCloseTo(129.31, 2)
  })

  it('adds transport overhead to original and compressed alike, and takes frame sizes directly', () => {
    const p = projectCost({
      messagesPerDay: 1e6,
      avgMessageBytes: 100,
      pricePerGb: 0.05,
      overheadBytesPerMessage: 20,
      configs: [{ name: 'dict', compressedBytesPerMessage: 30, compressionRatio: 99 }],
    })
    expect(p.uncompressed.gbPerDay).toBeCloseTo(0.12, 12) // 1e6 × 120 B
    const dict = config(p, 'dict')
    expect(dict.compressionRatio).toBeCloseTo(100 / 30, 12) // compressedBytesPerMessage wins
    expect(dict.sent.gbPerDay).toBeCloseTo(0.05, 12) // 1e6 × (30 + 20) B
    expect(dict.sent.costPerMonthUsd).toBeCloseTo(0.05 * 0.05 * 30, 12)
  })

  it('prices CPU and finds the break-even by hand', () => {
    // 100M msgs × 10 µs = 1e9 µs = 1,000 s = 0.2778 CPU-hours/day; × $0.05 = $0.01389/day = $0.4167/month
    const p = projectCost({
      messagesPerDay: 1e8,
      avgMessageBytes: 50,
      pricePerGb: 0.1,
      configs: [{ name: 'half', compressionRatio: 2, cpu: { encodeUsPerMessage: 10, pricePerCpuHour: 0.05 } }],
    })
    const cpu = config(p, 'half').cpu
    expect(cpu?.cpuHoursPerDay).toBeCloseTo(1e9 / 3.6e9, 12)
    expect(cpu?.cpuCostPerMonthUsd).toBeCloseTo(0.416667, 5)
    expect(cpu?.netSavedPerMonthUsd).toBeCloseTo(7.5 - 0.416667, 5) // 2.5 GB/day saved × 30 × $0.10 = $7.50
    // 25 B saved = $2.5e-9 per message; CPU costs $0.05 / 3.6e9 per µs -> 180 µs
    expect(cpu?.breakEvenCpuUsPerMessage).toBeCloseTo(180, 9)
    // 10 µs cost $1.3889e-10 per message over 25e-9 GB saved -> $0.005556/GB
    expect(cpu?.breakEvenPricePerGb).toBeCloseTo(0.0055556, 6)
  })

  it('counts decode time when given, and has no break-even when nothing is saved', () => {
    const p = projectCost({
      messagesPerDay: 1e6,
      avgMessageBytes: 40,
      pricePerGb: 0.1,
      configs: [
        {
          name: 'both',
          compressionRatio: 2,
          cpu: { encodeUsPerMessage: 3, decodeUsPerMessage: 1, pricePerCpuHour: 0.1 },
        },
        { name: 'grows', compressionRatio: 40 / 41, cpu: { encodeUsPerMessage: 1, pricePerCpuHour: 0.1 } },
      ],
    })
    expect(config(p, 'both').cpu?.cpuUsPerMessage).toBe(4)
    expect(config(p, 'grows').cpu).toMatchObject({ breakEvenCpuUsPerMessage: null, breakEvenPricePerGb: null })
    expect(config(p, 'grows').savedPerMonthUsd).toBeLessThan(0)
  })

  it('rejects inputs that cannot be priced, naming the field', () => {
    const bad = (input: CostInput, field: string) => {
      expect(() => projectCost(input)).toThrow(AuraError)
      try {
        projectCost(input)
      } catch (error) {
        expect((error as AuraError).location.field).toBe(field)
      }
    }
    bad({ ...SEED, pricePerGb: -1 }, 'pricePerGb')
    bad({ ...SEED, avgMessageBytes: 0 }, 'avgMessageBytes')
    const traffic = { messagesPerDay: 1, avgMessageBytes: 50, pricePerGb: 0.1 }
    bad({ ...traffic, configs: [{ name: 'x', compressionRatio: 0 }] }, 'configs[0].compressionRatio')
    bad({ ...traffic, configs: [{ name: 'x' }] }, 'configs[0]')
    bad(
      {
        ...traffic,
        configs: [{ name: 'x', compressionRatio: 2, cpu: { encodeUsPerMessage: Number.NaN, pricePerCpuHour: 1 } }],
      },
      'configs[0].cpu.encodeUsPerMessage',
    )
    bad({ ...SEED, baselineConfig: 'nope' }, 'baselineConfig')
  })

  it('builds its input from measured runs: aggregate ratio, mean message size, mean encode + decode time', () => {
    const results = createFixtureResults()
    const input = createCostInput(results.runs, { messagesPerDay: 1e6, pricePerGb: 0.1, pricePerCpuHour: 0.04 })
    expect(input.avgMessageBytes).toBeCloseTo(1234 / 25, 12)
    expect(input.configs.map((c) => c.name)).toEqual(['current', 'emergency', 'conservative_brio'])
    expect(input.configs[1]).toEqual({
      name: 'emergency',
      compressionRatio: 1234 / 730,
      cpu: { encodeUsPerMessage: 1.2 * 1.3, decodeUsPerMessage: 0.8 * 1.3, pricePerCpuHour: 0.04 },
    })
    expect(input.configs[2]?.cpu).toBeUndefined() // latency not measured
  })
})

describe('renderCostSection', () => {
  it('states units and assumptions and shows one row per config', () => {
    const text = renderCostSection(projectCost({ ...SEED, messagesPerDay: 5e7 }))
    expect(text).toContain('GB = 10^9 bytes')
    expect(text).toContain('month = 30 days; year = 365 days')
    expect(text).toContain('| **emergency** | 1.69x | 1.479 | $4.44 | $53.99 | $3.06 / $37.26 | $2.03 / $24.67 |')
    expect(text).not.toContain("The seed's cost figures are wrong")
  })

  it('prints a cost.currency code in place of $ and USD, the amounts unchanged (s35-trial D6)', () => {
    const usd = renderCostSection(projectCost({ ...SEED, messagesPerDay: 5e7 }))
    const eur = renderCostSection(projectCost({ ...SEED, messagesPerDay: 5e7, currency: 'EUR' }))
    expect(projectCost({ ...SEED, currency: 'EUR' }).currency).toBe('EUR')
    expect(eur).toContain(
      '| **emergency** | 1.69x | 1.479 | 4.44 EUR | 53.99 EUR | 3.06 EUR / 37.26 EUR | 2.03 EUR / 24.67 EUR |',
    )
    expect(eur).toContain('Egress EUR/month')
    expect(eur).toContain('(so a year is not 12 months); EUR.')
    expect(eur).toMatch(/\/month at 0\.10 EUR\/GB\./)
    expect(eur).not.toContain('$')
    expect(eur).not.toContain('USD')
    expect(usd).toContain('; USD.')
    expect(renderCostSection(projectCost({ ...SEED, messagesPerDay: 5e7, currency: 'USD' }))).toBe(usd)
  })

  it("says the seed's $430/$300 per month are ~29x to 33x too high and what they imply, for 100M and 1B messages/day", () => {
    const text = renderCostSection(projectCost(SEED))
    expect(text).toContain("**The seed's cost figures are wrong.**")
    expect(text).toContain('even sending everything uncompressed costs $15.00/month at $0.10/GB')
    expect(text).toContain('28.7x the uncompressed cost and 33.3x the correct cost of its own 4.3 GB/day')
    expect(text).toContain('buys 4,300 GB/month, i.e. 143.3 GB/day over 30 days')
    expect(text).toContain('a factor of 1,000 where a 30-day month needs 30')
    expect(text).toContain('| Current (1.16x) | 4.310 | $430.00/month | $12.93/month | 33.3x |')
    expect(text).toContain('| Savings | — | $130.00/month, $1,560/year | $4.06/month, $49.34/year | 32.1x |')
    const billion = renderSeedCostCheck(1_000_000_000) ?? ''
    expect(billion).toContain('| Current (1.16x) | 43.10 | $4,300/month | $129.31/month | 33.3x |')
    expect(billion).toContain('$150.00/month')
  })
  it('says the traffic as given, a fraction too, with "message" for exactly one (0.5 read "1 messages/day")', () => {
    const said = (messagesPerDay: number) =>
      [renderCostSection(projectCost({ ...SEED, messagesPerDay })), describeScenario({ messagesPerDay })].join('\n')
    expect(said(0.5)).toContain('0.5 messages/day × 50.0 bytes')
    expect(said(0.5)).toContain('0.5 messages/day, 0 bytes of transport overhead per message')
    expect(said(1)).toContain('1 message/day × 50.0 bytes')
    expect(said(1.0004)).toContain('1.0004 messages/day × 50.0 bytes')
    expect(said(1)).toContain('1 message/day, 0 bytes')
    expect(said(1.5)).toContain('1.5 messages/day ×')
    expect(said(0.0000125)).toContain('0.0000125 messages/day ×')
    expect(said(1100.0000000000002)).toContain('1,100 messages/day ×')
    expect(said(2_500_000_000)).toContain('2,500,000,000 messages/day ×')
  })
})

describe('net and break-even against the baseline config (s38-trial D8)', () => {
  // 1e9 messages/day of 300 B at $0.08/GB, CPU $0.04/hour: today's config 1.5x at 100 µs, the new one 3x at 500 or 1,000 µs
  const input = (newUs: number): CostInput => ({
    messagesPerDay: 1e9,
    avgMessageBytes: 300,
    pricePerGb: 0.08,
    configs: [
      { name: 'new', compressionRatio: 3, cpu: { encodeUsPerMessage: newUs, pricePerCpuHour: 0.04 } },
      { name: 'today', compressionRatio: 1.5, cpu: { encodeUsPerMessage: 100, pricePerCpuHour: 0.04 } },
    ],
    baselineConfig: 'today',
  })

  it('counts both CPUs: egress saved vs the baseline minus the extra CPU, and where that is zero', () => {
    const gain = config(projectCost(input(500)), 'new').cpu
    // 100 B/msg fewer than today: 100 GB/day × $0.08 × 30 = $240/month; 400 µs more CPU: 111.1 h/day × $0.04 × 30 = $133.33
    expect(gain?.netSavedVsBaselinePerMonthUsd).toBeCloseTo(106.667, 2)
    // 100 B at $0.08/GB buys 720 µs of CPU at $0.04/hour: break-even at today's 100 + 720 µs
    expect(gain?.breakEvenVsBaselineCpuUsPerMessage).toBeCloseTo(820, 6)
    expect(gain?.breakEvenVsBaselinePricePerGb).toBeCloseTo(0.0444, 4)
    const loss = projectCost(input(1000))
    // still "saves" against uncompressed, but loses against today's config: said in its own column
    expect(config(loss, 'new').cpu?.netSavedPerMonthUsd).toBeGreaterThan(0)
    expect(config(loss, 'new').cpu?.netSavedVsBaselinePerMonthUsd).toBeCloseTo(-60, 6)
    // the baseline against the new config: more bytes for less CPU pays while egress is cheap
    expect(config(loss, 'today').cpu?.netSavedVsBaselinePerMonthUsd).toBe(0)
    const swapped = projectCost({ ...input(1000), baselineConfig: 'new' })
    expect(config(swapped, 'today').cpu?.netSavedVsBaselinePerMonthUsd).toBeCloseTo(60, 6)
    expect(renderCostSection(swapped)).toContain('| $60.00 | pays while CPU < 280.00 µs/msg or egress < $0.100/GB |')
    const table = renderCostSection(loss)
    expect(table).toContain(
      '| Net saved vs uncompressed $/month | Break-even vs uncompressed | Net saved vs today $/month | Break-even vs today |',
    )
    expect(table).toContain('| −$60.00 | pays while CPU < 820.00 µs/msg or egress > $0.100/GB |')
    expect(table).toContain('| $0.00 | — (the baseline) |')
    // without a baseline: no such fields or columns
    const { baselineConfig: _unused, ...withoutBaseline } = input(1000)
    const none = projectCost(withoutBaseline)
    expect(config(none, 'new').cpu?.netSavedVsBaselinePerMonthUsd).toBeUndefined()
    expect(renderCostSection(none)).not.toContain('Net saved vs today')
  })
})

describe('break-even against the baseline at its edges (s38-fixs)', () => {
  // 1,000 B messages, CPU at $0.036/hour ($1e-11 per µs): the baseline sends 200 B for 100 µs; at $0.09/GB, 100 B
  // is worth 900 µs of CPU
  const cpu = (us: number) => ({ encodeUsPerMessage: us, pricePerCpuHour: 0.036 })
  const input = (pricePerGb: number, messagesPerDay: number): CostInput => ({
    messagesPerDay,
    avgMessageBytes: 1000,
    pricePerGb,
    baselineConfig: 'base',
    configs: [
      { name: 'base', compressedBytesPerMessage: 200, cpu: cpu(100) },
      { name: 'same-bytes-less-cpu', compressedBytesPerMessage: 200, cpu: cpu(50) },
      { name: 'more-bytes-less-cpu', compressedBytesPerMessage: 300, cpu: cpu(50) },
      { name: 'fewer-bytes-less-cpu', compressedBytesPerMessage: 100, cpu: cpu(50) },
    ],
  })
  const cell = (p: CostProjection, name: string) =>
    renderCostSection(p)
      .split('\n')
      .find((line) => line.startsWith(`| **${name}** |`))
      ?.split(' | ')
      .at(-1)

  it('the same bytes for less CPU pays at any egress price (it said "never" with a positive net)', () => {
    const p = projectCost(input(0.09, 1e9))
    const same = config(p, 'same-bytes-less-cpu').cpu
    expect(same?.netSavedVsBaselinePerMonthUsd).toBeGreaterThan(0)
    expect(same?.breakEvenVsBaselineCpuUsPerMessage).toBeCloseTo(100, 6)
    expect(same?.breakEvenVsBaselinePricePerGb).toBe(0)
    expect(cell(p, 'same-bytes-less-cpu')).toBe(
      'always pays: the same bytes and less CPU than base (while CPU < 100.00 µs/msg) |',
    )
  })

  it('fewer bytes for less CPU always pays (it said "egress > $0.00/GB")', () => {
    const p = projectCost(input(0.09, 1e9))
    expect(cell(p, 'fewer-bytes-less-cpu')).toBe(
      'always pays: fewer bytes and less CPU than base (while CPU < 1000.00 µs/msg) |',
    )
  })

  it('more bytes for less CPU pays while egress is cheap, also at an egress price of 0 (it said "egress >")', () => {
    for (const price of [0.09, 0]) {
      const p = projectCost(input(price, 1e9))
      // 50 µs less CPU pays for 100 B more while egress is below $0.005/GB
      expect(config(p, 'more-bytes-less-cpu').cpu?.breakEvenVsBaselinePricePerGb).toBeCloseTo(0.005, 9)
      expect(cell(p, 'more-bytes-less-cpu')).toMatch(/egress < \$0\.00500\/GB \|$/)
    }
  })

  it('prices CPU by the hour at no traffic (0 messages/day made CPU free: "any CPU time")', () => {
    const p = projectCost(input(0.09, 0))
    expect(config(p, 'fewer-bytes-less-cpu').cpu?.breakEvenVsBaselineCpuUsPerMessage).toBeCloseTo(1000, 6)
    expect(config(p, 'more-bytes-less-cpu').cpu?.breakEvenVsBaselineCpuUsPerMessage).toBeCloseTo(-800, 6)
    expect(renderCostSection(p)).not.toContain('CPU is free')
  })

  it('says why there are no columns against a baseline without CPU figures', () => {
    const p = projectCost({
      ...input(0.09, 1e9),
      configs: [{ name: 'base', compressedBytesPerMessage: 200 }, ...input(0.09, 1e9).configs.slice(1)],
    })
    const md = renderCostSection(p)
    expect(md).not.toContain('| Net saved vs base')
    expect(md).toContain('base has no CPU figures (no latency measured)')
  })
})
