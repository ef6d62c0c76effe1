/**
 * vitest globalSetup of every tier: the run's temporary files go to one folder of their own
 * (TMPDIR, which os.tmpdir() reads and every spawned CLI inherits), removed when the run ends, so
 * the tests' scratch folders (suites, outputs, stores, locks) do not pile up in the system's /tmp.
 * A folder a failing test wants to inspect: set AURA_KEEP_TEST_TMP=1 and read the path printed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const PREFIX = 'aura-bench-tests-'

export default function setup(): () => void {
  // the unit tier's projects each run the setup: the first one's folder serves them all
  if (path.basename(process.env.TMPDIR ?? '').startsWith(PREFIX)) return () => {}
  const previous = process.env.TMPDIR
  const root = mkdtempSync(path.join(tmpdir(), PREFIX))
  process.env.TMPDIR = root
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    if (process.env.AURA_KEEP_TEST_TMP === '1') process.stderr.write(`test scratch kept in ${root}\n`)
    else rmSync(root, { recursive: true, force: true })
  }
}
