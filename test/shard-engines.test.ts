/**
 * The shipped engines of sharded runs (issue 17): the GitHub Actions workflow
 * (.github/workflows/aura-shards.yml) and the Kubernetes Indexed Job (deploy/k8s/). Each file is
 * parsed, and its own shard commands run here as written (bash for the workflow's `run:` with the
 * matrix substituted, sh for the pods' command with JOB_COMPLETION_INDEX set), then its merge step;
 * `$AURA_BENCH` (and `npx aura-bench` in this file's own scripts) is the CLI of this checkout (dist/ when
 * built, else the TypeScript source); no shipped file calls npx. The
 * suite is week1's corpus and configs with a short latency budget, so the test takes seconds.
 * Also: partials that do not belong together are refused with exit 2 naming the file and field.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse, parseAllDocuments } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from './support.ts'

const CLI = existsSync(path.join(REPO_ROOT, 'dist', 'cli', 'main.js'))
  ? `node "${path.join(REPO_ROOT, 'dist', 'cli', 'main.js')}"`
  : `"${path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx')}" "${path.join(REPO_ROOT, 'src', 'cli', 'main.ts')}"`
/** `npx aura-bench ...` in a script runs this checkout's CLI. */
const SHIM = `npx() { shift; ${CLI} "$@"; }\n`

let work = ''
let suite = ''

function shell(
  program: 'bash' | 'sh',
  script: string,
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(program, ['-c', `${SHIM}set -e\n${script}`], {
    cwd: work,
    env: { ...process.env, CI: 'true', ...env },
    encoding: 'utf8',
    timeout: 180_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'aura-engines-'))
  const week1 = path.join(REPO_ROOT, 'corpora', 'week1', 'messages.jsonl')
  const configs = ['current', 'emergency'].map(
    (c) => `  - ${JSON.stringify(path.join(REPO_ROOT, 'configs', `${c}.yaml`))}`,
  )
  suite = path.join(work, 'small.yaml')
  writeFileSync(
    suite,
    [
      'name: small',
      'corpora:',
      `  - { path: ${JSON.stringify(week1)}, name: week1, category_field: category }`,
      'configs:',
      ...configs,
      'targets:',
      '  - { metric: roundTripMismatches, pass: 0 }',
      'gate: { configs: [emergency] }',
      'latency: { enabled: true, samples: 50, warmup: 5, time_ms: 150 }',
      '',
    ].join('\n'),
  )
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}

describe('.github/workflows/aura-shards.yml', () => {
  const workflow = parse(readFileSync(path.join(REPO_ROOT, '.github/workflows/aura-shards.yml'), 'utf8')) as {
    env: Record<string, string>
    jobs: {
      shard: { strategy: { matrix: { shard: number[] } }; steps: Step[] }
      merge: { needs: string; steps: Step[] }
    }
  }

  it('runs the matrix of shard commands, uploads each partial, and its merge job merges and gates', () => {
    const shards = workflow.jobs.shard.strategy.matrix.shard
    expect(shards).toEqual(shards.map((_, i) => i + 1))
    const measure = workflow.jobs.shard.steps.find((s) => s.run?.includes('--shard') === true)?.run ?? ''
    const upload = workflow.jobs.shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') === true)
    expect(upload?.with?.['path']).toContain('partial-${{ matrix.shard }}.json')
    expect(workflow.jobs.merge.needs).toBe('shard')
    const download = workflow.jobs.merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact@') === true)
    expect(download?.with).toMatchObject({ pattern: 'aura-partial-*', 'merge-multiple': true, path: 'partials' })
    const merge = workflow.jobs.merge.steps.find((s) => s.run?.includes('$AURA_BENCH merge') === true)?.run ?? ''
    // the CLI as its own process, never through npx (docs/ci.md, "Exit codes"); here: this checkout's CLI
    expect(workflow.env['AURA_BENCH']).toBe('node dist/bin/main.js')
    expect(measure).toContain('$AURA_BENCH run')

    const root = path.join(work, 'gha')
    mkdirSync(root)
    for (const shard of shards) {
      // each matrix job on a runner of its own: its own checkout folder
      const job = path.join(root, `job-${shard}`)
      mkdirSync(job)
      const script = measure
        .replaceAll('${{ matrix.shard }}', String(shard))
        .replaceAll('${{ strategy.job-total }}', String(shards.length))
      const r = shell('bash', `cd "${job}"\n${script}`, { SUITE: suite, AURA_BENCH: CLI.replaceAll('"', '') })
      expect(r.status, r.stderr).toBe(0)
      // what upload-artifact + download-artifact (merge-multiple) put in the merge job's partials/
      mkdirSync(path.join(root, 'merge', 'partials'), { recursive: true })
      cpSync(
        path.join(job, 'partials', `partial-${shard}.json`),
        path.join(root, 'merge', 'partials', `partial-${shard}.json`),
      )
    }
    const r = shell('bash', `cd "${path.join(root, 'merge')}"\n${merge}`, {
      SUITE: suite,
      AURA_BENCH: CLI.replaceAll('"', ''),
    })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('gate: PASS')
    const results = JSON.parse(readFileSync(path.join(root, 'merge', 'reports/ci/merged/results.json'), 'utf8')) as {
      runs: { metrics: { messages: number } }[]
    }
    expect(results.runs.map((run) => run.metrics.messages)).toEqual([25, 25])
    expect(readFileSync(path.join(root, 'merge', 'reports/ci/junit.xml'), 'utf8')).toContain('<testsuites')
    expect(readFileSync(path.join(root, 'merge', 'reports/ci/metrics.prom'), 'utf8')).toContain(
      'aura_gate_passed{suite="small"} 1',
    )
  }, 300_000)
})

describe('deploy/k8s: an Indexed Job of shards and a merge Job', () => {
  const shardDocs = parseAllDocuments(readFileSync(path.join(REPO_ROOT, 'deploy/k8s/aura-shards.yaml'), 'utf8')).map(
    (d) => d.toJS() as Record<string, any>,
  )
  const mergeJob = parse(readFileSync(path.join(REPO_ROOT, 'deploy/k8s/aura-merge.yaml'), 'utf8')) as Record<
    string,
    any
  >

  it('runs shard JOB_COMPLETION_INDEX + 1 of SHARDS in each pod, then the merge step gates', () => {
    const job = shardDocs.find((d) => d.kind === 'Job')
    expect(job?.spec.completionMode).toBe('Indexed')
    const container = job?.spec.template.spec.containers[0]
    const env = Object.fromEntries((container.env as { name: string; value: string }[]).map((e) => [e.name, e.value]))
    expect(Number(env['SHARDS'])).toBe(job?.spec.completions)
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c'])
    const mergeContainer = mergeJob.spec.template.spec.containers[0]
    expect(mergeJob.spec.backoffLimit).toBe(0)
    // the CLI as its own process, the container's main one (docs/ci.md, "Exit codes"); here: this checkout's CLI
    const mergeEnv = Object.fromEntries(
      (mergeContainer.env as { name: string; value: string }[]).map((e) => [e.name, e.value]),
    )
    for (const [e, command] of [
      [env, container.command[2]],
      [mergeEnv, mergeContainer.command[2]],
    ]) {
      expect(e['AURA_BENCH']).toBe('node dist/bin/main.js')
      expect(command).toMatch(/^exec \$AURA_BENCH (run|merge) /)
    }
    const cli = { AURA_BENCH: CLI.replaceAll('"', '') }

    const results = path.join(work, 'k8s-results')
    for (let index = 0; index < job?.spec.completions; index++) {
      // the pods in any order: last index first
      const completion = job?.spec.completions - 1 - index
      const r = shell('sh', container.command[2], {
        ...env,
        SUITE: suite,
        RESULTS: results,
        JOB_COMPLETION_INDEX: String(completion),
        ...cli,
      })
      expect(r.status, r.stderr).toBe(0)
    }
    const r = shell('sh', mergeContainer.command[2], { ...mergeEnv, RESULTS: results, ...cli })
    expect(r.status, r.stderr).toBe(0)
    const merged = JSON.parse(readFileSync(path.join(results, 'report', 'results.json'), 'utf8')) as {
      runs: { metrics: { messages: number } }[]
      gate: { status: string }
    }
    expect(merged.runs.map((run) => run.metrics.messages)).toEqual([25, 25])
    expect(existsSync(path.join(results, 'junit.xml'))).toBe(true)
  }, 300_000)
})

// trial round 29: under a cancel or `timeout`, npm exec returns before the aura-bench it started has stopped
it('no manifest under deploy/ runs the CLI through npx or npm exec (docs/ci.md, "Exit codes")', () => {
  const files = readdirSync(path.join(REPO_ROOT, 'deploy'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.ya?ml$/.test(f),
  )
  expect(files.length).toBeGreaterThan(0)
  /** every string of a container's command and args, in every document of every manifest */
  const commands = files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(REPO_ROOT, 'deploy', file), 'utf8')).flatMap((d) => {
      const found: string[] = []
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) for (const item of node) walk(item)
        else if (typeof node === 'object' && node !== null) {
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'command' || key === 'args') && Array.isArray(value))
              found.push(...value.map((v) => `${file}: ${String(v)}`))
            else walk(value)
          }
        }
      }
      walk(d.toJS())
      return found
    }),
  )
  expect(commands.some((c) => c.includes('aura-bench') || c.includes('AURA_BENCH'))).toBe(true)
  expect(commands.filter((c) => /\bnpx\b|npm exec/.test(c))).toEqual([])
})

describe('merge refuses partials that do not belong together (exit 2, file and field named)', () => {
  const run = (args: string): ReturnType<typeof shell> => shell('bash', `npx aura-bench ${args}`, {})
  const partial = (dir: string): string => path.join(work, 'refuse', dir, 'partial.json')

  beforeAll(() => {
    for (const [dir, shard] of [
      ['a1', '1/2'],
      ['a2', '2/2'],
      ['b1', '1/3'],
    ] as const) {
      const r = run(`run "${suite}" --shard ${shard} --no-latency --out "${path.join(work, 'refuse', dir)}" --quiet`)
      expect(r.status, r.stderr).toBe(0)
    }
  }, 300_000)

  it('names a missing shard, a duplicate, another shard count, another config and a file that is no partial', () => {
    let r = run(`merge "${partial('a1')}" --out "${path.join(work, 'refuse', 'out')}"`)
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringMatching(/a1\/partial\.json: shard\.count: shard 2\/2 missing/),
    ])
    r = run(
      `merge "${partial('a1')}" "${partial('a1')}" "${partial('a2')}" --out "${path.join(work, 'refuse', 'out')}"`,
    )
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/shard\.index 1\/2 is also the shard of/)])
    r = run(`merge "${partial('a1')}" "${partial('b1')}" --out "${path.join(work, 'refuse', 'out')}"`)
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/b1\/partial\.json: shard\.count is 3/)])
    const edited = path.join(work, 'refuse', 'edited.json')
    const text = readFileSync(partial('a2'), 'utf8')
    const other = text.replace(/"emergency":\{"config":"[0-9a-f]{64}"/, `"emergency":{"config":"${'0'.repeat(64)}"`)
    expect(other).not.toBe(text)
    writeFileSync(edited, other)
    r = run(`merge "${partial('a1')}" "${edited}" --out "${path.join(work, 'refuse', 'out')}"`)
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringMatching(
        /edited\.json: fingerprints\.configs\.emergency differs .*config emergency's YAML file changed/,
      ),
    ])
    writeFileSync(edited, '{"format":"something-else"}')
    r = run(`merge "${partial('a1')}" "${edited}" --out "${path.join(work, 'refuse', 'out')}"`)
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/edited\.json: format is "something-else"/)])
    expect(existsSync(path.join(work, 'refuse', 'out', 'results.json'))).toBe(false)
    // and the right two merge
    r = run(`merge "${partial('a2')}" "${partial('a1')}" --out "${path.join(work, 'refuse', 'out')}" --no-charts`)
    expect(r.status, r.stderr).toBe(0)
  }, 300_000)

  it('refuses shards measured with another template store, and partials of format version 2', () => {
    // the config and a discovered store in a folder of their own: the store is regenerated between the shards
    const own = path.join(work, 'refuse', 'store-changed')
    mkdirSync(path.join(own, 'templates'), { recursive: true })
    cpSync(path.join(REPO_ROOT, 'configs', 'emergency.yaml'), path.join(own, 'emergency.yaml'))
    const store = path.join(own, 'templates', 'expanded.json')
    const ownSuite = path.join(own, 'suite.yaml')
    const week1 = path.join(REPO_ROOT, 'corpora', 'week1', 'messages.jsonl')
    writeFileSync(
      ownSuite,
      `name: own\ncorpora: [ { path: ${JSON.stringify(week1)} } ]\nconfigs: [ emergency.yaml ]\ntargets: [ { metric: roundTripMismatches, pass: 0 } ]\n`,
    )
    let r = run(`discover "${week1}" --out "${store}" --quiet`)
    expect(r.status, r.stderr).toBe(0)
    r = run(`run "${ownSuite}" --shard 1/2 --no-latency --out "${path.join(own, 's1')}" --quiet`)
    expect(r.status, r.stderr).toBe(0)
    r = run(`discover "${week1}" --max-templates 3 --out "${store}" --quiet`)
    expect(r.status, r.stderr).toBe(0)
    r = run(`run "${ownSuite}" --shard 2/2 --no-latency --out "${path.join(own, 's2')}" --quiet`)
    expect(r.status, r.stderr).toBe(0)
    r = run(`merge "${path.join(own, 's1')}" "${path.join(own, 's2')}" --out "${path.join(own, 'out')}"`)
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringMatching(
        /s2\/partial\.json: fingerprints\.configs\.emergency differs .*the file config emergency's template_store_path names changed/,
      ),
    ])
    expect(existsSync(path.join(own, 'out', 'results.json'))).toBe(false)
    // a partial of format version 2 (config YAML hashed alone) is refused, saying what to do
    const old = path.join(own, 'v2.json')
    writeFileSync(
      old,
      readFileSync(path.join(own, 's2', 'partial.json'), 'utf8').replace('"formatVersion":3', '"formatVersion":2'),
    )
    r = run(`merge "${path.join(own, 's1')}" "${old}" --out "${path.join(own, 'out')}"`)
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringMatching(/v2\.json: formatVersion is 2.*run the shards again/),
    ])
  }, 300_000)

  it('refuses gate flags beside --shard: the gate is judged at merge', () => {
    const r = run(`run "${suite}" --shard 1/2 --junit x.xml --out "${path.join(work, 'refuse', 'x')}"`)
    expect([r.status, r.stderr]).toEqual([2, expect.stringContaining('--junit belongs to merge')])
    const bad = run(`run "${suite}" --shard 3/2 --out "${path.join(work, 'refuse', 'x')}"`)
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('--shard takes I/N')])
  }, 60_000)
})
