/**
 * Defects the third new-user trial of the CLI found (round 29, 2026-12-06): a `--limit` smoke run
 * whose verdict did not say it was partial, an external compressor's failure misreported, a huge
 * message sent uncompressed in silence, a skipped corpus listed as measured, a CPU cost projected
 * from an outlier-dominated mean. Each case through the CLI, as the trial met it.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { root, write, read, cli: runIn } = trialFolder('aura-trial29-')
const cli = (args: string[], env: Record<string, string> = { CI: 'true' }) => runIn(args, env)

// the trial's preamble: 300 log lines and a store discovered from them (so every run on them is in-sample)
write(
  'app.log',
  `${Array.from(
    { length: 300 },
    (_, j) =>
      `2026-12-06T07:00:${(j + 1) % 60}.123Z INFO [api] user ${((j + 1) * 7) % 1000} logged in from 10.0.${(j + 1) % 255}.${((j + 1) % 200) + 1}`,
  ).join('\n')}\n`,
)
write(
  'hyb.yaml',
  'name: hyb\ntemplate_store_path: store.json\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\nframing: text-passthrough\n',
)
const discovered = cli(['discover', 'app.log', '--out', 'store.json', '-q'])

describe('a --limit smoke run (defect 1)', () => {
  write(
    'smoke.yaml',
    'name: smoke\ncorpora: [{ path: app.log, format: txt }]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 3 }, { metric: templateHitRate, pass: 0.9 }]\nlatency: { enabled: false }\n',
  )

  it('may pass, but says next to every verdict that it was partial and in-sample', async () => {
    expect((await discovered).code).toBe(0)
    write('summary.md', '')
    const run = await cli(['run', 'smoke.yaml', '--limit', '5', '--out', 'r', '--pr-comment', 'pr.md', '--no-charts'], {
      CI: 'true',
      GITHUB_STEP_SUMMARY: path.join(root, 'summary.md'),
    })
    expect(run.code).toBe(0) // a smoke run may pass: it says it was partial
    expect(run.out).toContain(
      "gate: PASS\n  caveat: Partial run (--limit 5): at most the first 5 messages of each corpus were measured; this verdict is a smoke run's, not the suite's.\n  caveat: In-sample: one run",
    )
    expect(run.err).toContain('warning: partial run: --limit 5 measured at most the first 5 messages of each corpus')
    const results = JSON.parse(read('r/results.json')) as { warnings: string[] }
    expect(results.warnings[0]).toMatch(/^partial run: --limit 5 /)
    const partial = 'Partial run (--limit 5): at most the first 5 messages of each corpus were measured'
    const inSample = 'In-sample: one run was measured on messages its template store or zstd dictionary was made from'
    // next to the verdict: before the Results table
    const md = read('r/report.md')
    const results_ = md.indexOf('## Results')
    expect(md.indexOf(partial)).toBeGreaterThan(md.indexOf('## Gate: ✅ PASS'))
    expect(md.indexOf(partial)).toBeLessThan(results_)
    expect(md.indexOf(inSample)).toBeLessThan(results_)
    const html = read('r/report.html')
    const verdict = html.slice(html.indexOf('<section id="verdict"'), html.indexOf('<section id="results"'))
    expect(verdict).toContain(partial)
    expect(verdict).toContain(inSample)
    const comment = read('pr.md')
    expect(comment).toContain('✅ **aura-bench gate: PASS** — suite `smoke` (partial run: --limit 5; in-sample)')
    expect(comment).toContain(partial)
    // the run's warnings, briefly: the store was made from the measured corpus
    expect(comment).toMatch(
      /\*\*Warnings\*\* \(1\):\n- config hyb on corpus app: its template store store\.json was made/,
    )
    const summary = read('summary.md')
    expect(summary).toContain(partial)
    expect(summary).toContain(inSample)
  })

  it('against a full baseline, the PR comment says why its rows only warn', async () => {
    expect((await discovered).code).toBe(0)
    expect((await cli(['run', 'smoke.yaml', '--out', 'full', '-q', '--no-charts', '--no-html'])).code).toBe(0)
    const run = await cli([
      'run',
      'smoke.yaml',
      '--limit',
      '20',
      '--baseline',
      'full/results.json',
      '--pr-comment',
      'p.md',
      '--out',
      'r20',
      '-q',
      '--no-charts',
      '--no-html',
    ])
    expect(run.code).toBe(0)
    const comment = read('p.md')
    expect(comment).toContain('| ⚠️ warn |')
    expect(comment).toContain(
      "⚠️ warn, not fail, because:\n- app × hyb: the corpus differs from the baseline's (300 messages / 21124 bytes then, 20 / 1359 now)",
    )
  })
})

describe('an external compressor that fails or loses data (defect 7)', () => {
  const suite = (name: string, module: string) => {
    write(`${name}.yaml`, `name: ${name}\nexternal_module: ${module}\n`)
    return write(
      `${name}-suite.yaml`,
      `name: ${name}\ncorpora: [{ path: app.log, format: txt }]\nconfigs: [${name}.yaml]\ntargets: [{ metric: ratio, pass: 1 }]\nlatency: { enabled: false }\n`,
    )
  }

  it('that failed: the report does not say the suite sets no target, and no chart of no data is drawn', async () => {
    write(
      'chop.mjs',
      "export function compress(s){return {frame:new Uint8Array(Buffer.from(s)), method:'chop'}}\nexport function decompress(b){return new Uint8Array(b)}\n",
    )
    suite('chop', 'chop.mjs')
    const run = await cli(['run', 'chop-suite.yaml', '--out', 'chop-out'])
    expect(run.code).toBe(1)
    expect(run.out).toContain('compress returned method "chop"')
    const md = read('chop-out/report.md')
    expect(md).not.toContain('The suite sets no target')
    expect(md).toContain('No target was evaluated: a run that failed is not judged on its targets')
    expect(run.err).not.toContain('warning: chart:')
    expect(md).not.toContain('charts/ratio-savings-app')
  })

  it('that loses data: no target cell of it is green', async () => {
    write(
      'lossy.mjs',
      "import zlib from 'node:zlib'\nexport function compress(s){const f=zlib.brotliCompressSync(Buffer.from(s));return {frame:new Uint8Array(f.subarray(0,f.length-3)), method:'brotli'}}\nexport function decompress(b){return new Uint8Array(b)}\n",
    )
    suite('lossy', 'lossy.mjs')
    write('lossy-summary.md', '')
    const run = await cli(['run', 'lossy-suite.yaml', '--out', 'lossy-out', '--no-charts'], {
      CI: 'true',
      GITHUB_STEP_SUMMARY: path.join(root, 'lossy-summary.md'),
    })
    expect(run.code).toBe(1)
    expect(run.out).toContain('300 of 300 messages did not round-trip byte-exact')
    const md = read('lossy-out/report.md')
    expect(md).toMatch(/\| \*\*lossy\*\* \| ❌ \d\.\d\dx \(300 of 300 did not round-trip\) \|/)
    expect(md).toMatch(
      /\| Compression ratio \(aggregate\) \| ≥ 1x \| \d\.\d\dx ❌ \(300 of 300 did not round-trip\) \| ❌ FAIL \|/,
    )
    const html = read('lossy-out/report.html')
    const table = html.slice(
      html.indexOf('<table id="verdict-table"'),
      html.indexOf('</table>', html.indexOf('<table id="verdict-table"')),
    )
    expect(table).not.toContain('s-pass')
    expect(table).toContain('s-fail')
    expect(read('lossy-summary.md')).toContain('❌ FAIL (300 of 300 did not round-trip)')
  })
})

describe('a message over 1 MiB compressing better than 128:1 (defect 3)', () => {
  write(
    'huge.txt',
    `${Array.from({ length: 50 }, (_, i) => `normal line ${i} ok`).join('\n')}\n${'x'.repeat(5 * 1024 * 1024)}\n`,
  )
  write(
    'huge.yaml',
    'name: huge\ncorpora: [huge.txt]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 1 }]\nlatency: { enabled: false }\n',
  )
  const warning =
    'config hyb on corpus huge: 1 message over 1 MiB went uncompressed (ratio 1): it compresses better than 128:1, past the decode budget of a compressed frame'

  it('is warned about on stderr, in results.json and in report.md: run, and merged shards once', async () => {
    expect((await discovered).code).toBe(0)
    const run = await cli(['run', 'huge.yaml', '--out', 'h', '--no-charts', '--no-html'])
    expect(run.code).toBe(0)
    expect(run.err).toContain(`warning: ${warning}`)
    expect((JSON.parse(read('h/results.json')) as { warnings: string[] }).warnings).toEqual([
      expect.stringContaining(warning),
    ])
    expect(read('h/report.md')).toContain(`- ${warning}`)
    for (const i of [1, 2])
      expect((await cli(['run', 'huge.yaml', '--shard', `${i}/2`, '--out', `hs${i}`, '-q'])).code).toBe(0)
    const merged = await cli(['merge', 'hs1', 'hs2', '--out', 'hm', '-q', '--no-charts', '--no-html'])
    expect(merged.code).toBe(0)
    expect((JSON.parse(read('hm/results.json')) as { warnings: string[] }).warnings).toEqual([
      expect.stringContaining(warning),
    ])
  })
})

describe('a required: false corpus that is not there (defect 6)', () => {
  write(
    'opt.yaml',
    'name: opt\ncorpora:\n  - { path: gone.txt, required: false }\n  - { path: app.log, format: txt }\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 1 }]\nlatency: { enabled: false }\n',
  )
  const skipped = `corpus file ${path.join(root, 'gone.txt')} does not exist`

  it('is marked skipped, not measured, in results.json, report.md and report.html: run and merged shards', async () => {
    expect((await discovered).code).toBe(0)
    const run = await cli(['run', 'opt.yaml', '--out', 'o', '--no-charts'])
    expect(run.code).toBe(0)
    expect(run.err).toContain('warning: corpus gone skipped:')
    const corpora = (JSON.parse(read('o/results.json')) as { inputs: { corpora: unknown[] } }).inputs.corpora
    expect(corpora).toEqual([
      { name: 'gone', file: 'gone.txt', format: 'txt', part: 'the whole file', skipped },
      // round 32: a measured corpus records its file's sha256 (a skipped one has none)
      {
        name: 'app',
        file: 'app.log',
        format: 'txt',
        part: 'the whole file',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ])
    expect(read('o/report.md')).toContain(`| gone | \`gone.txt\` | txt | not measured: skipped (${skipped}) |`)
    expect(read('o/report.html')).toContain(
      `<tr><td>gone</td><td>gone.txt</td><td>txt</td><td>not measured: skipped (${skipped})</td></tr>`,
    )
    for (const i of [1, 2])
      expect((await cli(['run', 'opt.yaml', '--shard', `${i}/2`, '--out', `os${i}`, '-q'])).code).toBe(0)
    expect((await cli(['merge', 'os1', 'os2', '--out', 'om', '-q', '--no-charts', '--no-html'])).code).toBe(0)
    expect((JSON.parse(read('om/results.json')) as { inputs: { corpora: unknown[] } }).inputs.corpora).toEqual(corpora)
  })
})

describe('cost --price-per-cpu-hour on a mean dominated by outliers (defect 5)', () => {
  const withLatency = (file: string, encodeRme: number) => {
    const results = JSON.parse(read('smoke-full/results.json')) as {
      runs: { metrics: Record<string, unknown> }[]
    }
    for (const run of results.runs)
      run.metrics.latencyUs = {
        encode: { p50: 8.1, p95: 20, p99: 900, mean: 126.7, rme: encodeRme, samples: 1000 },
        decode: { p50: 5, p95: 9, p99: 30, mean: 6, rme: 0.05, samples: 1000 },
        mode: 'in-process',
      }
    write(file, JSON.stringify(results, null, 2))
  }
  const cost = (file: string, out: string) =>
    cli([
      'cost',
      '--results',
      file,
      '--messages-per-day',
      '1B',
      '--price-per-gb',
      '0.09',
      '--price-per-cpu-hour',
      '0.05',
      '--out',
      out,
      '-q',
    ])

  it('warns on stderr and in cost.md, naming the run and its p50s; a narrow mean is not warned about', async () => {
    expect((await discovered).code).toBe(0)
    expect((await cli(['run', 'smoke.yaml', '--out', 'smoke-full', '-q', '--no-charts', '--no-html'])).code).toBe(0)
    withLatency('noisy.json', 1.04)
    const noisy = await cost('noisy.json', 'cost-noisy')
    expect(noisy.code).toBe(0)
    const warning =
      'CPU cost of app/hyb rests on a mean of 127 µs encode + 6.00 µs decode per message whose margin of error is ±104% (rme 1.04; warned past ±25%)'
    expect(noisy.err).toContain(`warning: ${warning}`)
    expect(noisy.err).toContain('The medians are 8.10 µs + 5.00 µs (p50), 10.1x less than the mean')
    expect(read('cost-noisy/cost.md')).toContain(`> **Warning:** ${warning}`)
    expect((JSON.parse(read('cost-noisy/cost.json')) as { warnings: string[] }).warnings[0]).toContain(warning)
    // the mean stays the basis: the CPU column is the mean's
    expect(read('cost-noisy/cost.md')).toContain('CPU money uses the mean encode + decode time per message')
    withLatency('narrow.json', 0.2)
    const narrow = await cost('narrow.json', 'cost-narrow')
    expect(narrow.code).toBe(0)
    expect(narrow.err).not.toContain('CPU cost of app/hyb rests on a mean')
  })
})
