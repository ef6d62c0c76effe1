/** Shared by the gate's end-to-end tests: runCli with a fake io, and small suites written into a temporary folder. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../src/cli/index.ts'

/** The repository root (this file lives in test/). */
export const REPO = path.resolve(import.meta.dirname, '..')

/** What one CLI invocation printed and returned. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in `cwd` with the given environment, capturing its output. */
export async function cli(argv: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd,
  })
  return { code, stdout, stderr }
}

/** Processes whose command line mentions the folder (a CLI run in it, its children): the signal tests' leftovers check. */
export function processesIn(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir) && !line.includes('ps -eo'))
}

/** A fresh temporary folder. */
export function tempFolder(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `aura-${prefix}-`))
}

/** Writes a suite on the seed's 25 messages into `dir` and returns its path; configs and targets as given (YAML lines). */
export function writeSuite(
  dir: string,
  name: string,
  configs: readonly string[],
  targets: readonly string[],
  extra = '',
): string {
  const file = path.join(dir, `${name}.yaml`)
  writeFileSync(
    file,
    [
      `name: ${name}`,
      'corpora:',
      `  - { path: ${JSON.stringify(path.join(REPO, 'corpora/week1/messages.jsonl'))}, name: week1 }`,
      'configs:',
      ...configs.map((c) => `  - ${JSON.stringify(c)}`),
      'targets:',
      ...targets.map((t) => `  - ${t}`),
      extra,
    ].join('\n'),
  )
  return file
}

/** True when `command --version` runs: a tool a test needs (python3, promtool) is installed. */
export function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * The gateway-like corpus (gw.jsonl, 600 JSON status messages) and the stateful zstd config `st` (st.yaml) that
 * compare's gate tests judge (compare-stateful-gate.test.ts, compare-step-summary.test.ts), written into `dir`.
 */
export function writeStatefulGateCorpus(dir: string): void {
  const lines = Array.from({ length: 600 }, (_, i) =>
    JSON.stringify({
      text: JSON.stringify({ type: 'status', seq: i, user: `u${i % 17}`, state: ['open', 'busy', 'idle'][i % 3] }),
    }),
  )
  writeFileSync(path.join(dir, 'gw.jsonl'), `${lines.join('\n')}\n`)
  writeFileSync(
    path.join(dir, 'st.yaml'),
    'name: st\nmode: stateful\nzstd_dict_size_bytes: 4096\nstateful: { codec: zstd, level: 3 }\n',
  )
}

/** A suite over writeStatefulGateCorpus's corpus with the config `st`, these target lines, a `question:` when given, and `extra` YAML. */
export function writeStatefulGateSuite(
  dir: string,
  name: string,
  targets: readonly string[],
  options: { extra?: string; question?: string } = {},
): string {
  const file = path.join(dir, `${name}.yaml`)
  writeFileSync(
    file,
    [
      `name: ${name}`,
      ...(options.question === undefined ? [] : [`question: ${options.question}`]),
      'corpora:',
      '  - { path: gw.jsonl, name: gw, split: { train_fraction: 0.5, mode: ordered } }',
      'configs: [ st.yaml ]',
      ...(targets.length === 0 ? [] : ['targets:', ...targets.map((t) => `  - ${t}`)]),
      'compare: { brotli: [], brotli_native: [], zstd: [], zstd_napi: [1], zstd_dict: { sizes_kb: [], levels: [] }, deflate: [] }',
      options.extra ?? '',
      '',
    ].join('\n'),
  )
  return file
}
