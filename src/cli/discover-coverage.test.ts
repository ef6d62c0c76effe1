/** discover's warning on low template coverage (round 37, s36 trial: 37.9% coverage said nothing). */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { sampleUncovered, uncoveredWarning } from './discover-coverage.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const { root: dir } = createTempTree('aura-discover-coverage-')
const stats = (messages: number, coveredMessages: number) => ({
  messages,
  coveredMessages,
  events: 1,
  drafts: 1,
  addedTemplates: 1,
  droppedDrafts: 0,
  cappedDrafts: 0,
  cappedMessages: 0,
  longMessages: 0,
  evictedTemplates: 0,
})

/**
 * 60 JSONL messages of one structure (covered), 120 whose arrays each have their own length (one template since
 * round s38-json: the array is one slot) and 120 whose top-level keys each differ (not covered).
 */
function varyingArraysCorpus(): string {
  const lines: string[] = []
  for (let i = 0; i < 60; i++) lines.push(JSON.stringify({ text: JSON.stringify({ kind: 'ping', seq: i }) }))
  for (let i = 0; i < 120; i++)
    lines.push(
      JSON.stringify({
        text: JSON.stringify({ kind: 'batch', rows: Array.from({ length: i + 1 }, (_, j) => j * i) }),
      }),
    )
  for (let i = 0; i < 120; i++) lines.push(JSON.stringify({ text: JSON.stringify({ [`field_${i}`]: i }) }))
  return `${lines.join('\n')}\n`
}

describe('the uncovered-share warning', () => {
  it('says nothing at 80% coverage or more, and the share and reason below it', () => {
    expect(uncoveredWarning(stats(100, 80), 'c.jsonl', undefined)).toBeUndefined()
    const texts = [1, 2, 3, 4].map((n) =>
      JSON.stringify({ id: n, [`k${n % 2}`]: Array.from({ length: n }, (_, i) => i) }),
    )
    const warning = uncoveredWarning(stats(100, 38), 'api.jsonl', sampleUncovered(texts))
    expect(warning).toContain('no template covers 62 of the 100 training messages of api.jsonl (62.0%)')
    expect(warning).toContain('4 are JSON in 4 structures with 2 different sets of top-level keys')
    expect(warning).toContain('a lower --min-support cannot change that')
    const text = uncoveredWarning(stats(10, 1), 'app.log', sampleUncovered(['a b', 'c d']))
    expect(text).toContain('most are text whose wording too few other messages share')
  })

  // trial round 38 (D7): `--max-templates 8` left 33% uncovered and the warning blamed array lengths
  it('names the --max-templates cap when it left templates out, and not when it cut nothing', async () => {
    const kinds = ['alpha started job', 'beta stopped worker', 'gamma failed task']
    const lines = Array.from({ length: 180 }, (_, i) => `${kinds[i % 3]} ${1000 + i * 7}`)
    writeFileSync(path.join(dir, 'kinds.log'), `${lines.join('\n')}\n`)
    const discover = async (cap: string) => {
      const io = createFakeIo({ cwd: dir })
      expect(
        await runCli(['discover', 'kinds.log', '--out', `cap-${cap}.json`, '--max-templates', cap, '--quiet'], io),
      ).toBe(0)
      return io.err()
    }
    expect(await discover('1')).toContain(
      'no template covers 120 of the 180 training messages of kinds.log (66.7%): the fallback codec sends them whole; --max-templates 1 left out 2 more templates drafted from up to 120 of the training messages',
    )
    expect(await discover('3')).not.toContain('warning')
    const both = uncoveredWarning(
      { ...stats(100, 38), cappedDrafts: 4, cappedMessages: 30 },
      'a.jsonl',
      sampleUncovered(['a b']),
      5,
    )
    expect(both).toContain('left out 4 more templates drafted from up to 30 of the training messages')
    expect(both).toContain('; also likely reason (from 1 of them)')
  })

  it('discover prints it for JSON messages whose top-level keys each differ, not for arrays that vary in length', async () => {
    writeFileSync(path.join(dir, 'api.jsonl'), varyingArraysCorpus())
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'api.jsonl', '--out', 'store.json', '--quiet'], io)).toBe(0)
    expect(io.err()).toMatch(/warning: no template covers 12\d of the 300 training messages of api\.jsonl/)
    expect(io.err()).toContain('are JSON in 1')
    expect(io.err()).toContain('never ones whose top-level keys differ')
  })

  it('a corpus that changes, or a signal, after the store is written still exits 0 with the store and the warning (s37-fixr M3)', async () => {
    for (const how of ['signal', 'grows'] as const) {
      const corpus = path.join(dir, `late-${how}.jsonl`)
      writeFileSync(corpus, varyingArraysCorpus())
      const io = createFakeIo({ cwd: dir })
      // pastStopping: discovery has read the corpus for the last time and the store is about to be written
      io.pastStopping = () => {
        if (how === 'grows') appendFileSync(corpus, `${JSON.stringify({ text: 'one more line' })}\n`)
        else io.interrupt()
      }
      const code = await runCli(['discover', `late-${how}.jsonl`, '--out', `late-${how}.json`, '--quiet'], io)
      expect(io.err()).not.toContain('interrupted')
      expect(io.err()).not.toContain('E_INPUT_CHANGED')
      expect(io.err()).toMatch(/warning: no template covers 12\d of the 300 training messages of late-/)
      expect(code).toBe(0)
      expect(existsSync(path.join(dir, `late-${how}.json`))).toBe(true)
      expect(JSON.parse(readFileSync(path.join(dir, `late-${how}.json`), 'utf8'))).toHaveProperty('templates')
    }
  })

  // trial round 39 (D7): lines nested thousands deep (a logged request body) overflowed the stack in the JSON
  // scanner (exit 3, no store) or, 2,500-3,000 deep, in this sample's structure walk after `wrote` (exit 3)
  it('discover reads JSON lines nested far deeper than MAX_JSON_DEPTH as text: exit 0, store written', async () => {
    const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    expect(sampleUncovered([deep(3_000), deep(20_000)])).toEqual({
      sampled: 2,
      json: 2,
      structures: 1,
      topLevelShapes: 1,
    })
    const lines = [
      deep(3_000),
      deep(6_000),
      deep(20_000),
      ...Array.from({ length: 40 }, (_, i) => `worker ${i} started`),
    ]
    writeFileSync(path.join(dir, 'deep.log'), `${[...lines, ...lines].join('\n')}\n`)
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'deep.log', '--out', 'deep.json', '--quiet'], io)).toBe(0)
    expect(io.err()).not.toContain('internal error')
    expect(JSON.parse(readFileSync(path.join(dir, 'deep.json'), 'utf8'))).toHaveProperty('templates')
  })

  // s42-trial D6: 20 KB of random bytes became a store of the 2 lines that were UTF-8, exit 0 and no warning
  it('warns when most lines are not valid UTF-8 (a binary file), and not when a few are', async () => {
    const invalid = Buffer.from([0xff, 0xfe, 0x80, 0x41, 0x0a])
    const text = (i: number) => Buffer.from(`worker ${i} started on node-${i % 3}\n`)
    writeFileSync(
      path.join(dir, 'binary.txt'),
      Buffer.concat([text(1), ...Array.from({ length: 30 }, () => invalid), text(2)]),
    )
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'binary.txt', '--out', 'binary.json', '--quiet'], io)).toBe(0)
    expect(io.err()).toContain(
      'warning: 30 of the 32 lines of binary.txt are not valid UTF-8 and were left out, more than were read: is it a text corpus',
    )
    writeFileSync(
      path.join(dir, 'mostly.txt'),
      Buffer.concat([...Array.from({ length: 30 }, (_, i) => text(i)), invalid]),
    )
    const fine = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'mostly.txt', '--out', 'mostly.json', '--quiet'], fine)).toBe(0)
    expect(fine.err()).not.toContain('not valid UTF-8')
  })
})
