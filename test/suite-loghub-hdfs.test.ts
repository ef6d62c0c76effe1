/**
 * suites/loghub-hdfs.yaml, a suite on a corpus no other test uses, run from the suite file alone:
 * results.json meets the contract; when the shared corpora are absent the run says so (exit 2).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/index.ts'
import { createFakeIo, withoutWarnings } from '../src/cli/test-support.ts'
import { checkResultsContract } from '../src/report/index.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const SHARED = join(repo, '../shared/corpora')
const HDFS = join(SHARED, 'loghub/HDFS/HDFS_2k.log')
const tmp = mkdtempSync(join(tmpdir(), 'aura-hdfs-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('suites/loghub-hdfs.yaml', () => {
  // --limit 300: the whole 2,000 lines take ~15-50 s (brotli-wasm q11 costs milliseconds a message); the full run is `npx tsx src/cli/main.ts run suites/loghub-hdfs.yaml`
  it.skipIf(!existsSync(HDFS))(
    'runs from the suite file alone (--no-latency, --limit 300): 2 configs, every round trip exact, contract-valid results.json',
    async () => {
      const out = join(tmp, 'out')
      const io = createFakeIo({ cwd: repo })
      const code = await runCli(
        ['run', 'suites/loghub-hdfs.yaml', '--out', out, '--no-latency', '--no-charts', '--quiet', '--limit', '300'],
        io,
      )
      // the shipped stores were written for AI/API messages: the seed's targets fail on HDFS logs (exit 1), as the suite's notes say
      expect(code).toBe(1)
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
        runs: Array<{ corpus: string; config: string; state: string; metrics: Record<string, unknown> }>
      }
      expect(checkResultsContract(results)).toEqual([])
      expect(results.runs.map((r) => [r.corpus, r.config, r.state])).toEqual([
        ['hdfs', 'emergency', 'complete'],
        ['hdfs', 'recommended', 'complete'],
      ])
      for (const run of results.runs) {
        expect(run.metrics).toMatchObject({ messages: 300, roundTrip: { checked: 300, mismatches: 0 } })
        expect(run.metrics).not.toHaveProperty('latencyUs')
      }
      expect(withoutWarnings(io.err())).toMatch(/^gate: FAIL\n/)
    },
  )

  it('without the shared corpora: exit 2 naming the missing file, its absent folder and what to do', async () => {
    // the suite file and configs as shipped, in a folder with no ../../shared beside it
    const project = join(tmp, 'elsewhere/project')
    mkdirSync(join(project, 'suites'), { recursive: true })
    copyFileSync(join(repo, 'suites/loghub-hdfs.yaml'), join(project, 'suites/loghub-hdfs.yaml'))
    symlinkSync(join(repo, 'configs'), join(project, 'configs'))
    const io = createFakeIo({ cwd: project })
    const code = await runCli(
      ['run', 'suites/loghub-hdfs.yaml', '--out', join(tmp, 'out-absent'), '--no-latency', '--quiet'],
      io,
    )
    expect(code).toBe(2)
    const missing = join(tmp, 'elsewhere/shared/corpora/loghub/HDFS/HDFS_2k.log')
    expect(io.err().split('\n')[0]).toBe(
      `error E_FILE_MISSING in ${join(project, 'suites/loghub-hdfs.yaml')}:9: corpora[0].path: corpus file ${missing} does not exist: its folder ${join(tmp, 'elsewhere/shared/corpora/loghub/HDFS')} is absent`,
    )
    expect(io.err()).toMatch(/^hint: .*shared corpora/m)
    expect(io.err()).not.toMatch(/^ {4}at /m)
  })
})
