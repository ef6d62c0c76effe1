/**
 * Single output files (JUnit XML, Prometheus metrics, alert rules, a saved baseline, a template
 * store): checked before measuring (output-file-checks.ts), then written whole or not at all. The bytes go to a new
 * temporary file beside the target (created exclusively, so no symbolic link is ever followed),
 * flushed, and renamed over the target: a symbolic link at the target is replaced, its target is
 * never written through. A temporary file of a killed writer is removed by the next write.
 */
import { randomBytes } from 'node:crypto'
import { appendFile, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { asOutputError } from './output-errors.ts'
import { currentPid, isProcessAlive } from './output-lock.ts'

/** Writes a new file (never through an existing file or link: O_EXCL) and flushes it to disk before closing. */
export async function writeFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Flushes a folder's entries (a rename or new link in it) to disk; best effort where folders cannot be opened. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined)
  if (handle === undefined) return
  try {
    await handle.sync().catch(() => undefined)
  } finally {
    await handle.close()
  }
}

/**
 * mkdir -p made of plain mkdirs: from the nearest existing folder down, one folder at a time. Node's
 * recursive mkdir loops forever at full CPU where mkdir answers ENOENT under an existing folder
 * (/proc, /proc/self), and says ENOENT for a read-only file system; one at a time, each refusal is
 * the real one (EROFS, EACCES, ENOTDIR), and an ENOENT under a folder that exists becomes EPERM (the
 * file system does not let folders be made there). Returns the first folder made, as mkdir does.
 */
export async function makeFolder(folder: string): Promise<string | undefined> {
  const missing: string[] = []
  for (
    let at = path.resolve(folder);
    (await stat(at).catch(() => undefined)) === undefined && path.dirname(at) !== at;
    at = path.dirname(at)
  )
    missing.unshift(at)
  let first: string | undefined
  for (const at of missing) {
    try {
      await mkdir(at)
      first ??= at
    } catch (error) {
      const code = (error as { code?: string }).code
      // made meanwhile by another process: go on
      if (code === 'EEXIST' && (await stat(at).catch(() => undefined))?.isDirectory() === true) continue
      if (code === 'ENOENT' && (await stat(path.dirname(at)).catch(() => undefined))?.isDirectory() === true)
        throw Object.assign(new Error(`mkdir ${at}: this file system does not let folders be made here`), {
          code: 'EPERM',
          path: at,
          cause: error,
        })
      throw error
    }
  }
  return first
}

const TEMP_MARK = '.aura-tmp-'

function temporaryName(target: string): string {
  return `.${path.basename(target)}${TEMP_MARK}${currentPid()}-${randomBytes(6).toString('hex')}`
}

/** Removes temporary files that writers of `target` killed part-way left beside it (their process is gone). */
async function removeStaleTemporaries(target: string): Promise<void> {
  const prefix = `.${path.basename(target)}${TEMP_MARK}`
  const folder = path.dirname(target)
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const pid = Number(/^(\d+)-[0-9a-f]{12}$/.exec(name.slice(prefix.length))?.[1])
    if (name.startsWith(prefix) && Number.isSafeInteger(pid) && !isProcessAlive(pid))
      await unlink(path.join(folder, name)).catch(() => undefined)
  }
}

/**
 * Writes `data` to `target` whole (see the file comment), creating its folder. Failures the
 * environment causes are E_OUTPUT naming `target` and `flag`; the previous file stays as it was.
 */
export async function writeOutputFile(target: string, data: string | Uint8Array, flag = '--out'): Promise<void> {
  await asOutputError(target, flag, async () => {
    await makeFolder(path.dirname(target))
    await removeStaleTemporaries(target)
    const temporary = path.join(path.dirname(target), temporaryName(target))
    try {
      await writeFileDurably(temporary, data)
      await rename(temporary, target)
    } catch (error) {
      await unlink(temporary).catch(() => undefined)
      // the temporary file is ours, not a name the user gave: the message names the target
      if ((error as { path?: unknown }).path === temporary) (error as { path?: string }).path = target
      throw error
    }
    await syncFolder(path.dirname(target))
  })
}

/**
 * Appends `text` to `target` (the GitHub step summary: appended to, as GitHub expects), creating its
 * folder as writeOutputFile does. Failures the environment causes are E_OUTPUT naming `target` and `flag`.
 */
export async function appendOutputFile(target: string, text: string, flag: string): Promise<void> {
  await asOutputError(target, flag, async () => {
    await makeFolder(path.dirname(target))
    await appendFile(target, text)
  })
}
