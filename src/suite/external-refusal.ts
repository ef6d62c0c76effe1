/**
 * `compare` and `replay` measure aura-bench's own configs (hybrid and stateful); an external
 * compressor (`external_command` / `external_module`) is measured by `run` only. Both commands refuse
 * a suite naming one before any work, naming the suite's `configs[i]` entry and the config's key;
 * `validate` says the same of a valid suite in a note, so a suite that validates is not refused unannounced.
 * A stateful config entry with derived state (`discover:`, `zstd_dict_training:`) is refused by both
 * too (and by `validate`): they would ignore it.
 */
import { AuraError, throwIfIssues, type Issue } from '../core/index.ts'
import { loadCompressorConfig } from './config-file.ts'
import { isExternalConfig } from './external-config.ts'
import { statefulDerivedIssues } from './stateful-checks.ts'
import type { Suite } from './types.ts'

/** One issue per config of the suite that is an external compressor (configs that fail to load are left to the command). */
export async function externalConfigIssues(suite: Suite, command: 'compare' | 'replay'): Promise<Issue[]> {
  const issues: Issue[] = []
  for (const [i, ref] of suite.configs.entries()) {
    const config = await loadCompressorConfig(ref.path).catch(() => undefined)
    if (config === undefined || !isExternalConfig(config)) continue
    const key = config.external.kind === 'module' ? 'external_module' : 'external_command'
    issues.push({
      code: 'E_EXTERNAL',
      ...(ref.origin ?? { file: suite.file }),
      field: ref.origin?.field ?? `configs[${i}]`,
      message: `config ${ref.name} (${ref.path}) is an external compressor (its \`${key}\`): \`${command}\` measures aura-bench's hybrid and stateful configs only; \`run\` measures external compressors`,
    })
  }
  return issues
}

/** Throws E_EXTERNAL naming every external config of the suite, with a hint a user can act on. */
export async function refuseExternalConfigs(suite: Suite, command: 'compare' | 'replay'): Promise<void> {
  const issues = await externalConfigIssues(suite, command)
  if (issues.length === 0) return
  throw new AuraError(
    'E_EXTERNAL',
    issues[0]?.message ?? '',
    { file: issues[0]?.file ?? suite.file, field: issues[0]?.field ?? 'configs' },
    {
      issues,
      hint: `measure it with \`aura-bench run\`; for \`${command}\`, remove it from the suite's configs (or use a suite without it)`,
    },
  )
}

/** Throws E_SCHEMA naming every stateful config entry of the suite with derived state, each key at its field (compare and replay, before any work). */
export async function refuseStatefulDerived(suite: Suite): Promise<void> {
  const issues: Issue[] = []
  for (const ref of suite.configs) {
    if (ref.discover === undefined && ref.zstdDictTraining === undefined) continue
    const config = await loadCompressorConfig(ref.path).catch(() => undefined)
    if (config?.mode === 'stateful') issues.push(...statefulDerivedIssues(ref, suite.file))
  }
  throwIfIssues(issues, `${suite.file}: stateful configs with derived state`)
}
