/**
 * The bad-input table: every row runs the CLI on a fixture of test/bad-inputs/ (or a file made here,
 * for the huge ones) and checks the exit code, that stderr names the file and the field or line, and
 * that no stack trace is printed. The rows' real first lines of stderr make docs/bad-inputs.md:
 * this file checks the doc and the README's copy of the table are current; `UPDATE_BAD_INPUTS_DOC=1 npx vitest run test/bad-inputs.test.ts` rewrites it.
 */
import { execFileSync } from 'node:child_process'
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/index.ts'
import { createFakeIo, withoutWarnings } from '../src/cli/test-support.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { checkResultsContract } from '../src/report/index.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const tmp = mkdtempSync(join(tmpdir(), 'aura-bad-inputs-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const DOC = join(repo, 'docs/bad-inputs.md')
const README = join(repo, 'README.md')

interface Row {
  /** the bad input, as the doc's first column says it */
  input: string
  /** suite to run, relative to the repo (or absolute, for files made at test time) */
  suite: string | (() => string)
  exit: number
  /** stderr must name this file (relative to the repo, or absolute) */
  file: string
  /** and, right after it, this line and/or field (`:8: targets[0].pass`) */
  where?: string
  /** a phrase the message must hold (did-you-mean, what to do) */
  says?: string | RegExp
  /** `validate` finds it too, without running anything */
  validates?: true
  /** output rows: prepares the --out folder (and what is in the way) and returns it; default $TMP/out */
  out?: () => string
  /** more flags (--junit, ...); charts are off unless `charts` */
  extra?: () => string[]
  charts?: true
}

const FIXTURES = 'test/bad-inputs'
const fixture = (name: string) => `${FIXTURES}/${name}`

/** A suite in the temp folder over a corpus written there by `write`. */
function generated(name: string, write: (path: string) => void): () => string {
  return () => {
    const corpus = join(tmp, name)
    write(corpus)
    const suite = join(tmp, `${name}.yaml`)
    writeFileSync(
      suite,
      `corpora: [${JSON.stringify(corpus)}]\nconfigs: [${JSON.stringify(join(repo, fixture('configs/plain.yaml')))}]\n`,
    )
    return suite
  }
}

/** A jsonl corpus whose second line holds a 17 MB message (over the 16 MiB cap); the file is parsed line by line. */
function writeSeventeenMegabyteJsonl(path: string): void {
  writeFileSync(path, `{"text": "small"}\n{"text": "${'x'.repeat(17 * 1024 * 1024)}"}\n`)
}

/** A txt corpus whose second line is 100 MiB; the loader counts it without buffering it. */
function writeHundredMegabyteTxt(path: string): void {
  const fd = openSync(path, 'w')
  const chunk = Buffer.alloc(1024 * 1024, 0x79)
  writeSync(fd, 'small\n')
  for (let i = 0; i < 100; i++) writeSync(fd, chunk)
  writeSync(fd, '\nlast\n')
  closeSync(fd)
}

/** A FIFO (named pipe) at `name` in the temp folder: reading it would block until a writer came. */
function fifo(name: string): () => string {
  return () => {
    const path = join(tmp, name)
    rmSync(path, { force: true })
    execFileSync('mkfifo', [path])
    return path
  }
}

/** A suite in the temp folder with this text (written with `encoding`). */
function suiteText(name: string, text: string, encoding: BufferEncoding = 'utf8', prefix: number[] = []): () => string {
  return () => {
    const path = join(tmp, name)
    writeFileSync(path, Buffer.concat([Buffer.from(prefix), Buffer.from(text, encoding)]))
    return path
  }
}

const PLAIN_CONFIG = () => JSON.stringify(join(repo, fixture('configs/plain.yaml')))

const ROWS: Row[] = [
  {
    input: 'missing suite file',
    suite: fixture('no-such-suite.yaml'),
    exit: 2,
    file: fixture('no-such-suite.yaml'),
    says: 'suite file not found',
  },
  {
    input: 'suite path is a folder',
    suite: fixture('suite-is-a-folder.yaml'),
    exit: 2,
    file: fixture('suite-is-a-folder.yaml'),
    says: 'is a folder',
    validates: true,
  },
  {
    input: 'a compressor config given as the suite',
    suite: fixture('configs/plain.yaml'),
    exit: 2,
    file: fixture('configs/plain.yaml'),
    says: 'plain.yaml is a compressor config, not a suite',
  },
  {
    input: 'a results.json given as the suite',
    suite: suiteText(
      'results.json',
      JSON.stringify({ schemaVersion: 1, suite: 'x', runs: [], gate: { status: 'pass', reasons: [] }, warnings: [] }),
    ),
    exit: 2,
    file: join(tmp, 'results.json'),
    says: 'results.json is a results.json written by `aura-bench run` (or `merge`), not a suite',
  },
  {
    input: 'malformed YAML',
    suite: fixture('malformed-yaml.yaml'),
    exit: 2,
    file: fixture('malformed-yaml.yaml'),
    where: ':9',
    says: 'malformed YAML',
    validates: true,
  },
  {
    input: 'wrong type (a string where a number goes)',
    suite: fixture('wrong-type.yaml'),
    exit: 2,
    file: fixture('wrong-type.yaml'),
    where: ':8: targets[0].pass',
    says: 'must be a number, found the string "1.5x"',
    validates: true,
  },
  {
    input: 'unknown key (`targts`)',
    suite: fixture('unknown-key.yaml'),
    exit: 2,
    file: fixture('unknown-key.yaml'),
    where: ':8: targts',
    says: 'did you mean `targets`?',
    validates: true,
  },
  {
    input: 'unknown metric (`ratoi`)',
    suite: fixture('unknown-metric.yaml'),
    exit: 2,
    file: fixture('unknown-metric.yaml'),
    where: ':8: targets[0].metric',
    says: 'did you mean `ratio`?',
    validates: true,
  },
  {
    input: 'NaN threshold (`.nan`)',
    suite: fixture('nan-threshold.yaml'),
    exit: 2,
    file: fixture('nan-threshold.yaml'),
    where: ':8: targets[0].pass',
    says: 'found NaN',
    validates: true,
  },
  {
    input: 'a compare level listed twice (`zstd: [1, 3, 3]`)',
    suite: fixture('compare-level-twice.yaml'),
    exit: 2,
    file: fixture('compare-level-twice.yaml'),
    where: ':8: compare.zstd[2]',
    says: 'level 3 is already listed at [1]',
    validates: true,
  },
  {
    input: 'negative threshold for a share',
    suite: fixture('negative-threshold.yaml'),
    exit: 2,
    file: fixture('negative-threshold.yaml'),
    where: ':8: targets[0].pass',
    says: 'pass -0.5 is outside',
    validates: true,
  },
  {
    input: '`near` on the wrong side of `pass`',
    suite: fixture('near-wrong-side.yaml'),
    exit: 2,
    file: fixture('near-wrong-side.yaml'),
    where: ':8: targets[0].near',
    says: 'must be below pass 1.5',
    validates: true,
  },
  {
    input: 'gate naming an unknown config',
    suite: fixture('gate-unknown-config.yaml'),
    exit: 2,
    file: fixture('gate-unknown-config.yaml'),
    where: ':9: gate.configs[0]',
    says: 'did you mean `emergency`?',
    validates: true,
  },
  {
    input: 'missing config file',
    suite: fixture('missing-config.yaml'),
    exit: 2,
    file: fixture('missing-config.yaml'),
    where: ':6: configs[0].path',
    says: 'does not exist',
    validates: true,
  },
  {
    input: 'missing corpus file',
    suite: fixture('missing-corpus.yaml'),
    exit: 2,
    file: fixture('missing-corpus.yaml'),
    where: ':4: corpora[0].path',
    says: 'does not exist',
    validates: true,
  },
  {
    input: 'corpus path is a folder',
    suite: fixture('corpus-is-a-folder.yaml'),
    exit: 2,
    file: fixture('corpus-is-a-folder.yaml'),
    where: ':4: corpora[0].path',
    says: 'is a folder',
    validates: true,
  },
  {
    input: 'empty corpus',
    suite: fixture('empty-corpus.yaml'),
    exit: 2,
    file: fixture('empty-corpus.yaml'),
    where: ':4: corpora[0]',
    says: /corpus "empty" \(.*test\/bad-inputs\/corpora\/empty\.jsonl\) has no messages/,
  },
  {
    input: 'invalid UTF-8 in a jsonl corpus (text required)',
    suite: fixture('invalid-utf8-jsonl.yaml'),
    exit: 2,
    file: fixture('corpora/invalid-utf8.jsonl'),
    where: ':2',
    says: 'not valid UTF-8',
  },
  {
    input: 'malformed JSONL line',
    suite: fixture('malformed-jsonl.yaml'),
    exit: 2,
    file: fixture('corpora/malformed.jsonl'),
    where: ':4',
    says: 'line 4 is not valid JSON',
  },
  {
    input: 'one 17 MB message in a jsonl corpus (over the 16 MiB cap; made at test time)',
    suite: generated('seventeen-mb.jsonl', writeSeventeenMegabyteJsonl),
    exit: 2,
    file: 'seventeen-mb.jsonl',
    where: ':2',
    says: 'is 17825792 bytes, over the 16777216-byte cap',
  },
  {
    input: 'one 100 MiB message in a txt corpus (made at test time)',
    suite: generated('hundred-mb.txt', writeHundredMegabyteTxt),
    exit: 2,
    file: 'hundred-mb.txt',
    where: ':2',
    says: 'is 104857600 bytes',
  },
  {
    input: "a message over a config's `max_message_bytes` (64 here)",
    suite: fixture('capped-config.yaml'),
    exit: 1,
    file: 'capped',
    says: /E_MESSAGE_TOO_LARGE: message of 74 bytes exceeds max_message_bytes 64/,
  },
  {
    input: 'unknown config key (`min_compresion_size`)',
    suite: fixture('config-unknown-key.yaml'),
    exit: 2,
    file: fixture('configs/unknown-key.yaml'),
    where: ':4: min_compresion_size',
    says: 'did you mean `min_compression_size`?',
    validates: true,
  },
  {
    input: '`run` on a suite naming a `mode: stateful` config (compare and replay measure it)',
    suite: fixture('stateful-config.yaml'),
    exit: 2,
    file: fixture('stateful-config.yaml'),
    where: ':6: configs[0]',
    says: 'run measures single messages',
  },
  {
    input: 'zstd dictionary file that is empty (0 bytes)',
    suite: fixture('config-empty-dict.yaml'),
    exit: 2,
    file: fixture('configs/empty-dict.yaml'),
    where: ':3: zstd_dict_path',
    says: 'is empty (0 bytes)',
    validates: true,
  },
  {
    input: '`stateful:` block without `mode: stateful` (it would be ignored)',
    suite: fixture('config-orphan-stateful.yaml'),
    exit: 2,
    file: fixture('configs/orphan-stateful.yaml'),
    where: ':3: stateful',
    says: 'add `mode: stateful`',
    validates: true,
  },
  {
    input: 'a `mode: stateful` config with a per-message key (`fallback`) it would ignore',
    suite: fixture('config-stateful-fallback.yaml'),
    exit: 2,
    file: fixture('configs/stateful-fallback.yaml'),
    where: ':3: fallback',
    says: 'not used with `mode: stateful`',
    validates: true,
  },
  {
    input: 'config file that is empty (0 bytes)',
    suite: fixture('config-empty.yaml'),
    exit: 2,
    file: fixture('configs/empty.yaml'),
    says: 'the config file is empty',
    validates: true,
  },
  {
    input: 'unknown codec (`fallback: brotly`)',
    suite: fixture('config-unknown-codec.yaml'),
    exit: 2,
    file: fixture('configs/unknown-codec.yaml'),
    where: ':3: fallback',
    says: 'did you mean `brotli`?',
    validates: true,
  },
  {
    input: 'config `template_store_path` missing',
    suite: fixture('config-store-missing.yaml'),
    exit: 2,
    file: fixture('configs/store-missing.yaml'),
    where: ':3: template_store_path',
    says: 'stores/no-such-store.json does not exist',
    validates: true,
  },
  {
    input: 'corrupt template store (duplicate id, placeholder numbering, identical patterns)',
    suite: fixture('config-store-corrupt.yaml'),
    exit: 2,
    // the config's key first (round 29), then the store's own problems
    file: fixture('configs/store-corrupt.yaml'),
    where: ':3: template_store_path',
    says: /names \.\.\/stores\/corrupt\.json, which cannot be used as a template store:\n.*stores\/corrupt\.json: templates\[1\]\.id: .*ids must be unique\n.*templates\[2\]\.pattern: placeholders must be numbered.*\n.*templates\[3\]\.pattern: pattern is identical/,
    validates: true,
  },
  {
    input: 'suite path is a FIFO (named pipe; made at test time)',
    suite: fifo('suite-fifo.yaml'),
    exit: 2,
    file: 'suite-fifo.yaml',
    says: 'is a FIFO (named pipe); aura-bench reads only regular files',
  },
  {
    input: 'corpus path is /dev/zero (a device)',
    suite: () =>
      suiteText(
        'dev-zero-corpus.yaml',
        `corpora: [{ path: /dev/zero, format: txt }]\nconfigs: [${PLAIN_CONFIG()}]\n`,
      )(),
    exit: 2,
    file: 'dev-zero-corpus.yaml',
    where: ':1: corpora[0].path',
    says: 'is a FIFO, device or socket',
  },
  {
    input: 'corpus path is a FIFO (made at test time)',
    suite: () => {
      const corpus = fifo('corpus-fifo.txt')()
      return suiteText('fifo-corpus.yaml', `corpora: [${JSON.stringify(corpus)}]\nconfigs: [${PLAIN_CONFIG()}]\n`)()
    },
    exit: 2,
    file: 'fifo-corpus.yaml',
    where: ':1: corpora[0].path',
    says: 'is a FIFO, device or socket',
  },
  {
    input: 'config path is a FIFO (made at test time; reading its `name:` used to block the whole process)',
    suite: () => {
      const config = fifo('config-fifo.yaml')()
      return suiteText(
        'fifo-config.yaml',
        `corpora: [${JSON.stringify(join(repo, fixture('corpora/good.jsonl')))}]\nconfigs: [${JSON.stringify(config)}]\n`,
      )()
    },
    exit: 2,
    file: 'fifo-config.yaml',
    where: ':2: configs[0].path',
    says: 'is a FIFO, device or socket',
  },
  {
    input: 'config `zstd_dict_path` is /dev/zero',
    suite: () => {
      writeFileSync(join(tmp, 'dict-dev-zero.yaml'), 'name: dict\nfallback: zstd_dict\nzstd_dict_path: /dev/zero\n')
      return suiteText(
        'dict-dev-zero-suite.yaml',
        `corpora: [${JSON.stringify(join(repo, fixture('corpora/good.jsonl')))}]\nconfigs: [${JSON.stringify(join(tmp, 'dict-dev-zero.yaml'))}]\n`,
      )()
    },
    exit: 2,
    file: 'dict-dev-zero.yaml',
    where: ':3: zstd_dict_path',
    says: 'is a FIFO, device or socket',
  },
  {
    input: 'config `template_store_path` is /dev/zero',
    suite: fixture('config-store-dev-zero.yaml'),
    exit: 2,
    file: fixture('configs/store-dev-zero.yaml'),
    where: ':3: template_store_path',
    says: 'is a FIFO, device or socket',
    validates: true,
  },
  {
    input: 'suite file saved as UTF-16 (made at test time)',
    suite: suiteText('utf16-suite.yaml', `corpora: [a.txt]\nconfigs: [b.yaml]\n`, 'utf16le', [0xff, 0xfe]),
    exit: 2,
    file: 'utf16-suite.yaml',
    says: 'is UTF-16 text; aura-bench reads UTF-8',
  },
  {
    input: 'suite file with bytes that are not UTF-8 (Latin-1 on line 2; made at test time)',
    suite: suiteText('latin1-suite.yaml', `name: x\ndescription: caf\xe9\ncorpora: [a.txt]\n`, 'latin1'),
    exit: 2,
    file: 'latin1-suite.yaml',
    where: ':2',
    says: 'is not valid UTF-8 (line 2)',
  },
  {
    input: 'template store is malformed JSON',
    suite: fixture('config-store-malformed.yaml'),
    exit: 2,
    file: fixture('configs/store-malformed.yaml'),
    where: ':3: template_store_path',
    says: /which cannot be used as a template store:\n.*stores\/malformed\.json:7: .*is not valid JSON/,
    validates: true,
  },
  {
    input: 'a JSONL corpus given as the suite (`run corpus.jsonl`; it was one YAML syntax error per line)',
    suite: fixture('corpora/good.jsonl'),
    exit: 2,
    file: fixture('corpora/good.jsonl'),
    says: 'good.jsonl looks like a JSONL corpus',
  },
]

/** Output rows: a folder in the temp folder, prepared by `prepare` (something of the user's in the way). */
function outputFolder(name: string, prepare: (dir: string) => void = () => undefined): () => string {
  return () => {
    const dir = join(tmp, name)
    mkdirSync(dir, { recursive: true })
    prepare(dir)
    return dir
  }
}
const aFile = (name: string) => () => {
  writeFileSync(join(tmp, name), 'a file\n')
  return join(tmp, name)
}
const GOOD = fixture('bom-crlf-txt.yaml')

/** A suite in $TMP/name whose config is a copy there ("my cfg.yaml"), for rows that aim an output at it. */
function suiteWithOwnConfig(name: string): () => string {
  return () => {
    const folder = outputFolder(name)()
    const config = join(folder, 'my cfg.yaml')
    writeFileSync(config, readFileSync(join(repo, fixture('configs/plain.yaml'))))
    const suite = join(folder, 'my suite.yaml')
    writeFileSync(
      suite,
      `corpora: [${JSON.stringify(join(repo, fixture('corpora/good.jsonl')))}]\nconfigs: [${JSON.stringify(config)}]\n`,
    )
    return suite
  }
}

const OUTPUT_ROWS: Row[] = [
  {
    input: '`--out` names a file',
    suite: GOOD,
    out: aFile('out-is-a-file'),
    exit: 2,
    file: join(tmp, 'out-is-a-file'),
    says: 'a folder was expected',
  },
  {
    input: '`--out` under a file',
    suite: GOOD,
    out: () => join(aFile('parent-is-a-file')(), 'report'),
    exit: 2,
    file: join(tmp, 'parent-is-a-file', 'report'),
    says: 'ENOTDIR',
  },
  {
    input: "`--out` where folders cannot be made (`/proc/...`; Node's recursive mkdir spins forever there)",
    suite: GOOD,
    out: () => '/proc/aura-bad-inputs/report',
    exit: 2,
    file: '/proc/aura-bad-inputs/report',
    says: 'EPERM',
  },
  {
    input: 'two suites with the same `name` (their reports would share one folder; checked before measuring)',
    suite: GOOD,
    extra: () => [GOOD],
    exit: 2,
    file: join(repo, GOOD),
    where: ': name',
    says: 'the second would replace the first',
  },
  {
    input: '`--junit` under a file (checked before measuring)',
    suite: GOOD,
    extra: () => ['--junit', join(aFile('junit-parent')(), 'junit.xml')],
    exit: 2,
    file: join(tmp, 'junit-parent', 'junit.xml'),
    says: /junit-parent is a file, not a folder/,
  },
  {
    input:
      "`--save-baseline` names the run's own config (any file flag naming a file aura-bench did not write: checked before measuring, the file intact)",
    suite: suiteWithOwnConfig('save-over-config'),
    extra: () => ['--save-baseline', join(tmp, 'save-over-config', 'my cfg.yaml')],
    exit: 2,
    file: join(tmp, 'save-over-config', 'my cfg.yaml'),
    says: /exists and is not one; --save-baseline replaces only a results.json or baseline aura-bench wrote/,
  },
  {
    input:
      "`--save-baseline` with `--limit` (a partial run; round 31; a corpus's own `limit:` is part of the suite, so that baseline is saved): refused before measuring since round 40, nothing written (a run that failed is refused after its report)",
    suite: GOOD,
    extra: () => ['--limit', '5', '--save-baseline', join(tmp, 'partial-baseline.json')],
    exit: 2,
    file: join(tmp, 'partial-baseline.json'),
    where: ': --save-baseline',
    says: /does not save a partial run, and --limit 5 and --no-latency make this one partial .*nothing was measured or written.*add --allow-partial-baseline/s,
  },
  {
    input:
      '`--save-baseline` with `--no-latency` in a suite that measures latency (round 35; a baseline that would compare no latency on any later run): refused before measuring since round 40, nothing written',
    suite: GOOD,
    extra: () => ['--save-baseline', join(tmp, 'untimed-baseline.json')],
    exit: 2,
    file: join(tmp, 'untimed-baseline.json'),
    where: ': --save-baseline',
    says: /does not save a partial run, and --no-latency makes this one partial \(--no-latency: it measures no latency in a suite that measures it\)/s,
  },
  {
    input: '`--junit` names a file that is not JUnit XML aura-bench wrote',
    suite: GOOD,
    extra: () => ['--junit', aFile('junit-users')()],
    exit: 2,
    file: join(tmp, 'junit-users'),
    says: /--junit replaces only JUnit XML aura-bench wrote/,
  },
  {
    input: '`--prometheus` names a folder',
    suite: GOOD,
    extra: () => ['--prometheus', outputFolder('metrics-folder')()],
    exit: 2,
    file: join(tmp, 'metrics-folder'),
    says: 'EISDIR',
  },
  {
    input:
      "`--out DIR` where `DIR/charts/` is the user's (a Helm chart); with `--no-charts` the run goes on and leaves it alone",
    suite: GOOD,
    charts: true,
    out: outputFolder('helm', (dir) => {
      mkdirSync(join(dir, 'charts', 'templates'), { recursive: true })
      writeFileSync(join(dir, 'charts', 'Chart.yaml'), 'apiVersion: v2\n')
    }),
    exit: 2,
    file: join(tmp, 'helm', 'charts'),
    says: 'pass --no-charts',
  },
  {
    input: '`DIR/report.md` is a symbolic link aura-bench did not make (never written through)',
    suite: GOOD,
    out: outputFolder('linked', (dir) => symlinkSync(join(tmp, 'elsewhere.md'), join(dir, 'report.md'))),
    exit: 2,
    file: join(tmp, 'linked', 'report.md'),
    says: 'symbolic link',
  },
  {
    input: "`DIR/.aura-bench` exists and is a file (not aura-bench's state folder)",
    suite: GOOD,
    out: outputFolder('state-is-a-file', (dir) => writeFileSync(join(dir, '.aura-bench'), 'x')),
    exit: 2,
    file: join(tmp, 'state-is-a-file'),
    says: 'EEXIST',
  },
  {
    input: '`--out DIR` while another aura-bench writes to it (`--wait` waits instead)',
    suite: GOOD,
    out: outputFolder('locked', (dir) => {
      mkdirSync(join(dir, '.aura-bench'), { recursive: true })
      writeFileSync(
        join(dir, '.aura-bench', 'lock'),
        JSON.stringify({
          pid: process.ppid,
          host: hostname(),
          processStart: null,
          startedAt: '2026-12-05T04:00:00.000Z',
          token: 'live',
        }),
      )
    }),
    exit: 2,
    file: join(tmp, 'locked'),
    says: /E_OUTPUT_LOCKED.*\(pid \d+, since/,
  },
]

/** What the doc shows for a row: stderr's first line but for warnings, paths made relative; after `gate: FAIL`, the reason too. */
function shownLines(stderr: string): string {
  const lines = withoutWarnings(stderr)
    .replaceAll(`${repo}`, '')
    .replaceAll(tmp, '$TMP')
    .replace(/\bpid \d+/g, 'pid N')
    .split('\n')
  return lines[0] === 'gate: FAIL' ? `${lines[0]} / ${lines[1]?.trim()}` : (lines[0] ?? '')
}

/** What one CLI run printed and returned. */
interface Outcome {
  code: number
  out: string
  err: string
}

/**
 * Each input runs once per process, whichever test asks first: every test awaits the outcomes it
 * needs, so the doc's table does not depend on the order tests run in (`--sequence.shuffle`).
 */
const outcomes = new Map<string, Promise<unknown>>()
function once<T>(key: string, run: () => Promise<T>): Promise<T> {
  let outcome = outcomes.get(key) as Promise<T> | undefined
  if (outcome === undefined) {
    outcome = run()
    outcomes.set(key, outcome)
  }
  return outcome
}

function runRow(row: Row): Promise<Outcome> {
  return once(`row: ${row.input}`, async () => {
    const suite = typeof row.suite === 'string' ? row.suite : row.suite()
    const io = createFakeIo({ cwd: repo })
    const flags = [
      '--out',
      // a folder per suite: since round 34 a folder holding another suite's report is refused (E_OUTPUT) before
      // the suite's own problem would be found
      row.out?.() ?? join(tmp, 'out', basename(suite)),
      '--no-latency',
      ...(row.charts ? [] : ['--no-charts']),
      '--quiet',
      ...(row.extra?.() ?? []),
    ]
    const code = await runCli(['run', suite, ...flags], io)
    return { code, out: io.out(), err: io.err() }
  })
}

describe('bad inputs: exit code, file and field or line on stderr, no stack', () => {
  it.each([...ROWS, ...OUTPUT_ROWS])('$input', async (row) => {
    const { code, out, err: stderr } = await runRow(row)
    expect(code).toBe(row.exit)
    expect(out).toBe('')
    expect(stderr).not.toMatch(/^ {4}at /m)
    expect(stderr).not.toMatch(/internal error/)
    const firstLine = withoutWarnings(stderr).split('\n')[0] ?? ''
    if (row.exit === 2) {
      expect(firstLine).toMatch(/^error E_[A-Z0-9_]+ in /)
      expect(firstLine).toContain(row.file)
    } else expect(stderr).toContain(row.file)
    if (row.where !== undefined) expect(firstLine).toContain(`${row.file}${row.where}`)
    if (row.says !== undefined)
      expect(stderr).toMatch(typeof row.says === 'string' ? new RegExp(escapeRegExp(row.says)) : row.says)
  })

  it.each(ROWS.filter((row) => row.validates === true))('validate finds it too: $input', async (row) => {
    const io = createFakeIo({ cwd: repo })
    expect(await runCli(['validate', row.suite as string], io)).toBe(2)
    expect(io.err()).toContain(row.file)
    expect(io.err()).not.toMatch(/^ {4}at /m)
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Inputs that look bad but are legal, as the doc's last rows name them (fixture suite -> row). */
const LEGAL_INPUTS = {
  'invalid-utf8-txt': 'invalid UTF-8 bytes in a .txt corpus (legal: bytes)',
  'bom-crlf-txt': 'UTF-8 BOM and CRLF line ends in a .txt corpus (legal: both stripped)',
} as const

function runLegal(name: keyof typeof LEGAL_INPUTS): Promise<Outcome & { out: string }> {
  return once(`legal: ${name}`, async () => {
    const out = join(tmp, `out-${name}`)
    const io = createFakeIo({ cwd: repo })
    const code = await runCli(
      ['run', fixture(`${name}.yaml`), '--out', out, '--no-latency', '--no-charts', '--quiet'],
      io,
    )
    return { code, out, err: io.err() }
  })
}

/** The doc's rows: every bad input in table order, then the legal ones. */
async function seenRows(): Promise<Array<{ input: string; shown: string; exit: number }>> {
  const seen: Array<{ input: string; shown: string; exit: number }> = []
  for (const row of [...ROWS, ...OUTPUT_ROWS]) {
    const { code, err } = await runRow(row)
    seen.push({ input: row.input, shown: shownLines(err), exit: code })
  }
  for (const [name, input] of Object.entries(LEGAL_INPUTS)) {
    const { code, err } = await runLegal(name as keyof typeof LEGAL_INPUTS)
    seen.push({ input, shown: shownLines(err), exit: code })
  }
  return seen
}

/** Inputs that look bad but are legal: they run, and every message round-trips byte for byte. */
describe('legal inputs that look bad', () => {
  async function runFixture(name: keyof typeof LEGAL_INPUTS) {
    const { code, out, err } = await runLegal(name)
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      runs: Array<{
        config: string
        metrics: { messages: number; originalBytes: number; roundTrip: { checked: number; mismatches: number } }
      }>
    }
    expect(checkResultsContract(results)).toEqual([])
    return { code, err, results }
  }

  it('invalid UTF-8 bytes in a .txt corpus are kept and round-trip under both framings', async () => {
    const { code, err, results } = await runFixture('invalid-utf8-txt')
    expect([code, withoutWarnings(err)]).toEqual([0, ''])
    const messages = await loadCorpus({ path: join(repo, fixture('corpora/invalid-utf8.txt')) })
    expect(messages.map((m) => Buffer.from(m.bytes).toString('latin1'))).toEqual([
      'Latin-1 caf\xe9 is legal bytes',
      'lone continuation \x80\x81 and a truncated \xe2\x82 sequence',
      'plain ASCII line',
    ])
    const fileBytes = readFileSync(join(repo, fixture('corpora/invalid-utf8.txt'))).length
    for (const run of results.runs) {
      expect(run.metrics.roundTrip).toEqual({ checked: 3, mismatches: 0 })
      // every byte but the three newlines is message
      expect(run.metrics.originalBytes).toBe(fileBytes - 3)
    }
    expect(results.runs.map((r) => r.config)).toEqual(['plain', 'emergency'])
  })

  it('a BOM and CRLF line ends in a .txt corpus: the BOM and each \\r are not part of any message', async () => {
    const { code, err, results } = await runFixture('bom-crlf-txt')
    expect([code, withoutWarnings(err)]).toEqual([0, ''])
    const messages = await loadCorpus({ path: join(repo, fixture('corpora/bom-crlf.txt')) })
    expect(messages.map((m) => Buffer.from(m.bytes).toString('utf8'))).toEqual([
      'First line after a byte order mark',
      'Second line, CRLF',
      'Third line, no final newline',
    ])
    const fileBytes = readFileSync(join(repo, fixture('corpora/bom-crlf.txt'))).length
    expect(results.runs[0]?.metrics).toMatchObject({
      messages: 3,
      originalBytes: fileBytes - 3 - 2 * 2,
      roundTrip: { checked: 3, mismatches: 0 },
    })
  })
})

/** The table itself (header and rows) from the outputs of the rows; docs/bad-inputs.md and the README show it. */
function renderTable(seen: Array<{ input: string; shown: string; exit: number }>): string[] {
  const rows = seen.map(
    ({ input, shown, exit }) =>
      `| ${input} | ${shown === '' ? '(nothing: the suite runs)' : `\`\` ${shown.replaceAll('|', '\\|')} \`\``} | ${exit} |`,
  )
  return [
    "| bad input | what the user sees (the first line of stderr as printed, but paths: relative to the checkout, the test's temp folder as $TMP) | exit |",
    '|---|---|---|',
    ...rows,
  ]
}

/** The table of docs/bad-inputs.md from the outputs of the rows. */
function renderDoc(seen: Array<{ input: string; shown: string; exit: number }>): string {
  return [
    '# Bad inputs: what the user sees',
    '',
    'Generated from the outputs of `test/bad-inputs.test.ts` (`aura-bench run <suite> --quiet`, fixtures in',
    '`test/bad-inputs/`); regenerate with `UPDATE_BAD_INPUTS_DOC=1 npx vitest run test/bad-inputs.test.ts`.',
    'Paths are shown relative to the project (the CLI prints them absolute); `$TMP` is a temporary folder.',
    'Every exit-2 message names the file and the field or line, never with a stack trace; `aura-bench validate`',
    'reports the same problems of suites, configs and template stores without running anything.',
    'Backquotes in messages are shown as single quotes.',
    '',
    ...renderTable(seen),
    '',
    'Notes:',
    '',
    '- A corpus problem found while reading (empty, invalid UTF-8, a malformed line, an oversized message)',
    '  stops the suite: when earlier runs were measured they are written, marked incomplete; when nothing',
    '  was measured nothing is written and the previous report stays.',
    "- A message over the corpus cap (16 MiB, or the corpus entry's `max_message_bytes`, which drops larger",
    "  messages instead) is bad input (exit 2). A message over a compressor config's `max_message_bytes` is",
    '  refused by the compressor during the run: the run is recorded as failed and the gate fails (exit 1),',
    "  as for any codec error; with `--quiet` the gate's reasons go to stderr.",
    "- The table leaves out the `warning: ...` lines `run` prints first for results.json's warnings (a slow",
    '  config, a store made from the measured corpus, ...).',
    "- A jsonl corpus's `recordings.tsv` (read by every command, checked by `validate` too) is bad input",
    "  (E_CORPUS_FORMAT, exit 2, naming the recordings file and the row's line) when a row's `n_messages` is",
    '  not a positive integer, rows overlap, one path+recording is on rows not next to each other, or a row',
    "  runs or starts past the corpus's last line. Messages between rows are measured; compare and replay",
    '  replay them as one extra connection and say so in their warnings (docs/compare.md). A leading UTF-8',
    "  byte order mark is removed (round 36). A folder's `recordings.tsv` beside more than one JSONL file is",
    '  refused (E_CORPUS_FORMAT, exit 2, naming the recordings file, both corpora and the fix:',
    "  `<name>.recordings.tsv` per corpus, read before the folder's `recordings.tsv`).",
    '- `.txt` and `.log` corpora are bytes: invalid UTF-8 is legal and round-trips. A UTF-8 byte order mark',
    '  at the start of the file and the `\\r` of CRLF line ends are not message bytes (all formats); the mark',
    '  is removed before lines are measured, so it never counts against the 16 MiB cap.',
    '- Output paths (`--out`, `--junit`, `--prometheus`, `--alert-rules`, `--save-baseline`, the step summary;',
    '  `compare`, `cost` and `discover` outputs too) are checked before anything is measured; aura-bench',
    '  never moves, replaces or deletes what it did not write (docs/robustness.md, "Reports on disk").',
    '  The same checks through `compare`, `cost` and `discover`: `src/cli/output-env.test.ts`.',
    '- A read-only file system (EROFS) and a full one (ENOSPC) under `--out` are exit 2 naming the path, the',
    '  report already there intact (`test/output-mounts.test.ts`, real tmpfs mounts); a permission error',
    '  (EACCES/EPERM) likewise (`src/report/output-file.test.ts`, `src/report/output-folder.test.ts`). Any',
    '  other system error of that kind (ENOTDIR, EEXIST, EISDIR, ...) that no writer names is',
    '  `E_ENVIRONMENT`, exit 2 with its path; exit 3 is left to bugs.',
    "- Two runs into one `--out`: the second exits 2 naming the first one's pid, or waits with `--wait`",
    '  (`src/cli/output-env.test.ts`); a lock left by a killed run is taken over.',
    '- Only regular files are read (suites, configs, template stores, zstd dictionaries, baselines, corpora',
    '  and their companions; and for the other commands `cost --results`, `history` and its `--add`,',
    "  `discover`'s corpus, `--merge` store and `--evaluate` ground truth): a FIFO, a device such as",
    '  `/dev/zero` or a socket is `E_FILE_NOT_REGULAR` (exit 2, naming it) from its `stat`, never opened.',
    '  Every file is read up to a size limit fixed before reading (suites and configs 16 MiB, zstd',
    '  dictionaries 64 MiB, stores, baselines, results.json, histories, ground truths and whole-file corpora',
    '  256 MiB; txt/jsonl corpora are streamed with memory bounded per line): past it, `E_FILE_TOO_LARGE`',
    '  (`src/cli/input-readers.test.ts`).',
    '- A corpus file is read once per config. Its size, modification time, inode and the SHA-256 of the',
    '  bytes read are recorded at the first pass; a later pass that finds another file is',
    '  `E_INPUT_CHANGED` naming it (exit 2; runs already measured are written, marked incomplete). See',
    '  `docs/robustness.md` (inputs) for the test and the trust model.',
    '',
  ].join('\n')
}

/** The lists of known keys and metrics grow with every new key: the doc is compared without them. */
function withoutKnownLists(doc: string): string {
  return doc.replace(/\((known keys|metrics): [^)]*\)/g, '($1: ...)')
}

describe('docs/bad-inputs.md', () => {
  it('is the table of the outputs above', async () => {
    const seen = await seenRows()
    expect(seen).toHaveLength(ROWS.length + OUTPUT_ROWS.length + 2)
    const doc = renderDoc(seen)
    if (process.env.UPDATE_BAD_INPUTS_DOC === '1') writeFileSync(DOC, doc)
    expect(withoutKnownLists(readFileSync(DOC, 'utf8'))).toBe(withoutKnownLists(doc))
  })

  it('is also the table in the README, between its bad-inputs markers', async () => {
    const readme = readFileSync(README, 'utf8')
    const block = /<!-- bad-inputs:start -->\n([\s\S]*?)\n?<!-- bad-inputs:end -->/
    const table = renderTable(await seenRows()).join('\n')
    if (process.env.UPDATE_BAD_INPUTS_DOC === '1')
      writeFileSync(README, readme.replace(block, `<!-- bad-inputs:start -->\n${table}\n<!-- bad-inputs:end -->`))
    const current = block.exec(readFileSync(README, 'utf8'))?.[1]
    expect(withoutKnownLists(current ?? '(no bad-inputs block in README.md)')).toBe(withoutKnownLists(table))
  })
})
