import { describe, expect, it } from 'vitest'
import type { Results } from '../runner/index.ts'
import {
  busyMachineCaveat,
  corpusLimitWarnings,
  loadBeyondOwnThreads,
  NO_GATED_TARGET_PREFIX,
  partialRunWarning,
  verdictCaveats,
} from './verdict-caveats.ts'

describe('verdictCaveats', () => {
  it('finds a partial run and an in-sample run by the warnings the runner writes', () => {
    const caveats = verdictCaveats({
      warnings: [
        partialRunWarning(5),
        'config hyb on corpus app: its template store is discovered from the messages it is measured on (the whole file); hit rate and ratio are in-sample, better than unseen traffic would get',
        'config hyb on corpus app: its zstd dictionary is built from the messages it is measured on (the whole file); its ratio is in-sample',
      ],
    })
    expect(caveats.map((c) => c.short)).toEqual(['partial run: --limit 5', 'in-sample'])
    expect(caveats[1]?.long).toMatch(/^In-sample: one run was measured/)
  })

  it('is not misled by a corpus or config named in-sample (review s29: a skipped corpus in-sample.log)', () => {
    const caveats = verdictCaveats({
      warnings: [
        'corpus in-sample skipped: corpus file /tmp/in-sample.log does not exist',
        'config in-sample on corpus app: fallback brotli at quality 11 took 3.8 ms per message',
      ],
    })
    expect(caveats).toEqual([])
  })

  // s29's stop: a `limit:` written in the suite was not called partial, though it measures as `--limit` does
  it("calls a suite's corpus `limit:` a partial run, one caveat for all such corpora, besides --limit's", () => {
    const corpora = [
      { name: 'app', limit: 100, origin: { file: 's.yaml', field: 'corpora[0]' } },
      { name: 'whole' },
      { name: 'db', limit: 7, origin: { file: 's.yaml', field: 'corpora[2]' } },
    ]
    const warnings = corpusLimitWarnings({ corpora } as never)
    expect(warnings).toEqual([
      "partial run: corpus app's limit: 100 (corpora[0].limit in the suite) measured at most its first 100 messages, so the verdict is on those, not on the whole corpus",
      "partial run: corpus db's limit: 7 (corpora[2].limit in the suite) measured at most its first 7 messages, so the verdict is on those, not on the whole corpus",
    ])
    expect(verdictCaveats({ warnings: warnings.slice(0, 1) })).toEqual([
      {
        short: 'partial run: limit: 100 on corpus app',
        long: "Partial run (the suite's limit:): at most the first 100 messages of corpus app were measured; this verdict is on those messages, not on the whole corpus.",
      },
    ])
    const both = verdictCaveats({ warnings: [partialRunWarning(5), ...warnings] })
    expect(both.map((c) => c.short)).toEqual(['partial run: --limit 5', 'partial run: limit: on 2 corpora'])
    expect(both[1]?.long).toContain('at most the first 100 messages of corpus app, the first 7 messages of corpus db')
  })

  // s31's new-user trial: a suite without targets passed with `gate: PASS` alone
  it('says a run no target gated, from its warning', () => {
    const caveats = verdictCaveats({ warnings: [`${NO_GATED_TARGET_PREFIX}suite s sets no targets, so ...`] })
    expect(caveats.map((c) => c.short)).toEqual(['no target gated'])
    expect(verdictCaveats({ warnings: ['config x: no target gated this run: quoted'] })).toEqual([])
  })

  it('says the machine was busy when latency was timed at a load above the CPU count (s37-trial D8)', () => {
    const timed = { state: 'complete', metrics: { latencyUs: {} } } as unknown as Results['runs'][number]
    const untimed = { state: 'complete', metrics: {} } as unknown as Results['runs'][number]
    const environment = (start: number, end: number) =>
      ({ cpus: 2, loadAverage: { start, end } }) as unknown as Results['environment']
    const busy = verdictCaveats({ warnings: [], environment: environment(15.04, 17.06), runs: [timed] })
    expect(busy).toEqual([
      {
        short: 'busy machine: load 17.1 on 2 CPUs',
        long: expect.stringMatching(
          /^Busy machine: the 1-minute load average was 15\.0 at the start and 17\.1 at the end on 2 CPUs \(up to 8\.5x the CPUs\), so other work competed for the CPUs while latency was timed: latency figures and their verdicts/,
        ),
      },
    ])
    // within the CPUs, or nothing timed: no caveat
    expect(verdictCaveats({ warnings: [], environment: environment(1.5, 2), runs: [timed] })).toEqual([])
    expect(verdictCaveats({ warnings: [], environment: environment(15, 17), runs: [untimed] })).toEqual([])
  })

  it("judges other processes' load only: the run's reading less aura-bench's own share, where recorded (round 38)", () => {
    const run = (loadAverage: number, ownThreads: number, ownLoad: number) =>
      ({
        state: 'complete',
        metrics: { latencyUs: {} },
        latencyLoad: { loadAverage, ownThreads, ownLoad },
      }) as unknown as Results['runs'][number]
    const environment = { cpus: 2, loadAverage: { start: 0.5, end: 3.5 } } as unknown as Results['environment']
    // an idle 2-CPU machine, a plain codec timed just after a hybrid's size pass on 3 workers: the workers
    // are still in the 1-minute average (own share 2.6), so 3.5 is aura-bench's own; round 37 counted the
    // run's 1 thread only and said other work competed
    expect(busyMachineCaveat({ environment, runs: [run(3.5, 1, 2.6)] })).toBeUndefined()
    // a size pass on 3 workers that lasted 2 s: they weigh 0.1 in the average, not 3; load 4.9 is other work
    // (round 37 allowed the 3 workers in full: 4.9 <= 2 + 4, nothing said)
    expect(busyMachineCaveat({ environment, runs: [run(4.9, 4, 1.1)] })).toEqual({
      short: 'busy machine: load 4.9 on 2 CPUs',
      long: expect.stringMatching(
        /^Busy machine: around the latency pass of 1 of 1 timed run the 1-minute load average less aura-bench's own threads' share was above the 2 CPUs \(up to 4\.9, of which 1\.1 aura-bench's own\), so other work competed/,
      ),
    })
    // a fresh process 5 s after it started (its main thread weighs 0.08 in the average) just after an earlier
    // process ended: its leftover 0.6 is no work competing now; the main thread counts as at least 1 (s38-fixr)
    expect(busyMachineCaveat({ environment, runs: [run(2.6, 1, 0.08)] })).toBeUndefined()
    // beyond that floor other work is still told, with the floor as the own share
    expect(busyMachineCaveat({ environment, runs: [run(3.2, 1, 0.08)] })?.long).toMatch(
      /\(up to 3\.2, of which 1\.0 aura-bench's own\)/,
    )
  })

  it("judges each run's load around its latency pass against the CPUs plus the run's own threads (s37-fixs M3)", () => {
    // the judgement alone: above cpus + own threads only
    expect(loadBeyondOwnThreads(1.2, 1, 1)).toBe(false)
    expect(loadBeyondOwnThreads(3.4, 2, 3)).toBe(false)
    expect(loadBeyondOwnThreads(3.01, 2, 1)).toBe(true)
    expect(loadBeyondOwnThreads(5, 0, 1)).toBe(false)
    const run = (loadAverage: number, ownThreads: number) =>
      ({
        state: 'complete',
        metrics: { latencyUs: {} },
        latencyLoad: { loadAverage, ownThreads },
      }) as unknown as Results['runs'][number]
    const environment = (cpus: number, start: number, end: number) =>
      ({ cpus, loadAverage: { start, end } }) as unknown as Results['environment']
    // an idle 1-CPU runner: aura-bench's own main thread reads about 1, and the suite's start/end load (which
    // holds the minute before the run) was above the one CPU; before, "other work competed" was said
    expect(busyMachineCaveat({ environment: environment(1, 1.3, 1.2), runs: [run(1.2, 1)] })).toBeUndefined()
    // workers: auto on 2 CPUs: the size pass's 2 workers and the main thread still in the 1-minute average
    expect(busyMachineCaveat({ environment: environment(2, 2.5, 3.4), runs: [run(3.4, 3)] })).toBeUndefined()
    // a shared machine at load 15 with the run's one thread: said, from the run's own reading
    expect(busyMachineCaveat({ environment: environment(2, 0.5, 0.5), runs: [run(15.04, 1), run(2.5, 1)] })).toEqual({
      short: 'busy machine: load 15.0 on 2 CPUs',
      long: expect.stringMatching(
        /^Busy machine: around the latency pass of 1 of 2 timed runs the 1-minute load average was above the 2 CPUs plus the run's own threads \(up to 15\.0, with 1 thread of the run's own\), so other work competed/,
      ),
    })
  })
})
