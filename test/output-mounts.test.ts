// A read-only and a full file system under --out (issue 19 item 7): exit 2 naming the path, never 3,
// and the report already there intact. Real mounts: each case runs the CLI (bundled) inside a private
// mount namespace (`unshare -m`) on a small tmpfs, so nothing is mounted outside the test. Skipped
// where unshare or mount is not permitted (not root).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliBundle, tinySuiteYaml } from './cli-bundle.ts'

const work = path.join(tmpdir(), `aura-mounts-${process.pid}`)
const mountPoint = path.join(work, 'mnt')
const suite = path.join(work, 'tiny.yaml')
const canMount =
  spawnSync('unshare', [
    '-m',
    'sh',
    '-c',
    `mkdir -p ${tmpdir()}/aura-probe-$$ && mount -t tmpfs -o size=64k tmpfs ${tmpdir()}/aura-probe-$$ && umount ${tmpdir()}/aura-probe-$$; rmdir ${tmpdir()}/aura-probe-$$`,
  ]).status === 0
let bundle = ''

beforeAll(() => {
  mkdirSync(mountPoint, { recursive: true })
  writeFileSync(suite, tinySuiteYaml('tiny', 'good'))
  if (canMount) bundle = buildCliBundle('mounts')
})
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  if (bundle !== '') rmSync(path.dirname(bundle), { recursive: true, force: true })
})

/** Runs a shell script in a private mount namespace; `run NAME ARGS...` runs the CLI with stderr to NAME.err and prints `NAME=<exit code>`. */
function inNamespace(script: string): { lines: Map<string, string>; err: (name: string) => string } {
  const prelude = `set -u; M=${JSON.stringify(mountPoint)}; run() { name=$1; shift; node ${JSON.stringify(bundle)} "$@" --quiet 2>${JSON.stringify(work)}/$name.err >/dev/null; echo "$name=$?"; }\n`
  const result = spawnSync('unshare', ['-m', 'sh', '-c', prelude + script], { encoding: 'utf8' })
  const lines = new Map(
    result.stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => l.split('=') as [string, string]),
  )
  return { lines, err: (name) => readFileSync(path.join(work, `${name}.err`), 'utf8') }
}

describe.skipIf(!canMount)('output on a read-only or full file system', () => {
  it('read-only (EROFS): exit 2 naming the folder before measuring, the report there intact', () => {
    const { lines, err } = inNamespace(`
      mount -t tmpfs -o size=1m tmpfs "$M"
      run first run ${suite} --out "$M/out" --no-charts --no-html
      mount -o remount,ro "$M"
      run again run ${suite} --out "$M/out" --no-charts --no-html
      run fresh run ${suite} --out "$M/new/out"
      run junit run ${suite} --out ${work}/elsewhere --junit "$M/junit.xml"
      echo "title=$(head -1 "$M/out/report.md")"
    `)
    expect(lines.get('first')).toBe('0')
    for (const name of ['again', 'fresh', 'junit']) {
      expect(lines.get(name), err(name)).toBe('2')
      expect(err(name)).toMatch(/error E_OUTPUT .*read-only.*\[EROFS\]/)
      expect(err(name)).not.toContain('internal error')
    }
    expect(err('again')).toContain(path.join(mountPoint, 'out'))
    expect(err('junit')).toContain(path.join(mountPoint, 'junit.xml'))
    expect(lines.get('title')).toBe('# aura-bench report: tiny')
  })

  it('full (ENOSPC): exit 2 naming the folder, the previous report intact and no staging left', () => {
    const { lines, err } = inNamespace(`
      mount -t tmpfs -o size=256k tmpfs "$M"
      run first run ${suite} --out "$M/out" --no-charts --no-html
      dd if=/dev/zero of="$M/reserve" bs=4k count=2 2>/dev/null
      dd if=/dev/zero of="$M/fill" bs=4k 2>/dev/null
      rm "$M/reserve"
      run nearly run ${suite} --out "$M/out" --no-charts --no-html
      echo "state=$(ls "$M/out/.aura-bench" | sed 's/report-.*/report-id/' | tr '\\n' ' ')"
      echo "title=$(head -1 "$M/out/report.md")"
      dd if=/dev/zero of="$M/fill2" bs=4k 2>/dev/null
      run full run ${suite} --out "$M/out" --no-charts --no-html
      echo "title2=$(head -1 "$M/out/report.md")"
    `)
    expect(lines.get('first')).toBe('0')
    for (const name of ['nearly', 'full']) {
      expect(lines.get(name), err(name)).toBe('2')
      expect(err(name)).toMatch(/error E_OUTPUT .*no space left.*\[ENOSPC\]/)
      expect(err(name)).toContain(path.join(mountPoint, 'out'))
      expect(err(name)).not.toContain('internal error')
    }
    expect(lines.get('state')).toBe('report report-id ')
    expect(lines.get('title')).toBe('# aura-bench report: tiny')
    expect(lines.get('title2')).toBe('# aura-bench report: tiny')
  })
})
