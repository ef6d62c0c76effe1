/** cost.md's total of one scenario across corpora (round 40, s39-trial D5): one row per config totalled. */
import { formatGb, moneyIn } from './cost-markdown.ts'
import type { CostTotal } from './cost-total.ts'
import { escapeCell, escapeInline, formatMessagesPerDay, renderTable } from './format.ts'

/** `## Total across 4 corpora: ...` with each corpus's volume, the uncompressed sum and a row per config. */
export function renderCostTotal(total: CostTotal): string {
  const m = moneyIn(total.currency)
  const u = m.unit
  const hasBaseline = total.baselineConfig !== undefined
  const hasCpu = total.configs.some((c) => c.cpuCostPerMonthUsd !== undefined)
  const header = [
    'Configuration',
    'GB/day sent',
    `Egress ${u}/month`,
    `Egress ${u}/year`,
    `Saved vs uncompressed ${u}/month / ${u}/year`,
  ]
  if (hasBaseline) header.push(`Saved vs ${escapeCell(total.baselineConfig ?? '')} ${u}/month / ${u}/year`)
  if (hasCpu) header.push(`CPU ${u}/month`, `Net saved vs uncompressed ${u}/month`)
  // s41-trial D4: the per-corpus sections' net against the baseline config, summed ("what does it save per month against pmd")
  const hasNetVs = hasBaseline && total.configs.some((c) => c.netSavedVsBaselinePerMonthUsd !== undefined)
  if (hasNetVs) header.push(`Net saved vs ${escapeCell(total.baselineConfig ?? '')} ${u}/month`)
  const rows = total.configs.map((c) => {
    const row = [
      `**${escapeCell(c.name)}**`,
      formatGb(c.gbPerDay),
      m.money(c.costPerMonthUsd),
      m.money(c.costPerYearUsd),
      `${m.money(c.savedPerMonthUsd)} / ${m.money(c.savedPerYearUsd)}`,
    ]
    if (hasBaseline)
      row.push(
        c.savedVsBaselinePerMonthUsd === undefined
          ? '—'
          : `${m.money(c.savedVsBaselinePerMonthUsd)} / ${m.money(c.savedVsBaselinePerYearUsd ?? Number.NaN)}`,
      )
    if (hasCpu)
      row.push(
        c.cpuCostPerMonthUsd === undefined ? 'not measured on every corpus' : m.money(c.cpuCostPerMonthUsd),
        c.netSavedPerMonthUsd === undefined ? '—' : m.money(c.netSavedPerMonthUsd),
      )
    if (hasNetVs)
      row.push(c.netSavedVsBaselinePerMonthUsd === undefined ? '—' : m.money(c.netSavedVsBaselinePerMonthUsd))
    return row
  })
  // names in a paragraph, escaped as in a table cell but without the `|` a cell needs (s40-rev3 F6)
  const volumes = total.corpora
    .map((c) => `${escapeInline(c.corpus)} ${formatMessagesPerDay(c.messagesPerDay)}`)
    .join(', ')
  const left =
    total.notOnEveryCorpus === undefined
      ? ''
      : `\n\nNot totalled (not projected on every corpus): ${total.notOnEveryCorpus.map(escapeInline).join(', ')}.`
  return (
    [
      `## Total across ${total.corpora.length} corpora: ${total.overheadBytesPerMessage} bytes of transport overhead per message`,
      '',
      `Each corpus at its own traffic (${volumes}): ${formatGb(total.uncompressed.gbPerDay)} GB/day uncompressed, ${m.money(total.uncompressed.costPerMonthUsd)}/month. ` +
        'Each row is the sum of the sections above for this scenario (same units); a CPU figure only when the config was timed on every corpus.',
      '',
      total.configs.length === 0 ? '_No config is projected on every corpus._' : renderTable(header, rows),
    ].join('\n') + left
  )
}
