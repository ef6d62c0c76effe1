import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { parseSuite } from '../suite/index.ts'
import { loadCompressor } from './load-compressor.ts'
import { parallelSizePass, resolveWorkers } from './parallel-sizes.ts'
import { runSuite } from './run-suite.ts'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const folder = mkdtempSync(path.join(tmpdir(), 'aura-suite-workers-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** A suite over 500 week1-like messages with a fast config, with the given `workers` line. */
function suiteWith(workers: string): string {
  const lines = readFileSync(path.join(ROOT, 'corpora', 'week1', 'messages.jsonl'), 'utf8')
    .trim()
    .split('\n')
  const corpus = Array.from({ length: 500 }, (_, i) => lines[i % lines.length]).join('\n')
  writeFileSync(path.join(folder, 'messages.jsonl'), corpus)
  const store = JSON.stringify(path.join(ROOT, 'configs', 'templates', 'expanded.json'))
  writeFileSync(path.join(folder, 'fast.yaml'), `name: fast\nfallback: deflate\ntemplate_store_path: ${store}\n`)
  return [
    'name: workers',
    'corpora: [messages.jsonl]',
    'configs: [fast.yaml]',
    'latency: { enabled: false }',
    workers,
  ].join('\n')
}

describe('suite option workers', () => {
  it('takes a count or auto, 1 when absent, and refuses 0', () => {
    expect(parseSuite(suiteWith(''), path.join(folder, 's.yaml')).workers).toBe(1)
    expect(parseSuite(suiteWith('workers: 2'), path.join(folder, 's.yaml')).workers).toBe(2)
    expect(parseSuite(suiteWith('workers: auto'), path.join(folder, 's.yaml')).workers).toBe('auto')
    expect(() => parseSuite(suiteWith('workers: 0'), path.join(folder, 's.yaml'))).toThrow(AuraError)
    expect(resolveWorkers('auto')).toBe(availableParallelism())
    expect(resolveWorkers(undefined)).toBe(1)
  })

  it('sends a hybrid compressor to worker threads when more than one is asked for, nothing else', async () => {
    suiteWith('')
    const ref = { path: path.join(folder, 'fast.yaml'), name: 'fast' }
    const hybrid = await loadCompressor(ref.path)
    expect(parallelSizePass(ref, hybrid, 2).accumulateSizes).toBeTypeOf('function')
    expect(parallelSizePass(ref, hybrid, 1)).toEqual({})
    const { config: _config, storeFingerprint: _fingerprint, ...external } = hybrid
    expect(parallelSizePass(ref, external, 2)).toEqual({})
  })

  it('a suite run on 2 workers measures what a run on 1 measures', async () => {
    const file = path.join(folder, 'suite.yaml')
    const [one, two] = [
      await runSuite(parseSuite(suiteWith('workers: 1'), file)),
      await runSuite(parseSuite(suiteWith('workers: 2'), file)),
    ]
    const metrics = (run: typeof one) => {
      const { meanRatio, ...rest } = run.results.runs[0]?.metrics ?? {}
      return { ...rest, meanRatio: Number(meanRatio?.toFixed(9)) }
    }
    expect(two.results.runs).toHaveLength(1)
    expect(metrics(two)).toEqual(metrics(one))
    expect(two.results.runs[0]?.metrics.roundTrip).toEqual({ checked: 500, mismatches: 0 })
  })
})
