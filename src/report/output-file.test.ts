import { spawnSync } from 'node:child_process'
import { lstat, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { makeFolder, writeOutputFile } from './output-file.ts'
import { checkOutputFile, checkReplacesOnlyOwn } from './output-file-checks.ts'
import { toOutputError } from './output-errors.ts'
import { STATE_FOLDER } from './output-ownership.ts'

describe('toOutputError', () => {
  it('makes an ENOENT while writing (a folder removed meanwhile) E_OUTPUT naming the flag, not a bug', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT', path: '/gone/s.md' })
    expect(toOutputError(enoent, '/gone/s.md', 'GITHUB_STEP_SUMMARY')).toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining('[ENOENT]'),
      location: { file: '/gone/s.md', field: 'GITHUB_STEP_SUMMARY' },
    })
    const bug = new TypeError('x is undefined')
    expect(toOutputError(bug, '/a', '--out')).toBe(bug)
  })

  // s30's self-check: `run --junit /proc/j.xml` was "a folder on the path does not exist (removed while aura-bench wrote?)"
  it('says a folder that is there takes no new files, when the ENOENT is of a file in it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aura-enoent-'))
    const enoent = Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open', path: join(dir, '.probe') })
    expect(toOutputError(enoent, join(dir, 'j.xml'), '--junit')).toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining(`the folder ${dir} is there but takes no new files`),
      location: { file: join(dir, 'j.xml'), field: '--junit' },
    })
    // a rename whose staged file went away meanwhile is still a file removed while aura-bench wrote
    const renamed = Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'rename', path: join(dir, 'x.tmp') })
    expect((toOutputError(renamed, join(dir, 'j.xml'), '--junit') as Error).message).toContain(
      'removed while aura-bench wrote',
    )
  })
})

describe('single output files', () => {
  it('replace a symbolic link at the target instead of writing through it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-file-'))
    await writeFile(join(root, 'outside.xml'), 'precious')
    await mkdir(join(root, 'ci'))
    await symlink(join(root, 'outside.xml'), join(root, 'ci', 'junit.xml'))
    await writeOutputFile(join(root, 'ci', 'junit.xml'), '<testsuites/>', '--junit')
    expect(await readFile(join(root, 'outside.xml'), 'utf8')).toBe('precious')
    expect((await lstat(join(root, 'ci', 'junit.xml'))).isFile()).toBe(true)
    expect(await readFile(join(root, 'ci', 'junit.xml'), 'utf8')).toBe('<testsuites/>')
  })

  it("remove the temporary file a killed writer left, and only a dead writer's", async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-file-'))
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString(),
    )
    await writeFile(join(root, `.m.prom.aura-tmp-${dead}-0123456789ab`), 'half')
    await writeFile(join(root, `.m.prom.aura-tmp-${process.pid}-0123456789ab`), 'a live writer')
    await writeOutputFile(join(root, 'm.prom'), 'x 1\n', '--prometheus')
    expect((await readdir(root)).sort()).toEqual([`.m.prom.aura-tmp-${process.pid}-0123456789ab`, 'm.prom'])
  })

  it('are checked before measuring: a folder, a path under a file, an unwritable folder are E_OUTPUT naming the flag and path', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-file-'))
    await writeFile(join(root, 'file'), '')
    await expect(checkOutputFile(root, '--junit')).rejects.toMatchObject({
      code: 'E_OUTPUT',
      location: { file: root, field: '--junit' },
      message: expect.stringMatching(/folder.*EISDIR/),
    })
    await expect(checkOutputFile(join(root, 'file', 'junit.xml'), '--junit')).rejects.toMatchObject({
      code: 'E_OUTPUT',
      message: expect.stringContaining('ENOTDIR'),
    })
    await expect(checkOutputFile(join(root, 'new', 'deeper', 'junit.xml'), '--junit')).resolves.toBeUndefined()
    expect(await readdir(root)).toEqual(['file']) // the check creates nothing
    await mkdir(join(root, 'locked'))
    if (spawnSync('chattr', ['+i', join(root, 'locked')]).status === 0) {
      try {
        await expect(checkOutputFile(join(root, 'locked', 'junit.xml'), '--junit')).rejects.toMatchObject({
          code: 'E_OUTPUT',
        })
        await expect(writeOutputFile(join(root, 'locked', 'junit.xml'), 'x', '--junit')).rejects.toMatchObject({
          code: 'E_OUTPUT',
          location: { field: '--junit' },
        })
      } finally {
        spawnSync('chattr', ['-i', join(root, 'locked')])
      }
    }
  })

  // root passes access() everywhere: the check must write a probe, as the writer will (trial round 29:
  // `--junit /proc/nope/j.xml` and GITHUB_STEP_SUMMARY=/sys/kernel/summary.md were found only after measuring)
  it.skipIf(!existsSync('/proc/self'))(
    'are proved writable before measuring: a folder under /proc or a file in /sys is E_OUTPUT, even for root',
    async () => {
      await expect(checkOutputFile('/proc/aura-no-such/j.xml', '--junit')).rejects.toMatchObject({
        code: 'E_OUTPUT',
        location: { file: '/proc/aura-no-such/j.xml', field: '--junit' },
        message: expect.stringMatching(/\[(EPERM|EACCES|ENOENT)\]/),
      })
      if (existsSync('/sys/kernel'))
        await expect(
          checkOutputFile('/sys/kernel/aura-summary.md', 'GITHUB_STEP_SUMMARY', 'append'),
        ).rejects.toMatchObject({ code: 'E_OUTPUT', location: { field: 'GITHUB_STEP_SUMMARY' } })
    },
  )

  it('the probe leaves nothing behind, and an existing file appended to must take writes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-file-'))
    await checkOutputFile(join(root, 'a', 'b', 'j.xml'), '--junit')
    await checkOutputFile(join(root, 'j.xml'), '--junit')
    expect(await readdir(root)).toEqual([])
    await writeFile(join(root, 'summary.md'), 'kept\n')
    await checkOutputFile(join(root, 'summary.md'), 'GITHUB_STEP_SUMMARY', 'append')
    expect(await readFile(join(root, 'summary.md'), 'utf8')).toBe('kept\n')
    expect(await readdir(root)).toEqual(['summary.md'])
  })

  it('a check that fails part-way leaves none of the folders it made (review s29: j1/j2 stayed)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-file-'))
    await expect(
      checkOutputFile(join(root, 'j1', 'j2', 'y'.repeat(300), 'junit.xml'), '--junit'),
    ).rejects.toMatchObject({ code: 'E_OUTPUT' })
    expect(await readdir(root)).toEqual([])
  })

  it('appends where the target takes writes: a long name the probe would not fit, through a link (review s29)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-file-'))
    const long = join(root, 'x'.repeat(240))
    await writeFile(long, 'kept\n')
    await checkOutputFile(long, 'GITHUB_STEP_SUMMARY', 'append')
    await symlink(long, join(root, 'link.md'))
    await checkOutputFile(join(root, 'link.md'), 'GITHUB_STEP_SUMMARY', 'append')
    expect((await readdir(root)).sort()).toEqual(['link.md', 'x'.repeat(240)])
    expect(await readFile(long, 'utf8')).toBe('kept\n')
  })

  it('folders are made one at a time from the nearest existing one, returning the first made', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-file-'))
    expect(await makeFolder(join(root, 'a', 'b', 'c'))).toBe(join(root, 'a'))
    expect((await lstat(join(root, 'a', 'b', 'c'))).isDirectory()).toBe(true)
    expect(await makeFolder(join(root, 'a', 'b'))).toBeUndefined()
  })

  // Node's recursive mkdir loops forever at full CPU under /proc (mkdir answers ENOENT there)
  it.skipIf(!existsSync('/proc/self'))(
    'a folder under /proc is E_OUTPUT naming the path, not a hang',
    async () => {
      await expect(makeFolder('/proc/aura-no-such/x')).rejects.toMatchObject({
        code: 'EPERM',
        path: '/proc/aura-no-such',
      })
      await expect(writeOutputFile('/proc/aura-no-such/x/junit.xml', '<testsuites/>', '--junit')).rejects.toMatchObject(
        {
          code: 'E_OUTPUT',
          location: { file: '/proc/aura-no-such/x/junit.xml', field: '--junit' },
        },
      )
    },
    5000,
  )

  it('a single output never lands in a report folder, named through a link or not (the next report would remove it)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aura-inside-'))
    const report = join(root, 'first')
    await mkdir(join(report, STATE_FOLDER, 'report-1', 'charts'), { recursive: true })
    await symlink('report-1', join(report, STATE_FOLDER, 'report'))
    await symlink(`${STATE_FOLDER}/report/charts`, join(report, 'charts'))
    await symlink(join(report, STATE_FOLDER, 'report'), join(root, 'current'))
    const kind = { what: 'a results.json aura-bench wrote', recognize: () => true }
    for (const [target, message] of [
      [join(report, 'charts', 'baseline.json'), "lies in aura-bench's state folder"],
      [join(root, 'current', 'b.json'), "lies in aura-bench's state folder"],
      [join(report, STATE_FOLDER, 'new', 'b.json'), "lies in aura-bench's state folder"],
      [join(report, 'results.json'), 'is a name the report in'],
    ] as const) {
      await expect(checkReplacesOnlyOwn(target, '--save-baseline', target, kind), target).rejects.toMatchObject({
        code: 'E_OUTPUT',
        message: expect.stringContaining(message),
      })
    }
    // beside the report under a name it does not publish, and a link at the path itself (replaced, not written through)
    await checkReplacesOnlyOwn(join(report, 'baseline.json'), '--save-baseline', 'b', kind)
    await symlink(join(report, 'charts', 'x.json'), join(root, 'link.json'))
    await checkReplacesOnlyOwn(join(root, 'link.json'), '--save-baseline', 'l', kind)
  })
})
