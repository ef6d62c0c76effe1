/** Shared by the new-user trial tests: a scratch folder, files written into it, and the CLI run there. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import { runCli } from '../src/cli/cli.ts'
import { createFakeIo } from '../src/cli/test-support.ts'

/** A trial's scratch folder (removed after the file's tests) and what its tests do in it. */
export interface TrialFolder {
  root: string
  /** writes `text` at `relative` (folders made), returns the absolute path */
  write(relative: string, text: string): string
  read(relative: string): string
  readJson(relative: string): { warnings: string[]; [key: string]: unknown }
  /** the CLI in the folder, with `env` as its environment (default none) */
  cli(args: string[], env?: Record<string, string>): Promise<{ code: number; out: string; err: string }>
}

export function trialFolder(prefix: string): TrialFolder {
  const root = mkdtempSync(path.join(tmpdir(), prefix))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const read = (relative: string) => readFileSync(path.join(root, relative), 'utf8')
  return {
    root,
    write(relative, text) {
      const file = path.join(root, relative)
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, text)
      return file
    },
    read,
    readJson: (relative) => JSON.parse(read(relative)),
    async cli(args, env) {
      const io = createFakeIo(env === undefined ? { cwd: root } : { cwd: root, env })
      const code = await runCli(args, io)
      return { code, out: io.out(), err: io.err() }
    },
  }
}
