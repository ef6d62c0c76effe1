/**
 * The `stateful:` block of a compressor config, checked on the raw YAML value so every problem of the
 * block is reported at once, beside the schema's own issues (types, unknown keys) rather than after
 * them: the ranges of level, window_log, hash_log and mem_level depend on the codec, a key the codec
 * does not use is refused (it would be silently ignored), and the block is refused without
 * `mode: stateful` (it would be silently ignored too).
 */
import { CODEC_LEVEL_RANGES, type Issue } from '../core/index.ts'
import type { ConfigRef } from './types.ts'
import { IssueList, type LineOf } from './yaml-schema.ts'

type StatefulCodec = 'zstd' | 'deflate' | 'cm'
type RangedKey = 'level' | 'window_log' | 'hash_log' | 'mem_level' | 'large_message_bytes' | 'history_path_bytes'

/** Defaults the schema fills in (a default out of the codec's range is reported as such). */
export const STATEFUL_DEFAULTS = { window_log: 15, mem_level: 8 } as const

/**
 * The level when none is written, per codec: zstd 19; deflate 6, zlib's own default and
 * permessage-deflate's usual level (19 is out of deflate's 0-9). cm has no level: 19 is carried, unused.
 */
export function defaultStatefulLevel(codec: string): number {
  return codec === 'deflate' ? 6 : 19
}

/** The keys each codec uses and their ranges; a key absent from a codec's table is refused for it. */
const RANGES: Record<StatefulCodec, Partial<Record<RangedKey, readonly [number, number]>>> = {
  zstd: { level: CODEC_LEVEL_RANGES.zstd, window_log: [10, 27], hash_log: [6, 26] },
  deflate: { level: CODEC_LEVEL_RANGES.deflate, window_log: [9, 15], mem_level: [1, 9] },
  cm: {
    window_log: [10, 16],
    hash_log: [8, 20],
    large_message_bytes: [0, Number.MAX_SAFE_INTEGER],
    history_path_bytes: [0, Number.MAX_SAFE_INTEGER],
  },
}

const RANGED_KEYS: readonly RangedKey[] = [
  'level',
  'window_log',
  'hash_log',
  'mem_level',
  'large_message_bytes',
  'history_path_bytes',
]

/** Any codec's range: the least minimum and greatest maximum among the codecs using the key. */
function anyCodecRange(key: RangedKey): readonly [number, number] {
  const ranges = Object.values(RANGES)
    .map((codecRanges) => codecRanges[key])
    .filter((range) => range !== undefined)
  return [Math.min(...ranges.map(([min]) => min)), Math.max(...ranges.map(([, max]) => max))]
}

/** Any codec's range, for a block whose codec is unknown (the schema reports the codec itself). */
const ANY_CODEC = {
  level: anyCodecRange('level'),
  window_log: anyCodecRange('window_log'),
  hash_log: anyCodecRange('hash_log'),
  mem_level: anyCodecRange('mem_level'),
  large_message_bytes: anyCodecRange('large_message_bytes'),
  history_path_bytes: anyCodecRange('history_path_bytes'),
} satisfies Record<RangedKey, readonly [number, number]>

/** Which codecs use a key, for the message refusing it. */
function usersOf(key: RangedKey): string {
  return (Object.keys(RANGES) as StatefulCodec[]).filter((codec) => RANGES[codec][key] !== undefined).join(', ')
}

/** The top-level keys a `mode: stateful` config reads (its dictionary: a file, or made from the training split at this size). */
const STATEFUL_MODE_KEYS: readonly string[] = [
  'name',
  'description',
  'mode',
  'stateful',
  'zstd_dict_path',
  'zstd_dict_size_bytes',
]

/**
 * Every issue of a config's `stateful` block and its `mode`, from the raw YAML value. `configKeys` are
 * the schema's keys: with `mode: stateful`, one of them that the mode does not read is refused (an
 * unknown key is the schema's to report).
 */
export function statefulIssues(value: unknown, file: string, lineOf: LineOf, configKeys: readonly string[]): Issue[] {
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const block = raw['stateful']
  const { issues, add } = new IssueList(file, lineOf)
  const mode = raw['mode']
  if (block !== undefined && (mode === undefined || mode === 'per-message')) {
    add(
      ['stateful'],
      'stateful is read only with `mode: stateful`; this config is per-message (the default), so the block would be ignored: add `mode: stateful` or remove the block',
    )
    return issues
  }
  // a mistyped mode is the schema's to report; the block beside it is still checked
  if (block === undefined && mode !== 'stateful') return issues
  if (mode === 'stateful')
    for (const key of Object.keys(raw).filter((k) => !STATEFUL_MODE_KEYS.includes(k) && configKeys.includes(k)))
      add(
        [key],
        `${key} is a per-message setting, not used with \`mode: stateful\` (a stateful config reads ${STATEFUL_MODE_KEYS.join(', ')}): remove it, it would be ignored`,
      )
  const written = typeof block === 'object' && block !== null ? (block as Record<string, unknown>) : {}
  const codecValue = written['codec'] ?? 'zstd'
  // an unknown codec is the schema's to report: its keys are held to any codec's range
  const codec: StatefulCodec | undefined =
    codecValue === 'zstd' || codecValue === 'deflate' || codecValue === 'cm' ? codecValue : undefined
  for (const key of RANGED_KEYS) {
    const found = written[key]
    if (codec === undefined && found === undefined) continue
    const range = codec === undefined ? ANY_CODEC[key] : RANGES[codec][key]
    if (range === undefined) {
      if (found !== undefined)
        add(
          ['stateful', key],
          `stateful ${key} is not used by codec ${codec} (only by ${usersOf(key)}): remove it, it would be ignored`,
        )
      continue
    }
    const isDefault = found === undefined
    const effective = !isDefault
      ? found
      : key === 'level'
        ? defaultStatefulLevel(codec ?? 'zstd')
        : STATEFUL_DEFAULTS[key as keyof typeof STATEFUL_DEFAULTS]
    // a non-integer is the schema's to report
    if (typeof effective !== 'number' || !Number.isInteger(effective)) continue
    const [min, max] = range
    if (effective < min || effective > max)
      add(
        ['stateful', key],
        `stateful ${codec ?? 'streams'} need${codec === undefined ? '' : 's'} ${key} ${max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min}-${max}`}, got ${effective}${isDefault ? ' (the default: set it)' : ''}`,
      )
  }
  // s42-rev1 F4: a history path no message can take (a message over large_message_bytes takes the large-message path first)
  const history = written['history_path_bytes']
  const large = written['large_message_bytes']
  if (
    codec === 'cm' &&
    typeof history === 'number' &&
    typeof large === 'number' &&
    large > 0 &&
    history > 0 &&
    history >= large
  )
    add(
      ['stateful', 'history_path_bytes'],
      `stateful history_path_bytes ${history} is not below large_message_bytes ${large}: a message longer than ${large} bytes takes the large-message path first, so no message would take the history path; set history_path_bytes below ${large}, or 0 to turn it off`,
    )
  return issues
}

/**
 * A suite entry naming a `mode: stateful` config with `discover:` or `zstd_dict_training:` (state
 * derived for per-message configs): compare and replay would ignore it (a stateful config takes its
 * dictionary from `zstd_dict_path` or the training split, and has no store), so it is refused: one
 * issue per key the entry has, each at its field.
 */
export function statefulDerivedIssues(ref: ConfigRef, suiteFile?: string): Issue[] {
  const keys = [
    ...(ref.discover === undefined ? [] : ['discover']),
    ...(ref.zstdDictTraining === undefined ? [] : ['zstd_dict_training']),
  ]
  return keys.map((key) => ({
    code: 'E_SCHEMA',
    ...(ref.origin === undefined ? (suiteFile === undefined ? {} : { file: suiteFile }) : { file: ref.origin.file }),
    ...(ref.origin?.line === undefined ? {} : { line: ref.origin.line }),
    field: `${ref.origin?.field ?? 'configs'}.${key}`,
    message: `config ${ref.name} is mode: stateful: ${key} derives state for per-message configs and would be ignored (a stateful config's dictionary is its zstd_dict_path, or made from the training split at zstd_dict_size_bytes): remove ${key} from this entry`,
  }))
}
