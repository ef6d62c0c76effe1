/**
 * Why held-out lines miss the discovered store: per Loghub system named on the command line, the
 * store is discovered from the ordered first half (defaults, whole line) and a 64 KB raw-content
 * zstd_dict (level 19) is built from the same half, as bench/discovery.ts's suite does; then every
 * second-half line that the template frame does not win is listed with its cause.
 *
 *   npx tsx bench/discovery-misses.ts --loghub <folder> [--loghub <folder>...] [--system <name>...] [--lines N]
 *
 * Per system: hits, misses of lines whose ground-truth event occurs in the first half, by cause
 * (`no template` matches; `dict smaller`: a template matches but the zstd_dict frame is smaller),
 * and per miss (up to --lines, default 40): template frame bytes vs zstd_dict frame bytes, and the
 * slot whose value cost the most in the smallest template frame (its type and bytes).
 * Frame sizes: 2 bytes of tag and template id + body; zstd_dict's tag byte + its frame. Markdown on
 * stdout. Exit 0; 2 on bad input.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AuraError, tryDecodeUtf8 } from '../src/core/index.ts'
import { createCodec, createRawContentDictionary, loadCorpus } from '../src/index.ts'
import { createMatcher, discoverTemplates, encodeBinarySemantic } from '../src/templates/index.ts'
import { createSlotCodec } from '../src/templates/slot-codecs.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { findLoghubSystems, groundTruth, type BenchSystem } from './lib/discovery-corpora.ts'

const encoder = new TextEncoder()

/** The costliest slot value of a template's encoding of a message: `{k} type: N B "value"`. */
function costliestSlot(match: { template: import('../src/index.ts').Template; values: string[] }): string {
  let best = ''
  let bestBytes = -1
  match.template.slots.forEach((spec, i) => {
    const prepared = createSlotCodec(spec).prepare(match.values[i] as string, i === match.template.slots.length - 1)
    const bytes = prepared === undefined ? Infinity : (prepared.head === undefined ? 0 : 1) + prepared.tail.length
    if (bytes > bestBytes) {
      bestBytes = bytes
      const type =
        spec.type === 'enum' ? `enum(${spec.values.length}${spec.other ? `, other ${spec.other}` : ''})` : spec.type
      best = `{${i}} ${type}: ${bytes} B "${match.values[i]}"`
    }
  })
  return best
}

async function diagnose(system: BenchSystem, maxLines: number): Promise<string> {
  const messages = await loadCorpus({ path: system.file, format: 'txt' })
  const truth = await groundTruth(system)
  const texts = messages.map((m) => tryDecodeUtf8(m.bytes) ?? '')
  const events = messages.map((m) => truth.get(m.line ?? -1) ?? '?')
  const cut = Math.floor(texts.length / 2)
  const train = texts.slice(0, cut)
  const seen = new Set(events.slice(0, cut))
  const { store } = discoverTemplates(train)
  const matcher = createMatcher(store)
  const dictionary = createRawContentDictionary(
    train.map((t) => encoder.encode(t)),
    65536,
  )
  const zstd = await createCodec({ name: 'zstd_dict', level: 19, dictionary })
  let hits = 0
  let seenLines = 0
  const causes = new Map<string, number>()
  const rows: string[] = []
  for (let i = cut; i < texts.length; i++) {
    const text = texts[i] as string
    const event = events[i] as string
    const raw = encoder.encode(text).length
    const dictBytes = Math.min(raw, 1 + (await zstd.encode(encoder.encode(text))).length)
    const encoding = encodeBinarySemantic(matcher, text)
    const templateBytes = encoding === undefined ? Infinity : 2 + encoding.body.length
    if (templateBytes <= dictBytes) {
      hits++
      continue
    }
    if (!seen.has(event)) continue
    seenLines++
    const cause = encoding === undefined ? 'no template' : 'dict smaller'
    causes.set(`${cause} ${event}`, (causes.get(`${cause} ${event}`) ?? 0) + 1)
    if (rows.length >= maxLines) continue
    const match =
      encoding === undefined ? undefined : matcher.match(text).find((m) => m.template.id === encoding.templateId)
    rows.push(
      `| ${i + 1} | ${event} | ${cause} | ${Number.isFinite(templateBytes) ? templateBytes : '—'} | ${dictBytes} | ${match === undefined ? '—' : `t${match.template.id}: ${costliestSlot(match).replaceAll('|', '\\|')}`} | \`${text.slice(0, 90).replaceAll('|', '\\|')}\` |`,
    )
  }
  const test = texts.length - cut
  const seenTest = events.slice(cut).filter((e) => seen.has(e)).length
  return [
    `### ${system.name}`,
    '',
    `hits ${hits} of ${test}; seen-event lines ${seenTest}; misses among them ${seenLines} (hit / ceiling ${((100 * hits) / seenTest).toFixed(1)}%)`,
    '',
    '| cause and event | lines |',
    '|---|---:|',
    ...[...causes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `| ${k} | ${n} |`),
    '',
    '| line | event | cause | template frame B | zstd_dict frame B | costliest slot | text |',
    '|---:|---|---|---:|---:|---|---|',
    ...rows,
    '',
  ].join('\n')
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      loghub: { type: 'string', multiple: true },
      system: { type: 'string', multiple: true },
      lines: { type: 'string' },
    },
    strict: true,
  })
  const systems = (values.loghub ?? []).flatMap((folder) => findLoghubSystems(path.resolve(folder)))
  if (systems.length === 0) throw new AuraError('E_USAGE', 'name at least one --loghub folder', { field: 'arguments' })
  const wanted = values.system
  const maxLines = Number(values.lines ?? 40)
  if (!Number.isInteger(maxLines) || maxLines < 0)
    throw new AuraError('E_USAGE', `--lines is a whole number, got "${values.lines}"`, { field: 'arguments' })
  for (const system of systems) {
    if (wanted !== undefined && !wanted.includes(system.name)) continue
    process.stdout.write(`${await diagnose(system, maxLines)}\n`)
  }
  return 0
}

await runBenchMain(main)
