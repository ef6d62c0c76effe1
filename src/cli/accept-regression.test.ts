/** `--accept-regression` of run and compare (one reader since round 36): each command's refusals pinned to the letter. */
import { describe, expect, it } from 'vitest'
import { readCompareGateFlags } from './compare-gate.ts'
import { readGateFlags } from './run-gate.ts'

const io = { cwd: '/work', env: {} }
/** The E_USAGE as the CLI prints it, or the reason read. */
function outcome(read: () => { acceptRegression?: string | undefined }) {
  try {
    return { reason: read().acceptRegression }
  } catch (error) {
    const { code, message, location, hint } = error as {
      code: string
      message: string
      location: unknown
      hint: unknown
    }
    return { code, message, location, hint }
  }
}

describe.each([
  {
    command: 'run',
    read: (values: { baseline?: string; 'accept-regression'?: string }) => () =>
      readGateFlags(values as Parameters<typeof readGateFlags>[0], io, 1),
    recordedIn: 'the report, the comment and the history',
    example: 'baselines/week1.json',
  },
  {
    command: 'compare',
    read: (values: { baseline?: string; 'accept-regression'?: string }) => () => readCompareGateFlags(values, io),
    recordedIn: 'comparison.json and the report',
    example: 'baselines/compare.json',
  },
])('$command --accept-regression', ({ read, recordedIn, example }) => {
  it('takes the reason trimmed, with --baseline', () => {
    expect(outcome(read({ baseline: 'b.json', 'accept-regression': '  intended ' }))).toEqual({ reason: 'intended' })
    expect(outcome(read({ baseline: 'b.json' }))).toEqual({ reason: undefined })
  })

  it('refuses an empty reason, naming where it is recorded', () => {
    expect(outcome(read({ baseline: 'b.json', 'accept-regression': ' ' }))).toEqual({
      code: 'E_USAGE',
      message: `--accept-regression needs a reason: it is recorded in ${recordedIn}`,
      location: { field: '--accept-regression' },
      hint: undefined,
    })
  })

  it('refuses a reason without --baseline, with an example', () => {
    expect(outcome(read({ 'accept-regression': 'intended' }))).toEqual({
      code: 'E_USAGE',
      message: '--accept-regression accepts regressions against a baseline: give --baseline too',
      location: { field: '--accept-regression' },
      hint: `--baseline ${example} --accept-regression "smaller but slower, intended"`,
    })
  })
})
