/**
 * `validate` of a suite: its schema's issues, the configs it names (each read as `run` reads it,
 * with the store or dictionary a suite entry derives), its corpora and their companion files. A
 * suite that does not parse still has the configs and corpora whose paths parsed checked.
 */
import { dirname, resolve } from 'node:path'
import type { Issue } from '../core/index.ts'
import { derivedCheckOverrides } from './derived-schema.ts'
import { isExternalConfig } from './external-config.ts'
import { checkConfigFiles, parseSuite, withFileIssues } from './parse-suite.ts'
import { statefulDerivedIssues } from './stateful-checks.ts'
import { statefulGatedNote, statefulTargetIssues, unmeasuredStatefulTargetIssues } from './stateful-targets.ts'
import { entryName } from './suite-checks.ts'
import { entryFileIssues, rawSuiteFileIssues, rawSuiteFiles } from './suite-files.ts'
import type { ConfigRef, Suite } from './types.ts'
import { issuesOf, validateConfig, type ValidateFilesOptions } from './validate-config.ts'
import { asArray, asRecord, parseYaml, type LineOf } from './yaml-schema.ts'

/**
 * The overrides of derivedCheckOverrides for the raw entry at `field` (`configs[i].path`) of a suite
 * that does not parse: its `discover` and `zstd_dict_training` as written, its corpora named as the
 * parser names them (entryName: `name`, else the file's base name), their paths as written against
 * the suite's folder. Undefined when the entry derives nothing, or the text cannot be read that far.
 */
function rawDerivedOverrides(text: string, file: string, field: string): Record<string, unknown> | undefined {
  const index = /^configs\[(\d+)\]\.path$/.exec(field)?.[1]
  const parsed = parseYaml(text, file)
  if (index === undefined || 'issues' in parsed) return undefined
  const raw = asRecord(parsed.source.value)
  const entry = asRecord(asArray(raw['configs'])[Number(index)])
  const discover = entry['discover'] === undefined ? undefined : {}
  const training = entry['zstd_dict_training']
  if (discover === undefined && training === undefined) return undefined
  const corpora = asArray(raw['corpora']).flatMap((c) => {
    const corpus = typeof c === 'string' ? { path: c } : asRecord(c)
    const { path, name } = corpus
    if (typeof path !== 'string' || (name !== undefined && typeof name !== 'string')) return []
    return [{ name: entryName({ path, name }), path: resolve(dirname(resolve(file)), path) }]
  })
  const from = training === undefined ? undefined : asRecord(training)['from_corpus']
  // derivedCheckOverrides reads whether each key is there and the dictionary's corpus
  const ref = {
    ...(discover === undefined ? {} : { discover: {} as NonNullable<ConfigRef['discover']> }),
    ...(training === undefined
      ? {}
      : {
          zstdDictTraining: (typeof from === 'string' ? { fromCorpus: from } : {}) as NonNullable<
            ConfigRef['zstdDictTraining']
          >,
        }),
  }
  const overrides = derivedCheckOverrides(ref, { corpora })
  // a from_corpus that names no corpus (or is no name) is the suite's issue, said at its key: the
  // entry still trains the dictionary, so the config is not told it has none (the suite file stands
  // in for the corpus; loadCompressorConfigWith does not read the files its overrides name)
  if (training !== undefined && overrides['zstd_dict_training_corpus'] === undefined)
    overrides['zstd_dict_training_corpus'] = resolve(file)
  return overrides
}

/** A suite's issues and notes: the schema's, its configs', its corpora's. */
export async function validateSuiteText(
  text: string,
  file: string,
  options: ValidateFilesOptions,
): Promise<{ issues: Issue[]; notes: string[] }> {
  let suite: Suite
  try {
    suite = parseSuite(text, file)
  } catch (error) {
    return { issues: await unparsedSuiteIssues(text, file, options, error), notes: [] }
  }
  const parsed = parseYaml(text, file)
  const lineOf = 'source' in parsed ? parsed.source.lineOf : () => undefined
  const { issues, notes } = await suiteConfigIssues(suite, options, lineOf)
  const corpora = await suiteCorpusIssues(suite, file, options, issues)
  issues.push(...corpora.issues)
  notes.push(...corpora.notes)
  return { issues, notes }
}

/**
 * A suite that did not parse (`error`): missing config files and corpora, and the problems of the
 * configs that exist, are reported with the schema's issues wherever their paths parsed, not in a
 * second round once the suite is fixed.
 */
async function unparsedSuiteIssues(
  text: string,
  file: string,
  options: ValidateFilesOptions,
  error: unknown,
): Promise<Issue[]> {
  const fileIssues = await rawSuiteFileIssues(text, file, { corpora: true })
  const issues = withFileIssues(issuesOf(error), fileIssues)
  for (const named of rawSuiteFiles(text, file, { corpora: false })) {
    if (fileIssues.some((issue) => issue.field === named.where.field)) continue
    // as suiteConfigIssues: an entry that derives its store or dictionary checks the config as `run` reads it
    let checked = await validateConfig(named.path, options)
    const overrides = rawDerivedOverrides(text, file, named.where.field ?? '')
    if (checked.config === undefined && overrides !== undefined)
      checked = await validateConfig(named.path, options, overrides)
    issues.push(...checked.issues)
  }
  return issues
}

/** A parsed suite's missing config files, then each present config's issues, and notes on stateful and external configs. */
async function suiteConfigIssues(
  suite: Suite,
  options: ValidateFilesOptions,
  lineOf: LineOf,
): Promise<{ issues: Issue[]; notes: string[] }> {
  const issues = await checkConfigFiles(suite)
  const notes: string[] = []
  const statefulNames: string[] = []
  for (const ref of suite.configs) {
    // a missing config is reported above at its entry in the suite
    if (issues.some((issue) => issue.field === `${ref.origin?.field}.path`)) continue
    // a suite entry that derives the store or dictionary: the config as `run` reads it when the file
    // alone does not load (a zstd_dict config that names no dictionary: the entry trains one)
    let checked = await validateConfig(ref.path, options, undefined, suite.corpora)
    if (checked.config === undefined && (ref.discover !== undefined || ref.zstdDictTraining !== undefined))
      checked = await validateConfig(ref.path, options, derivedCheckOverrides(ref, suite))
    issues.push(...checked.issues)
    if (checked.config?.mode === 'stateful') issues.push(...statefulDerivedIssues(ref))
    if (checked.config?.mode === 'stateful')
      notes.push(
        `config ${ref.name} is mode: stateful: \`compare\` and \`replay\` measure this suite, \`run\` refuses it (it measures single messages)`,
      )
    if (checked.config?.mode === 'stateful') statefulNames.push(ref.name)
    // round 35: compare judges the targets of a stateful config (s34-trial D5)
    if (checked.config?.mode === 'stateful' && isGatedBySuite(suite, ref.name)) notes.push(statefulGatedNote(ref.name))
    if (checked.config !== undefined && isExternalConfig(checked.config))
      notes.push(
        `config ${ref.name} is an external compressor (${checked.config.external.kind === 'module' ? 'external_module' : 'external_command'}): \`run\` measures this suite, \`compare\` and \`replay\` refuse it (E_EXTERNAL at ${ref.origin?.field ?? 'configs'}; they measure aura-bench's hybrid and stateful configs only)`,
      )
  }
  // a target metric the stateful replay does not measure, reaching a stateful config: refused where it is written
  issues.push(...statefulTargetIssues(suite, statefulNames, lineOf))
  // a target reaching a stateful config that compare's settings will not measure (compare.hybrids: false)
  issues.push(...unmeasuredStatefulTargetIssues(suite, statefulNames, lineOf))
  return { issues, notes }
}

/** Whether the suite's targets and gate name a config: targets exist and the gate lists it (or lists none). */
export function isGatedBySuite(suite: Pick<Suite, 'targets' | 'gate'>, name: string): boolean {
  return suite.targets.length > 0 && (suite.gate.configs === undefined || suite.gate.configs.includes(name))
}

/**
 * What replay says of a stateful config the suite's targets and gate name (s34-trial D5): replay does
 * not judge targets, so this replay does not gate it; since round 35 `compare` does.
 */
export function ungatedStatefulNote(name: string): string {
  return `config ${name} is mode: stateful and named by the suite's targets/gate, but \`replay\` does not judge targets: ${name} is NOT gated by this replay (\`compare\` judges them and exits 1 when a gated target fails; docs/ci.md)`
}

/**
 * A parsed suite's missing corpora, then (with a validator) the companion files of those present, and their
 * notes. A corpus whose `recordings:` already has an issue (`found`: checkConfigFiles's) is not read again
 * for its companions: the same missing file was said twice, once at the suite's key and once as the reader's
 * "recordings file not found" (s37-fixr).
 */
async function suiteCorpusIssues(
  suite: Suite,
  file: string,
  options: ValidateFilesOptions,
  found: readonly Issue[] = [],
): Promise<{ issues: Issue[]; notes: string[] }> {
  const issues = await entryFileIssues('corpus', suite.corpora, file)
  const corpusIssues = [...issues]
  const notes: string[] = []
  const skipped = (corpus: Suite['corpora'][number]): boolean =>
    corpusIssues.some((issue) => issue.field === `${corpus.origin?.field}.path`) ||
    found.some((issue) => issue.field === `${corpus.origin?.field}.recordings`)
  if (options.corpusCompanions !== undefined)
    for (const corpus of suite.corpora)
      if (!skipped(corpus))
        issues.push(
          ...(await options.corpusCompanions(corpus).then((said) => {
            if (Array.isArray(said)) notes.push(...said.map((note) => `corpus ${corpus.name}: ${note}`))
            return []
          }, issuesOf)),
        )
  return { issues, notes }
}
