/**
 * Defects the second new-user trial of the CLI found (round 28, 2026-12-06): a training corpus read
 * as no suite reads it, warnings that never reached the console, files of another kind given as a
 * suite, keys a config ignores. Each case through the CLI.
 */
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { write, readJson, cli: runIn } = trialFolder('aura-trial28-')
const cli = (args: string[]) => runIn(args)

// messages in field `msg`, not `text`
write(
  'data/events-msg.jsonl',
  `${Array.from({ length: 300 }, (_, i) =>
    JSON.stringify({ msg: `user ${i} logged in from 10.0.0.${i % 250} after ${i % 7} tries`, kind: 'auth' }),
  ).join('\n')}\n`,
)
write('configs/dict.yaml', 'name: dict\nfallback: zstd_dict\nzstd_dict_training_corpus: ../data/events-msg.jsonl\n')

describe('a zstd_dict_training_corpus whose messages are not in field `text`', () => {
  const suite = (name: string, workers: number) =>
    write(
      `suites/${name}.yaml`,
      `name: ${name}
workers: ${workers}
corpora:
  - { path: ../data/events-msg.jsonl, text_field: msg }
configs:
  - ../configs/dict.yaml
targets: [{ metric: roundTripMismatches, pass: 0 }]
latency: { enabled: false }
`,
    )

  it('is read as the suite reads the same file (on worker threads too): run measures it', async () => {
    for (const [name, workers] of [
      ['same-file', 1],
      ['same-file-workers', 2],
    ] as const) {
      suite(name, workers)
      const run = await cli(['run', `suites/${name}.yaml`, '--out', `out-${name}`, '--no-charts', '--no-html'])
      expect(run.err).not.toContain('E_CORPUS_FORMAT')
      expect(run.code).toBe(0)
      expect(readJson(`out-${name}/results.json`).runs).toMatchObject([
        { state: 'complete', metrics: { roundTrip: { checked: 300, mismatches: 0 } } },
      ])
    }
    expect((await cli(['validate', 'suites/same-file.yaml'])).code).toBe(0)
  })

  it('alone, the config is refused by validate naming the config file, the key and the keys that fix it', async () => {
    const alone = await cli(['validate', 'configs/dict.yaml'])
    expect(alone.code).toBe(2)
    expect(alone.err).toMatch(
      /error E_CORPUS_FORMAT in \S*configs\/dict\.yaml: zstd_dict_training_corpus: dictionary training corpus \S*events-msg\.jsonl: line 1: .*no "text" field \(fields: msg, kind\).*zstd_dict_training_text_field/,
    )
    write(
      'configs/dict-msg.yaml',
      'name: dict-msg\nfallback: zstd_dict\nzstd_dict_training_corpus: ../data/events-msg.jsonl\nzstd_dict_training_text_field: msg\n',
    )
    expect(await cli(['validate', 'configs/dict-msg.yaml'])).toMatchObject({ code: 0, err: '' })
  })

  it('another suite corpus (txt) and the config at run: the error names the config, exit 2 before measuring', async () => {
    write('data/other.txt', 'one line\nanother line\n')
    write(
      'suites/other.yaml',
      'name: other\ncorpora:\n  - ../data/other.txt\nconfigs:\n  - ../configs/dict.yaml\nlatency: { enabled: false }\n',
    )
    const run = await cli(['run', 'suites/other.yaml', '--out', 'out-other', '--no-charts', '--no-html'])
    expect(run.code).toBe(2)
    expect(run.err).toMatch(/^error E_CORPUS_FORMAT in \S*configs\/dict\.yaml: zstd_dict_training_corpus: /)
    expect((await cli(['validate', 'suites/other.yaml'])).code).toBe(2)
  })
})

describe('run says its warnings on stderr', () => {
  it('an in-sample dictionary, also with --quiet (stdout empty)', async () => {
    const run = await cli(['run', 'suites/same-file.yaml', '--out', 'out-quiet', '--no-charts', '--no-html', '--quiet'])
    expect(run.code).toBe(0)
    expect(run.out).toBe('')
    expect(run.err).toMatch(
      /^warning: config dict on corpus events-msg: its zstd_dict_training_corpus \.\.\/data\/events-msg\.jsonl is the measured corpus file .*in-sample\n$/,
    )
  })
})

describe('a file of another kind where a suite goes', () => {
  it('run, compare, replay and cost --suite say what it is in one error, exit 2', async () => {
    for (const args of [
      ['run', 'configs/dict.yaml', '--out', 'out-kind'],
      ['compare', 'configs/dict.yaml', '--out', 'out-kind'],
      ['replay', 'out-same-file/results.json', '--out', 'out-kind'],
      ['cost', '--suite', 'configs/dict.yaml', '--messages-per-day', '1M', '--price-per-gb', '0.1'],
    ]) {
      const { code, err } = await cli(args)
      expect(code, args.join(' ')).toBe(2)
      expect(err.split('\n').filter((line) => line.startsWith('error '))).toEqual([
        expect.stringMatching(
          args[1] === 'configs/dict.yaml' || args[2] === 'configs/dict.yaml'
            ? /^error E_SCHEMA in \S*configs\/dict\.yaml: dict\.yaml is a compressor config, not a suite$/
            : /^error E_SCHEMA in \S*results\.json: results\.json is a results\.json written by `aura-bench run` \(or `merge`\), not a suite$/,
        ),
      ])
    }
  })
})
