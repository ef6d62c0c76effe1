/** `compare` without zstd-napi's native binding (s33 D13): apart from dependency-keys.ts, which config.ts imports, so no import cycle runs parse-suite.ts early. */
import { AuraError, dependencyProblem } from '../core/index.ts'
import { defaultCompareSpec } from './parse-suite.ts'
import type { Suite } from './types.ts'

/**
 * `compare` of a suite whose compare section (or its defaults: every codec) measures something through
 * zstd-napi, when zstd-napi cannot be loaded: E_DEPENDENCY at the suite's `compare` keys, before any
 * work. Its entries through @mongodb-js/zstd, Brotli and deflate need no native build of ours.
 */
export function refuseCompareWithoutZstdNapi(suite: Suite): void {
  const problem = dependencyProblem('zstd-napi')
  if (problem === undefined) return
  const spec = suite.compare ?? defaultCompareSpec()
  const keys = [
    ...(spec.zstdNapiLevels.length > 0 ? ['compare.zstd_napi'] : []),
    ...(spec.zstdDict.sizesBytes.length > 0 && spec.zstdDict.levels.length > 0 ? ['compare.zstd_dict'] : []),
    ...(spec.zstdStream.levels.length > 0 ? ['compare.zstd_stream'] : []),
    ...(spec.current.codec === 'zstd_napi' ? ['compare.current'] : []),
  ]
  if (keys.length === 0) return
  throw new AuraError(
    'E_DEPENDENCY',
    `${keys.join(', ')}${suite.compare === undefined ? ' (the defaults of a suite without a compare: section)' : ''} measure through zstd-napi, which ${problem.message.replace(/^zstd-napi /, '')}`,
    { file: suite.file, field: keys[0] as string },
    {
      hint: `${problem.hint}; or set those keys to [] (zstd_dict: { levels: [] }, zstd_stream: { levels: [] }) in the suite's compare: section`,
    },
  )
}
