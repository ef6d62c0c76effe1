import { describe, expect, it } from 'vitest'
import { AuraError, type Issue } from '../core/index.ts'
import { parseSuite } from './parse-suite.ts'

const FILE = '/project/suites/week1.yaml'

const VALID = `
name: week1
description: the seed's week 1
corpora:
  - path: ../corpora/week1/messages.jsonl
    name: week1
    format: jsonl
    category_field: category
    limit: 1000
    sample: { size: 500, seed: 1 }
    split: { train_fraction: 0.5, seed: 1, use: test, mode: ordered }
    min_message_bytes: 1
    max_message_bytes: 65536
  - ../../shared/corpora/loghub/HDFS/HDFS_2k.log
configs:
  - ../configs/current.yaml
  - { name: emergency, path: ../configs/emergency.yaml }
targets:
  - { metric: ratio, pass: 1.5, label: "Compression ratio" }
  - { metric: expansionRate, pass: 0.05, near: 0.10 }
  - { metric: shrinkRate, pass: 1.0, near: 0.90 }
  - { metric: encodeP95Us, pass: 2000, gated: false, configs: [emergency] }
gate:
  configs: [emergency]
latency: { samples: 500 }
reference:
  source: seed report
  figures:
    current: { ratio: 1.16, expansionRate: 0.68 }
`

function issuesOf(yaml: string): Issue[] {
  try {
    parseSuite(yaml, FILE)
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError)
    return [...(error as AuraError).issues]
  }
  throw new Error('expected the suite to be rejected')
}

/** The one issue at a field (fails when there is none or several). */
function issueAt(issues: readonly Issue[], field: string): Issue {
  const found = issues.filter((issue) => issue.field === field)
  expect(found, `issues at ${field} in ${JSON.stringify(issues)}`).toHaveLength(1)
  return found[0] as Issue
}

describe('parseSuite: a valid suite', () => {
  const suite = parseSuite(VALID, FILE)

  it('resolves paths against the suite folder and fills defaults', () => {
    expect(suite.corpora[0]).toMatchObject({
      name: 'week1',
      path: '/project/corpora/week1/messages.jsonl',
      pathAsWritten: '../corpora/week1/messages.jsonl',
      sample: { size: 500, seed: 1 },
      split: { trainFraction: 0.5, seed: 1, use: 'test', mode: 'ordered' },
      minMessageBytes: 1,
      maxMessageBytes: 65536,
      harDirection: 'receive',
      required: true,
      origin: { file: FILE, field: 'corpora[0]', line: 5 },
    })
    expect(suite.corpora[1]).toMatchObject({
      name: 'HDFS_2k',
      path: '/shared/corpora/loghub/HDFS/HDFS_2k.log',
      format: 'auto',
      textField: 'text',
    })
    expect(suite.configs).toEqual([
      {
        name: 'current',
        path: '/project/configs/current.yaml',
        pathAsWritten: '../configs/current.yaml',
        origin: { file: FILE, field: 'configs[0]', line: 16 },
      },
      {
        name: 'emergency',
        path: '/project/configs/emergency.yaml',
        pathAsWritten: '../configs/emergency.yaml',
        origin: { file: FILE, field: 'configs[1]', line: 17 },
      },
    ])
  })

  it('gives targets their direction by metric', () => {
    expect(suite.targets.map((t) => [t.metric, t.direction, t.gated])).toEqual([
      ['ratio', 'min', true],
      ['expansionRate', 'max', true],
      ['shrinkRate', 'min', true],
      ['encodeP95Us', 'max', false],
    ])
    expect(suite.targets[3]?.configs).toEqual(['emergency'])
  })

  it('reads gate, latency and reference with defaults', () => {
    expect(suite.gate).toEqual({ configs: ['emergency'], nearFails: false })
    expect(suite.latency).toEqual({ enabled: true, samples: 500, warmup: 200, timeMs: 3000 })
    expect(suite.reference).toEqual({
      source: 'seed report',
      figures: { current: { ratio: 1.16, expansionRate: 0.68 } },
    })
  })

  it('defaults the name to the file base name', () => {
    expect(parseSuite('corpora: [a.txt]\nconfigs: [c.yaml]\n', '/x/nightly.yml').name).toBe('nightly')
  })
})

describe('parseSuite: errors name file, field and line', () => {
  it('malformed YAML: E_YAML_SYNTAX with the line', () => {
    const [issue] = issuesOf('corpora:\n  - a.txt\nconfigs: [c.yaml\ntargets: []\n')
    expect(issue).toMatchObject({ code: 'E_YAML_SYNTAX', file: FILE })
    expect(issue?.line).toBeGreaterThanOrEqual(3)
  })

  it('unknown key: E_UNKNOWN_KEY with did-you-mean at its line', () => {
    const issues = issuesOf(
      'corpora: [a.txt]\nconfigs: [c.yaml]\ntargets:\n  - metric: ratio\n    pass: 1.5\n    nera: 1.2\n',
    )
    const issue = issueAt(issues, 'targets[0].nera')
    expect(issue).toMatchObject({ code: 'E_UNKNOWN_KEY', file: FILE, line: 6 })
    expect(issue.message).toContain('did you mean `near`?')
  })

  it('unknown key inside a corpus entry suggests the corpus keys', () => {
    const issue = issueAt(issuesOf('corpora:\n  - path: a.txt\n    limt: 5\nconfigs: [c.yaml]\n'), 'corpora[0].limt')
    expect(issue.message).toContain('did you mean `limit`?')
  })

  it('unknown metric: E_UNKNOWN_METRIC with did-you-mean', () => {
    const issue = issueAt(
      issuesOf('corpora: [a.txt]\nconfigs: [c.yaml]\ntargets:\n  - { metric: expansion_rate, pass: 0.1 }\n'),
      'targets[0].metric',
    )
    expect(issue).toMatchObject({ code: 'E_UNKNOWN_METRIC', line: 4 })
    expect(issue.message).toContain('did you mean `expansionRate`?')
  })

  it('near on the wrong side of pass, for both directions', () => {
    const issues = issuesOf(
      'corpora: [a.txt]\nconfigs: [c.yaml]\ntargets:\n  - { metric: expansionRate, pass: 0.10, near: 0.05 }\n  - { metric: ratio, pass: 1.5, near: 1.6 }\n',
    )
    expect(issueAt(issues, 'targets[0].near').message).toMatch(/must be above pass 0.1/)
    expect(issueAt(issues, 'targets[1].near').message).toMatch(/must be below pass 1.5/)
  })

  it('an explicit direction decides the side of near', () => {
    const suite = parseSuite(
      'corpora: [a.txt]\nconfigs: [c.yaml]\ntargets:\n  - { metric: ratio, direction: max, pass: 3, near: 4 }\n',
      FILE,
    )
    expect(suite.targets[0]).toMatchObject({ direction: 'max', near: 4 })
  })

  it('NaN and infinite thresholds are rejected', () => {
    const issues = issuesOf(
      'corpora: [a.txt]\nconfigs: [c.yaml]\ntargets:\n  - { metric: ratio, pass: .nan }\n  - { metric: ratio, pass: 1, near: .inf }\n',
    )
    expect(issueAt(issues, 'targets[0].pass').code).toBe('E_SCHEMA')
    expect(issueAt(issues, 'targets[1].near').code).toBe('E_SCHEMA')
  })

  it('thresholds outside what the metric can be are rejected (negative latency, rate above 1)', () => {
    const issues = issuesOf(
      'corpora: [a.txt]\nconfigs: [c.yaml]\ntargets:\n  - { metric: encodeP95Us, pass: -5 }\n  - { metric: shrinkRate, pass: 1.5 }\n  - { metric: savings, pass: -0.05 }\n',
    )
    expect(issueAt(issues, 'targets[0].pass').message).toMatch(/outside what encodeP95Us can be/)
    expect(issueAt(issues, 'targets[1].pass').message).toMatch(/0 to 1/)
    expect(issues.filter((issue) => issue.field?.startsWith('targets[2]'))).toEqual([])
  })

  it('negative counts and sizes are rejected', () => {
    const issues = issuesOf(
      'corpora:\n  - { path: a.txt, limit: -1, min_message_bytes: -3 }\nconfigs: [c.yaml]\nlatency: { samples: -10 }\n',
    )
    expect(issueAt(issues, 'corpora[0].limit').line).toBe(2)
    issueAt(issues, 'corpora[0].min_message_bytes')
    expect(issueAt(issues, 'latency.samples').line).toBe(4)
  })

  it('category_field or text_field beside format: txt (read from JSON only) is refused, not ignored (s37-trial D12)', () => {
    const issues = issuesOf(
      'corpora:\n  - { path: w.jsonl, format: txt, category_field: type }\n  - { path: a.log, format: loghub, text_field: msg }\nconfigs: [c.yaml]\n',
    )
    const category = issueAt(issues, 'corpora[0].category_field')
    expect(category).toMatchObject({ code: 'E_SCHEMA', line: 2 })
    expect(category.message).toMatch(
      /^category_field is read only from JSON records .* format: txt, where it would be ignored \(every message uncategorised\)/,
    )
    expect(category.message).toContain('{"text": "<the line>", "category": "<its type>"}')
    expect(issueAt(issues, 'corpora[1].text_field').line).toBe(3)
    // beside JSON, or with no format (auto), they are read as before
    expect(() =>
      parseSuite(
        'corpora:\n  - { path: w.jsonl, format: jsonl, category_field: type }\n  - { path: x.jsonl, category_field: type }\nconfigs: [c.yaml]\n',
        FILE,
      ),
    ).not.toThrow()
  })

  it('category_field or text_field beside a file read as txt, loghub or har by its extension is refused too (s37-fixs M4)', () => {
    // before: only a written format: was checked, so { path: x.txt, category_field: type } ran all uncategorised
    const issues = issuesOf(
      'corpora:\n  - { path: x.txt, category_field: type }\n  - { path: a.LOG, format: auto, text_field: msg }\n  - { path: h.har, category_field: t }\nconfigs: [c.yaml]\n',
    )
    const category = issueAt(issues, 'corpora[0].category_field')
    expect(category).toMatchObject({ code: 'E_SCHEMA', line: 2 })
    expect(category.message).toMatch(
      /^category_field is read only from JSON records .* format: txt \(from its extension \.txt\), where it would be ignored/,
    )
    expect(issueAt(issues, 'corpora[1].text_field').message).toContain('format: loghub (from its extension .LOG)')
    expect(issueAt(issues, 'corpora[2].category_field').line).toBe(4)
    // .ndjson and .json are JSON: kept
    expect(() =>
      parseSuite(
        'corpora:\n  - { path: w.ndjson, category_field: type }\n  - { path: x.json, text_field: t }\nconfigs: [c.yaml]\n',
        FILE,
      ),
    ).not.toThrow()
  })

  it("category_field on a Loghub log names its structured CSV's column and is kept, written or by extension (review of round 37)", () => {
    expect(() =>
      parseSuite(
        'corpora:\n  - { path: a.log, category_field: EventTemplate }\n  - { path: b.log, format: loghub, category_field: EventId }\nconfigs: [c.yaml]\n',
        FILE,
      ),
    ).not.toThrow()
  })

  it('gate or target naming a config the suite does not have: did-you-mean', () => {
    const issues = issuesOf(
      'corpora: [a.txt]\nconfigs: [../configs/emergency.yaml]\ntargets:\n  - { metric: ratio, pass: 1, configs: [emergncy] }\ngate:\n  configs: [current]\n',
    )
    expect(issueAt(issues, 'targets[0].configs[0]').message).toContain('did you mean `emergency`?')
    expect(issueAt(issues, 'gate.configs[0]')).toMatchObject({ code: 'E_SCHEMA', line: 6 })
  })

  it('missing corpora list', () => {
    const issue = issueAt(issuesOf('configs: [c.yaml]\n'), 'corpora')
    expect(issue.message).toMatch(/required/)
  })

  it('an empty file lacks corpora and configs', () => {
    expect(
      issuesOf('')
        .map((issue) => issue.field)
        .sort(),
    ).toEqual(['configs', 'corpora'])
  })

  it('duplicate config names, min above max, unknown reference metric and config', () => {
    const issues = issuesOf(
      'corpora:\n  - { path: a.txt, min_message_bytes: 10, max_message_bytes: 5 }\nconfigs: [a/x.yaml, b/x.yaml]\nreference:\n  figures:\n    y: { ratoi: 1 }\n',
    )
    issueAt(issues, 'configs[1]')
    issueAt(issues, 'corpora[0].min_message_bytes')
    expect(issueAt(issues, 'reference.figures.y.ratoi').code).toBe('E_UNKNOWN_METRIC')
    issueAt(issues, 'reference.figures.y')
  })

  it('gathers every issue of the file into one error, each with file and field', () => {
    const yaml = [
      'corpora:',
      '  - { path: a.txt, formt: txt }',
      'configs: [../configs/emergency.yaml]',
      'targets:',
      '  - { metric: ratoi, pass: 1.5 }',
      '  - { metric: expansionRate, pass: 0.1, near: 0.05 }',
      '  - { metric: ratio, pass: .nan }',
      'gate: { configs: [emergancy] }',
      'latency: { samples: -1 }',
    ].join('\n')
    let error: AuraError | undefined
    try {
      parseSuite(yaml, FILE)
    } catch (e) {
      error = e as AuraError
    }
    expect(error?.reason).toBe(`invalid suite ${FILE}: 6 problems`)
    expect(error?.issues.map((issue) => [issue.code, issue.field, issue.line]).sort()).toEqual(
      [
        ['E_UNKNOWN_KEY', 'corpora[0].formt', 2],
        ['E_UNKNOWN_METRIC', 'targets[0].metric', 5],
        ['E_SCHEMA', 'targets[1].near', 6],
        ['E_SCHEMA', 'targets[2].pass', 7],
        ['E_SCHEMA', 'gate.configs[0]', 8],
        ['E_SCHEMA', 'latency.samples', 9],
      ].sort(),
    )
    expect(error?.issues.every((issue) => issue.file === FILE)).toBe(true)
  })
})

describe('parseSuite: cost section (review finding)', () => {
  it('rejects a cost baseline that is not one of the suite configs, with a did-you-mean', () => {
    const issues = issuesOf(
      `${VALID}\ncost: { messages_per_day: [100000000], price_per_gb: 0.1, baseline_config: emergancy }\n`,
    )
    expect(issueAt(issues, 'cost.baseline_config').message).toMatch(
      /config `emergancy` is not one of the suite's configs; did you mean `emergency`\?/,
    )
  })

  it('takes an ISO 4217 cost.currency and refuses anything else (s35-trial D6)', () => {
    const suite = parseSuite(`${VALID}\ncost: { messages_per_day: [1B], price_per_gb: 0.074, currency: EUR }\n`, FILE)
    expect(suite.cost?.currency).toBe('EUR')
    const issues = issuesOf(`${VALID}\ncost: { messages_per_day: [1B], price_per_gb: 0.074, currency: euro }\n`)
    expect(issueAt(issues, 'cost.currency').message).toContain('an ISO 4217 currency code')
  })
})

describe("a config file's own name (issue 15)", () => {
  it('names the config in the suite unless the suite entry gives one; the stem is the last resort', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const pathModule = await import('node:path')
    const dir = await mkdtemp(pathModule.join(tmpdir(), 'aura-names-'))
    try {
      await writeFile(pathModule.join(dir, 'prod-v2.yaml'), 'name: production\nfallback: brotli\n')
      await writeFile(pathModule.join(dir, 'plain.yaml'), 'fallback: brotli\n')
      const text = [
        'name: s',
        'corpora: [c.jsonl]',
        'configs:',
        '  - prod-v2.yaml',
        '  - plain.yaml',
        '  - { path: prod-v2.yaml, name: mine }',
        'gate: { configs: [production] }',
      ].join('\n')
      const suite = parseSuite(text, pathModule.join(dir, 'suite.yaml'))
      expect(suite.configs.map((c) => c.name)).toEqual(['production', 'plain', 'mine'])
      expect(suite.gate.configs).toEqual(['production'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
