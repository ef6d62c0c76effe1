import { spawnSync } from 'node:child_process'
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileDurably } from './output-file.ts'
import { openOutputFolder, STATE_FOLDER, writeOutputFolder } from './output-folder.ts'
import { classifyEntry } from './output-ownership.ts'
import { writeCost } from './write-cost.ts'
import { acquireOutputLock } from './output-lock.ts'

/** Writes a fake report (report.md, results.json and, when given, charts) whose files all carry `tag`. */
function fill(tag: string, charts = true) {
  return async (staging: string) => {
    await writeFileDurably(join(staging, 'report.md'), `# aura-bench report: ${tag}\n![c](charts/c.png)\n`)
    await writeFileDurably(join(staging, 'results.json'), JSON.stringify({ schemaVersion: 1, suite: tag, runs: [] }))
    if (charts) {
      await mkdir(join(staging, 'charts'))
      await writeFileDurably(join(staging, 'charts', 'c.png'), `png ${tag}`)
    }
  }
}

const names = (charts = true) => (charts ? ['results.json', 'report.md', 'charts'] : ['results.json', 'report.md'])
const write = (dir: string, tag: string, charts = true) =>
  writeOutputFolder(dir, { slot: 'report', names: names(charts) }, fill(tag, charts))

describe('output folder', () => {
  let root: string
  let dir: string
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'aura-out-'))
    dir = join(root, 'out')
  })
  afterEach(async () => {
    spawnSync('chattr', ['-R', '-i', root], { stdio: 'ignore' })
    await rm(root, { recursive: true, force: true })
  })

  it("run and compare never replace each other's report in one folder: the second is refused before writing", async () => {
    await write(dir, 'a run')
    const compareNames = ['comparison.json', 'report.md', 'charts']
    await expect(openOutputFolder(dir, { slot: 'report', names: compareNames })).rejects.toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining('holds a run report (results.json)'),
    })
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toContain('a run')
    // the same kind replaces its own report as before
    await write(dir, 'a second run')
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toContain('a second run')
    const other = join(root, 'compared')
    await writeOutputFolder(other, { slot: 'report', names: compareNames }, async (staging) => {
      await writeFileDurably(join(staging, 'comparison.json'), '{"kind":"compare"}')
      await writeFileDurably(join(staging, 'report.md'), '# Brotli vs Zstandard: x\n')
    })
    await expect(openOutputFolder(other, { slot: 'report', names: names() })).rejects.toMatchObject({
      message: expect.stringContaining('holds a comparison (comparison.json)'),
    })
  })

  it("a folder holding another suite's report is refused before writing; the same suite replaces its own (s34-trial D6)", async () => {
    await writeOutputFolder(dir, { slot: 'report', names: names(), suite: 'gw' }, fill('gw'))
    await expect(openOutputFolder(dir, { slot: 'report', names: names(), suite: 'other' })).rejects.toMatchObject({
      code: 'E_OUTPUT',
      location: { file: join(dir, 'results.json'), field: '--out' },
      reason: `${dir} holds suite gw's report (results.json, written by \`run\`); this is suite other, and its report would replace that one`,
    })
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toContain('"suite":"gw"')
    // the hint proposes the command's own default folder: run's `<suite>`, compare's `<suite>-compare`
    await expect(openOutputFolder(dir, { slot: 'report', names: names(), suite: 'other' })).rejects.toMatchObject({
      hint: expect.stringContaining(`(e.g. ${join(dirname(dir), 'other')})`),
    })
    await expect(
      openOutputFolder(dir, { slot: 'report', names: ['comparison.json', 'report.md'], suite: 'other' }),
    ).rejects.toMatchObject({ hint: expect.stringContaining(`(e.g. ${join(dirname(dir), 'other-compare')})`) })
    await writeOutputFolder(dir, { slot: 'report', names: names(), suite: 'gw' }, fill('gw'))
    // replay.json names its suite too
    const replayDir = join(root, 'replayed')
    await writeOutputFolder(replayDir, { slot: 'replay', names: ['replay.json'], suite: 'gw' }, async (staging) => {
      await writeFileDurably(join(staging, 'replay.json'), JSON.stringify({ suite: 'gw' }))
    })
    await expect(
      openOutputFolder(replayDir, { slot: 'replay', names: ['replay.json'], suite: 'other' }),
    ).rejects.toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining("holds suite gw's report (replay.json"),
    })
  })

  it('never touches a charts/ folder of the user (a Helm chart), with --no-charts or without', async () => {
    await mkdir(join(dir, 'charts', 'templates'), { recursive: true })
    await writeFile(join(dir, 'charts', 'Chart.yaml'), 'apiVersion: v2\n')
    await write(dir, 'first', false)
    await write(dir, 'second', false)
    expect(await readFile(join(dir, 'charts', 'Chart.yaml'), 'utf8')).toBe('apiVersion: v2\n')
    expect((await readdir(join(dir, 'charts'))).sort()).toEqual(['Chart.yaml', 'templates'])
    await expect(write(dir, 'third', true)).rejects.toMatchObject({
      code: 'E_OUTPUT',
      hint: expect.stringContaining('--no-charts'),
    })
    expect(await readFile(join(dir, 'charts', 'Chart.yaml'), 'utf8')).toBe('apiVersion: v2\n')
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('second')
  })

  it('publishes through one link per slot and leaves no earlier report folder behind', async () => {
    await writeFile(join(root, 'keep'), '')
    await mkdir(dir)
    await writeFile(join(dir, 'notes.txt'), 'mine')
    await write(dir, 'first')
    await write(dir, 'second')
    expect(await readlink(join(dir, 'report.md'))).toBe(`${STATE_FOLDER}/report/report.md`)
    expect(await readFile(join(dir, 'charts', 'c.png'), 'utf8')).toBe('png second')
    const state = (await readdir(join(dir, STATE_FOLDER))).sort()
    expect(state).toEqual(['report', await readlink(join(dir, STATE_FOLDER, 'report'))])
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine')
  })

  it('a cost projection lives beside the report, each switched on its own', async () => {
    await write(dir, 'run')
    await writeCost(dir, { markdown: '# Cost projection\n', json: '{"schemaVersion":1,"projections":[]}\n' })
    await write(dir, 'run2')
    expect(await readFile(join(dir, 'cost.md'), 'utf8')).toBe('# Cost projection\n')
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toContain('run2')
  })

  it('refuses to write through a symbolic link at cost.md, and its target outside the folder is untouched (item 11)', async () => {
    const outside = join(root, 'outside.txt')
    await writeFile(outside, 'precious')
    await mkdir(dir)
    await symlink(outside, join(dir, 'cost.md'))
    await expect(writeCost(dir, { markdown: '# Cost projection\n', json: '{}' })).rejects.toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining('symbolic link'),
    })
    expect(await readFile(outside, 'utf8')).toBe('precious')
    expect((await lstat(join(dir, 'cost.md'))).isSymbolicLink()).toBe(true)
  })

  it("a plain report of ours in place (a cp -L copy, an earlier version's) is the user's: refused, not a byte changed", async () => {
    await mkdir(join(dir, 'charts'), { recursive: true })
    await writeFile(join(dir, 'report.md'), '# aura-bench report: old\n![c](charts/c.png)\n')
    await writeFile(join(dir, 'results.json'), JSON.stringify({ schemaVersion: 1, suite: 'old', runs: [] }))
    await writeFile(join(dir, 'charts', 'c.png'), 'png old')
    await expect(write(dir, 'new')).rejects.toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining('names aura-bench would publish are taken'),
    })
    expect(await readFile(join(dir, 'charts', 'c.png'), 'utf8')).toBe('png old')
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toContain('old')
    expect((await lstat(join(dir, 'results.json'))).isFile()).toBe(true)
    expect(await classifyEntry(dir, 'report', 'results.json')).toMatchObject({
      state: 'foreign',
      reason: expect.stringContaining('a plain file holding a report of aura-bench'),
    })
    expect(await readdir(dir)).not.toContain(STATE_FOLDER)
  })

  it('a results.json of ours put back in place of the link (a saved baseline) is kept: the next write is refused', async () => {
    await write(dir, 'first')
    const saved = await readFile(join(dir, 'results.json'), 'utf8')
    await rm(join(dir, 'results.json'))
    await writeFile(join(dir, 'results.json'), saved)
    await expect(write(dir, 'second')).rejects.toMatchObject({ code: 'E_OUTPUT' })
    expect((await lstat(join(dir, 'results.json'))).isFile()).toBe(true)
    expect(await readFile(join(dir, 'results.json'), 'utf8')).toBe(saved)
  })

  it("a write that failed after publishing its folder leaves no orphan at close, so the next open is not taken for a copy's", async () => {
    await write(dir, 'first')
    const opened = await openOutputFolder(dir, { slot: 'report', names: names() })
    await mkdir(join(dir, STATE_FOLDER, 'report-failed')) // renamed from staging, then the switch failed (a full disk)
    await opened.close()
    expect(await readdir(join(dir, STATE_FOLDER))).not.toContain('report-failed')
    await write(dir, 'second')
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('second')
  })

  it('a copy that dropped the links (rsync -r) keeps its report folders: refused, nothing removed', async () => {
    await write(dir, 'first')
    const copy = join(root, 'copy')
    expect(spawnSync('cp', ['-r', dir, copy]).status).toBe(0)
    expect(spawnSync('find', [copy, '-type', 'l', '-delete']).status).toBe(0)
    const before = (await readdir(join(copy, STATE_FOLDER))).sort()
    expect(before).toEqual([expect.stringMatching(/^report-/)])
    await expect(write(copy, 'second')).rejects.toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining('no killed writer left'),
    })
    expect((await readdir(join(copy, STATE_FOLDER))).sort()).toEqual(before)
  })

  it('a copy of a report folder with cp -rL (the state links now folders) is refused before recovery touches it', async () => {
    await write(dir, 'first')
    const copy = join(root, 'copy')
    expect(spawnSync('cp', ['-rL', dir, copy]).status).toBe(0)
    const before = (await readdir(join(copy, STATE_FOLDER))).sort()
    const opening = openOutputFolder(copy, { slot: 'report', names: ['report.md'] })
    await expect(opening).rejects.toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining('looks like a copy of a report folder'),
    })
    expect((await readdir(join(copy, STATE_FOLDER))).sort()).toEqual(before)
    expect(await readFile(join(copy, 'report.md'), 'utf8')).toContain('first')
  })

  it('a failed write publishes nothing; what killed writers left is removed on the next open', async () => {
    await write(dir, 'first')
    await expect(
      writeOutputFolder(dir, { slot: 'report', names: names() }, async (staging) => {
        await fill('half')(staging)
        throw new Error('renderer crashed')
      }),
    ).rejects.toThrow('renderer crashed')
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('first')
    // a killed writer: a staging folder, an unswitched report folder, a temporary link, a dangling link of ours
    const state = join(dir, STATE_FOLDER)
    await mkdir(join(state, 'staging-x'))
    await mkdir(join(state, 'report-killed'))
    await writeFile(join(state, 'lock'), '') // its lock (damaged, so stale)
    await symlink('report-killed', join(state, 'report.tmp-x'))
    await symlink(`${STATE_FOLDER}/report/comparison.json`, join(dir, 'comparison.json'))
    await (await openOutputFolder(dir, { slot: 'report', names: names() })).close()
    expect((await readdir(state)).sort()).toEqual(['report', await readlink(join(state, 'report'))])
    expect((await readdir(dir)).sort()).toEqual([STATE_FOLDER, 'charts', 'report.md', 'results.json'])
  })

  it('--out naming a file, or a path under a file, is E_OUTPUT before anything is written', async () => {
    await writeFile(join(root, 'file'), 'x')
    await expect(openOutputFolder(join(root, 'file'), { slot: 'report', names: names() })).rejects.toMatchObject({
      code: 'E_OUTPUT',
      location: { file: join(root, 'file') },
    })
    await expect(openOutputFolder(join(root, 'file', 'sub'), { slot: 'report', names: names() })).rejects.toMatchObject(
      { code: 'E_OUTPUT', message: expect.stringContaining('ENOTDIR') },
    )
    expect(await readFile(join(root, 'file'), 'utf8')).toBe('x')
  })

  it('an immutable (unwritable) folder is E_OUTPUT naming it, and a folder open created is removed again', async () => {
    await mkdir(dir)
    if (spawnSync('chattr', ['+i', dir]).status !== 0) return // chattr unavailable: covered by the read-only mount test
    await expect(openOutputFolder(join(dir, 'sub'), { slot: 'report', names: names() })).rejects.toMatchObject({
      code: 'E_OUTPUT',
      location: { file: join(dir, 'sub') },
    })
    spawnSync('chattr', ['-i', dir])
    const fresh = join(root, 'a', 'b')
    await (await openOutputFolder(fresh, { slot: 'report', names: names() })).close()
    expect(await readdir(root)).not.toContain('a')
  })
})

describe('output lock', () => {
  let dir: string
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'aura-lock-')), 'out')
  })

  it('a second writer is E_OUTPUT_LOCKED naming the holder, or waits with wait', async () => {
    const first = await openOutputFolder(dir, { slot: 'report', names: names() })
    await expect(openOutputFolder(dir, { slot: 'report', names: names() })).rejects.toMatchObject({
      code: 'E_OUTPUT_LOCKED',
      message: expect.stringContaining(`pid ${process.pid}`),
    })
    const waits: number[] = []
    let sawHolder: () => void = () => undefined
    const waiting = new Promise<void>((resolve) => (sawHolder = resolve))
    const second = openOutputFolder(dir, {
      slot: 'report',
      names: names(),
      wait: true,
      pollMs: 20,
      onWait: (holder) => {
        waits.push(holder.pid)
        sawHolder()
      },
    })
    // released once the second writer has seen the lock held (a fixed delay failed on a loaded machine)
    await waiting
    await first.close()
    await (await second).close()
    expect(waits).toEqual([process.pid])
  })

  it('a wait with maxWaitMs ends in E_OUTPUT_LOCKED while the holder lives (history --add: a lock from another host)', async () => {
    await mkdir(dir, { recursive: true })
    const file = join(dir, 'h.jsonl.lock')
    const first = await acquireOutputLock(file)
    const started = Date.now()
    await expect(acquireOutputLock(file, { wait: true, maxWaitMs: 100, pollMs: 20 })).rejects.toMatchObject({
      code: 'E_OUTPUT_LOCKED',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    await first.release()
    await (await acquireOutputLock(file, { wait: true, maxWaitMs: 100 })).release()
  })

  it('a lock left by a dead process (or by an earlier process with our pid) is taken over', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
    for (const pid of [Number(dead), process.pid]) {
      await mkdir(join(dir, STATE_FOLDER), { recursive: true })
      await writeFile(
        join(dir, STATE_FOLDER, 'lock'),
        JSON.stringify({
          pid,
          host: (await import('node:os')).hostname(),
          processStart: null,
          startedAt: '',
          token: 'gone',
        }),
      )
      const folder = await openOutputFolder(dir, { slot: 'report', names: names() })
      expect(JSON.parse(await readFile(join(dir, STATE_FOLDER, 'lock'), 'utf8')).token).not.toBe('gone')
      await folder.close()
    }
    // an empty lock (damaged: locks are created whole, by a hard link to a flushed file) is stale too
    await mkdir(join(dir, STATE_FOLDER), { recursive: true })
    await writeFile(join(dir, STATE_FOLDER, 'lock'), '')
    await (await openOutputFolder(dir, { slot: 'report', names: names() })).close()
  })
})
