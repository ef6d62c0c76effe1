/**
 * The untimed calls of a per-message entry before its timed ones (see measure-message-entry.ts): the warm-up
 * before its size budget (s44) and the warm-over of a cut entry's latency sample (s42).
 */
import type { Compressor } from '../core/index.ts'
import type { CorpusMessage } from '../corpus/index.ts'
import type { Pace } from './pace.ts'

/**
 * Compresses (untimed, the result dropped) each message of the latency sample that the size pass did not
 * measure (`sized`), so that a budget-cut entry's timed calls meet no message first (round 42, s42-trial D3);
 * within one more size budget (`budgetMs` on `clock`: a slow codec warms what it can).
 */
export async function warmOver(
  compressor: Compressor,
  sample: readonly CorpusMessage[],
  sized: readonly CorpusMessage[],
  within: { clock: () => number; budgetMs: number; pace?: Pace },
): Promise<void> {
  const seen = new Set(sized)
  const deadlineMs = within.clock() + within.budgetMs
  for (const message of sample) {
    if (seen.has(message)) continue
    if (within.clock() > deadlineMs) return
    await within.pace?.()
    await compressor.compress(message.bytes).catch(() => undefined)
  }
}

/** The warm-up before a size pass stops after this many size budgets, whatever is left (a slow codec warms what it can). */
export const WARM_BUDGETS = 2

/**
 * Compresses (untimed, results dropped) up to `count` held-out messages from the END of the shuffled order
 * (the messages a budget-cut size pass is least likely to reach, so it does not time warmed messages as
 * typical ones), within `budgetMs` on `clock`. A codec error here is left for the size pass to report.
 */
export async function warmUp(
  compressor: Compressor,
  heldOutShuffled: readonly CorpusMessage[],
  count: number,
  within: { clock: () => number; budgetMs: number; pace?: Pace },
): Promise<number> {
  const deadlineMs = within.clock() + within.budgetMs
  let warmed = 0
  for (let i = heldOutShuffled.length - 1; i >= 0 && warmed < count; i--) {
    if (within.clock() > deadlineMs) break
    await within.pace?.()
    const message = heldOutShuffled[i]
    if (message !== undefined) await compressor.compress(message.bytes).catch(() => undefined)
    warmed += 1
  }
  return warmed
}
