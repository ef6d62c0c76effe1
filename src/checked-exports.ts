/**
 * The package entry's functions that take data, each checked at the door: an argument of the wrong
 * kind from untyped JavaScript (`discoverTemplates('abc')`) is AuraError E_USAGE naming the function
 * and the argument (docs/contracts.md: "a library call with a wrong argument"), never a TypeError from
 * somewhere inside. The check is of each argument's kind (a string, an object, an array of strings,
 * bytes, ...), not of every field of an object: the functions validate those themselves where they
 * can go wrong. Inside the package the functions are called unchecked; only src/index.ts exports these.
 * A function that returns a promise rejects, never throws. Each wrapper carries its function's doc comment
 * word for word, so the published .d.ts (and a user's editor) shows it (checked-exports.test.ts checks).
 */
import { renderError as renderErrorUnchecked } from './core/index.ts'
import { checked } from './check-arguments.ts'
import { loadCorpus as loadCorpusUnchecked, streamCorpus as streamCorpusUnchecked } from './corpus/index.ts'
import {
  loadCompressorConfig as loadCompressorConfigUnchecked,
  loadSuite as loadSuiteUnchecked,
  parseCompressorConfig as parseCompressorConfigUnchecked,
  parseSuite as parseSuiteUnchecked,
  validateFiles as validateFilesUnchecked,
} from './suite/index.ts'
import {
  collectEnvironment as collectEnvironmentUnchecked,
  createCompressorFromConfig as createCompressorFromConfigUnchecked,
  loadCompressor as loadCompressorUnchecked,
  measureLatency as measureLatencyUnchecked,
  measureSizes as measureSizesUnchecked,
  runOne as runOneUnchecked,
  runSuite as runSuiteUnchecked,
} from './runner/index.ts'
import { judgeSuite as judgeSuiteUnchecked } from './gate/index.ts'
import {
  createCostInput as createCostInputUnchecked,
  evaluateGate as evaluateGateUnchecked,
  evaluateTargets as evaluateTargetsUnchecked,
  projectCost as projectCostUnchecked,
  renderCostSection as renderCostSectionUnchecked,
  renderMarkdown as renderMarkdownUnchecked,
  toResultsJson as toResultsJsonUnchecked,
  writeReport as writeReportUnchecked,
} from './report/index.ts'
import { runCli as runCliUnchecked } from './cli/index.ts'

// the wrappers of codecs, the hybrid, templates and the stateful coder live in checked-exports-compressor.ts
export {
  codecSpecFor,
  createCodec,
  createHybridCompressor,
  createMatcher,
  createRawContentDictionary,
  createStatefulReceiver,
  createStatefulSender,
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  evaluateGroupingAccuracy,
  isTagByte,
  loadTemplateStore,
  parseFrame,
  parseGroundTruthCsv,
  parsePattern,
  parseTemplateStore,
  renderTemplate,
  statefulOptionsFromConfig,
  templateHeaderSizeBytes,
  toTemplateStoreJson,
} from './checked-exports-compressor.ts'

/** Node version, platform, CPU model and count, and `libraries` (name -> version) plus tinybench, which times latency. */
export const collectEnvironment = checked('collectEnvironment', collectEnvironmentUnchecked, ['libraries?: object'])
/** Builds the hybrid compressor from an already validated config, loading its store and dictionary. */
export const createCompressorFromConfig = checked(
  'createCompressorFromConfig',
  createCompressorFromConfigUnchecked,
  ['config: object(name, fallback)'],
  true,
)
/** Builds a cost input from a corpus's complete runs: their aggregate ratio and mean encode/decode µs. */
export const createCostInput = checked('createCostInput', createCostInputUnchecked, ['runs: array', 'scenario: object'])
/**
 * The gate verdict. Fails when the run is incomplete, when there are no runs, when any run failed or
 * has round-trip mismatches (whatever its config), when a gated target of a gated config fails (or is
 * NEAR and `nearFails`), and when the gate names a config that has no run. `stopCause` says what
 * stopped an incomplete run (the error, with its file and line).
 */
export const evaluateGate = checked('evaluateGate', evaluateGateUnchecked, [
  'runs: array',
  'gate: object',
  'incomplete: boolean',
  'stopCause?: string',
])
/**
 * Evaluates every target that applies to the run's config. `gated` is true only for a gated target
 * of a config the gate judges. A target whose metric was not measured (e.g. latency off) is named
 * in `warnings`; when it is gated it is also kept as a FAIL with value null, because a gate must
 * not pass on a figure nobody measured (`--no-latency-gate` makes latency targets ungated); an
 * ungated one is left out. A failed run has no trustworthy metrics: all its targets are left out
 * (the gate fails on the failure itself).
 */
export const evaluateTargets = checked('evaluateTargets', evaluateTargetsUnchecked, [
  'run: object',
  'specs: array',
  'gate?: object',
])
/**
 * Judges measured results against the suite's targets, gate and (optionally) a baseline. Pure. The
 * warnings gain those report.md shows of the measured figures (latency on fewer timed samples than
 * `latency.samples` asked, or too few for a p99), so results.json carries every warning the report does.
 */
export const judgeSuite = checked('judgeSuite', judgeSuiteUnchecked, [
  'measured: object(runs)',
  'suite: object',
  'options?: object',
])
/** Loads a config YAML and everything it refers to, and returns the compressor (DESIGN.md's library API). */
export const loadCompressor = checked('loadCompressor', loadCompressorUnchecked, ['configPath: string'], true)
/**
 * Reads and parses a config file, and checks that the files it names (template store, zstd
 * dictionary, training corpus) exist: a missing one is reported at its key in the config, not later
 * when a run loads it. Missing file, folder or bad YAML become AuraErrors naming the file.
 */
export const loadCompressorConfig = checked(
  'loadCompressorConfig',
  loadCompressorConfigUnchecked,
  ['file: string'],
  true,
)
/** Loads all messages of a corpus into memory (see streamCorpus). */
export const loadCorpus = checked('loadCorpus', loadCorpusUnchecked, ['options: object(path)'], true)
/**
 * Reads and parses a suite file (see parseSuite) and checks that the config files it names exist,
 * reporting a missing one at its `configs[i]` entry. A missing suite file or a folder is an AuraError naming it.
 */
export const loadSuite = checked('loadSuite', loadSuiteUnchecked, ['path: string'], true)
/** Times encode and decode per message, in microseconds, cycling through `messages` (already shuffled by the caller); the whole call stays within `settings.timeMs` but for the LATENCY_SAMPLE_FLOOR floor (file comment). */
export const measureLatency = checked(
  'measureLatency',
  measureLatencyUnchecked,
  ['compressor: object', 'messages: array', 'settings: object', 'clock?: function'],
  true,
)
/** Runs the size pass over all messages and returns the metrics; never throws for a codec error. */
export const measureSizes = checked(
  'measureSizes',
  measureSizesUnchecked,
  ['compressor: object', 'messages: iterable', 'options?: object'],
  true,
)
/** Parses and validates config YAML text; every problem of the file is gathered into one AuraError. */
export const parseCompressorConfig = checked('parseCompressorConfig', parseCompressorConfigUnchecked, [
  'text: string',
  'file: string',
])
/**
 * Parses suite YAML text. `file` is the suite's path: paths inside are resolved relative to its
 * folder, and every issue names it. Throws one AuraError (E_YAML_SYNTAX, E_SCHEMA, E_UNKNOWN_KEY,
 * E_UNKNOWN_METRIC ...) whose `issues` hold every problem with its field and line.
 */
export const parseSuite = checked('parseSuite', parseSuiteUnchecked, ['yamlText: string', 'file: string'])
/**
 * Projects egress (and optionally CPU) money per config. Steps:
 * 1. bytes per message: original = avg + overhead; sent = compressed + overhead (overhead is not compressible);
 * 2. GB/day = bytes per message × messages/day / 1e9; money = GB × pricePerGb, × 30 per month, × 365 per year;
 * 3. saved = original − sent money, and baseline − sent when a baseline config is named;
 * 4. with CPU: CPU hours/day = µs per message × messages/day / 3.6e9; break-even is where that money equals the egress saved.
 */
export const projectCost = checked('projectCost', projectCostUnchecked, ['input: object(configs: array)'])
/** The Cost Projection section: one row per config, units and assumptions stated, the seed check when it applies (unless `seedCheck: false`). */
export const renderCostSection = checked('renderCostSection', renderCostSectionUnchecked, [
  'projection: object(configs: array)',
  'options?: object',
])
/** Renders an error for stderr: one line per issue, code first, then location and message; no stack. */
export const renderError = checked('renderError', renderErrorUnchecked, ['error: error'])
/**
 * Renders report.md from results (pure: same input, same text). The first screen is the verdict, one
 * table of configs against targets and the warnings; every other section follows folded in `<details>`.
 */
export const renderMarkdown = checked('renderMarkdown', renderMarkdownUnchecked, [
  'results: object(runs)',
  'options?: object',
])
/** Runs one CLI invocation; never throws. */
export const runCli = checked('runCli', runCliUnchecked, ['argv: strings', 'io: object'], true)
/**
 * Measures one run (measureRunPartial, then finishRunPartial: the same path as merged shards). Never
 * throws for a codec error: a compress that throws (size pass or latency) makes the run `failed`
 * with the first error; round-trip mismatches are counted, the run stays `complete` and the gate
 * judges them. Latency is skipped for a failed size pass. An error reading `messages` (a loader's
 * bad-input error) is not the codec's: it propagates. `targets` is left empty for the reporter.
 */
export const runOne = checked('runOne', runOneUnchecked, ['input: object(compressor)'], true)
/** Runs every corpus x config of a suite; compressors that hold processes are closed however it ends. */
export const runSuite = checked(
  'runSuite',
  runSuiteUnchecked,
  ['suite: object(corpora, configs)', 'options?: object'],
  true,
)
/**
 * Streams the messages of a corpus. txt, log and jsonl files are read in chunks (memory stays
 * bounded by the longest line, plus `sample.size` messages); json and har files are parsed whole.
 * With a `share` (a shard's), only the messages it keeps are handed out, the others counted in
 * `stats.outsideShare`; txt, log and jsonl lines outside it are found with a scan for line ends and
 * dropped without being copied, decoded or parsed (select.ts's SkipCheck), so such a line's bad
 * input is reported by the shard that keeps it.
 * Errors (AuraError): E_FILE_MISSING, E_FILE_IS_DIRECTORY, E_CORPUS_FORMAT, E_INVALID_UTF8,
 * E_MESSAGE_TOO_LARGE, E_CORPUS_EMPTY.
 */
export const streamCorpus = checked('streamCorpus', streamCorpusUnchecked, ['options: object(path)', 'share?: object'])
/** Serialises results as results.json: stable key order, 2-space indent, trailing newline. */
export const toResultsJson = checked('toResultsJson', toResultsJsonUnchecked, ['results: object(runs)'])
/**
 * Validates each file. A suite is parsed, the configs it names are validated too and its required
 * corpora checked for presence; a config's template store is validated when a validator is given.
 * Non-AuraErrors (bugs) propagate.
 */
export const validateFiles = checked(
  'validateFiles',
  validateFilesUnchecked,
  ['paths: strings', 'options?: object'],
  true,
)
/**
 * Writes results.json, report.md and charts into `dir` (created when absent) as one report: written
 * whole into a staging folder, then switched in by one rename (output-folder.ts), so `dir` always
 * holds the previous report or this one, and nothing in `dir` that aura-bench did not write is
 * touched. `options.output` is the folder the CLI opened (checked and locked) before measuring.
 */
export const writeReport = checked(
  'writeReport',
  writeReportUnchecked,
  ['dir: string', 'results: object(runs)', 'options?: object'],
  true,
)
