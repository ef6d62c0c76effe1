/**
 * An output folder (`--out DIR`) written so that it always holds one whole report, old or new, and
 * nothing of the user's is ever touched.
 *
 * Layout (`report` is the slot of run and compare, `cost` the slot of cost projections):
 *
 *     DIR/results.json -> .aura-bench/report/results.json     (relative links, made once)
 *     DIR/report.md    -> .aura-bench/report/report.md
 *     DIR/charts       -> .aura-bench/report/charts
 *     DIR/.aura-bench/report -> report-<id>                   (the slot's current report)
 *     DIR/.aura-bench/report-<id>/results.json, report.md, charts/
 *     DIR/.aura-bench/lock                                   (while a writer runs)
 *
 * Steps of a write:
 * 1. open (before measuring): DIR must be a folder we can write; take the lock; remove what killed
 *    writers left; refuse (E_OUTPUT) when one of the names to publish is the user's (a plain file
 *    included, even a report of ours by its content: a copy is someone's archive) or the state folder
 *    is a copy;
 * 2. the report is written whole into `.aura-bench/staging-<id>/`, each file flushed;
 * 3. commit: the staging folder is renamed to `report-<id>`; links for new names are made (they
 *    resolve to nothing until step 4); then ONE rename of a new `report` link over the old one
 *    switches every name at once; links the new report lacks and the previous report folder go;
 * 4. close: the lock is released.
 * A kill -9 at any moment leaves the old report or the new one; the next open removes the rest.
 */
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, readdir, readlink, rename, rm, rmdir, stat, symlink, unlink } from 'node:fs/promises'
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import { asOutputError, toOutputError } from './output-errors.ts'
import { makeFolder, syncFolder } from './output-file.ts'
import { checkKindKept, checkNames, checkSlotLinks } from './output-folder-checks.ts'
import { acquireOutputLock, isProcessAlive, type LockOptions, type OutputLock } from './output-lock.ts'
import { classifyEntry, isOurLink, linkTarget, SLOT_NAMES, STATE_FOLDER, type OutputSlot } from './output-ownership.ts'

export { STATE_FOLDER, type OutputSlot } from './output-ownership.ts'

/** Options of openOutputFolder. */
interface OutputFolderOptions extends Omit<LockOptions, 'shownAs'> {
  slot: OutputSlot
  /** the top-level names this write publishes (e.g. results.json, report.md, charts) */
  names: readonly string[]
  /** the flag that named the folder, for messages; default `--out` */
  flag?: string
  /** the suite this report is of: a folder holding another suite's report is refused (checkKindKept) */
  suite?: string
}

/** An opened (checked and locked) output folder. */
export interface OutputFolder {
  readonly dir: string
  readonly slot: OutputSlot
  readonly names: readonly string[]
  /** A new empty staging folder to write a report into. */
  createStaging(): Promise<string>
  /** Publishes a staging folder's top-level entries as the slot's report (see the file comment). */
  commit(staging: string): Promise<void>
  /** Releases the lock; removes the folders open created when nothing was written into them. */
  close(): Promise<void>
}

const newId = (): string => `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`

function folderError(
  dir: string,
  flag: string,
  reason: string,
  code: string,
  hint = 'choose another --out folder',
): AuraError {
  return new AuraError('E_OUTPUT', `cannot write there: ${reason} [${code}]`, { file: dir, field: flag }, { hint })
}

/** Step 1: checks `dir`, creates it when absent, takes its lock, recovers, checks the names to publish. */
export async function openOutputFolder(dir: string, options: OutputFolderOptions): Promise<OutputFolder> {
  const flag = options.flag ?? '--out'
  const info = await stat(dir).catch(() => undefined)
  if (info !== undefined && !info.isDirectory())
    throw folderError(dir, flag, 'the path is a file, a folder was expected', 'ENOTDIR')
  const created = await asOutputError(dir, flag, () => makeFolder(dir))
  const state = path.join(dir, STATE_FOLDER)
  let lock: OutputLock | undefined
  try {
    const stateInfo = await lstat(state).catch(() => undefined)
    if (stateInfo !== undefined && !stateInfo.isDirectory())
      throw folderError(dir, flag, `${state} is not aura-bench's state folder (not a folder)`, 'EEXIST')
    if (stateInfo !== undefined) await checkSlotLinks(dir, flag)
    await asOutputError(dir, flag, () => makeFolder(state))
    lock = await asOutputError(dir, flag, () =>
      acquireOutputLock(path.join(state, 'lock'), { ...options, shownAs: dir }),
    )
    await asOutputError(dir, flag, () => recoverFolder(dir))
    await checkNames(dir, options.slot, options.names, flag)
    await checkKindKept(dir, options.slot, options.names, flag, options.suite)
  } catch (error) {
    await lock?.release()
    await removeCreated(dir, created)
    throw error
  }
  const held = lock
  return {
    dir,
    slot: options.slot,
    names: options.names,
    createStaging: () =>
      asOutputError(dir, flag, async () => {
        const staging = path.join(state, `staging-${newId()}`)
        await mkdir(staging)
        return staging
      }),
    commit: (staging) => asOutputError(dir, flag, () => commitStaging(dir, options.slot, staging, flag)),
    close: async () => {
      // a write that failed part way (a full disk between publishing and switching) leaves a report folder no
      // link points to: removed while the lock is held, so one without a lock beside it is only ever a copy's
      await recoverFolder(dir).catch(() => undefined)
      await held.release()
      await removeCreated(dir, created)
    },
  }
}

/** Removes the state folder and the folders `mkdir` created when they are empty (rmdir never removes content). */
async function removeCreated(dir: string, created: string | undefined): Promise<void> {
  await rmdir(path.join(dir, STATE_FOLDER)).catch(() => undefined)
  if (created === undefined) return
  for (let folder = dir; folder.length >= created.length; folder = path.dirname(folder)) {
    if (
      (await rmdir(folder).then(
        () => true,
        () => false,
      )) === false ||
      folder === created
    )
      break
  }
}

/** Removes what killed writers left in the state folder and repairs the top-level links (under the lock). */
async function recoverFolder(dir: string): Promise<void> {
  const state = path.join(dir, STATE_FOLDER)
  const slots = Object.keys(SLOT_NAMES) as OutputSlot[]
  const current = new Map<OutputSlot, string | undefined>()
  for (const slot of slots) current.set(slot, await readlink(path.join(state, slot)).catch(() => undefined))
  for (const entry of await readdir(state)) {
    const isRun = slots.some((slot) => entry.startsWith(`${slot}-`)) && ![...current.values()].includes(entry)
    // a waiting writer's lock files (lock.tmp-<pid>-, lock.stale-<pid>-) are left to it while it lives
    const lockPid = /^lock\.(?:tmp|stale)-(\d+)-/.exec(entry)?.[1]
    const leftover = lockPid === undefined ? /^(staging-|trash-)|\.tmp-/.test(entry) : !isProcessAlive(Number(lockPid))
    if (isRun || leftover) await rm(path.join(state, entry), { recursive: true, force: true })
  }
  for (const slot of slots) {
    const run = current.get(slot)
    const published = run === undefined ? [] : await readdir(path.join(state, run)).catch(() => [] as string[])
    for (const name of SLOT_NAMES[slot]) {
      const owner = await classifyEntry(dir, slot, name)
      if (owner.state === 'linked' && !published.includes(name)) await unlink(path.join(dir, name))
      // a migration killed between moving an old charts folder away and linking it
      if (owner.state === 'absent' && published.includes(name))
        await symlink(linkTarget(slot, name), path.join(dir, name))
    }
  }
  // staging folders of the writer before this layout (inside DIR, named by a UUID)
  for (const entry of await readdir(dir)) {
    if (/^\.staging-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(entry))
      await rm(path.join(dir, entry), { recursive: true, force: true })
  }
}

/** Points `state/slot` at `run` with one rename of a new link over the old one. */
async function switchSlot(state: string, slot: OutputSlot, run: string): Promise<void> {
  const temporary = path.join(state, `${slot}.tmp-${newId()}`)
  await symlink(run, temporary)
  await rename(temporary, path.join(state, slot))
  await syncFolder(state)
}

/** Step 3 (see the file comment). */
async function commitStaging(dir: string, slot: OutputSlot, staging: string, flag: string): Promise<void> {
  const state = path.join(dir, STATE_FOLDER)
  const names = await readdir(staging)
  // the names were checked at open; one taken since (by the user) stops the commit before any change
  await checkNames(dir, slot, names, flag)
  const run = `${slot}-${newId()}`
  for (const name of names)
    if ((await lstat(path.join(staging, name))).isDirectory()) await syncFolder(path.join(staging, name))
  await syncFolder(staging)
  await rename(staging, path.join(state, run))
  for (const name of names) {
    if ((await classifyEntry(dir, slot, name)).state === 'absent')
      await symlink(linkTarget(slot, name), path.join(dir, name))
  }
  await syncFolder(dir)
  await switchSlot(state, slot, run)
  for (const name of SLOT_NAMES[slot]) {
    if (!names.includes(name) && (await isOurLink(dir, name)) === slot) await unlink(path.join(dir, name))
  }
  for (const entry of await readdir(state)) {
    if (entry.startsWith(`${slot}-`) && entry !== run)
      await rm(path.join(state, entry), { recursive: true, force: true })
  }
}

/**
 * Writes one report into `dir`: opens it (unless `output` is an already opened folder of the
 * caller), lets `fill` write the files into a staging folder, commits, closes. `fill`'s result is
 * returned; when it throws, nothing is published and the previous report stays.
 */
export async function writeOutputFolder<T>(
  dir: string,
  options: OutputFolderOptions,
  fill: (staging: string) => Promise<T>,
  output?: OutputFolder,
): Promise<T> {
  const folder = output ?? (await openOutputFolder(dir, options))
  try {
    const staging = await folder.createStaging()
    try {
      const result = await fill(staging)
      await folder.commit(staging)
      return result
    } catch (error) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined)
      throw toOutputError(error, dir, options.flag ?? '--out')
    }
  } finally {
    if (output === undefined) await folder.close()
  }
}
