/**
 * What a run measured, in words a reader checks against their suite: each corpus file and the part
 * of it measured, each config file and where its derived shared state (a discovered store, a trained
 * dictionary) came from. Goes into results.json (`inputs`) and the report's Inputs section.
 */
import { resolveCorpusFormat } from '../corpus/index.ts'
import type { CorpusSpec, DerivedSource, Suite } from '../suite/index.ts'
import type { RecordedCost, RunInputs } from './types.ts'

export function describeInputs(suite: Suite): RunInputs {
  return {
    corpora: suite.corpora.map((corpus) => ({
      name: corpus.name,
      file: corpus.pathAsWritten,
      format: formatOf(corpus),
      part: describePart(corpus),
    })),
    configs: suite.configs.map((ref) => {
      const derived = [
        ...(ref.discover === undefined ? [] : [`template store discovered from ${describeSource(ref.discover)}`]),
        ...(ref.zstdDictTraining === undefined
          ? []
          : [`zstd dictionary trained on ${describeSource(ref.zstdDictTraining)}`]),
      ]
      return {
        name: ref.name,
        file: ref.pathAsWritten,
        ...(derived.length === 0 ? {} : { derived: derived.join('; ') }),
      }
    }),
  }
}

/** results.json's `cost`: the suite's `cost:` section (`cost --results` projects with it); nothing without one. */
export function recordedCost(suite: Suite): { cost?: RecordedCost } {
  if (suite.cost === undefined) return {}
  const { baselineConfigLine: _line, ...cost } = suite.cost
  return { cost }
}

/** The part of a corpus file measured, in the order the loader applies them: size filters, limit, split, sample. */
function describePart(corpus: CorpusSpec): string {
  const parts: string[] = []
  if (corpus.minMessageBytes !== undefined) parts.push(`messages of at least ${corpus.minMessageBytes} bytes`)
  if (corpus.maxMessageBytes !== undefined) parts.push(`messages of at most ${corpus.maxMessageBytes} bytes`)
  if (corpus.limit !== undefined) parts.push(`the first ${corpus.limit} messages`)
  const split = corpus.split
  if (split !== undefined) {
    const share = split.use === 'train' ? split.trainFraction : 1 - split.trainFraction
    const where = split.mode === 'ordered' ? (split.use === 'train' ? 'first' : 'last') : 'random'
    parts.push(
      `the ${split.mode} ${split.use} part (${where} ${formatShare(share)}${split.mode === 'random' ? `, seed ${split.seed}` : ''})`,
    )
  }
  if (corpus.sample !== undefined) parts.push(`a sample of ${corpus.sample.size} (seed ${corpus.sample.seed})`)
  return parts.length === 0 ? 'the whole file' : parts.join(', then ')
}

function describeSource(source: DerivedSource): string {
  const corpus = source.fromCorpus === undefined ? 'the measured corpus' : `corpus ${source.fromCorpus}`
  if (source.split === 'all') return `${corpus}, the whole file (in-sample)`
  if (source.split === 'test') return `${corpus}, the measured part (in-sample)`
  return `${corpus}, its train part (disjoint from the measured part)`
}

function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`
}

/** The format the loader reads the file as (`auto` resolved by its extension, as the loader does). */
function formatOf(corpus: CorpusSpec): string {
  try {
    return resolveCorpusFormat(corpus)
  } catch {
    return corpus.format // an extension the loader cannot place: the run reports that error itself
  }
}

/**
 * A corpus's `sample:` asked for more messages than its part holds: every message was measured, and
 * the inputs said "a sample of 5000" of a 300-message file. The part is restated with what was
 * measured, and the warning says so. `drawnFrom` is how many messages the sample drew from.
 */
export function withSampleLargerThanPart(
  inputs: RunInputs,
  corpus: CorpusSpec,
  drawnFrom: number,
): { inputs: RunInputs; warning?: string } {
  const sample = corpus.sample
  if (sample === undefined || drawnFrom >= sample.size) return { inputs }
  const asked = `a sample of ${sample.size} (seed ${sample.seed})`
  const measured = `all ${drawnFrom} messages (${asked} asked for more than there are)`
  return {
    inputs: {
      ...inputs,
      corpora: inputs.corpora.map((c) =>
        c.name === corpus.name ? { ...c, part: c.part.replace(asked, measured) } : c,
      ),
    },
    warning: `corpus ${corpus.name}: sample.size ${sample.size} is larger than the ${drawnFrom} messages it draws from, so all ${drawnFrom} were measured and none left out: the sample is the whole ${corpus.split === undefined ? 'file' : 'part'}`,
  }
}

/** Records the SHA-256 of a corpus file's bytes as the run read them (results.json `inputs.corpora[].sha256`). */
export function withCorpusDigest(inputs: RunInputs, corpus: string, sha256: string): RunInputs {
  return { ...inputs, corpora: inputs.corpora.map((c) => (c.name === corpus ? { ...c, sha256 } : c)) }
}

/** The warning a `required: false` corpus that is not there adds to a run (and each shard's): `corpus <name> skipped: <why>`. */
export function corpusSkippedWarning(name: string, why: string): string {
  return `corpus ${name} skipped: ${why}`
}

/**
 * Marks the corpora the run's warnings say were skipped (`corpusSkippedWarning`): the Inputs listed a
 * missing `required: false` corpus as measured, "the whole file". From the warnings so that merged
 * shards, which carry their warnings, mark them as a single run does.
 */
export function withSkippedCorpora(inputs: RunInputs, warnings: readonly string[]): RunInputs {
  return {
    ...inputs,
    corpora: inputs.corpora.map((c) => {
      const prefix = corpusSkippedWarning(c.name, '')
      const warning = warnings.find((w) => w.startsWith(prefix))
      return warning === undefined ? c : { ...c, skipped: warning.slice(prefix.length) }
    }),
  }
}
