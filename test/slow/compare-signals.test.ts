// s36-trial D1: `compare` with a stateful config ignored SIGINT / SIGTERM until the whole comparison had
// ended (11-22 s later, exit 0, the new comparison published): the stateful replay ran call after call
// on resolved promises and never let the event loop deliver the signal. Now it stops at the next yield
// point (src/compare/pace.ts): its own `interrupted: nothing written` line (not main's "still busy 3 s
// after the signal"), exit 130 / 143, the previous comparison as it was, no process left.
// Runs the compiled CLI (dist/), as cli-signals.test.ts does.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { processesIn, REPO, tempFolder } from '../gate-support.ts'

const MAIN = path.join(REPO, 'dist/bin/main.js')

/** JSON messages of a chat-like stream, one per line, `count` of them. */
function writeStream(file: string, count: number): void {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      text: JSON.stringify({
        type: ['status', 'delta', 'usage'][i % 3],
        seq: i,
        user: `u${i % 17}`,
        state: ['open', 'busy', 'idle'][i % 3],
        text: `token ${(i * 7919) % 1000} of ${i % 97} said ${'abcdefghij'.slice(i % 7)}`,
      }),
    }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
}

/** The stateful cm config alone (every codec family off), every held-out message replayed: seconds of work. */
function writeSuite(dir: string, corpus: string): string {
  writeFileSync(
    path.join(dir, 'cm.yaml'),
    'name: cm\nmode: stateful\nzstd_dict_size_bytes: 65536\nstateful: { codec: cm, window_log: 15, hash_log: 12 }\n',
  )
  const suite = path.join(dir, 'sig.yaml')
  writeFileSync(
    suite,
    [
      'name: sig',
      `corpora: [ { path: ${corpus}, name: gw, split: { train_fraction: 0.5, mode: ordered } } ]`,
      'configs: [ cm.yaml ]',
      'compare: { brotli: [], brotli_native: [], zstd: [], zstd_napi: [], zstd_dict: { sizes_kb: [], levels: [] }, deflate: [], permessage_deflate: { levels: [] }, zstd_stream: { levels: [] }, size_budget_ms: 600000, memory_connections: 10 }',
      '',
    ].join('\n'),
  )
  return suite
}

describe('compare with a stateful config on SIGINT and SIGTERM', () => {
  let previous = ''
  beforeAll(() => {
    // a previous comparison of the same suite on a few messages (a folder aura-bench wrote)
    const dir = tempFolder('compare-signals-previous')
    writeStream(path.join(dir, 'gw.jsonl'), 400)
    execFileSync(process.execPath, [MAIN, 'compare', writeSuite(dir, 'gw.jsonl'), '--out', 'out', '--quiet'], {
      cwd: dir,
    })
    previous = path.join(dir, 'out')
  })

  it('exists compiled (npm test builds it first)', () => {
    expect(existsSync(MAIN), `${MAIN} is missing: run npm run build`).toBe(true)
  })

  // the first line (`[1/1] gw: 20000 held-out messages x 1 entry ...`) comes once the memory probe is done,
  // as the replay starts: before the fix, each of these ran the whole replay and exited 0
  it.each([
    ['SIGINT', 0],
    ['SIGTERM', 300],
    ['SIGINT', 700],
  ] as const)(
    '%s %i ms into the replay: its own interrupted line, exit 128+n, previous comparison intact',
    async (signal, delayMs) => {
      const dir = tempFolder('compare-signals')
      // 20,000 held-out messages: an idle machine replays 10,000 in under 1.5 s (a signal sent later found the
      // comparison done, exit 0, in a clean-clone CI run), so the work is doubled and the last signal comes sooner
      writeStream(path.join(dir, 'gw.jsonl'), 40_000)
      const suite = writeSuite(dir, 'gw.jsonl')
      const out = path.join(dir, 'out')
      cpSync(previous, out, { recursive: true, verbatimSymlinks: true })
      const before = ['comparison.json', 'report.md'].map((name) => readFileSync(path.join(out, name), 'utf8'))

      const child = spawn(process.execPath, [MAIN, 'compare', suite, '--out', out], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<[number | null, string | null]>((resolve) =>
        child.on('exit', (code, how) => resolve([code, how])),
      )
      // a CLI that exits before its first line (bad input) must fail the test, not hang it
      const started = await Promise.race([
        new Promise<'printed'>((resolve) => child.stdout.once('data', () => resolve('printed'))),
        exited.then(() => 'exited' as const),
      ])
      expect(started, stderr).toBe('printed')
      child.stdout.resume()
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      child.kill(signal)
      const [code, how] = await exited

      expect([code, how], stderr).toEqual([signal === 'SIGINT' ? 130 : 143, null])
      const said = stderr.split('\n').filter((line) => /interrupted|received/.test(line))
      // compare's own line: it stopped when asked, not cut off by main's grace timer nor run to its end
      expect(said, stderr).toEqual([
        `interrupted: nothing written; the previous comparison in ${out} (if any) is intact`,
      ])
      expect(['comparison.json', 'report.md'].map((name) => readFileSync(path.join(out, name), 'utf8'))).toEqual(before)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(processesIn(dir)).toEqual([])
    },
  )
})
