/**
 * The package entry's functions that take data, each checked at the door: an argument of the wrong
 * kind from untyped JavaScript (`discoverTemplates('abc')`) is AuraError E_USAGE naming the function
 * and the argument (docs/contracts.md: "a library call with a wrong argument"), never a TypeError from
 * somewhere inside. The check is of each argument's kind (a string, an object, an array of strings,
 * bytes, ...), not of every field of an object: the functions validate those themselves where they
 * can go wrong. Inside the package the functions are called unchecked; only src/index.ts exports these.
 * A function that returns a promise rejects, never throws.
 */
import { AuraError, renderError as renderErrorUnchecked, wrongArgument } from './core/index.ts'
import {
  createCodec as createCodecUnchecked,
  createRawContentDictionary as createRawContentDictionaryUnchecked,
  isTagByte as isTagByteUnchecked,
  parseFrame as parseFrameUnchecked,
  templateHeaderSizeBytes as templateHeaderSizeBytesUnchecked,
} from './codecs/index.ts'
import {
  codecSpecFor as codecSpecForUnchecked,
  createHybridCompressor as createHybridCompressorUnchecked,
} from './hybrid/index.ts'
import {
  createMatcher as createMatcherUnchecked,
  decodeBinarySemantic as decodeBinarySemanticUnchecked,
  discoverTemplates as discoverTemplatesUnchecked,
  encodeBinarySemantic as encodeBinarySemanticUnchecked,
  evaluateGroupingAccuracy as evaluateGroupingAccuracyUnchecked,
  loadTemplateStore as loadTemplateStoreUnchecked,
  parseGroundTruthCsv as parseGroundTruthCsvUnchecked,
  parsePattern as parsePatternUnchecked,
  parseTemplateStore as parseTemplateStoreUnchecked,
  renderTemplate as renderTemplateUnchecked,
  toTemplateStoreJson as toTemplateStoreJsonUnchecked,
} from './templates/index.ts'
import {
  createStatefulReceiver as createStatefulReceiverUnchecked,
  createStatefulSender as createStatefulSenderUnchecked,
  statefulOptionsFromConfig as statefulOptionsFromConfigUnchecked,
} from './stateful/index.ts'
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

/** What an argument must be. */
type Kind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'strings'
  | 'bytes'
  | 'bytes-or-null'
  | 'bytes-list'
  | 'iterable'
  | 'function'
  | 'error'
  | 'any'

const KIND_TEXT: Record<Kind, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  strings: 'an array of strings',
  bytes: 'a Uint8Array',
  'bytes-or-null': 'a Uint8Array or null',
  'bytes-list': 'an array of Uint8Arrays',
  iterable: 'an iterable or async iterable of messages',
  function: 'a function',
  error: 'an AuraError',
  any: 'anything',
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The index of the first element of `list` that fails `test`, or -1. */
const firstBad = (list: readonly unknown[], test: (value: unknown) => boolean): number =>
  list.findIndex((v) => !test(v))

/** Why `value` is not of `kind` (`got a string`, `got a number at [3]`), or undefined when it is. */
function mismatch(kind: Kind, value: unknown): { value: unknown; at?: number } | undefined {
  const ok = (test: boolean) => (test ? undefined : { value })
  const each = (test: (v: unknown) => boolean) => {
    if (!Array.isArray(value)) return { value }
    const at = firstBad(value, test)
    return at === -1 ? undefined : { value: value[at], at }
  }
  switch (kind) {
    case 'string':
      return ok(typeof value === 'string')
    case 'number':
      return ok(typeof value === 'number')
    case 'boolean':
      return ok(typeof value === 'boolean')
    case 'object':
      return ok(isObject(value))
    case 'array':
      return ok(Array.isArray(value))
    case 'strings':
      return each((v) => typeof v === 'string')
    case 'bytes':
      return ok(value instanceof Uint8Array)
    case 'bytes-or-null':
      return ok(value === null || value instanceof Uint8Array)
    case 'bytes-list':
      return each((v) => v instanceof Uint8Array)
    case 'iterable':
      return ok(
        isObject(value) || Array.isArray(value)
          ? Symbol.iterator in (value as object) || Symbol.asyncIterator in (value as object)
          : false,
      )
    case 'function':
      return ok(typeof value === 'function')
    case 'error':
      return ok(value instanceof AuraError)
    case 'any':
      return undefined
  }
}

/**
 * `fn` with its arguments checked: `params` name each argument and its kind (`'messages: strings'`,
 * `'options?: object'`: optional, undefined allowed). `returnsPromise`: the error is a rejection.
 */
function checked<F extends (...args: never[]) => unknown>(
  name: string,
  fn: F,
  params: readonly string[],
  returnsPromise = false,
): F {
  const specs = params.map((param) => {
    const [, argument = '', optional, kind, keys] = /^(\w+)(\?)?: ([\w-]+)(?:\(([\w, ]+)\))?$/.exec(param) ?? []
    if (!(kind !== undefined && kind in KIND_TEXT)) throw new AuraError('E_INTERNAL', `bad parameter spec ${param}`)
    const required = keys === undefined ? [] : keys.split(',').map((key) => key.trim())
    return { argument, optional: optional === '?', kind: kind as Kind, required }
  })
  const wrapper = (...args: unknown[]): unknown => {
    for (const [i, spec] of specs.entries()) {
      const value = args[i]
      if (spec.optional && value === undefined) continue
      const bad = mismatch(spec.kind, value)
      const missing =
        bad === undefined
          ? spec.required.find((key) => (value as Record<string, unknown>)[key] === undefined)
          : undefined
      if (bad === undefined && missing === undefined) continue
      const error =
        bad === undefined
          ? new AuraError(
              'E_USAGE',
              `${name}: ${spec.argument} must be ${KIND_TEXT[spec.kind]} with \`${missing}\`, which it lacks`,
            )
          : wrongArgument(
              `${name}: ${spec.argument} must be ${KIND_TEXT[spec.kind]}${bad.at === undefined ? '' : ` (element [${bad.at}])`}`,
              bad.value,
            )
      if (returnsPromise) return Promise.reject(error)
      throw error
    }
    return (fn as unknown as (...a: unknown[]) => unknown)(...args)
  }
  Object.defineProperty(wrapper, 'name', { value: name })
  return wrapper as unknown as F
}

export const codecSpecFor = checked('codecSpecFor', codecSpecForUnchecked, [
  'method: string',
  'config: object',
  'dictionary: bytes-or-null',
])
export const collectEnvironment = checked('collectEnvironment', collectEnvironmentUnchecked, ['libraries?: object'])
export const createCodec = checked('createCodec', createCodecUnchecked, ['spec: object'], true)
export const createCompressorFromConfig = checked(
  'createCompressorFromConfig',
  createCompressorFromConfigUnchecked,
  ['config: object(name, fallback)'],
  true,
)
export const createCostInput = checked('createCostInput', createCostInputUnchecked, ['runs: array', 'scenario: object'])
export const createHybridCompressor = checked(
  'createHybridCompressor',
  createHybridCompressorUnchecked,
  ['config: object(name, fallback)', 'resources: object', 'options?: object'],
  true,
)
export const createMatcher = checked('createMatcher', createMatcherUnchecked, ['store: object(templates)'])
export const createRawContentDictionary = checked('createRawContentDictionary', createRawContentDictionaryUnchecked, [
  'samples: bytes-list',
  'sizeBytes: number',
])
export const createStatefulReceiver = checked('createStatefulReceiver', createStatefulReceiverUnchecked, [
  'options: object(codec)',
])
export const createStatefulSender = checked('createStatefulSender', createStatefulSenderUnchecked, [
  'options: object(codec)',
])
export const decodeBinarySemantic = checked('decodeBinarySemantic', decodeBinarySemanticUnchecked, [
  'store: object',
  'templateId: number',
  'body: bytes',
])
export const discoverTemplates = checked('discoverTemplates', discoverTemplatesUnchecked, [
  'messages: strings',
  'options?: object',
])
export const encodeBinarySemantic = checked('encodeBinarySemantic', encodeBinarySemanticUnchecked, [
  'source: object',
  'message: string',
  'options?: object',
])
export const evaluateGate = checked('evaluateGate', evaluateGateUnchecked, [
  'runs: array',
  'gate: object',
  'incomplete: boolean',
  'stopCause?: string',
])
export const evaluateGroupingAccuracy = checked('evaluateGroupingAccuracy', evaluateGroupingAccuracyUnchecked, [
  'discovered: strings',
  'truth: strings',
])
export const evaluateTargets = checked('evaluateTargets', evaluateTargetsUnchecked, [
  'run: object',
  'specs: array',
  'gate?: object',
])
export const isTagByte = checked('isTagByte', isTagByteUnchecked, ['byte: number'])
export const judgeSuite = checked('judgeSuite', judgeSuiteUnchecked, [
  'measured: object(runs)',
  'suite: object',
  'options?: object',
])
export const loadCompressor = checked('loadCompressor', loadCompressorUnchecked, ['configPath: string'], true)
export const loadCompressorConfig = checked(
  'loadCompressorConfig',
  loadCompressorConfigUnchecked,
  ['file: string'],
  true,
)
export const loadCorpus = checked('loadCorpus', loadCorpusUnchecked, ['options: object(path)'], true)
export const loadSuite = checked('loadSuite', loadSuiteUnchecked, ['path: string'], true)
export const loadTemplateStore = checked(
  'loadTemplateStore',
  loadTemplateStoreUnchecked,
  ['path: string', 'fingerprints?: object'],
  true,
)
export const measureLatency = checked(
  'measureLatency',
  measureLatencyUnchecked,
  ['compressor: object', 'messages: array', 'settings: object', 'clock?: function'],
  true,
)
export const measureSizes = checked(
  'measureSizes',
  measureSizesUnchecked,
  ['compressor: object', 'messages: iterable', 'options?: object'],
  true,
)
export const parseCompressorConfig = checked('parseCompressorConfig', parseCompressorConfigUnchecked, [
  'text: string',
  'file: string',
])
export const parseFrame = checked('parseFrame', parseFrameUnchecked, ['frame: bytes', 'framing: string'])
export const parseGroundTruthCsv = checked('parseGroundTruthCsv', parseGroundTruthCsvUnchecked, [
  'text: string',
  'file: string',
])
export const parsePattern = checked('parsePattern', parsePatternUnchecked, ['pattern: string'])
export const parseSuite = checked('parseSuite', parseSuiteUnchecked, ['yamlText: string', 'file: string'])
export const parseTemplateStore = checked('parseTemplateStore', parseTemplateStoreUnchecked, [
  'json: any',
  'file: string',
])
export const projectCost = checked('projectCost', projectCostUnchecked, ['input: object(configs)'])
export const renderCostSection = checked('renderCostSection', renderCostSectionUnchecked, [
  'projection: object(configs)',
  'options?: object',
])
export const renderError = checked('renderError', renderErrorUnchecked, ['error: error'])
export const renderMarkdown = checked('renderMarkdown', renderMarkdownUnchecked, [
  'results: object(runs)',
  'options?: object',
])
export const renderTemplate = checked('renderTemplate', renderTemplateUnchecked, [
  'template: object',
  'values: strings',
])
export const runCli = checked('runCli', runCliUnchecked, ['argv: strings', 'io: object'], true)
export const runOne = checked('runOne', runOneUnchecked, ['input: object(compressor)'], true)
export const runSuite = checked(
  'runSuite',
  runSuiteUnchecked,
  ['suite: object(corpora, configs)', 'options?: object'],
  true,
)
export const statefulOptionsFromConfig = checked('statefulOptionsFromConfig', statefulOptionsFromConfigUnchecked, [
  'config: object',
  'dictionary: bytes-or-null',
])
export const streamCorpus = checked('streamCorpus', streamCorpusUnchecked, ['options: object(path)', 'share?: object'])
export const templateHeaderSizeBytes = checked('templateHeaderSizeBytes', templateHeaderSizeBytesUnchecked, [
  'templateId: number',
])
export const toResultsJson = checked('toResultsJson', toResultsJsonUnchecked, ['results: object(runs)'])
export const toTemplateStoreJson = checked('toTemplateStoreJson', toTemplateStoreJsonUnchecked, [
  'store: object(templates)',
  'options?: object',
])
export const validateFiles = checked(
  'validateFiles',
  validateFilesUnchecked,
  ['paths: strings', 'options?: object'],
  true,
)
export const writeReport = checked(
  'writeReport',
  writeReportUnchecked,
  ['dir: string', 'results: object(runs)', 'options?: object'],
  true,
)
