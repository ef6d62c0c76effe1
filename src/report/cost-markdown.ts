/** The cost section of a report, and the check of the seed's own cost arithmetic. */
import {
  BYTES_PER_GB,
  DAYS_PER_MONTH,
  DAYS_PER_YEAR,
  projectCost,
  type ConfigCost,
  type CostProjection,
  type CostScenario,
} from './cost.ts'
import { escapeCell, formatCount, formatMessagesPerDay, formatRatio, renderTable } from './format.ts'

/** Money with cents below $1,000 and whole dollars above: `$12.93`, `$4,300`. */
function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return 'n/a'
  const sign = usd < 0 ? '−' : ''
  const a = Math.abs(usd)
  return `${sign}$${a >= 1000 ? Math.round(a).toLocaleString('en-US') : a.toFixed(2)}`
}

/** A price with 2 to 4 decimals: `$0.10`, `$0.085`. */
function formatPrice(usd: number): string {
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`
}

/**
 * Money in a projection's currency (`cost.currency`, s35-trial D6): USD (or none) as before, `$12.93`;
 * another code after the amount, `12.93 EUR` (a code, never a guessed symbol).
 */
export function moneyIn(currency: string | undefined): {
  money: (amount: number) => string
  price: (amount: number) => string
  unit: string
} {
  if (currency === undefined || currency === 'USD') return { money: formatUsd, price: formatPrice, unit: '$' }
  return {
    money: (amount) => (Number.isFinite(amount) ? `${formatUsd(amount).replace('$', '')} ${currency}` : 'n/a'),
    price: (amount) => `${formatPrice(amount).replace('$', '')} ${currency}`,
    unit: currency,
  }
}

/** A scenario in words, for headings: `100,000,000 messages/day, 0 bytes of transport overhead per message`. */
export function describeScenario(scenario: Pick<CostScenario, 'messagesPerDay' | 'overheadBytesPerMessage'>): string {
  return `${formatMessagesPerDay(scenario.messagesPerDay)}, ${scenario.overheadBytesPerMessage ?? 0} bytes of transport overhead per message`
}

/**
 * GB to four significant digits from 1 GB up (`4.310`, `97.42`, `163.3`, `1235`), three decimals below (`0.120`), so
 * a column's figures carry the same precision (round 39, s38-trial D9: `97.415` stood beside `163.3`).
 */
export function formatGb(gb: number): string {
  const decimals = gb >= 1000 ? 0 : gb >= 100 ? 1 : gb >= 10 ? 2 : 3
  return gb.toFixed(decimals)
}

/** The seed's stated cost figures ("Expected Production Impact"), keyed by messages per day. */
const SEED_COST_CLAIMS = {
  avgMessageBytes: 50,
  pricePerGb: 0.1,
  currentRatio: 1.16,
  emergencyRatio: 1.69,
  byMessagesPerDay: {
    100000000: {
      currentPerMonthUsd: 430,
      emergencyPerMonthUsd: 300,
      savedPerMonthUsd: 130,
      savedPerYearUsd: 1560,
      currentGbPerDay: 4.3,
      emergencyGbPerDay: 3.0,
    },
    1000000000: {
      currentPerMonthUsd: 4300,
      emergencyPerMonthUsd: 3000,
      savedPerMonthUsd: 1300,
      savedPerYearUsd: 15600,
      currentGbPerDay: 43,
      emergencyGbPerDay: 30,
    },
  } as Record<
    number,
    {
      currentPerMonthUsd: number
      emergencyPerMonthUsd: number
      savedPerMonthUsd: number
      savedPerYearUsd: number
      currentGbPerDay: number
      emergencyGbPerDay: number
    }
  >,
} as const

/** True when a projection uses the seed's scenario: 100M or 1B messages/day of 50 bytes at $0.10/GB. */
export function matchesSeedScenario(
  p: Pick<CostProjection, 'messagesPerDay' | 'avgMessageBytes' | 'pricePerGb'>,
): boolean {
  return (
    SEED_COST_CLAIMS.byMessagesPerDay[p.messagesPerDay] !== undefined &&
    p.avgMessageBytes === SEED_COST_CLAIMS.avgMessageBytes &&
    Math.abs(p.pricePerGb - SEED_COST_CLAIMS.pricePerGb) < 1e-12
  )
}

function breakEvenCell(c: ConfigCost, m: ReturnType<typeof moneyIn>): string {
  const usPerMessage = c.cpu?.breakEvenCpuUsPerMessage
  const pricePerGb = c.cpu?.breakEvenPricePerGb
  if (c.cpu === undefined) return '—'
  if (usPerMessage === null || pricePerGb === null || usPerMessage === undefined || pricePerGb === undefined)
    return 'never (saves no bytes)'
  const us = Number.isFinite(usPerMessage) ? `CPU < ${usPerMessage.toFixed(2)} µs/msg` : 'any CPU time (CPU is free)'
  const price = m.unit === '$' ? `$${pricePerGb.toPrecision(3)}` : `${pricePerGb.toPrecision(3)} ${m.unit}`
  return `pays while ${us} or egress > ${price}/GB`
}

/** s38-fixc (trial D8): where a config's net against the baseline config breaks even, both CPUs counted. */
function breakEvenVsBaselineCell(c: ConfigCost, base: ConfigCost, m: ReturnType<typeof moneyIn>): string {
  const cpu = c.cpu
  const baseline = escapeCell(base.name)
  if (cpu?.netSavedVsBaselinePerMonthUsd === undefined) return '—'
  if (c === base) return '— (the baseline)'
  const us = cpu.breakEvenVsBaselineCpuUsPerMessage
  const pricePerGb = cpu.breakEvenVsBaselinePricePerGb
  if (us === null || us === undefined || pricePerGb === null || pricePerGb === undefined)
    return `never (sends no fewer bytes than ${baseline} and costs no less CPU)`
  const usText = Number.isFinite(us) ? `CPU < ${us.toFixed(2)} µs/msg` : 'any CPU time (CPU is free)'
  const price = m.unit === '$' ? `$${pricePerGb.toPrecision(3)}` : `${pricePerGb.toPrecision(3)} ${m.unit}`
  // s38-fixs: by the bytes, not the money (at an egress price of 0 both are 0)
  const sentBytes = c.sent.bytesPerMessage
  const baseBytes = base.sent.bytesPerMessage
  const sendsMore = sentBytes > baseBytes
  // no more bytes and no more CPU than the baseline: it pays at any egress price (and keeps paying below a CPU time)
  if (!sendsMore && pricePerGb === 0) {
    const bytes = sentBytes === baseBytes ? 'the same bytes' : 'fewer bytes'
    const less = cpu.cpuUsPerMessage < (base.cpu?.cpuUsPerMessage ?? 0) ? 'less CPU' : 'no more CPU'
    return `always pays: ${bytes} and ${less} than ${baseline}${Number.isFinite(us) ? ` (while ${usText})` : ''}`
  }
  // more bytes than the baseline for less CPU: it pays while egress stays cheap
  if (!sendsMore) return `pays while ${usText} or egress > ${price}/GB`
  // below 0 µs: no CPU time pays for its extra bytes at this egress price, only a cheaper egress does
  return us < 0 ? `pays only while egress < ${price}/GB` : `pays while ${usText} or egress < ${price}/GB`
}

function configRow(
  c: ConfigCost,
  hasBaseline: boolean,
  hasCpu: boolean,
  m: ReturnType<typeof moneyIn>,
  vsBaseline?: ConfigCost,
): string[] {
  const formatUsd = m.money
  const row = [
    `**${escapeCell(c.name)}**`,
    formatRatio(c.compressionRatio),
    formatGb(c.sent.gbPerDay),
    formatUsd(c.sent.costPerMonthUsd),
    formatUsd(c.sent.costPerYearUsd),
    `${formatUsd(c.savedPerMonthUsd)} / ${formatUsd(c.savedPerYearUsd)}`,
  ]
  if (hasBaseline)
    row.push(`${formatUsd(c.savedVsBaselinePerMonthUsd ?? NaN)} / ${formatUsd(c.savedVsBaselinePerYearUsd ?? NaN)}`)
  if (hasCpu)
    row.push(
      c.cpu === undefined ? 'not measured' : formatUsd(c.cpu.cpuCostPerMonthUsd),
      c.cpu === undefined ? '—' : formatUsd(c.cpu.netSavedPerMonthUsd),
      breakEvenCell(c, m),
    )
  if (vsBaseline !== undefined)
    row.push(
      c.cpu?.netSavedVsBaselinePerMonthUsd === undefined ? '—' : formatUsd(c.cpu.netSavedVsBaselinePerMonthUsd),
      breakEvenVsBaselineCell(c, vsBaseline, m),
    )
  return row
}

/** The check of the seed's cost figures: what they should be, and what the stated ones imply. */
export function renderSeedCostCheck(messagesPerDay: number): string | undefined {
  const claims = SEED_COST_CLAIMS.byMessagesPerDay[messagesPerDay]
  if (claims === undefined) return undefined
  const { avgMessageBytes, pricePerGb, currentRatio, emergencyRatio } = SEED_COST_CLAIMS
  const p = projectCost({
    messagesPerDay,
    avgMessageBytes,
    pricePerGb,
    configs: [
      { name: 'current', compressionRatio: currentRatio },
      { name: 'emergency', compressionRatio: emergencyRatio },
    ],
    baselineConfig: 'current',
  })
  const [current, emergency] = p.configs as [ConfigCost, ConfigCost]
  const factor = (stated: number, correct: number): string => `${(stated / correct).toFixed(1)}x`
  const rows = [
    ['Uncompressed', formatGb(p.uncompressed.gbPerDay), '—', `${formatUsd(p.uncompressed.costPerMonthUsd)}/month`, '—'],
    [
      `Current (${formatRatio(currentRatio)})`,
      formatGb(current.sent.gbPerDay),
      `${formatUsd(claims.currentPerMonthUsd)}/month`,
      `${formatUsd(current.sent.costPerMonthUsd)}/month`,
      factor(claims.currentPerMonthUsd, current.sent.costPerMonthUsd),
    ],
    [
      `Emergency (${formatRatio(emergencyRatio)})`,
      formatGb(emergency.sent.gbPerDay),
      `${formatUsd(claims.emergencyPerMonthUsd)}/month`,
      `${formatUsd(emergency.sent.costPerMonthUsd)}/month`,
      factor(claims.emergencyPerMonthUsd, emergency.sent.costPerMonthUsd),
    ],
    [
      'Savings',
      '—',
      `${formatUsd(claims.savedPerMonthUsd)}/month, ${formatUsd(claims.savedPerYearUsd)}/year`,
      `${formatUsd(emergency.savedVsBaselinePerMonthUsd ?? NaN)}/month, ${formatUsd(emergency.savedVsBaselinePerYearUsd ?? NaN)}/year`,
      factor(claims.savedPerMonthUsd, emergency.savedVsBaselinePerMonthUsd ?? NaN),
    ],
  ]
  const impliedGbPerDay = claims.currentPerMonthUsd / pricePerGb / DAYS_PER_MONTH
  const impliedDays = claims.currentPerMonthUsd / (claims.currentGbPerDay * pricePerGb)
  return [
    `**The seed's cost figures are wrong.** At ${formatMessagesPerDay(messagesPerDay)} × ${avgMessageBytes} bytes = ${formatGb(p.uncompressed.gbPerDay)} GB/day, ` +
      `even sending everything uncompressed costs ${formatUsd(p.uncompressed.costPerMonthUsd)}/month at ${formatPrice(pricePerGb)}/GB (30-day month), ` +
      `yet the seed states ${formatUsd(claims.currentPerMonthUsd)}/month and ${formatUsd(claims.emergencyPerMonthUsd)}/month for the compressed traffic: ` +
      `${factor(claims.currentPerMonthUsd, p.uncompressed.costPerMonthUsd)} the uncompressed cost and ${factor(claims.currentPerMonthUsd, current.sent.costPerMonthUsd)} the correct cost of its own ${claims.currentGbPerDay} GB/day.`,
    '',
    `${formatUsd(claims.currentPerMonthUsd)}/month at ${formatPrice(pricePerGb)}/GB buys ${formatCount(claims.currentPerMonthUsd / pricePerGb)} GB/month, ` +
      `i.e. ${formatGb(impliedGbPerDay)} GB/day over 30 days, not the ${claims.currentGbPerDay} GB/day the seed computes. ` +
      `Its figures equal GB/day × ${formatPrice(pricePerGb)} × ${formatCount(impliedDays)}: a factor of ${formatCount(impliedDays)} where a 30-day month needs 30.`,
    '',
    renderTable(
      ['Seed scenario', 'GB/day', 'Seed states', 'Correct (30-day month, 365-day year)', 'Seed ÷ correct'],
      rows,
    ),
  ].join('\n')
}

/** The Cost Projection section: one row per config, units and assumptions stated, the seed check when it applies (unless `seedCheck: false`). */
export function renderCostSection(
  p: CostProjection,
  options: { seedCheck?: boolean; ratio?: 'measured' | 'wire' } = {},
): string {
  const hasBaseline = p.baselineConfig !== undefined
  const hasCpu = p.configs.some((c) => c.cpu !== undefined)
  const wire = options.ratio === 'wire'
  const m = moneyIn(p.currency)
  const u = m.unit
  const header = [
    'Configuration',
    wire ? 'Ratio (raw row wire ÷ wire)' : 'Ratio (original ÷ compressed)',
    'GB/day sent',
    `Egress ${u}/month`,
    `Egress ${u}/year`,
    `Saved vs uncompressed ${u}/month / ${u}/year`,
  ]
  if (hasBaseline) header.push(`Saved vs ${escapeCell(p.baselineConfig ?? '')} ${u}/month / ${u}/year`)
  // s38-fixc (trial D8): the net and break-even columns say what they are against; with a baseline config whose CPU
  // was measured, two more columns count both CPUs against it
  if (hasCpu) header.push(`CPU ${u}/month`, `Net saved vs uncompressed ${u}/month`, 'Break-even vs uncompressed')
  const baselineCost = p.configs.find((c) => c.name === p.baselineConfig)
  const vsBaselineCost =
    hasCpu && p.configs.some((c) => c.cpu?.netSavedVsBaselinePerMonthUsd !== undefined) ? baselineCost : undefined
  const vsBaseline = vsBaselineCost?.name
  if (vsBaseline !== undefined)
    header.push(`Net saved vs ${escapeCell(vsBaseline)} ${u}/month`, `Break-even vs ${escapeCell(vsBaseline)}`)
  // s38-fixs: a baseline without CPU figures leaves out the two columns against it; say why
  const noBaselineCpu =
    hasCpu && baselineCost !== undefined && baselineCost.cpu === undefined
      ? ` There is no *Net saved vs ${escapeCell(baselineCost.name)}* or break-even against it: ${escapeCell(baselineCost.name)} has no CPU figures (no latency measured), so the CPU beyond its own cannot be counted.`
      : ''
  const overhead =
    p.overheadBytesPerMessage === 0
      ? 'no transport overhead'
      : `${p.overheadBytesPerMessage} bytes of transport overhead per message (added to original and compressed alike)`
  const seedCheck =
    options.seedCheck !== false && matchesSeedScenario(p) ? renderSeedCostCheck(p.messagesPerDay) : undefined
  return [
    '## Cost Projection',
    '',
    `${formatMessagesPerDay(p.messagesPerDay)} × ${p.avgMessageBytes.toFixed(1)} bytes, ${overhead}: ` +
      `${formatGb(p.uncompressed.gbPerDay)} GB/day uncompressed, ${m.money(p.uncompressed.costPerMonthUsd)}/month at ${m.price(p.pricePerGb)}/GB.`,
    '',
    renderTable(
      header,
      p.configs.map((c) => configRow(c, hasBaseline, hasCpu, m, vsBaselineCost)),
    ),
    '',
    `Units: GB = 10^9 bytes (${formatCount(BYTES_PER_GB)}); month = ${DAYS_PER_MONTH} days; year = ${DAYS_PER_YEAR} days (so a year is not 12 months); ${p.currency ?? 'USD'}. ` +
      (wire
        ? "Ratios are the raw row's wire bytes per message (uncompressed messages with their WebSocket framing, handshake spread over the replayed messages) ÷ this config's wire bytes per message, so they compare what each config puts on the socket; replay.md's *wire ratio* is original message bytes ÷ wire bytes, lower by the raw row's framing and handshake (docs/compare.md#aura-bench-cost)."
        : 'Ratios are the measured aggregate ratios (original ÷ compressed bytes) applied to the mean message size; shared state (template store, dictionary) is sent once and not included.') +
      (hasCpu
        ? ' CPU money uses the mean encode + decode time per message; break-even is the CPU time per message, or the egress price, at which CPU cost equals the egress saved.'
        : '') +
      (vsBaseline === undefined
        ? ''
        : ` *Net saved vs uncompressed* and its break-even count this config's CPU against sending uncompressed (no CPU); *Net saved vs ${escapeCell(vsBaseline)}* counts the egress saved against ${escapeCell(vsBaseline)} minus the CPU this config costs beyond ${escapeCell(vsBaseline)}'s (negative: a loss against it), and its break-even is where that net is zero.`) +
      noBaselineCpu,
    ...(seedCheck === undefined ? [] : ['', seedCheck]),
  ].join('\n')
}
