/** discover's check that template frames would be chosen, not only matched (round 41, s41-trial D1). */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { parseTemplateStore } from '../templates/index.ts'
import { countTemplateWins, fewWinsWarning, MAX_CHECKED_PATTERN, SpreadSample, winLine } from './discover-wins.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const { root: dir } = createTempTree('aura-discover-wins-')

/**
 * 300 JSON requests whose `app` member holds keys that vary per message (one slot of a whole sub-object,
 * as OpenRTB's `imp` and `app` in the trial) made of a few long strings zstd_dict's dictionary holds.
 */
function subObjectCorpus(): string {
  const words = [
    'com.example.game.puzzle',
    'https://cdn.example.com/creative/banner_320x50.png',
    'Mozilla/5.0 (Linux; Android 13; SM-G991B) AppleWebKit/537.36',
    'IAB1-2',
    'IAB9-30',
    'video/mp4',
    'application/javascript',
  ]
  let seed = 7
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const lines: string[] = []
  for (let i = 0; i < 300; i++) {
    const app: Record<string, unknown> = {}
    const members = 3 + next(5)
    for (let j = 0; j < members; j++)
      app[`k${next(12)}`] =
        next(2) === 1 ? words[next(words.length)] : { [`n${next(6)}`]: words[next(words.length)], v: next(1000) }
    const request = { id: `req-${i}`, app, device: { ua: words[2], ip: `10.0.${next(255)}.${next(255)}` } }
    lines.push(JSON.stringify({ text: JSON.stringify(request) }))
  }
  return `${lines.join('\n')}\n`
}

describe("discover's template-wins check", () => {
  it('warns when templates match the training messages but their frames lose to zstd_dict', async () => {
    writeFileSync(path.join(dir, 'req.jsonl'), subObjectCorpus())
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'req.jsonl', '--out', 'req.json'], io)).toBe(0)
    expect(io.out()).toContain('templates encode 300/300 training messages (100.0%)')
    expect(io.out()).toMatch(
      /template frames chosen for \d+ of 150 sampled training messages \(\d+\.\d%; 150 matched\) against zstd_dict level 3/,
    )
    expect(io.err()).toContain(
      'warning: the templates of req.json match 150 of 150 sampled training messages of req.jsonl',
    )
    expect(io.err()).toContain('use the fallback alone (a config without template_store_path)')
  })

  it('says the wins and no warning where template frames are chosen', async () => {
    const kinds = ['alpha started job', 'beta stopped worker', 'gamma failed task']
    const lines = Array.from({ length: 180 }, (_, i) => `${kinds[i % 3]} ${1000 + i * 7} on node-${i % 5}`)
    writeFileSync(path.join(dir, 'kinds.log'), `${lines.join('\n')}\n`)
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'kinds.log', '--out', 'kinds.json'], io)).toBe(0)
    const chosen = /template frames chosen for (\d+) of (\d+) sampled/.exec(io.out())
    expect(chosen).not.toBeNull()
    expect(Number(chosen?.[1])).toBeGreaterThan(Number(chosen?.[2]) / 2)
    expect(io.err()).not.toContain('warning')
  })

  // s41-trial D5: a logfmt log merged into an OpenRTB store said nothing
  it('warns when --merge names a store learnt from another kind of messages, naming its corpus', async () => {
    writeFileSync(path.join(dir, 'bids.jsonl'), subObjectCorpus())
    const lines = Array.from({ length: 90 }, (_, i) => `level=info msg="bid sent" bidder=b${i % 4} ms=${i}`)
    writeFileSync(path.join(dir, 'app.log'), `${lines.join('\n')}\n`)
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'bids.jsonl', '--out', 'bids.json', '--quiet'], io)).toBe(0)
    const merged = createFakeIo({ cwd: dir })
    expect(
      await runCli(['discover', 'app.log', '--out', 'mixed.json', '--merge', 'bids.json', '--quiet'], merged),
    ).toBe(0)
    expect(merged.err()).toMatch(
      /warning: --merge bids\.json holds templates learnt from bids\.jsonl \((\d+) of its \1 templates are JSON\), but app\.log holds text messages \(0 of 90 sampled are JSON\)/,
    )
    expect(await runCli(['discover', 'app.log', '--out', 'app1.json', '--quiet'], createFakeIo({ cwd: dir }))).toBe(0)
    const same = createFakeIo({ cwd: dir })
    expect(await runCli(['discover', 'app.log', '--out', 'app2.json', '--merge', 'app1.json', '--quiet'], same)).toBe(0)
    expect(same.err()).not.toContain('--merge')
  })

  it('samples a stream of unknown length evenly and the same way each time', () => {
    const sample = new SpreadSample(10)
    for (let i = 0; i < 100; i++) sample.see(`m${i}`, i)
    expect(sample.texts()).toEqual(['m0', 'm16', 'm32', 'm48', 'm64', 'm80', 'm96'])
  })

  it('warns only when most sampled messages match and few of those win', () => {
    expect(fewWinsWarning({ checked: 100, matched: 40, chosen: 0 }, 'c', 's')).toBeUndefined()
    expect(fewWinsWarning({ checked: 100, matched: 90, chosen: 9 }, 'c', 's')).toBeUndefined()
    expect(fewWinsWarning({ checked: 100, matched: 90, chosen: 8 }, 'c', 's')).toContain('match 90 of 100')
  })

  // s41-rev3 F4: the check had no time budget (deep JSON templates under the pattern guard cost seconds each)
  describe('says why the frames were not checked', () => {
    const storeOf = (pattern: string) =>
      parseTemplateStore(
        {
          format: 'aura-template-store',
          version: 1,
          name: 'wins',
          templates: [{ id: 1, pattern, slots: [{ type: 'integer' }] }],
        },
        'wins.json',
      )
    const texts = Array.from({ length: 40 }, (_, i) => `worker ${i} started`)

    it('weighs every checked message within the budget', async () => {
      const count = await countTemplateWins(storeOf('worker {0} started'), texts)
      expect(count).toEqual({ checked: 20, matched: 20, chosen: expect.any(Number) })
    })

    it('stops when the budget runs out, and the line says so', async () => {
      const count = await countTemplateWins(storeOf('worker {0} started'), texts, 0)
      expect(count).toEqual({ notChecked: 'its 0.0 s budget ran out after 0 of 20 sampled messages' })
      expect(winLine(count as { notChecked: string })).toBe(
        '  template frames: not checked against zstd_dict level 3 with a 64 KiB dictionary of other training messages (its 0.0 s budget ran out after 0 of 20 sampled messages)\n',
      )
    })

    it('names a template too long to check', async () => {
      const pattern = `worker {0} ${'x'.repeat(MAX_CHECKED_PATTERN)}`
      expect(await countTemplateWins(storeOf(pattern), texts)).toEqual({
        notChecked: `a template pattern of ${(pattern.length).toLocaleString('en-US')} characters, over the check's 16,384`,
      })
    })
  })
})
