/**
 * Defects a fresh-eyes new-user trial of the CLI found (2026-12-06): inputs ignored without a word,
 * results silently in-sample, errors that said less than they should. Each case through the CLI.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/cli.ts'
import { createFakeIo } from '../src/cli/test-support.ts'

const root = mkdtempSync(path.join(tmpdir(), 'aura-trial-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function write(relative: string, text: string): string {
  const file = path.join(root, relative)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
  return file
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = createFakeIo({ cwd: root })
  const code = await runCli(args, io)
  return { code, out: io.out(), err: io.err() }
}

const states = ['started', 'stopped', 'paused']
write(
  'corpora/app.log',
  Array.from(
    { length: 300 },
    (_, i) => `2026-01-0${1 + (i % 9)} 10:${String(i % 60).padStart(2, '0')} job ${i * 7} ${states[i % 3]} on node${i % 5}`,
  ).join('\n'),
)

describe('a zstd_dict_training_corpus that is the measured corpus file', () => {
  write('configs/self.yaml', 'fallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/app.log\n')
  write(
    'suites/self.yaml',
    `name: self
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - { name: self, path: ../configs/self.yaml }
latency: { enabled: false }
`,
  )
  const said =
    /config self on corpus app: its zstd_dict_training_corpus \.\.\/corpora\/app\.log is the measured corpus file \(\.\.\/corpora\/app\.log\).*its ratio is in-sample/

  it('run warns in results.json and report.md, where the other in-sample warnings go', async () => {
    const { code } = await cli(['run', 'suites/self.yaml', '--out', 'out-self', '--quiet'])
    expect(code).toBe(0)
    const results = JSON.parse(readFileSync(path.join(root, 'out-self/results.json'), 'utf8'))
    expect(results.warnings.filter((w: string) => said.test(w))).toHaveLength(1)
    expect(readFileSync(path.join(root, 'out-self/report.md'), 'utf8')).toMatch(said)
  })

  it('compare warns too', async () => {
    const { code } = await cli(['compare', 'suites/self.yaml', '--out', 'cmp-self', '--quick', '--no-charts', '--quiet'])
    expect(code).toBe(0)
    const comparison = JSON.parse(readFileSync(path.join(root, 'cmp-self/comparison.json'), 'utf8'))
    expect(comparison.warnings.filter((w: string) => said.test(w))).toHaveLength(1)
  })

  it('another file as training corpus: no warning', async () => {
    write('corpora/other.log', Array.from({ length: 50 }, (_, i) => `unrelated line ${i} of text`).join('\n'))
    write('configs/other.yaml', 'fallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/other.log\n')
    write(
      'suites/other.yaml',
      `name: other
corpora:
  - { name: app, path: ../corpora/app.log, format: txt }
configs:
  - { name: other, path: ../configs/other.yaml }
latency: { enabled: false }
`,
    )
    const { code } = await cli(['run', 'suites/other.yaml', '--out', 'out-other', '--quiet'])
    expect(code).toBe(0)
    const results = JSON.parse(readFileSync(path.join(root, 'out-other/results.json'), 'utf8'))
    expect(results.warnings.filter((w: string) => /in-sample/.test(w))).toEqual([])
  })
})
