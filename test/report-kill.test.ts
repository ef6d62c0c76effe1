// kill -9 at any moment of a real `aura-bench run --out DIR` (issue 19's goal): DIR always holds one
// whole report, the previous one or the new one, the user's files untouched, and after the next
// writer opens DIR (its recovery) nothing else of ours. Two kinds of kill, alternating:
// - at a delay after the start, spread over the whole run (loading, measuring, charts, commit);
// - at the k-th file-system call the process makes inside DIR (before or after it), k spread over
//   every such call: a preload hook wraps node:fs/promises, so the kill falls exactly in the commit
//   window's steps however loaded the machine is.
// AURA_KILL_RUNS sets the number of kills (default 6 in `npm test`; the goal's run uses 200).
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openOutputFolder } from '../src/report/index.ts'
import { buildCliBundle, tinySuiteYaml } from './cli-bundle.ts'

const RUNS = Number(process.env.AURA_KILL_RUNS ?? 6)
const work = path.join(tmpdir(), `aura-kill-${process.pid}`)
const dir = path.join(work, 'out')
const pristine = path.join(work, 'pristine')
let bundle = ''
let hook = ''

const HOOK = `
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { writeFileSync } from 'node:fs'
const require = createRequire(import.meta.url)
const fsp = require('node:fs/promises')
const killAt = Number(process.env.KILL_AT_STEP ?? 0)
const when = process.env.KILL_WHEN ?? 'before'
const inside = process.env.KILL_DIR
let steps = 0
for (const name of ['open', 'rename', 'symlink', 'unlink', 'rm', 'rmdir', 'mkdir', 'link', 'copyFile', 'writeFile', 'appendFile']) {
  const original = fsp[name]
  fsp[name] = async function (...args) {
    if (!args.slice(0, 2).some((a) => typeof a === 'string' && a.startsWith(inside))) return original.apply(this, args)
    const step = ++steps
    if (step === killAt && when === 'before') process.kill(process.pid, 'SIGKILL')
    const result = await original.apply(this, args)
    if (step === killAt && when === 'after') process.kill(process.pid, 'SIGKILL')
    return result
  }
}
syncBuiltinESMExports()
process.on('exit', () => { if (process.env.KILL_COUNT_FILE) writeFileSync(process.env.KILL_COUNT_FILE, String(steps)) })
`

function runChild(
  env: Record<string, string>,
  killAfterMs?: number,
): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const started = Date.now()
  const child = spawn(
    process.execPath,
    ['--import', hook, bundle, 'run', path.join(work, 'new.yaml'), '--out', dir, '--quiet'],
    {
      env: { ...process.env, KILL_DIR: dir, ...env },
      stdio: 'ignore',
    },
  )
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, ms: Date.now() - started })
    }),
  )
}

/** Chart file names of the report whose corpus is `corpus`, from the reference runs. */
const expectedCharts = new Map<string, string[]>()

/** Which whole report DIR shows ('old' or 'new'); throws with what is wrong otherwise. */
function wholeReport(): string {
  const top = readdirSync(dir).sort()
  const extra = top.filter(
    (name) => !['.aura-bench', 'charts', 'notes.txt', 'report.html', 'report.md', 'results.json'].includes(name),
  )
  if (extra.length > 0) throw new Error(`unexpected entries in DIR: ${extra.join(', ')}`)
  if (readFileSync(path.join(dir, 'notes.txt'), 'utf8') !== "the user's\n") throw new Error("the user's file changed")
  // one suite, measured on another corpus the second time (since round 34 another suite's report is refused)
  const results = readFileSync(path.join(dir, 'results.json'), 'utf8')
  const suite = JSON.parse(results).suite as string
  const tag = results.includes('"newcorpus"') ? 'new' : results.includes('"oldcorpus"') ? 'old' : 'unknown corpus'
  const report = readFileSync(path.join(dir, 'report.md'), 'utf8')
  if (!report.includes(tag === 'new' ? 'newcorpus' : 'oldcorpus'))
    throw new Error(`report.md is not the ${tag} report's`)
  if (!report.startsWith(`# aura-bench report: ${suite}\n`)) throw new Error(`report.md is not the ${tag} report's`)
  const html = readFileSync(path.join(dir, 'report.html'), 'utf8')
  // both runs are one suite (one title): the corpus tells the old report's html from the new one's
  if (!html.includes(`<title>aura-bench report: ${suite}</title>`) || !html.includes(`${tag}corpus`))
    throw new Error(`report.html is not the ${tag} report's`)
  const charts = readdirSync(path.join(dir, 'charts')).sort()
  if (JSON.stringify(charts) !== JSON.stringify(expectedCharts.get(tag)))
    throw new Error(`charts of the ${tag} report are ${charts.join(', ')}`)
  for (const chart of charts.filter((c) => c.endsWith('.png'))) {
    if (!report.includes(`charts/${chart}`)) throw new Error(`report.md does not link ${chart}`)
    if (statSync(path.join(dir, 'charts', chart)).size === 0) throw new Error(`${chart} is empty`)
  }
  return tag
}

/** After the next writer's open (lock taken over, leftovers removed): only the slot link and its folder remain. */
async function stateAfterRecovery(): Promise<string[]> {
  const folder = await openOutputFolder(dir, { slot: 'report', names: ['results.json', 'report.md', 'charts'] })
  await folder.close()
  return readdirSync(path.join(dir, '.aura-bench'))
    .map((e) => (e.startsWith('report-') ? 'report-<id>' : e))
    .sort()
}

beforeAll(async () => {
  mkdirSync(work, { recursive: true })
  bundle = buildCliBundle('kill')
  hook = path.join(path.dirname(bundle), 'hook.mjs')
  writeFileSync(hook, HOOK)
  writeFileSync(path.join(work, 'old.yaml'), tinySuiteYaml('kill', 'oldcorpus'))
  writeFileSync(path.join(work, 'new.yaml'), tinySuiteYaml('kill', 'newcorpus'))
  // the previous report (old), and the user's own file beside it
  mkdirSync(pristine)
  writeFileSync(path.join(pristine, 'notes.txt'), "the user's\n")
  expect(
    spawnSync(process.execPath, [bundle, 'run', path.join(work, 'old.yaml'), '--out', pristine, '--quiet']).status,
  ).toBe(0)
  expectedCharts.set('old', readdirSync(path.join(pristine, 'charts')).sort())
  expectedCharts.set(
    'new',
    expectedCharts.get('old')!.map((c) => c.replace('oldcorpus', 'newcorpus')),
  )
})
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  rmSync(path.dirname(bundle), { recursive: true, force: true })
})

function restore(): void {
  rmSync(dir, { recursive: true, force: true })
  cpSync(pristine, dir, { recursive: true, verbatimSymlinks: true })
}

describe('kill -9 during aura-bench run --out DIR', () => {
  it(`leaves one whole report, old or new, at each of ${RUNS} kills`, {
    timeout: 120_000 + RUNS * 30_000,
  }, async () => {
    // calibration: a whole run, counting its file-system calls inside DIR
    restore()
    const countFile = path.join(work, 'count')
    const whole = await runChild({ KILL_COUNT_FILE: countFile })
    expect(whole.code).toBe(0)
    expect(wholeReport()).toBe('new')
    const steps = Number(readFileSync(countFile, 'utf8'))
    expect(steps).toBeGreaterThan(10)
    const outcomes: Record<string, number> = { old: 0, new: 0 }
    const failures: string[] = []
    for (let i = 0; i < RUNS; i++) {
      restore()
      const byStep = i % 2 === 0
      const half = Math.ceil(RUNS / 2)
      const k = Math.floor(i / 2)
      // from the last call backwards, so a short loop still kills inside the commit (the last calls)
      const step = steps - Math.floor((k * steps) / half)
      const delayMs = Math.round(((k + 0.5) * whole.ms * 1.1) / half)
      const result = byStep
        ? await runChild({ KILL_AT_STEP: String(step), KILL_WHEN: k % 2 === 0 ? 'before' : 'after' })
        : await runChild({}, delayMs)
      const label = byStep ? `step ${step}/${steps}` : `${delayMs} ms of ${whole.ms}`
      try {
        const tag = wholeReport()
        outcomes[tag] = (outcomes[tag] ?? 0) + 1
        const state = await stateAfterRecovery()
        if (JSON.stringify(state) !== JSON.stringify(['report', 'report-<id>']))
          throw new Error(`after recovery .aura-bench holds ${state.join(', ')}`)
        if (wholeReport() !== tag) throw new Error('recovery changed the report')
      } catch (error) {
        failures.push(`${label} (exit ${result.code ?? result.signal}): ${(error as Error).message}`)
        console.log(`broken: ${failures.at(-1)}`)
      }
    }
    console.log(
      `kill -9 x ${RUNS}: ${outcomes.old} left the old report, ${outcomes.new} the new one, ${failures.length} broken; ${steps} file-system steps in DIR per run, a run ${whole.ms} ms`,
    )
    expect(failures).toEqual([])
    expect(outcomes.old).toBeGreaterThan(0)
    expect(outcomes.new).toBeGreaterThan(0)
  })
})
