/**
 * The suite's configs as compare and replay build them: per-message hybrids built once, `mode:
 * stateful` configs kept as configs, and entries that derive a store or dictionary from the suite
 * built per corpus against its held-out part, with `run`'s in-sample findings for them.
 */
import type { Compressor, CompressorConfig } from '../core/index.ts'
import {
  checkDerivedConfig,
  createCompressorFromConfig,
  createDerivedCompressor,
  hasDerivedState,
  inSampleFindings,
  type InSampleFinding,
} from '../runner/index.ts'
import { loadSuiteConfig, type ConfigRef, type CorpusSpec, type Suite } from '../suite/index.ts'
import { splitOf } from './split-parts.ts'
import type { CorpusComparison } from './types.ts'

/**
 * Per-message configs become compressors; `mode: stateful` configs are kept as configs (their contexts
 * open per connection); an entry that derives its store or dictionary from the suite (`discover:`,
 * `zstd_dict_training:`) is checked here and built per corpus (`derived`).
 */
export async function buildHybrids(
  suite: Suite,
  create: ((ref: ConfigRef) => Promise<Compressor>) | undefined,
): Promise<{ hybrids: Map<string, Compressor>; statefulConfigs: Map<string, CompressorConfig>; derived: ConfigRef[] }> {
  const hybrids = new Map<string, Compressor>()
  const statefulConfigs = new Map<string, CompressorConfig>()
  const derived: ConfigRef[] = []
  for (const ref of suite.configs) {
    if (create !== undefined) {
      hybrids.set(ref.name, await create(ref))
      continue
    }
    if (hasDerivedState(ref)) {
      const config = await checkDerivedConfig(ref, suite)
      // a stateful config with derived state is refused before this (refuseStatefulDerived)
      if (config.mode !== 'stateful') {
        derived.push(ref)
        continue
      }
    }
    const config = await loadSuiteConfig(ref, suite)
    if (config.mode === 'stateful') statefulConfigs.set(ref.name, config)
    else hybrids.set(ref.name, await createCompressorFromConfig(config))
  }
  return { hybrids, statefulConfigs, derived }
}

/**
 * The corpus as its held-out part: what a derived entry's `split: train` / `test` is read against, so
 * that `discover: { split: train }` learns from the part compare and replay train on. Its `sample:`
 * stays, as `run` reads it (a derived part is sampled there too).
 */
function heldOutPart(corpus: CorpusSpec): CorpusSpec {
  return { ...corpus, split: { ...splitOf(corpus), use: 'test' } }
}

/** A derived entry's compressor for one corpus as compare and replay measure it: built as `run` builds it, against the held-out part. */
export function createHeldOutDerived(
  ref: ConfigRef,
  corpus: CorpusSpec,
  suite: Suite,
  createdAt: string,
): Promise<Compressor> {
  return createDerivedCompressor(ref, heldOutPart(corpus), suite, createdAt)
}

/**
 * `run`'s in-sample warnings for these config entries (derived state, a store made from the corpus file, a
 * zstd_dict_training_corpus that is the corpus file), read against the parts compare and replay measure.
 */
export async function derivedInSampleWarnings(
  suite: Suite,
  derived: readonly ConfigRef[],
  corpora: readonly CorpusSpec[],
): Promise<string[]> {
  return (await derivedInSampleFindings(suite, derived, corpora)).map((finding) => finding.warning)
}

/** derivedInSampleWarnings with the config and corpus of each. */
export async function derivedInSampleFindings(
  suite: Suite,
  derived: readonly ConfigRef[],
  corpora: readonly CorpusSpec[],
): Promise<InSampleFinding[]> {
  return derived.length === 0 ? [] : inSampleFindings({ ...suite, configs: [...derived] }, corpora.map(heldOutPart))
}

/** The hybrid entries of a corpus whose store or dictionary saw its messages, marked `inSample` (the summary says so where it picks one). */
export function markInSample(comparison: CorpusComparison, findings: readonly InSampleFinding[]): CorpusComparison {
  const configs = new Set(findings.filter((f) => f.corpus === comparison.corpus.name).map((f) => f.config))
  if (configs.size === 0) return comparison
  return {
    ...comparison,
    entries: comparison.entries.map((entry) =>
      entry.spec.config !== undefined && entry.spec.family === 'hybrid' && configs.has(entry.spec.config)
        ? { ...entry, inSample: true as const }
        : entry,
    ),
  }
}
