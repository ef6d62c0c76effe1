/**
 * Defects round 29's stop noticed and left alone, each through the CLI as a user meets it: a suite's
 * own `limit:` not called a partial run, a literal `<<: scalar` merge key reported without its line,
 * and config problems reported only after the schema errors were fixed.
 */
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { write, read, readJson, cli } = trialFolder('aura-stop29-')

write(
  'app.log',
  `${Array.from({ length: 60 }, (_, j) => `2026-12-06T07:00:${j % 60}.123Z INFO [api] user ${j * 7} logged in`).join('\n')}\n`,
)
write('zl.yaml', 'name: zl\nenable_aura: false\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\n')

describe("a suite's own `limit:` is a partial run, as `--limit` is", () => {
  write(
    'lim.yaml',
    'name: lim\ncorpora: [{ path: app.log, format: txt, limit: 10 }]\nconfigs: [zl.yaml]\ntargets: [{ metric: roundTripMismatches, pass: 0 }]\nlatency: { enabled: false }\n',
  )
  const partial =
    "Partial run (the suite's limit:): at most the first 10 messages of corpus app were measured; this verdict is on those messages, not on the whole corpus."

  it('says so next to the verdict: the gate line, report.md and report.html, the PR comment; results.json records it', async () => {
    const run = await cli(['run', 'lim.yaml', '--out', 'r', '--pr-comment', 'pr.md', '--no-charts'], { CI: 'true' })
    expect(run.code, run.err).toBe(0)
    expect(run.out).toContain(`gate: PASS\n  caveat: ${partial}`)
    expect(run.err).toContain(
      "warning: partial run: corpus app's limit: 10 (corpora[0].limit in the suite) measured at most its first 10 messages",
    )
    expect(readJson('r/results.json').warnings[0]).toMatch(/^partial run: corpus app's limit: 10 /)
    const md = read('r/report.md')
    expect(md.indexOf(partial)).toBeGreaterThan(md.indexOf('## Gate: ✅ PASS'))
    expect(md.indexOf(partial)).toBeLessThan(md.indexOf('## Results'))
    const html = read('r/report.html')
    expect(html.slice(html.indexOf('<section id="verdict"'), html.indexOf('<section id="results"'))).toContain(
      partial.replace("'", '&#39;'),
    )
    expect(read('pr.md')).toContain('(partial run: limit: 10 on corpus app)')
  })

  it('a sharded run and its merge say it too', async () => {
    const shard = await cli(['run', 'lim.yaml', '--shard', '1/1', '--out', 's1', '-q'])
    expect(shard.code, shard.err).toBe(0)
    const merged = await cli(['merge', 's1/partial.json', '--out', 'm', '--no-charts', '--no-html'])
    expect(merged.code, merged.err).toBe(0)
    expect(merged.out).toContain(`caveat: ${partial}`)
    expect(read('m/report.md')).toContain(partial)
  })

  it('a suite without `limit:` is not called partial', async () => {
    write(
      'whole.yaml',
      'name: whole\ncorpora: [{ path: app.log, format: txt }]\nconfigs: [zl.yaml]\ntargets: [{ metric: roundTripMismatches, pass: 0 }]\nlatency: { enabled: false }\n',
    )
    const run = await cli(['run', 'whole.yaml', '--out', 'w', '--no-charts', '--no-html'])
    expect(run.code, run.err).toBe(0)
    expect(run.out).not.toContain('caveat')
    expect(readJson('w/results.json').warnings.filter((w) => w.startsWith('partial run'))).toEqual([])
  })
})

describe('a merge key `<<` with a scalar value', () => {
  it('is exit 2 naming the file, line and field, from validate and run, in a config and a suite', async () => {
    write('mk.yaml', 'name: mk\n<<: brotli\nfallback: brotli\n')
    write(
      'mk-suite.yaml',
      'name: mks\ncorpora:\n  - { path: app.log, <<: 5 }\nconfigs: [zl.yaml]\nlatency: { enabled: false }\n',
    )
    const says = 'malformed YAML: the merge key `<<` takes a mapping'
    for (const args of [
      ['validate', 'mk.yaml'],
      ['run', 'mk-suite.yaml', '--out', 'mk'],
      ['validate', 'mk-suite.yaml'],
    ]) {
      const run = await cli(args)
      expect(run.code, run.err).toBe(2)
      expect(run.err).toMatch(
        args[1] === 'mk.yaml'
          ? /^error E_YAML_SYNTAX in \S*mk\.yaml:2: <<: /
          : /^error E_YAML_SYNTAX in \S*mk-suite\.yaml:3: corpora\[0\]\.<<: /,
      )
      expect(run.err).toContain(says)
    }
  })
})

describe("a config's keys that need another key, beside a schema error", () => {
  it('validate lists them with the schema error, not in a second round', async () => {
    write('zd.yaml', 'name: zd\nfallback: zstd_dict\nzstd_level: 3.5\n')
    write('bw.yaml', 'name: bw\nbrotli_window: 20\nbrotli_quality: 5.5\n')
    const result = await cli(['validate', 'zd.yaml', 'bw.yaml'])
    expect(result.code).toBe(2)
    const lines = result.err.trim().split('\n')
    expect(lines).toEqual([
      expect.stringMatching(/^error E_SCHEMA in \S*zd\.yaml:2: fallback: fallback zstd_dict needs a dictionary/),
      expect.stringMatching(/^error E_SCHEMA in \S*zd\.yaml:3: zstd_level: must be an int, found 3\.5$/),
      expect.stringMatching(
        /^error E_SCHEMA in \S*bw\.yaml:2: brotli_window: brotli_window needs brotli_library: node:zlib/,
      ),
      expect.stringMatching(/^error E_SCHEMA in \S*bw\.yaml:3: brotli_quality: must be an int, found 5\.5$/),
    ])
  })
})

// s30's self-check as a user: these named the command (`in discover:`), not the flag at fault
describe('discover flags in error', () => {
  it('each error names its flag', async () => {
    for (const [args, field] of [
      [['app.log'], '--out'],
      [['app.log', '--out', 'st.json', '--max-templates', 'x'], '--max-templates'],
      [['app.log', '--out', 'st.json', '--evict-after', '3'], '--evict-after'],
      [['app.log', '--out', 'st.json', '--format', 'csv'], '--format'],
      [['app.log', '--out', 'st.json', '--train-fraction', '2'], '--train-fraction'],
    ] as const) {
      const result = await cli(['discover', ...args])
      expect(result.code, result.err).toBe(2)
      expect(result.err.split('\n')[0]).toMatch(new RegExp(`^error E_USAGE in ${field}: `))
    }
  })
})

// s30's self-check as a user: `history suite.yaml` listed a JSON syntax error per line (5, then "and N more")
describe('a suite given where the history goes', () => {
  it('is one error saying it is a suite, for history and run --history', async () => {
    for (const args of [
      ['history', 'lim.yaml'],
      ['run', 'lim.yaml', '--history', 'lim.yaml', '--out', 'hy'],
    ]) {
      const result = await cli(args)
      expect(result.code).toBe(2)
      expect(result.err.trim().split('\n')[0]).toMatch(
        /^error E_SCHEMA in \S*lim\.yaml: lim\.yaml looks like a suite \(YAML\), not a history/,
      )
      expect(result.err).not.toContain('E_JSON_SYNTAX')
    }
  })
})

// s29's stop: a lossy external compressor got no green cell but in the folded Confidence section, where its ratio read PASS
describe('a lossy run in the Confidence section of report.md', () => {
  it('reads no PASS there, and says it loses data', async () => {
    write(
      'lossy.mjs',
      "import zlib from 'node:zlib'\nexport function compress(s){const f=zlib.brotliCompressSync(Buffer.from(s));return {frame:new Uint8Array(f.subarray(0,f.length-3)), method:'brotli'}}\nexport function decompress(b){return new Uint8Array(b)}\n",
    )
    write('lossy.yaml', 'name: lossy\nexternal_module: lossy.mjs\n')
    write(
      'lossy-suite.yaml',
      'name: lossy\ncorpora: [{ path: app.log, format: txt }]\nconfigs: [lossy.yaml]\ntargets: [{ metric: ratio, pass: 1 }]\nlatency: { enabled: false }\n',
    )
    const run = await cli(['run', 'lossy-suite.yaml', '--out', 'lossy-out', '--no-charts'])
    expect(run.code).toBe(1)
    const md = read('lossy-out/report.md')
    const confidence = md.slice(md.indexOf('<summary><b>Confidence</b></summary>'))
    expect(confidence.length).toBeLessThan(md.length)
    const section = confidence.slice(0, confidence.indexOf('</details>'))
    expect(section).toContain('lossy on app loses data (60 of 60 did not round-trip)')
    expect(section).toMatch(
      /\| Compression ratio \(aggregate\) \| [^|]+ \| [^|]+ \| ≥ 1x \| ❌ FAIL \(60 of 60 did not round-trip\) \| ❌ FAIL/,
    )
    expect(section).not.toContain('PASS')
    // report.html has no Confidence section (its verdict table already shows no green cell for a lossy run)
    expect(read('lossy-out/report.html')).not.toContain('Confidence')
  })
})
