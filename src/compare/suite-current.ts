/**
 * compare's current codec when the suite sets no `compare.current`: the codec of the config the suite
 * says is in production (its `cost.baseline_config`) when that config is one codec at one level, else
 * brotli 11. s37-trial D5: a suite whose production config was brotli q5 (node:zlib) was answered against
 * brotli q11, a codec the team does not run.
 */
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import {
  isExternalConfig,
  loadCompressorConfig,
  type CompareSpec,
  type CompressorConfig,
  type Suite,
} from '../suite/index.ts'

type PlainCurrent = { codec: 'brotli' | 'brotli_native' | 'zstd' | 'zstd_napi' | 'deflate'; level: number }

/** The spec with its current codec taken from cost.baseline_config (and measured), and a note saying where it came from. */
export async function withSuiteCurrent(
  spec: CompareSpec,
  suite: Pick<Suite, 'cost' | 'configs'>,
): Promise<{ spec: CompareSpec; note?: string }> {
  // s42-trial D5: `current: { codec: brotli, level: 7 }` beside `brotli: [5]` measured no brotli 7, and the summary
  // said "nothing to compare against" with exit 0: the level the suite names as production is measured too
  if (spec.currentIsDefault !== true) return withNamedCurrent(spec)
  const name = suite.cost?.baselineConfig
  if (name === undefined) return { spec }
  const ref = suite.configs.find((entry) => entry.name === name)
  if (ref === undefined) return { spec }
  let config: CompressorConfig | undefined
  // s37-fixs M1: the suite entry's discover: / zstd_dict_training: add templates or a dictionary the config
  // file does not name (a `fallback: brotli` config with `discover:` runs templates + brotli): not one plain codec
  if (ref.discover === undefined && ref.zstdDictTraining === undefined) {
    try {
      config = await loadCompressorConfig(ref.path)
    } catch (error) {
      // a config that loads only as a suite entry (a dictionary the suite trains): not one plain codec
      if (!(error instanceof AuraError)) throw error
    }
  }
  const current = config === undefined ? undefined : plainCodec(config)
  const shown = path.basename(ref.path)
  if (current === undefined)
    return {
      spec,
      note: `compare.current is not set, and the suite's cost.baseline_config ${name} (${shown}) is not one codec at one level without templates or a dictionary, so the current codec is compare's default, brotli 11: set compare.current to the codec that runs in production`,
    }
  // the current codec is now the suite's own, not the default: summaries must not call it "the default"
  const { currentIsDefault: _default, ...chosen } = spec
  return {
    spec: { ...withLevel(chosen, current), current },
    note: `compare.current is not set: the current codec is ${current.codec} ${current.level}, the codec of the suite's cost.baseline_config ${name} (${shown}); set compare.current to compare with another`,
  }
}

/** The one codec and level a config sends every message with, or undefined (templates, a dictionary, stateful, external). */
function plainCodec(config: CompressorConfig): PlainCurrent | undefined {
  if (isExternalConfig(config) || config.mode === 'stateful' || config.templateStorePath !== null) return undefined
  if (config.fallback === 'brotli')
    return { codec: config.brotliLibrary === 'node:zlib' ? 'brotli_native' : 'brotli', level: config.brotliQuality }
  if (config.fallback === 'zstd')
    return { codec: config.zstdLibrary === 'zstd-napi' ? 'zstd_napi' : 'zstd', level: config.zstdLevel }
  if (config.fallback === 'deflate') return { codec: 'deflate', level: config.deflateLevel }
  return undefined
}

/** The spec measuring compare.current's level too when its family's list lacks it, and a note saying so. */
function withNamedCurrent(spec: CompareSpec): { spec: CompareSpec; note?: string } {
  const { codec, level } = spec.current
  if (codec === 'permessage_deflate') {
    const levels = spec.permessageDeflate.levels
    const measured = withAddedLevel(levels, level)
    if (measured === levels) return { spec }
    return {
      spec: { ...spec, permessageDeflate: { ...spec.permessageDeflate, levels: measured } },
      note: `compare.current is permessage_deflate level ${level}, which compare.permessage_deflate.levels ${JSON.stringify(levels)} does not list: it is measured too, so the summary compares against it`,
    }
  }
  const measured = withLevel(spec, { codec, level })
  if (measured === spec) return { spec }
  return {
    spec: measured,
    note: `compare.current is ${codec} ${level}, which compare.${codec}'s list ${JSON.stringify(familyLevels(spec, codec))} does not hold: it is measured too, so the summary compares against it`,
  }
}

const LEVELS_KEY = {
  brotli: 'brotliQualities',
  brotli_native: 'brotliNativeQualities',
  zstd: 'zstdLevels',
  zstd_napi: 'zstdNapiLevels',
  deflate: 'deflateLevels',
} as const

function familyLevels(spec: CompareSpec, codec: PlainCurrent['codec']): number[] {
  return spec[LEVELS_KEY[codec]]
}

/** The spec measuring the current codec's level too (it may be outside the family's list). */
function withLevel(spec: CompareSpec, current: PlainCurrent): CompareSpec {
  const key = LEVELS_KEY[current.codec]
  const levels = withAddedLevel(spec[key], current.level)
  return levels === spec[key] ? spec : { ...spec, [key]: levels }
}

/** A list of levels with `level` added in order, or the same list when it holds it already. */
function withAddedLevel(levels: number[], level: number): number[] {
  return levels.includes(level) ? levels : [...levels, level].sort((a, b) => a - b)
}
