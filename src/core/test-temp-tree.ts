/** A temporary folder tree for one test file (test code, not exported from core). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

/** A temporary folder and a writer of files into it. */
export interface TempTree {
  /** the folder, made under the system's temporary folder */
  root: string
  /** writes `text` to `root/relative`, making its folders; returns the file's path */
  write(relative: string, text: string): string
}

/** Makes a folder named `prefix` + random characters, removed once the calling file's tests are done. */
export function createTempTree(prefix: string): TempTree {
  const root = mkdtempSync(path.join(tmpdir(), prefix))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  return {
    root,
    write(relative, text) {
      const file = path.join(root, relative)
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, text)
      return file
    },
  }
}
