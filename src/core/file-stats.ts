/** A file's stat in words and compared (what kind of non-regular file it is, what changed between two stats), and an error's message. */
import type { Stats } from 'node:fs'

/** What a non-regular file is, in words; undefined for a regular file. */
export function nonRegularKind(info: Stats): string | undefined {
  if (info.isFile()) return undefined
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSocket()) return 'a socket'
  return 'not a regular file'
}

export function changed(a: Stats, b: Stats): boolean {
  return a.size !== b.size || a.mtimeMs !== b.mtimeMs || a.ino !== b.ino || a.dev !== b.dev
}

function describeStat(info: { size: number; mtimeMs: number }): string {
  return `${info.size} bytes, modified ${new Date(info.mtimeMs).toISOString()}`
}

/** What changed between two stats, in words: a file put in its place shows the same size and time. */
export function describeChange(
  before: { size: number; mtimeMs: number; ino: number; dev: number },
  after: { size: number; mtimeMs: number; ino: number; dev: number },
): string {
  const replaced = before.ino !== after.ino || before.dev !== after.dev ? 'another file put in its place, ' : ''
  return `${replaced}${describeStat(before)} -> ${describeStat(after)}`
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
