/**
 * Rolling store refresh, as in production ("run template discovery on production logs"): each
 * corpus is read in order in windows of `--window` messages. The store is discovered from the first
 * window; every later window is first encoded with the current store (a hit: some template encodes
 * the message, and the frame decodes back to it), then merged into it the way
 * `aura-bench discover <window> --merge store.json --evict-after K` does (the same library call,
 * the store re-read from its JSON as from the file).
 *
 *   npx tsx bench/discovery-rolling.ts --loghub <folder>... [--jsonl <file>...] [--window 200] [--evict-after 3]
 *       [--sweep 1,2,3,5,0]
 *
 * Printed per corpus: hit rate over every message after the first window with the refresh, the same
 * with the first window's store frozen, the seen-event ceiling of the refresh (messages whose
 * ground-truth event occurred in an earlier window; Loghub only), templates at the end and at most,
 * templates evicted, and round-trip failures. Loghub systems in the two leave-systems-out folds of
 * bench/discovery.ts. Goal (issue 12): >= 90% of all lines after the first window.
 *
 * `--sweep` runs every Loghub system once per K listed (0: never evict) and chooses K the same way
 * on each fold: the smallest K whose hit rate is within 0.5 points of never evicting (the smallest
 * store that loses next to nothing); it then prints the other fold's hit rate with that K.
 *
 * Markdown on stdout, progress on stderr. Exit 0; 1 if a round trip fails; 2 on bad input.
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AuraError, tryDecodeUtf8 } from '../src/core/index.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { renderTable } from './lib/table.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import {
  createMatcher,
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  parseTemplateStore,
  toTemplateStoreJson,
  type TemplateStore,
} from '../src/templates/index.ts'
import { findLoghubSystems, folds, groundTruth, jsonlSystem, type BenchSystem } from './lib/discovery-corpora.ts'

const GOAL_HIT_RATE = 0.9

interface Row {
  name: string
  messages: number
  windows: number
  hits: number
  frozenHits: number
  /** messages after the first window whose event occurred in an earlier window; undefined without ground truth */
  seen: number | undefined
  finalTemplates: number
  maxTemplates: number
  evicted: number
  storeBytes: number
  mismatches: number
}

/** The store as a user's next run reads it: through its JSON file content. */
const reread = (store: TemplateStore, name: string): TemplateStore =>
  parseTemplateStore(JSON.parse(JSON.stringify(toTemplateStoreJson(store))), name)

/** Messages a store encodes and that decode back to themselves, and the failed round trips. */
function hitsOf(store: TemplateStore, messages: readonly string[]): { hits: number; mismatches: number } {
  const matcher = createMatcher(store)
  let hits = 0
  let mismatches = 0
  for (const message of messages) {
    const frame = encodeBinarySemantic(matcher, message)
    if (frame === undefined) continue
    if (tryDecodeUtf8(decodeBinarySemantic(store, frame.templateId, frame.body)) === message) hits++
    else mismatches++
  }
  return { hits, mismatches }
}

async function measure(system: BenchSystem, window: number, evictAfter: number | undefined): Promise<Row> {
  const loaded = await loadCorpus({ path: system.file, format: system.kind === 'jsonl' ? 'jsonl' : 'txt' })
  const kept = loaded.flatMap((m) => {
    const text = tryDecodeUtf8(m.bytes)
    return text === undefined || text === '' ? [] : [{ text, line: m.line }]
  })
  const truth = system.kind === 'loghub' ? await groundTruth(system) : undefined
  const windows: (typeof kept)[] = []
  for (let at = 0; at < kept.length; at += window) windows.push(kept.slice(at, at + window))
  const createdAt = '1970-01-01T00:00:00.000Z'
  const frozen = reread(
    discoverTemplates(windows[0]?.map((m) => m.text) ?? [], { corpus: `${system.name} window 1`, createdAt }).store,
    'window-1.json',
  )
  let store = frozen
  const row: Row = {
    name: system.name,
    messages: 0,
    windows: windows.length,
    hits: 0,
    frozenHits: 0,
    seen: truth === undefined ? undefined : 0,
    finalTemplates: 0,
    maxTemplates: store.templates.length,
    evicted: 0,
    storeBytes: 0,
    mismatches: 0,
  }
  const seenEvents = new Set(windows[0]?.map((m) => truth?.get(m.line ?? -1)))
  for (const [w, part] of windows.entries()) {
    if (w === 0) continue
    const texts = part.map((m) => m.text)
    const now = hitsOf(store, texts)
    const still = hitsOf(frozen, texts)
    row.messages += texts.length
    row.hits += now.hits
    row.frozenHits += still.hits
    row.mismatches += now.mismatches + still.mismatches
    if (truth !== undefined) {
      const events = part.map((m) => truth.get(m.line ?? -1))
      row.seen = (row.seen as number) + events.filter((e) => seenEvents.has(e)).length
      for (const e of events) seenEvents.add(e)
    }
    const merged = discoverTemplates(texts, {
      existing: store,
      ...(evictAfter === undefined ? {} : { evictAfter }),
      corpus: `${system.name} window ${w + 1}`,
      createdAt,
    })
    store = reread(merged.store, `window-${w + 1}.json`)
    row.evicted += merged.stats.evictedTemplates
    row.maxTemplates = Math.max(row.maxTemplates, store.templates.length)
  }
  row.finalTemplates = store.templates.length
  row.storeBytes = store.sizeBytes
  return row
}

const pct = (part: number, whole: number): string => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`)

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
        },
        true,
      ),
    )
  }
  return `#### ${title}\n\n${renderTable(HEADERS, body)}`
}

/** Within this many points of never evicting, a K counts as losing next to nothing. */
const SWEEP_TOLERANCE = 0.005

async function sweep(
  systems: readonly BenchSystem[],
  window: number,
  ks: readonly number[],
  split: { A: string[]; B: string[] },
): Promise<string> {
  const rate = (rows: readonly Row[]): number =>
    rows.reduce((a, r) => a + r.hits, 0) /
    Math.max(
      1,
      rows.reduce((a, r) => a + r.messages, 0),
    )
  const byK = new Map<number, Row[]>()
  for (const k of ks) {
    process.stderr.write(`sweep K=${k}...\n`)
    const rows: Row[] = []
    for (const system of systems) rows.push(await measure(system, window, k === 0 ? undefined : k))
    byK.set(k, rows)
  }
  const fold = (k: number, names: readonly string[]): Row[] => (byK.get(k) ?? []).filter((r) => names.includes(r.name))
  const templates = (rows: readonly Row[]): number => rows.reduce((a, r) => a + r.finalTemplates, 0)
  const table = renderTable(
    ['K', 'fold A hit rate', 'fold A templates at end', 'fold B hit rate', 'fold B templates at end'],
    ks.map((k) => [
      String(k),
      pct(rate(fold(k, split.A)), 1),
      String(templates(fold(k, split.A))),
      pct(rate(fold(k, split.B)), 1),
      String(templates(fold(k, split.B))),
    ]),
  )
  const lines = ['#### Sweep of K (evict after K windows unused; 0 = never)', '', table]
  const choose = (names: readonly string[]): number | undefined => {
    if (!ks.includes(0)) return undefined
    const never = rate(fold(0, names))
    return (
      [...ks]
        .filter((k) => k > 0)
        .sort((a, b) => a - b)
        .find((k) => rate(fold(k, names)) >= never - SWEEP_TOLERANCE) ?? 0
    )
  }
  lines.push('')
  for (const [tuned, other] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    const k = choose(split[tuned])
    if (k === undefined) lines.push('The choice needs K = 0 (never evict) in --sweep.')
    else
      lines.push(
        `Chosen on fold ${tuned}: K = ${k} (smallest K within ${SWEEP_TOLERANCE * 100} points of never evicting); held-out fold ${other} with it: ${pct(rate(fold(k, split[other])), 1)} (goal >= 90%: ${rate(fold(k, split[other])) >= GOAL_HIT_RATE ? 'met' : '**NOT met**'}).`,
      )
  }
  return lines.join('\n')
}

function usage(message: string): AuraError {
  return new AuraError(
    'E_USAGE',
    message,
    { field: 'arguments' },
    {
      hint: 'npx tsx bench/discovery-rolling.ts --loghub <folder> [--jsonl <file>...] [--window 200] [--evict-after 3] [--sweep 1,2,3,5,0]',
    },
  )
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
    },
    strict: true,
  })
  const window = wholeNumber(values.window, 200, '--window')
  const evictAfter = wholeNumber(values['evict-after'], 3, '--evict-after')
  const loghub = (values.loghub ?? []).flatMap((folder) => findLoghubSystems(path.resolve(folder)))
  const jsonl = (values.jsonl ?? []).map((file) => jsonlSystem(path.resolve(file)))
  if (loghub.length + jsonl.length === 0) throw usage('name at least one --loghub folder or --jsonl file')
  const [load1, load5] = os.loadavg()
  const split = folds(loghub.map((s) => s.name))
  const out = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}; load average ${load1?.toFixed(2)} / ${load5?.toFixed(2)} (1 / 5 min; shared machine, no time is measured here).`,
    `Rolling refresh: windows of ${window} messages in file order; store discovered from window 1 (defaults, whole line), then after each window \`discover --merge --evict-after ${evictAfter}\`. Hit: a template of the store as it was before the window encodes the message and it decodes back.`,
    `Folds as in bench/discovery.ts: A = ${split.A.join(', ')}; B = ${split.B.join(', ')}. Window and K were fixed before any run (no fold was used to choose them).`,
  ]
  const rows: Row[] = []
  for (const system of [...loghub, ...jsonl]) {
    process.stderr.write(`${system.name}...\n`)
    rows.push(await measure(system, window, evictAfter))
  }
  for (const [fold, names] of [
    ['A', split.A],
    ['B', split.B],
  ] as const) {
    const part = rows.filter((r) => names.includes(r.name))
    if (part.length > 0) out.push('', render(`Fold ${fold}`, part))
  }
  if (loghub.length > 0) out.push('', render(`All ${loghub.length} Loghub systems`, rows.slice(0, loghub.length)))
  if (jsonl.length > 0) out.push('', render('JSONL corpora', rows.slice(loghub.length)))
  if (values.sweep !== undefined && loghub.length > 0) {
    const ks = values.sweep.split(',').map((k) => Number(k))
    if (!ks.every((k) => Number.isInteger(k) && k >= 0))
      throw usage(`--sweep takes whole numbers separated by commas (0: never evict), got "${values.sweep}"`)
    out.push('', await sweep(loghub, window, ks, split))
  }
  process.stdout.write(`${out.join('\n')}\n`)
  return rows.some((r) => r.mismatches > 0) ? 1 : 0
}

await runBenchMain(main)
