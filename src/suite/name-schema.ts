/**
 * A corpus's or a config's `name:`: any text but control characters. A line break in one split the
 * verdict line of the console, report.md and the PR comment, which then lost its caveat (s32's trial:
 * `name: "chat\nx"` showed a bare "gate: PASS" for a partial run); a tab or escape mangled tables.
 */
import { z } from 'zod'

/** A control character: a line break, tab, escape or DEL. */
export const HAS_CONTROL = /[\u0000-\u001f\u007f]/

export const entryNameSchema = z
  .string()
  .min(1)
  .refine((name) => !HAS_CONTROL.test(name), {
    message:
      'must not hold control characters (a line break, tab or escape): it names the corpus or config in every report line',
  })
