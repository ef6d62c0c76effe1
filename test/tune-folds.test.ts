// bench/selection-tune.ts and bench/choice-tune.ts tune on one fold of Loghub systems and report on the other.
// Their folds were two hard-coded lists of the shared systems' names: given only some of them (one fold's
// systems), selection-tune crashed with a TypeError in its tables after discovering every store (round s36-dedup),
// and a system of another name was in no fold. Now the folds are the systems given, sorted by name, alternately
// A and B (the same two lists on the eight shared systems), and fewer than two systems is a usage error (exit 2)
// before anything is discovered.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { foldsOf, type LoghubSystem } from '../bench/lib/loghub-args.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const dir = mkdtempSync(path.join(tmpdir(), 'aura-tune-folds-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const system = (name: string): LoghubSystem => ({
  name,
  logPath: `${name}.log`,
  structuredPath: undefined,
  templatesPath: undefined,
})

describe('the tune benches folds', () => {
  it('are the shared systems old lists on the eight shared systems, in any order given', () => {
    const names = ['Zookeeper', 'Spark', 'Proxifier', 'OpenSSH', 'Linux', 'HealthApp', 'HDFS', 'Apache']
    const folds = foldsOf(names.map(system), 'test')
    expect(names.filter((n) => folds.get(n) === 'A').sort()).toEqual(['Apache', 'HealthApp', 'OpenSSH', 'Spark'])
    expect(names.filter((n) => folds.get(n) === 'B').sort()).toEqual(['HDFS', 'Linux', 'Proxifier', 'Zookeeper'])
  })

  it('put one fold of the old lists into both folds, and systems of other names into one', () => {
    const folds = foldsOf(['Spark', 'Apache', 'OpenSSH', 'HealthApp', 'Mine'].map(system), 'test')
    expect(Object.fromEntries(folds)).toEqual({ Apache: 'A', HealthApp: 'B', Mine: 'A', OpenSSH: 'B', Spark: 'A' })
  })

  for (const script of ['selection-tune.ts', 'choice-tune.ts'])
    it(`${script} refuses one system with exit 2 before discovering its store`, () => {
      const only = path.join(dir, script, 'Only')
      mkdirSync(only, { recursive: true })
      writeFileSync(path.join(only, 'Only.log'), 'a line 1\nanother line 2\n')
      const work = path.join(dir, script, 'work')
      const run = spawnSync(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        [path.join(ROOT, 'bench', script), '--work', work, only],
        { encoding: 'utf8' },
      )
      expect(run.status, run.stderr).toBe(2)
      expect(run.stderr).toContain(
        `bench/${script}: leave-systems-out needs at least two Loghub systems (one to tune on, one to report on); given Only`,
      )
      expect(() => readdirSync(work)).toThrow()
    })

  for (const script of ['selection-tune.ts', 'choice-tune.ts'])
    it(`${script} refuses a system name given twice with exit 2 before discovering a store (review s36-review1)`, () => {
      const logs = ['one', 'two'].map((copy) => {
        const at = path.join(dir, `${script}-twice`, copy, 'Apache')
        mkdirSync(at, { recursive: true })
        writeFileSync(path.join(at, 'Apache.log'), 'a line 1\nanother line 2\n')
        return at
      })
      const work = path.join(dir, `${script}-twice`, 'work')
      const run = spawnSync(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        [path.join(ROOT, 'bench', script), '--work', work, ...logs],
        { encoding: 'utf8' },
      )
      expect(run.status, run.stderr).toBe(2)
      expect(run.stderr).toContain(
        `bench/${script}: two Loghub systems named Apache (${path.join(logs[0] as string, 'Apache.log')} and ${path.join(logs[1] as string, 'Apache.log')}); leave-systems-out needs each system once`,
      )
      expect(() => readdirSync(work)).toThrow()
    })
})
