/**
 * The config keys that need zstd-napi's native binding, checked when the config is read: an install
 * with `--ignore-scripts` has no binding (zstd-napi-binding.ts), and a config that needs it is refused
 * at its key with the fix (E_DEPENDENCY, exit 2) instead of failing inside a run. A config that does
 * not need it never loads it. Asked through core's dependency probe: this layer may not import the codecs.
 */
import { dependencyProblem, type Issue } from '../core/index.ts'
import { IssueList, type LineOf } from './yaml-schema.ts'

/** The key (path) of the first setting of a raw config that uses zstd-napi, or undefined; `what` is key and value as the
 * other config errors name them after the path (`fallback: fallback zstd_dict needs ...`). */
export function zstdNapiKeyOf(raw: Record<string, unknown>): { path: string[]; what: string } | undefined {
  if (raw['fallback'] === 'zstd_dict') return { path: ['fallback'], what: 'fallback zstd_dict' }
  if (raw['zstd_library'] === 'zstd-napi') return { path: ['zstd_library'], what: 'zstd_library zstd-napi' }
  if (raw['mode'] === 'stateful') {
    const block = raw['stateful']
    const codec = typeof block === 'object' && block !== null ? (block as Record<string, unknown>)['codec'] : undefined
    // zstd is the stream; cm sends messages over its size limit through zstd with the dictionary
    if (codec === undefined) return { path: ['mode'], what: 'mode stateful (its default stateful.codec is zstd)' }
    if (codec === 'zstd' || codec === 'cm')
      return { path: ['stateful', 'codec'], what: `stateful.codec ${String(codec)}` }
  }
  return undefined
}

/** E_DEPENDENCY at the key that needs zstd-napi when its binding cannot be loaded; nothing otherwise. */
export function zstdNapiKeyIssues(value: unknown, file: string, lineOf: LineOf): Issue[] {
  if (typeof value !== 'object' || value === null) return []
  const key = zstdNapiKeyOf(value as Record<string, unknown>)
  if (key === undefined) return []
  const problem = dependencyProblem('zstd-napi')
  if (problem === undefined) return []
  const { issues, add } = new IssueList(file, lineOf)
  add(
    key.path,
    `${key.what} needs zstd-napi, which ${problem.message.replace(/^zstd-napi /, '')}; ${problem.hint}`,
    'E_DEPENDENCY',
  )
  return issues
}
