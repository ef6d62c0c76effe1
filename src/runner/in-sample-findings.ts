/**
 * The warnings that say when a config's store or dictionary was made from the messages it is measured
 * on (split from derived-compressor.ts, round 36): a derived part that overlaps the measured one, a
 * training corpus that is the measured file, a store whose provenance names it.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { IN_SAMPLE_RATIO, IN_SAMPLE_STORE, type CompressorConfig } from '../core/index.ts'
import { streamCorpus, type CorpusMessage } from '../corpus/index.ts'
import { loadCompressorConfig, type ConfigRef, type CorpusSpec, type Suite } from '../suite/index.ts'
import { loadTemplateStore, type TemplateStore } from '../templates/index.ts'
import { partName, sourcePart } from './derived-compressor.ts'

/** True when two corpus parts can share messages: same file, unless they are the two sides of one split. */
function overlaps(a: CorpusSpec, b: CorpusSpec): boolean {
  if (path.resolve(a.path) !== path.resolve(b.path)) return false
  const [x, y] = [a.split, b.split]
  if (x === undefined || y === undefined) return true
  const sameSplit =
    x.trainFraction === y.trainFraction && x.mode === y.mode && (x.mode === 'ordered' || x.seed === y.seed)
  return !sameSplit || x.use === y.use
}

/**
 * Warnings for every config x corpus where shared state comes from the measured messages: a derived
 * store or dictionary whose part overlaps them, or a store file whose provenance names the measured
 * corpus file (`aura-bench discover` records it) and no disjoint part of it.
 */
export async function inSampleWarnings(suite: Suite, corpora: readonly CorpusSpec[]): Promise<string[]> {
  return (await inSampleFindings(suite, corpora)).map((finding) => finding.warning)
}

/** A config whose template store or dictionary was made from messages it is measured on, on one corpus, and the warning that says so. */
export interface InSampleFinding {
  config: string
  corpus: string
  warning: string
}

/** inSampleWarnings with the config and corpus of each, so a report can mark the entry where it names it (compare's pick). */
export async function inSampleFindings(suite: Suite, corpora: readonly CorpusSpec[]): Promise<InSampleFinding[]> {
  const findings: InSampleFinding[] = []
  // whether a corpus entry is measured after a store's training part, per corpus entry and train fraction: the
  // corpus is read for it (s36-trial D2), once, not once per config naming a store made from it
  const after: AfterTraining = new Map()
  for (const ref of suite.configs) {
    // a config and its store file are read once per config, not once per corpus
    const { storeFile, dictionaryCorpus } = await loadSharedSources(ref)
    for (const corpus of corpora) {
      const add = (warning: string) => findings.push({ config: ref.name, corpus: corpus.name, warning })
      if (ref.discover !== undefined && overlaps(sourcePart(ref.discover, corpus, suite), corpus)) {
        add(
          `config ${ref.name} on corpus ${corpus.name}: its template store is discovered from the messages it is measured on (${partName(sourcePart(ref.discover, corpus, suite))}); ${IN_SAMPLE_STORE}`,
        )
      } else if (storeFile !== undefined) {
        const note = await storeProvenanceOverlap(ref, storeFile, corpus, after)
        if (note !== undefined) add(note)
      }
      if (ref.zstdDictTraining !== undefined && overlaps(sourcePart(ref.zstdDictTraining, corpus, suite), corpus)) {
        add(
          `config ${ref.name} on corpus ${corpus.name}: its zstd dictionary is built from the messages it is measured on (${partName(sourcePart(ref.zstdDictTraining, corpus, suite))}); ${IN_SAMPLE_RATIO}`,
        )
      } else if (ref.zstdDictTraining === undefined && dictionaryCorpus !== undefined) {
        const real = await realPath(corpus.path)
        // a copy of the training file at another path is the same messages (s35-trial D8): compared by content too
        const same =
          dictionaryCorpus.real === real
            ? 'is the measured corpus file'
            : (await sameBytes(dictionaryCorpus.real, real))
              ? 'has the same bytes as the measured corpus file'
              : undefined
        if (same !== undefined)
          add(
            `config ${ref.name} on corpus ${corpus.name}: its zstd_dict_training_corpus ${dictionaryCorpus.written} ${same} (${corpus.pathAsWritten}); the dictionary is trained on the whole file, the measured messages included, so ${IN_SAMPLE_RATIO}`,
          )
      }
    }
  }
  return findings
}

/**
 * The store file a config names (with its path) and its dictionary training corpus (as written and with
 * symbolic links resolved); each undefined when the config names none or cannot be loaded (that is
 * reported when the compressor is built). A derived entry's own store or dictionary replaces the config's.
 */
async function loadSharedSources(ref: ConfigRef): Promise<{
  storeFile?: { storePath: string; store: TemplateStore } | undefined
  dictionaryCorpus?: { written: string; real: string } | undefined
}> {
  let config: CompressorConfig
  try {
    config = await loadCompressorConfig(ref.path)
  } catch {
    return {}
  }
  // a stateful config's dictionary is its zstd_dict_path or its corpus's training part, never this key; the key
  // makes the dictionary only of a zstd_dict fallback, and only when no zstd_dict_path names one (loadDictionary)
  const trainsDictionary = config.mode !== 'stateful' && config.fallback === 'zstd_dict' && config.zstdDictPath === null
  const corpus = ref.zstdDictTraining === undefined && trainsDictionary ? config.zstdDictTrainingCorpus : null
  const dictionaryCorpus =
    corpus === null
      ? undefined
      : { written: path.relative(path.dirname(ref.path), corpus) || corpus, real: await realPath(corpus) }
  const storePath = ref.discover === undefined ? config.templateStorePath : null
  if (storePath === null) return { dictionaryCorpus }
  try {
    return { storeFile: { storePath, store: await loadTemplateStore(storePath) }, dictionaryCorpus }
  } catch {
    return { dictionaryCorpus }
  }
}

/** The path with symbolic links resolved, so one file reached two ways is one file; the path itself when it cannot be resolved. */
async function realPath(file: string): Promise<string> {
  return realpath(path.resolve(file)).catch(() => path.resolve(file))
}

/**
 * Whether two files hold the same bytes: same size, then the same SHA-256 (read only when the sizes
 * agree). False when either cannot be read: the in-sample check then goes by path alone.
 */
async function sameBytes(a: string, b: string): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)])
    if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return false
    return (await sha256Of(a)) === (await sha256Of(b))
  } catch {
    return false
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function storeProvenanceOverlap(
  ref: ConfigRef,
  { storePath, store }: { storePath: string; store: TemplateStore },
  corpus: CorpusSpec,
  after: AfterTraining,
): Promise<string | undefined> {
  const folder = path.dirname(storePath)
  const measured = path.resolve(corpus.path)
  let entry = store.provenance.find((p) => path.resolve(folder, p.corpus) === measured)
  let copy = false
  // the store's training file still at the path its provenance names, with the measured corpus's bytes (a copy)
  if (entry === undefined)
    for (const p of store.provenance)
      if (await sameBytes(path.resolve(folder, p.corpus), measured)) {
        entry = p
        copy = true
        break
      }
  if (entry === undefined) return undefined
  const trainFraction = entry.options['trainFraction']
  if (typeof trainFraction === 'number') {
    const key = JSON.stringify([
      corpus.path,
      corpus.format,
      corpus.minMessageBytes,
      corpus.maxMessageBytes,
      corpus.limit,
      corpus.split,
      corpus.sample,
      trainFraction,
    ])
    let answer = after.get(key)
    if (answer === undefined) {
      answer = measuredAfterTraining(corpus, trainFraction)
      after.set(key, answer)
    }
    if (await answer) return undefined
  }
  const made = copy
    ? `was made from ${entry.corpus}, a file with the same bytes as this corpus file`
    : 'was made from this corpus file'
  return `config ${ref.name} on corpus ${corpus.name}: its template store ${path.basename(storePath)} ${made} (${entry.tool}, ${entry.createdAt}); ${IN_SAMPLE_STORE}`
}

/**
 * Whether every message a corpus entry measures comes after the first `trainFraction` of the whole file,
 * the part `discover --train-fraction` made a store from (s36-trial D2: before, the two fractions were
 * compared, so `limit: 4000` with a test half, lines 2001-4000, passed as disjoint from a store made from
 * lines 1-6011). Compared on the ranges read: the store's last training message (the whole file's first
 * floor(n x trainFraction)) and the first message the entry measures (after its size filters, `limit:`, then
 * its split), by file line where the format has lines. Only an ordered split's test part can come after;
 * a corpus that cannot be read is said to overlap (its error is reported where it is measured).
 */
/** measuredAfterTraining's answers of one inSampleFindings call, by corpus entry and train fraction. */
type AfterTraining = Map<string, Promise<boolean>>

async function measuredAfterTraining(corpus: CorpusSpec, trainFraction: number): Promise<boolean> {
  if (corpus.split?.mode !== 'ordered' || corpus.split.use !== 'test') return false
  try {
    let first: CorpusMessage | undefined
    for await (const message of streamCorpus(corpus)) {
      first = message
      break
    }
    if (first === undefined) return false
    // the whole file as discover numbered it: no size filter, limit, split or sample; counted, then read up to
    // its last training message (no list of positions: a corpus of 100M lines would hold 0.8 GB of them)
    const { limit: _l, split: _s, sample: _p, minMessageBytes: _min, maxMessageBytes: _max, ...whole } = corpus
    let count = 0
    for await (const _message of streamCorpus(whole)) count++
    const trained = Math.floor(count * trainFraction)
    if (trained === 0) return true
    let seen = 0
    let lastTrained = 0
    for await (const message of streamCorpus(whole)) {
      if (++seen < trained) continue
      lastTrained = message.line ?? message.index
      break
    }
    return (first.line ?? first.index) > lastTrained
  } catch {
    return false
  }
}
