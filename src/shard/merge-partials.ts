/**
 * `aura-bench merge`: shard partials into one suite run, as a single run would have measured it.
 *
 * Steps:
 * 1. Check that the partials belong together, naming the file and the field that differs: the same
 *    format, partition, shard count, aura-bench version, suite and config files and the files each
 *    config names (sha256: its store, dictionary or training corpus, external module or script), run
 *    options, latency sketch, library versions, and corpora (every shard read the same messages and
 *    bytes); each shard index once, none missing.
 * 2. Merge each corpus x config run across the shards in shard order with `mergeRunPartials` (the
 *    runner's one merge path) and finish it into a RunResult.
 * 3. The unjudged Results and the suite the shards ran: the caller judges the gate once, on these.
 */
import { AuraError, mergedWarningKey } from '../core/index.ts'
import {
  describeInputs,
  withSkippedCorpora,
  finishRunPartial,
  overBudgetWarning,
  recordedCost,
  mergeRunPartials,
  type MeasuredResults,
  type Results,
  type RunInputs,
  type RunPartial,
} from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import type { PartialFile } from './partial-file.ts'
import type { CorpusCount } from './partition.ts'

/** A partial as read, with the path it was given as. */
export interface NamedPartial {
  file: string
  partial: PartialFile
}

/** The merged run: results (targets and gate still to judge), the suite, and a shard's bad-input stop. */
interface MergedShards {
  results: MeasuredResults
  suite: Suite
  shardCount: number
  stoppedBy?: AuraError
}

/** Merges the partials of one sharded run (see the file comment). */
export function mergePartials(named: readonly NamedPartial[]): MergedShards {
  checkTogether(named)
  const ordered = [...named].sort((a, b) => a.partial.shard.index - b.partial.shard.index)
  const first = (ordered[0] as NamedPartial).partial
  const count = first.shard.count
  const warnings: string[] = []
  // each shard times a slow fallback itself: the first shard's figure stands for all (a single run says it once)
  const seen = new Set<string>()
  for (const { partial } of ordered)
    for (const w of partial.warnings) {
      const key = mergedWarningKey(w)
      if (seen.has(key)) continue
      seen.add(key)
      warnings.push(w)
    }
  const groups = new Map<string, RunPartial[]>()
  for (const { partial } of ordered) {
    for (const run of partial.runs) {
      const key = `${run.corpus} x ${run.config}`
      groups.set(key, [...(groups.get(key) ?? []), run])
    }
  }
  warnings.push(...undigestedWarnings(ordered))
  let incomplete = ordered.some(({ partial }) => partial.incomplete)
  const runs: Results['runs'] = []
  for (const [key, parts] of groups) {
    if (parts.length === count) {
      const merged = mergeRunPartials(parts)
      runs.push(finishRunPartial(merged))
      const overBudget = overBudgetWarning(merged)
      if (overBudget !== undefined) warnings.push(overBudget)
    } else {
      incomplete = true
      warnings.push(`${key} was measured by ${parts.length} of ${count} shards (a shard stopped part-way): left out`)
    }
  }
  const loads = ordered.flatMap(({ partial }) =>
    partial.environment.loadAverage === undefined ? [] : [partial.environment.loadAverage],
  )
  const environment = {
    ...first.environment,
    ...(loads.length === 0
      ? {}
      : { loadAverage: { start: Math.max(...loads.map((l) => l.start)), end: Math.max(...loads.map((l) => l.end)) } }),
  }
  const suite = first.suite
  const results: MeasuredResults = {
    schemaVersion: 1,
    suite: suite.name,
    description: suite.description,
    startedAt: ordered.map(({ partial }) => partial.startedAt).sort()[0] as string,
    incomplete,
    environment,
    runs,
    warnings,
    inputs: withSkippedCorpora(mergedInputs(suite, ordered), warnings),
    ...recordedCost(suite),
    ...(suite.reference === undefined ? {} : { reference: suite.reference as Results['reference'] & object }),
  }
  const stop = ordered.find(({ partial }) => partial.stoppedBy !== undefined)
  const stoppedBy = stop?.partial.stoppedBy
  return {
    results,
    suite,
    shardCount: count,
    ...(stoppedBy === undefined
      ? {}
      : {
          stoppedBy: new AuraError(
            stoppedBy.code as AuraError['code'],
            `shard ${stop?.partial.shard.index}/${count} (${stop?.file}): ${stoppedBy.message}`,
            stoppedBy.location,
            stoppedBy.hint === undefined ? {} : { hint: stoppedBy.hint },
          ),
        }),
  }
}

/**
 * The merged run's inputs: the suite's, with each corpus's part as a shard restated it (a sample larger
 * than its part: "all N messages ..."; every shard draws from the whole part, so each says the same).
 * A partial without `inputs` (written before it was recorded) restates nothing.
 */
function mergedInputs(suite: Suite, ordered: readonly NamedPartial[]): RunInputs {
  const described = describeInputs(suite)
  return {
    ...described,
    corpora: described.corpora.map((entry) => {
      // every shard that recorded the corpus's digest agrees (checkTogether): the merged run records it too
      const sha256 = ordered
        .map(({ partial }) => partial.fingerprints.corpora[entry.name]?.sha256)
        .find((d) => d !== undefined)
      const corpus = sha256 === undefined ? entry : { ...entry, sha256 }
      for (const { partial } of ordered) {
        const part = partial.inputs?.corpora.find((c) => c.name === corpus.name)?.part
        if (part !== undefined && part !== corpus.part) return { ...corpus, part }
      }
      return corpus
    }),
  }
}

function mismatch(file: string, field: string, found: unknown, reference: NamedPartial, expected: unknown): AuraError {
  return new AuraError(
    'E_SCHEMA',
    `${file}: ${field} is ${JSON.stringify(found)}, but ${reference.file} has ${JSON.stringify(expected)}: partials of different runs cannot be merged`,
    { file, field },
    {
      hint: 'merge the partials of one sharded run: the same suite, configs, aura-bench version, options and --shard I/N count',
    },
  )
}

/** Each config's YAML and the files it names hashed alike in both partials; else the config and the file that changed. */
function checkConfigFingerprints(named: NamedPartial, reference: NamedPartial): void {
  const [found, expected] = [named.partial.fingerprints.configs, reference.partial.fingerprints.configs]
  for (const name of new Set([...Object.keys(found), ...Object.keys(expected)])) {
    const [a, b] = [found[name], expected[name]]
    if (a === undefined || b === undefined) {
      const field = `fingerprints.configs.${name}`
      throw mismatch(
        named.file,
        field,
        a === undefined ? null : 'present',
        reference,
        b === undefined ? null : 'present',
      )
    }
    const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].find((key) => a[key] !== b[key])
    if (changed === undefined) continue
    const what = changed === 'config' ? `config ${name}'s YAML file` : `the file config ${name}'s ${changed} names`
    throw new AuraError(
      'E_SCHEMA',
      `${named.file}: fingerprints.configs.${name} differs from ${reference.file}'s: ${what} changed between the shards (sha256 ${short(a[changed])} here, ${short(b[changed])} there): partials measured with different ${changed === 'config' ? 'configs' : 'files'} cannot be merged`,
      { file: named.file, field: `fingerprints.configs.${name}.${changed}` },
      {
        hint: 'run every shard with the same config files, template store and dictionary (regenerate them before the shards, not between)',
      },
    )
  }
}

/** What every shard's count of a corpus must agree on besides its digest (which a partial before round 32 lacks). */
function countsOnly(count: CorpusCount): { messages: number; fileBytes: number } {
  return { messages: count.messages, fileBytes: count.fileBytes }
}

/**
 * Said when a partial has no digest of a corpus another partial (or it) measured: written before round 32,
 * it was checked by message count and file size only, so a corpus changed in place at the same size is
 * not caught for it.
 */
function undigestedWarnings(ordered: readonly NamedPartial[]): string[] {
  const warnings: string[] = []
  for (const { file, partial } of ordered)
    for (const [corpus, counted] of Object.entries(partial.fingerprints.corpora))
      if (counted.sha256 === undefined)
        warnings.push(
          `${file}: fingerprints.corpora.${corpus} has no sha256 (a partial written before round 32, or a shard that stopped before it finished the corpus): merge checked its corpus by message count and file size only, so a change of the same size was not caught`,
        )
  return warnings
}

function short(sha256: string | undefined): string {
  return sha256 === undefined ? '(none)' : `${sha256.slice(0, 12)}…`
}

/** Step 1 of the file comment. */
function checkTogether(named: readonly NamedPartial[]): void {
  const reference = named[0]
  if (reference === undefined)
    throw new AuraError(
      'E_USAGE',
      'merge needs at least one partial file',
      { field: 'merge' },
      { hint: 'aura-bench merge out/shard-*/partial.json --out reports/merged' },
    )
  const ref = reference.partial
  const same = (file: string, field: string, found: unknown, expected: unknown): void => {
    if (JSON.stringify(found) !== JSON.stringify(expected)) throw mismatch(file, field, found, reference, expected)
  }
  const byIndex = new Map<number, string>()
  for (const { file, partial } of named) {
    same(file, 'shard.count', partial.shard.count, ref.shard.count)
    same(file, 'shard.partition', partial.shard.partition, ref.shard.partition)
    same(file, 'auraBenchVersion', partial.auraBenchVersion, ref.auraBenchVersion)
    same(file, 'suite.name', partial.suite.name, ref.suite.name)
    same(file, 'fingerprints.suite', partial.fingerprints.suite, ref.fingerprints.suite)
    checkConfigFingerprints({ file, partial }, reference)
    same(file, 'fingerprints.options', partial.fingerprints.options, ref.fingerprints.options)
    same(file, 'fingerprints.sketch', partial.fingerprints.sketch, ref.fingerprints.sketch)
    for (const name of new Set([
      ...Object.keys(partial.environment.libraries),
      ...Object.keys(ref.environment.libraries),
    ])) {
      same(
        file,
        `environment.libraries.${name}`,
        partial.environment.libraries[name] ?? null,
        ref.environment.libraries[name] ?? null,
      )
    }
    // the corpus's bytes (sha256 of the whole file, round 32): any two shards that recorded it must agree,
    // a stopped one too (the digest is of the file, not of the part read)
    for (const [corpus, counted] of Object.entries(partial.fingerprints.corpora)) {
      const expected = ref.fingerprints.corpora[corpus]
      if (counted.sha256 !== undefined && expected?.sha256 !== undefined && counted.sha256 !== expected.sha256)
        throw new AuraError(
          'E_SCHEMA',
          `corpus ${corpus}'s file changed between the shards (sha256 ${short(counted.sha256)} in ${file}, ${short(expected.sha256)} in ${reference.file}), the same size or not: partials that measured different messages cannot be merged`,
          { file, field: `fingerprints.corpora.${corpus}.sha256` },
          {
            hint: 'run every shard on the same corpus file (copy it once before the shards, never edit it between them)',
          },
        )
    }
    // a shard that stopped part-way read less of its last corpus; complete ones must agree
    if (!partial.incomplete && !ref.incomplete) {
      for (const [corpus, counted] of Object.entries(partial.fingerprints.corpora)) {
        const expected = ref.fingerprints.corpora[corpus]
        if (expected !== undefined)
          same(file, `fingerprints.corpora.${corpus}`, countsOnly(counted), countsOnly(expected))
      }
    }
    const earlier = byIndex.get(partial.shard.index)
    if (earlier !== undefined) {
      throw new AuraError(
        'E_SCHEMA',
        `${file}: shard.index ${partial.shard.index}/${partial.shard.count} is also the shard of ${earlier}: each shard once`,
        { file, field: 'shard.index' },
        { hint: "give each shard's partial.json once" },
      )
    }
    byIndex.set(partial.shard.index, file)
  }
  const missing = Array.from({ length: ref.shard.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i))
  if (missing.length > 0) {
    throw new AuraError(
      'E_SCHEMA',
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${ref.shard.count}`).join(', ')} missing: ${named.length} partial${named.length > 1 ? 's' : ''} given for a run in ${ref.shard.count} shards`,
      { file: reference.file, field: 'shard.count' },
      {
        hint: 'merge the partial.json of every shard (a lost shard must be run again: merged figures need every message)',
      },
    )
  }
}
