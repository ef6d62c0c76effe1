/**
 * The checks a single output file (output-file.ts writes it) passes before any measuring: its path
 * can be written (checkOutputFile), and what is there is aura-bench's own output of that kind and
 * lies outside every report folder (checkReplacesOnlyOwn), so a write never loses the user's file.
 */
import { randomBytes } from 'node:crypto'
import { access, constants, lstat, open, readFile, realpath, rmdir, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { AuraError, MAX_DATA_FILE_BYTES } from '../core/index.ts'
import { asOutputError, toOutputError } from './output-errors.ts'
import { makeFolder } from './output-file.ts'
import { currentPid } from './output-lock.ts'
import { SLOT_NAMES, STATE_FOLDER } from './output-ownership.ts'

/** The nearest existing folder at or above `folder`, or an E_OUTPUT error when a file is in the way. */
async function nearestExistingFolder(folder: string, target: string, flag: string): Promise<string> {
  let current = path.resolve(folder)
  for (;;) {
    const info = await stat(current).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ENOENT') return undefined
      throw toOutputError(error, target, flag)
    })
    if (info?.isDirectory() === true) return current
    if (info !== undefined) throw outputError(target, flag, `${current} is a file, not a folder`, 'ENOTDIR')
    const parent = path.dirname(current)
    if (parent === current) return current
    current = parent
  }
}

function outputError(target: string, flag: string, reason: string, code: string): AuraError {
  return new AuraError(
    'E_OUTPUT',
    `cannot write there: ${reason} [${code}]`,
    { file: target, field: flag },
    { hint: 'choose another path, or move what is in the way' },
  )
}

/**
 * Checks, before any measuring, that `target` can be written: not a folder, not under a file, in a
 * folder this process may write. Permission bits alone do not say (root passes access() under /proc,
 * /sys or an immutable folder), so the check does what the writer will: it makes the missing folders
 * and a probe file beside the target (and, for `append`, opens an existing target for appending),
 * then removes what it made. EACCES, EPERM, EROFS, ... are E_OUTPUT (exit 2) naming the path; nothing
 * is left behind either way.
 */
export async function checkOutputFile(
  target: string,
  flag: string,
  how: 'replace' | 'append' = 'replace',
): Promise<void> {
  const info = await lstat(target).catch(() => undefined)
  if (info?.isDirectory() === true)
    throw outputError(target, flag, 'the path is a folder, a file was expected', 'EISDIR')
  // appended to, not replaced: an existing target takes the writes itself, through a link as the writer
  // follows it, and its folder need not be writable (a summary file in a read-only folder, /dev/stdout);
  // opening it to append changes nothing, and a FIFO or a device is taken as it is (opening one may block)
  if (how === 'append' && info !== undefined) {
    const followed = await stat(target).catch(() => undefined)
    if (followed?.isDirectory() === true)
      throw outputError(target, flag, 'the path is a folder, a file was expected', 'EISDIR')
    if (followed?.isFile() === true) await asOutputError(target, flag, async () => (await open(target, 'a')).close())
    if (followed !== undefined) return
  }
  const folder = await nearestExistingFolder(path.dirname(target), target, flag)
  await asOutputError(target, flag, () => access(folder, constants.W_OK | constants.X_OK))
  // the outermost folder missing now: whatever this check makes below it goes again, even if making
  // the rest failed part-way
  const firstMissing = await outermostMissing(path.dirname(target))
  try {
    await asOutputError(target, flag, async () => {
      await makeFolder(path.dirname(target))
      // a short name: the probe must not fail where the target's own name fits
      const probe = path.join(path.dirname(target), `.aura-probe-${currentPid()}-${randomBytes(6).toString('hex')}`)
      await (await open(probe, 'wx')).close()
      await unlink(probe)
    })
  } finally {
    // the folders this check made, deepest first; one another process filled meanwhile stays
    if (firstMissing !== undefined)
      for (let at = path.dirname(path.resolve(target)); ; at = path.dirname(at)) {
        await rmdir(at).catch(() => undefined)
        if (at === firstMissing || at === path.dirname(at)) break
      }
  }
}

/** The outermost folder of `folder`'s path that does not exist (undefined when `folder` exists). */
async function outermostMissing(folder: string): Promise<string | undefined> {
  let missing: string | undefined
  for (
    let at = path.resolve(folder);
    (await lstat(at).catch(() => undefined)) === undefined && path.dirname(at) !== at;
    at = path.dirname(at)
  )
    missing = at
  return missing
}

/** What an existing file at a single output's path must be for aura-bench to replace it. */
export interface OwnOutputKind {
  /** what the flag writes, as a message says it: `a template store`, `JUnit XML aura-bench wrote` */
  what: string
  /** true when the file's text is aura-bench's own output of that kind (by the marker it writes) */
  recognize: (text: string) => boolean
}

/**
 * aura-bench never replaces a file it did not write: an existing file at a single output's path is
 * replaced only when it is aura-bench's own output of that kind (`kind.recognize` on its text); an
 * empty file holds nothing to lose. Anything else there (the user's config, suite, corpus, a FIFO) is
 * E_OUTPUT (exit 2) naming the flag and the path, checked before any measuring. A symbolic link is
 * judged by what it points at (the write replaces the link, never its target); a folder is
 * checkOutputFile's to report.
 */
export async function checkReplacesOnlyOwn(
  target: string,
  flag: string,
  asWritten: string,
  kind: OwnOutputKind,
): Promise<void> {
  const refuse = (reason: string) =>
    new AuraError(
      'E_OUTPUT',
      `${asWritten} exists and ${reason}; ${flag} replaces only ${kind.what}: aura-bench never replaces a file it did not write`,
      { file: target, field: flag },
      { hint: 'choose another path, or move that file away' },
    )
  await checkOutsideReportFolders(target, flag, asWritten)
  // only a regular file is read: opening a FIFO there would block until a writer came
  const info = await stat(target).catch(() => undefined)
  // a link to a folder: checkOutputFile looked at the link itself (lstat), so the folder is refused here,
  // where the link would otherwise be replaced by the output (a dangling link is neither: replaced)
  if (info?.isDirectory() === true && (await lstat(target)).isSymbolicLink()) throw refuse('is a link to a folder')
  if (info === undefined || info.isDirectory()) return
  if (!info.isFile()) throw refuse('is not a regular file (a FIFO, device or socket)')
  if (info.size === 0) return
  if (info.size > MAX_DATA_FILE_BYTES) throw refuse(`is too big to be one (${info.size} bytes)`)
  const text = await readFile(target, 'utf8').catch((error: unknown) => {
    throw refuse(`cannot be read to tell who wrote it [${(error as { code?: string }).code ?? 'unreadable'}]`)
  })
  if (!kind.recognize(text)) throw refuse('is not one')
}

/**
 * A single output never goes into a report folder's own names or its state folder: the next report
 * written there would replace or remove it (`--save-baseline DIR/results.json` was evicted by the next
 * `run --out DIR`; into another report's folder it mixed two reports). E_OUTPUT, exit 2, before measuring.
 */
export async function checkOutsideReportFolders(target: string, flag: string, asWritten: string): Promise<void> {
  // links resolved (a report's charts/ is a link into its state folder), the file itself excepted: a link there is replaced, not written through
  const resolved = path.resolve(target)
  const absolute = path.join(await resolveExisting(path.dirname(resolved)), path.basename(resolved))
  const folder = path.dirname(absolute)
  const published = Object.values(SLOT_NAMES).some((names) => names.includes(path.basename(absolute)))
  const inState = folder.split(path.sep).includes(STATE_FOLDER)
  if (!inState && !(published && (await lstat(path.join(folder, STATE_FOLDER)).catch(() => undefined))?.isDirectory()))
    return
  throw new AuraError(
    'E_OUTPUT',
    `${flag} ${asWritten} ${inState ? "lies in aura-bench's state folder" : `is a name the report in ${folder} publishes`}: the next report written there would replace it`,
    { file: target, field: flag },
    { hint: 'keep it outside report folders (e.g. baselines/<suite>.json)' },
  )
}

/**
 * A path with every symbolic link resolved as far as it exists: its nearest existing ancestor's real
 * path, then the rest as written (a folder still to be made). A file a writer replaces is resolved by
 * its folder only (`resolveExisting(dirname)` + its name): a link at the path is replaced, never written through.
 */
export async function resolveExisting(target: string): Promise<string> {
  const absolute = path.resolve(target)
  const missing: string[] = []
  for (let at = absolute; ; at = path.dirname(at)) {
    const real = await realpath(at).catch(() => undefined)
    if (real !== undefined || at === path.dirname(at)) return path.join(real ?? at, ...missing)
    missing.unshift(path.basename(at))
  }
}
