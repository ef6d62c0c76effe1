/**
 * Side-by-side speed in one process on the same messages:
 * 1. template hits: the binary_semantic method (encode: UTF-8 bytes -> frame; decode: frame ->
 *    bytes) against zstd-napi with a prepared dictionary (codec zstd_dict, level 19, 64 KiB raw
 *    content), both including their frame tag;
 * 2. no template hits: the hybrid's compress/decompress (async API, as users call it) and its
 *    compressSync/decompressSync against its fallback codec's encode/decode alone, for zstd_dict,
 *    brotli (brotli-wasm q11) and deflate.
 * Run alone: `npx tsx bench/speed.ts [--quick]`.
 */
import { parseFrame, writeMethodFrame, writeTemplateFrame, type Framing } from '../src/codecs/index.ts'
import { tryDecodeUtf8, type Codec, type FallbackCodecName } from '../src/core/index.ts'
import { createMatcher, createTemplateFrameEncoder, decodeBinarySemantic } from '../src/templates/index.ts'
import { createCodec } from '../src/codecs/index.ts'
import { createBenchDictionary, createBenchHybrid, createZstdDictCodec } from './lib/compressors.ts'
import { noTemplateCorpora, templateCorpora, type BenchCorpus } from './lib/corpora.ts'
import { describeMachine } from './lib/machine.ts'
import { count, renderTable, times, us, verdict } from './lib/table.ts'
import { compareShuffled, SHUFFLED_PASSES, type Contender, type TimingSummary } from './lib/timing.ts'

/** Options of the speed benchmark. */
export interface SpeedOptions {
  /** fewer calls (a smoke run): 4,000 per contender instead of 20,000 */
  quick?: boolean
}

const FRAMING: Framing = 'tagged'

function templateEncoder(corpus: BenchCorpus): (bytes: Uint8Array) => Uint8Array {
  // the frame header comes from the framing (asked once per template id); the frame is written in one piece
  const encoder = createTemplateFrameEncoder(createMatcher(corpus.store), (templateId) => writeTemplateFrame(templateId, new Uint8Array(0)))
  return (bytes) => {
    const encoded = encoder.encode(tryDecodeUtf8(bytes) as string)
    if (encoded === undefined) throw new Error('a template message has no template encoding')
    return encoded.frame
  }
}

function templateDecoder(corpus: BenchCorpus): (frame: Uint8Array) => Uint8Array {
  return (frame) => {
    const parsed = parseFrame(frame, FRAMING)
    if (parsed.method !== 'binary_semantic') throw new Error('not a binary_semantic frame')
    return decodeBinarySemantic(corpus.store, parsed.templateId, parsed.payload)
  }
}

function fallbackDecoder(codec: Codec): (frame: Uint8Array) => Uint8Array {
  return (frame) => codec.decode(parseFrame(frame, FRAMING).payload) as Uint8Array
}

const ratio = (a: TimingSummary, b: TimingSummary, key: 'p50Us' | 'p99Us' | 'meanUs'): number => a[key] / b[key]
const meanBytes = (frames: readonly Uint8Array[]): number => frames.reduce((sum, f) => sum + f.length, 0) / frames.length

interface TemplateRow {
  corpus: BenchCorpus
  encode: TimingSummary[]
  decode: TimingSummary[]
  binaryBytes: number
  zstdBytes: number
}

interface TemplateContenders {
  corpus: BenchCorpus
  encode: Contender[]
  decode: Contender[]
  binaryBytes: number
  zstdBytes: number
}

/** Both methods' encoders and decoders on one corpus, with their round trip checked before anything is timed. */
async function prepareTemplateCorpus(corpus: BenchCorpus): Promise<TemplateContenders> {
  const zstdDict = await createZstdDictCodec(createBenchDictionary(corpus.training))
  const encodeTemplate = templateEncoder(corpus)
  const decodeTemplate = templateDecoder(corpus)
  const decodeZstd = fallbackDecoder(zstdDict)
  const messages = corpus.messages
  const binaryFrames = messages.map(encodeTemplate)
  const zstdFrames = messages.map((m) => writeMethodFrame('zstd_dict', zstdDict.encode(m) as Uint8Array))
  for (let i = 0; i < messages.length; i++) {
    if (Buffer.compare(decodeTemplate(binaryFrames[i] as Uint8Array), messages[i] as Uint8Array) !== 0) throw new Error(`${corpus.name}: binary_semantic round trip differs`)
  }
  return {
    corpus,
    encode: [
      { name: 'binary_semantic', run: (i) => encodeTemplate(messages[i] as Uint8Array) },
      { name: 'zstd_dict', run: (i) => writeMethodFrame('zstd_dict', zstdDict.encode(messages[i] as Uint8Array) as Uint8Array) },
    ],
    decode: [
      { name: 'binary_semantic', run: (i) => decodeTemplate(binaryFrames[i] as Uint8Array) },
      { name: 'zstd_dict', run: (i) => decodeZstd(zstdFrames[i] as Uint8Array) },
    ],
    binaryBytes: meanBytes(binaryFrames),
    zstdBytes: meanBytes(zstdFrames),
  }
}

/** Untimed calls per contender and corpus before any corpus is timed. */
const WARMUP_CALLS_PER_CORPUS = 4000

/**
 * Every contender of every corpus runs untimed first, so the first corpus timed does not pay the
 * process's start-up (code still compiling, the heap still settling after the corpora were loaded):
 * with only a per-corpus warm-up, week1 (timed first) measured a binary_semantic encode p99 of
 * 1.9-2.6x zstd_dict on a first pass and 1.2-1.3x on a second pass in the same process (2026-11-27).
 */
function warmUp(prepared: readonly TemplateContenders[]): void {
  for (const p of prepared) {
    for (const contender of [...p.encode, ...p.decode]) for (let i = 0; i < WARMUP_CALLS_PER_CORPUS; i++) contender.run(i % p.corpus.messages.length)
  }
}

async function measureTemplateCorpus(p: TemplateContenders, calls: number): Promise<TemplateRow> {
  const options = { messageCount: p.corpus.messages.length, callsPerContender: calls }
  return { corpus: p.corpus, encode: await compareShuffled(p.encode, options), decode: await compareShuffled(p.decode, options), binaryBytes: p.binaryBytes, zstdBytes: p.zstdBytes }
}

function renderTemplateRows(rows: readonly TemplateRow[], phase: 'encode' | 'decode'): string {
  const headers = ['corpus', 'messages', 'binary p50 µs', 'binary p99 µs', 'zstd_dict p50 µs', 'zstd_dict p99 µs', 'ratio p50', 'ratio p99', 'goal (ratios <= 1)']
  return renderTable(
    headers,
    rows.map((row) => {
      const [binary, zstd] = row[phase] as [TimingSummary, TimingSummary]
      const worst = Math.max(ratio(binary, zstd, 'p50Us'), ratio(binary, zstd, 'p99Us'))
      return [row.corpus.name, count(row.corpus.messages.length), us(binary.p50Us), us(binary.p99Us), us(zstd.p50Us), us(zstd.p99Us), times(ratio(binary, zstd, 'p50Us')), times(ratio(binary, zstd, 'p99Us')), verdict(worst, 1)]
    }),
  )
}

/** Section 1: binary_semantic against zstd_dict on template messages. */
export async function templateSection(calls: number): Promise<string> {
  const prepared: TemplateContenders[] = []
  for (const corpus of await templateCorpora()) prepared.push(await prepareTemplateCorpus(corpus))
  warmUp(prepared)
  const rows: TemplateRow[] = []
  for (const p of prepared) rows.push(await measureTemplateCorpus(p, calls))
  const sizes = renderTable(
    ['corpus', 'messages', 'mean message B', 'binary frame B', 'zstd_dict frame B', 'set'],
    rows.map((r) => [r.corpus.name, count(r.corpus.messages.length), meanBytes(r.corpus.messages).toFixed(1), r.binaryBytes.toFixed(1), r.zstdBytes.toFixed(1), r.corpus.note]),
  )
  return [
    '### Template messages: binary_semantic vs zstd_dict',
    '',
    `Per call, ${count(calls)} calls per contender, interleaved in chunks of 256, in ${SHUFFLED_PASSES} passes with the contenders in a new seeded order each; every contender of every corpus first ran ${count(WARMUP_CALLS_PER_CORPUS)} untimed calls, before any corpus was timed. Ratio = binary_semantic / zstd_dict.`,
    '',
    '**Encode** (UTF-8 bytes in, frame out: UTF-8 check, template match, slot encoding, frame header)',
    '',
    renderTemplateRows(rows, 'encode'),
    '',
    '**Decode** (frame in, message bytes out)',
    '',
    renderTemplateRows(rows, 'decode'),
    '',
    'Sizes, for context:',
    '',
    sizes,
  ].join('\n')
}

interface NoHitRow {
  corpus: string
  fallback: FallbackCodecName
  messages: number
  compress: TimingSummary[]
  decompress: TimingSummary[]
}

async function fallbackCodec(fallback: FallbackCodecName, dictionary: Uint8Array): Promise<Codec> {
  if (fallback === 'zstd_dict') return createZstdDictCodec(dictionary)
  if (fallback === 'brotli') return createCodec({ name: 'brotli', quality: 11 })
  return createCodec({ name: 'deflate', level: 9 })
}

async function measureNoHit(corpus: BenchCorpus, fallback: FallbackCodecName, compressCalls: number, decompressCalls: number): Promise<NoHitRow> {
  const dictionary = createBenchDictionary(corpus.training)
  const codec = await fallbackCodec(fallback, dictionary)
  const hybrid = await createBenchHybrid({ name: `bench-${fallback}`, fallback, store: corpus.store, dictionary })
  const messages = corpus.messages
  const frames: Uint8Array[] = []
  for (const m of messages) frames.push((await hybrid.compress(m)).bytes)
  // each payload in its own buffer, like the hybrid's frames (the codec's outputs can share pooled memory, which alone made its decode 3-4% faster)
  const payloads = messages.map((m) => new Uint8Array(codec.encode(m) as Uint8Array))
  const optionsFor = (calls: number) => ({ messageCount: messages.length, callsPerContender: calls, chunkCalls: Math.min(256, Math.max(8, calls >> 4)) })
  // the sync calls give the same frames (on the messages whose compress is timed: Brotli q11 takes ms) and bytes
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Uint8Array
    if (i < compressCalls && Buffer.compare(hybrid.compressSync(message).bytes, frames[i] as Uint8Array) !== 0) throw new Error(`${corpus.name}: compressSync and compress give different frames`)
    if (Buffer.compare(hybrid.decompressSync(frames[i] as Uint8Array), message) !== 0) throw new Error(`${corpus.name}: decompressSync does not give the message back`)
  }
  const compress = await compareShuffled(
    [
      { name: 'hybrid', isAsync: true, run: (i) => hybrid.compress(messages[i] as Uint8Array) },
      { name: 'hybrid sync', run: (i) => hybrid.compressSync(messages[i] as Uint8Array) },
      { name: fallback, run: (i) => codec.encode(messages[i] as Uint8Array) },
      { name: 'awaited', isAsync: true, run: async (i) => codec.encode(messages[i] as Uint8Array) },
    ],
    optionsFor(compressCalls),
  )
  const decompress = await compareShuffled(
    [
      { name: 'hybrid', isAsync: true, run: (i) => hybrid.decompress(frames[i] as Uint8Array) },
      { name: 'hybrid sync', run: (i) => hybrid.decompressSync(frames[i] as Uint8Array) },
      { name: fallback, run: (i) => codec.decode(payloads[i] as Uint8Array) },
      { name: 'awaited', isAsync: true, run: async (i) => codec.decode(payloads[i] as Uint8Array) },
    ],
    optionsFor(decompressCalls),
  )
  return { corpus: corpus.name, fallback, messages: messages.length, compress, decompress }
}

function renderNoHitRows(rows: readonly NoHitRow[], phase: 'compress' | 'decompress'): string {
  const headers = [
    'corpus',
    'fallback',
    'hybrid p50 µs',
    'hybrid sync p50 µs',
    'codec p50 µs',
    'hybrid mean µs',
    'codec mean µs',
    'ratio p50',
    'sync ratio p50',
    'ratio mean',
    'goal async (p50 <= 1.10)',
    'goal sync (p50 <= 1.10)',
    'awaited codec p50 µs',
    'hybrid / awaited p50',
  ]
  return renderTable(
    headers,
    rows.map((row) => {
      const [hybrid, hybridSync, codec, awaited] = row[phase] as [TimingSummary, TimingSummary, TimingSummary, TimingSummary]
      return [
        row.corpus,
        row.fallback,
        us(hybrid.p50Us),
        us(hybridSync.p50Us),
        us(codec.p50Us),
        us(hybrid.meanUs),
        us(codec.meanUs),
        times(ratio(hybrid, codec, 'p50Us')),
        times(ratio(hybridSync, codec, 'p50Us')),
        times(ratio(hybrid, codec, 'meanUs')),
        verdict(ratio(hybrid, codec, 'p50Us'), 1.1),
        verdict(ratio(hybridSync, codec, 'p50Us'), 1.1),
        us(awaited.p50Us),
        times(ratio(hybrid, awaited, 'p50Us')),
      ]
    }),
  )
}

/** Section 2: the hybrid against its fallback alone where no template matches. */
export async function noHitSection(calls: number): Promise<string> {
  const corpora = await noTemplateCorpora(2000)
  if (corpora.length === 0) return '### No template hits\n\nSkipped: ../shared/corpora is absent.'
  const rows: NoHitRow[] = []
  const callsFor = (fallback: FallbackCodecName): number => (fallback === 'brotli' ? Math.max(64, Math.floor(calls / 100)) : calls)
  for (const corpus of corpora) for (const fallback of ['zstd_dict', 'deflate', 'brotli'] as const) rows.push(await measureNoHit(corpus, fallback, callsFor(fallback), calls))
  return [
    '### Messages no template matches: the hybrid vs its fallback codec alone',
    '',
    `Hybrid: expanded store, emergency settings otherwise, awaited \`compress\`/\`decompress\` (frame tag, UTF-8 check, failed match, selection); "hybrid sync": its \`compressSync\`/\`decompressSync\` (the same frames and bytes, checked, without a promise). Codec: its sync encode/decode alone, each payload in its own buffer as the hybrid's frames are; "awaited codec": the same call inside an awaited async function, the floor of any async API. ${count(calls)} calls per contender (brotli q11 compress: ${count(callsFor('brotli'))}), interleaved. The calls are made in ${SHUFFLED_PASSES} passes, each with the contenders in a new seeded order (where a contender sits among the others moved its p50 by up to 8%). Ratio = hybrid / codec, sync ratio = hybrid sync / codec. The goal is judged on p50, for each API: the mean is dominated by the few largest messages and by preemption on a loaded machine.`,
    '',
    ...corpora.map((c) => `- ${c.name}: ${c.note}`),
    '',
    '**Compress**',
    '',
    renderNoHitRows(rows, 'compress'),
    '',
    '**Decompress**',
    '',
    renderNoHitRows(rows, 'decompress'),
  ].join('\n')
}

/** Runs both sections and returns Markdown. */
export async function runSpeedBench(options: SpeedOptions = {}): Promise<string> {
  const calls = options.quick === true ? 4000 : 20_000
  return [await templateSection(calls), '', await noHitSection(calls)].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeMachine())
  console.log('')
  console.log(await runSpeedBench({ quick: process.argv.includes('--quick') }))
}
