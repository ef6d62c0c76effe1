/**
 * Rolling store refresh, as in production ("run template discovery on production logs"): each
 * corpus is read in order in windows of `--window` messages. The store is discovered from the first
 * window; every later window is first encoded with the current store (a hit: some template encodes
 * the message, and the frame decodes back to it), then merged into it the way
 * `aura-bench discover <window> --merge store.json --evict-after K` does (the same library call,
 * the store re-read from its JSON as from the file).
 *
 *   npx tsx bench/discovery-rolling.ts --loghub <folder>... [--jsonl <file>...] [--window 200] [--evict-after 3]
 *       [--keep-share 0.002] [--sweep 1,2,3,5,0] [--sweep-share 0,0.0005,0.001,0.002,0.005,0.01] [--per-window]
 *
 * Printed per corpus: hit rate over every message after the first window with the refresh, the same
 * with the first window's store frozen, the seen-event ceiling of the refresh (messages whose
 * ground-truth event occurred in an earlier window; Loghub only), templates at the end and at most,
 * templates evicted, and round-trip failures; with `--per-window`, each window's hit rate and the
 * store's templates after its merge (the store's growth), and how much the refreshed store's hits
 * shrink (their text bytes over their template bodies' bytes, frame header not counted). Loghub systems in the two leave-systems-out folds of
 * bench/discovery.ts. Goal (issue 12): >= 90% of all lines after the first window.
 *
 * `--sweep` runs every Loghub system once per K listed (0: never evict) and chooses K the same way
 * on each fold: the smallest K whose hit rate is within 0.5 points of never evicting (the smallest
 * store that loses next to nothing); it then prints the other fold's hit rate with that K.
 * `--sweep-share` does the same for the keep share (an idle template stays while its uses are at
 * least that share of the store's; 0: off): on each fold the highest hit rate, and within 0.1 points
 * of it the largest share (the tightest bound on kept idle templates), then the other fold with it.
 *
 * Markdown on stdout, progress on stderr. Exit 0; 1 if a round trip fails; 2 on bad input.
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AuraError } from '../src/core/index.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { renderTable } from './lib/table.ts'
import { DEFAULT_KEEP_SHARE } from '../src/templates/index.ts'
import { findLoghubSystems, folds, jsonlSystem } from './lib/discovery-corpora.ts'
import { GOAL_HIT_RATE, measure, pct, type Row } from './lib/rolling-refresh.ts'
import { kPlan, sharePlan, sweep } from './lib/rolling-sweep.ts'

const HEADERS = [
  'corpus',
  'windows',
  'messages after window 1',
  'hit rate, refreshed (goal >= 90%)',
  'hit rate, frozen after window 1',
  'seen-event ceiling (refreshed)',
  'templates at end / at most',
  'evicted',
  'store',
  'round-trip failures',
]

function render(title: string, rows: readonly Row[]): string {
  const cells = (r: Row, bold: boolean): string[] => {
    const b = (s: string): string => (bold ? `**${s}**` : s)
    const verdict = r.messages === 0 ? '' : r.hits / r.messages >= GOAL_HIT_RATE ? ' met' : ' **NOT met**'
    return [
      b(r.name),
      String(r.windows),
      String(r.messages),
      `${b(pct(r.hits, r.messages))}${verdict}`,
      pct(r.frozenHits, r.messages),
      r.seen === undefined ? '—' : pct(r.seen, r.messages),
      `${r.finalTemplates} / ${r.maxTemplates}`,
      String(r.evicted),
      `${(r.storeBytes / 1024).toFixed(1)} KB`,
      String(r.mismatches),
    ]
  }
  const body = rows.map((r) => cells(r, false))
  if (rows.length > 1) {
    const sum = (f: (r: Row) => number): number => rows.reduce((a, r) => a + f(r), 0)
    const seen = rows.every((r) => r.seen !== undefined) ? sum((r) => r.seen as number) : undefined
    body.push(
      cells(
        {
          name: `all ${rows.length} (aggregate)`,
          windows: sum((r) => r.windows),
          messages: sum((r) => r.messages),
          hits: sum((r) => r.hits),
          frozenHits: sum((r) => r.frozenHits),
          seen,
          finalTemplates: sum((r) => r.finalTemplates),
          maxTemplates: sum((r) => r.maxTemplates),
          evicted: sum((r) => r.evicted),
          storeBytes: sum((r) => r.storeBytes),
          mismatches: sum((r) => r.mismatches),
          perWindow: [],
          hitBodyBytes: sum((r) => r.hitBodyBytes),
          hitTextBytes: sum((r) => r.hitTextBytes),
        },
        true,
      ),
    )
  }
  return `#### ${title}\n\n${renderTable(HEADERS, body)}`
}

/** Per window: the hit rate with the store before it and the templates after its merge (window 1: discovered). */
function renderPerWindow(title: string, rows: readonly Row[]): string {
  const count = Math.max(0, ...rows.map((r) => r.perWindow.length))
  const headers = [
    'corpus',
    ...Array.from({ length: count }, (_v, w) => `window ${w + 1}`),
    "hits' text / template body bytes",
  ]
  const body = rows.map((r) => [
    r.name,
    ...Array.from({ length: count }, (_v, w) => {
      const at = r.perWindow[w]
      if (at === undefined) return ''
      return w === 0 ? `— · ${at.templates}` : `${pct(at.hits, at.messages)} · ${at.templates}`
    }),
    r.hitBodyBytes === 0 ? '—' : `${(r.hitTextBytes / r.hitBodyBytes).toFixed(2)}x`,
  ])
  if (rows.length > 1) {
    const sum = (f: (r: Row) => number): number => rows.reduce((a, r) => a + f(r), 0)
    body.push([
      `**all ${rows.length}**`,
      ...Array.from({ length: count }, (_v, w) => {
        const at = rows.map((r) => r.perWindow[w] ?? { messages: 0, hits: 0, templates: 0 })
        const templates = at.reduce((a, x) => a + x.templates, 0)
        const hits = at.reduce((a, x) => a + x.hits, 0)
        return w === 0
          ? `— · ${templates}`
          : `${pct(
              hits,
              at.reduce((a, x) => a + x.messages, 0),
            )} · ${templates}`
      }),
      `${(
        sum((r) => r.hitTextBytes) /
          Math.max(
            1,
            sum((r) => r.hitBodyBytes),
          )
      ).toFixed(2)}x`,
    ])
  }
  return `#### ${title}: hit rate · templates after the merge, per window\n\n${renderTable(headers, body)}`
}

function usage(message: string): AuraError {
  return new AuraError(
    'E_USAGE',
    message,
    { field: 'arguments' },
    {
      hint: 'npx tsx bench/discovery-rolling.ts --loghub <folder> [--jsonl <file>...] [--window 200] [--evict-after 3] [--keep-share S] [--sweep 1,2,3,5,0] [--sweep-share 0,0.01,...] [--per-window]',
    },
  )
}

function share(text: string, flag: string): number {
  const value = Number(text)
  if (text.trim() === '' || !(value >= 0 && value <= 1)) throw usage(`${flag} takes shares from 0 to 1, got "${text}"`)
  return value
}

function wholeNumber(text: string | undefined, fallback: number, flag: string): number {
  const value = Number(text ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw usage(`${flag} takes a whole number of at least 1, got "${text}"`)
  return value
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      loghub: { type: 'string', multiple: true },
      jsonl: { type: 'string', multiple: true },
      window: { type: 'string' },
      'evict-after': { type: 'string' },
      sweep: { type: 'string' },
      'keep-share': { type: 'string' },
      'sweep-share': { type: 'string' },
      'per-window': { type: 'boolean' },
    },
    strict: true,
  })
  const window = wholeNumber(values.window, 200, '--window')
  const evictAfter = wholeNumber(values['evict-after'], 3, '--evict-after')
  const keepShare = share(values['keep-share'] ?? String(DEFAULT_KEEP_SHARE), '--keep-share')
  const shares = values['sweep-share']?.split(',').map((v) => share(v, '--sweep-share'))
  const loghub = (values.loghub ?? []).flatMap((folder) => findLoghubSystems(path.resolve(folder)))
  const jsonl = (values.jsonl ?? []).map((file) => jsonlSystem(path.resolve(file)))
  if (loghub.length + jsonl.length === 0) throw usage('name at least one --loghub folder or --jsonl file')
  const [load1, load5] = os.loadavg()
  const split = folds(loghub.map((s) => s.name))
  const out = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}; load average ${load1?.toFixed(2)} / ${load5?.toFixed(2)} (1 / 5 min; shared machine, no time is measured here).`,
    `Rolling refresh: windows of ${window} messages in file order; store discovered from window 1 (defaults, whole line), then after each window \`discover --merge --evict-after ${evictAfter}\` (keep share ${keepShare}: an idle template stays while its uses are >= that share of the store's). Hit: a template of the store as it was before the window encodes the message and it decodes back.`,
    `Folds as in bench/discovery.ts: A = ${split.A.join(', ')}; B = ${split.B.join(', ')}. Window and K were fixed before any run; the default keep share ${DEFAULT_KEEP_SHARE} was chosen on fold A by --sweep-share.`,
  ]
  const rows: Row[] = []
  for (const system of [...loghub, ...jsonl]) {
    process.stderr.write(`${system.name}...\n`)
    rows.push(await measure(system, window, evictAfter, keepShare))
  }
  for (const [fold, names] of [
    ['A', split.A],
    ['B', split.B],
  ] as const) {
    const part = rows.filter((r) => names.includes(r.name))
    if (part.length > 0) out.push('', render(`Fold ${fold}`, part))
    if (part.length > 0 && values['per-window'] === true) out.push('', renderPerWindow(`Fold ${fold}`, part))
  }
  if (loghub.length > 0) out.push('', render(`All ${loghub.length} Loghub systems`, rows.slice(0, loghub.length)))
  if (jsonl.length > 0) out.push('', render('JSONL corpora', rows.slice(loghub.length)))
  if (jsonl.length > 0 && values['per-window'] === true)
    out.push('', renderPerWindow('JSONL corpora', rows.slice(loghub.length)))
  if (values.sweep !== undefined && loghub.length > 0) {
    const ks = values.sweep.split(',').map((k) => Number(k))
    if (!ks.every((k) => Number.isInteger(k) && k >= 0))
      throw usage(`--sweep takes whole numbers separated by commas (0: never evict), got "${values.sweep}"`)
    out.push('', await sweep(loghub, window, kPlan(ks, keepShare), split))
  }
  if (shares !== undefined && loghub.length > 0)
    out.push('', await sweep(loghub, window, sharePlan(shares, evictAfter), split))
  process.stdout.write(`${out.join('\n')}\n`)
  return rows.some((r) => r.mismatches > 0) ? 1 : 0
}

await runBenchMain(main)
