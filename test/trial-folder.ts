/** Shared by the new-user trial tests: a scratch folder, files written into it, and the CLI run there. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../src/cli/cli.ts'
import { createFakeIo } from '../src/cli/test-support.ts'
import { createTempTree, type TempTree } from '../src/core/test-temp-tree.ts'

/** A trial's scratch folder (removed after the file's tests) and what its tests do in it. */
export interface TrialFolder extends TempTree {
  read(relative: string): string
  readJson(relative: string): { warnings: string[]; [key: string]: unknown }
  /** the CLI in the folder, with `env` as its environment (default none) */
  cli(args: string[], env?: Record<string, string>): Promise<{ code: number; out: string; err: string }>
}

export function trialFolder(prefix: string): TrialFolder {
  const tree = createTempTree(prefix)
  const read = (relative: string) => readFileSync(path.join(tree.root, relative), 'utf8')
  return {
    ...tree,
    read,
    readJson: (relative) => JSON.parse(read(relative)),
    async cli(args, env) {
      const io = createFakeIo(env === undefined ? { cwd: tree.root } : { cwd: tree.root, env })
      const code = await runCli(args, io)
      return { code, out: io.out(), err: io.err() }
    },
  }
}
