/**
 * Runs every check of a group (one per output flag, say) and reports all their problems in one error,
 * as validate does: a user whose --junit and --pr-comment both name their own files learnt of the
 * second only after fixing the first (s32's trial). An error that is not bad input (a bug) stops at once.
 */
import { AuraError } from '../core/index.ts'

export async function allChecked(checks: ReadonlyArray<() => Promise<void>>, summary: string): Promise<void> {
  const errors: AuraError[] = []
  for (const check of checks) {
    try {
      await check()
    } catch (error) {
      if (!(error instanceof AuraError) || error.code === 'E_INTERNAL') throw error
      errors.push(error)
    }
  }
  const [first] = errors
  if (first === undefined) return
  if (errors.length === 1) throw first
  const hints = [...new Set(errors.flatMap((error) => (error.hint === undefined ? [] : [error.hint])))]
  throw new AuraError(first.code, `${summary}: ${errors.length} problems`, first.location, {
    issues: errors.flatMap((error) => error.issues),
    ...(hints.length === 0 ? {} : { hint: hints.join('; ') }),
  })
}
