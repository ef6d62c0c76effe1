/**
 * One writer per output folder: a lock file naming its holder (pid, host, process start time). A
 * second writer exits 2 naming the holder's pid, or waits (`wait`); a lock whose holder is gone
 * (killed, the machine restarted, the pid reused by another process) is taken over.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { constants, copyFile, link, lstat, open, readFile, rename, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { AuraError } from '../core/index.ts'
import { makeFolder } from './output-file.ts'

/** Who holds a lock, as written in the lock file. */
interface LockHolder {
  pid: number
  host: string
  /** the process's start time in clock ticks since boot (Linux /proc), to tell a reused pid; null elsewhere */
  processStart: number | null
  startedAt: string
  token: string
}

/** A held lock; release() removes it when it is still ours. */
export interface OutputLock {
  readonly file: string
  readonly holder: LockHolder
  release(): Promise<void>
}

/** Options of acquireOutputLock. */
export interface LockOptions {
  /** wait for the holder instead of failing with E_OUTPUT_LOCKED; default false */
  wait?: boolean
  /** called once when waiting starts */
  onWait?: (holder: LockHolder) => void
  /** with `wait`: how long to wait before failing with E_OUTPUT_LOCKED, ms; default: no bound */
  maxWaitMs?: number
  /** poll interval while waiting, ms; default 200 */
  pollMs?: number
  /** what the lock guards, for messages (the output folder) */
  shownAs?: string
}

/** Tokens of the locks this process holds: a lock file with our pid but another token is a dead predecessor's. */
const heldTokens = new Set<string>()

/** This process's id. */
export function currentPid(): number {
  return process.pid
}

/** Start time of process `pid` in clock ticks since boot, from /proc (Linux); null when it cannot be read. */
function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // fields after the command name (which may hold spaces and parentheses); starttime is field 22
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19])
    return Number.isFinite(ticks) ? ticks : null
  } catch {
    return null
  }
}

/** True when a process with this pid exists (or exists under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

/** True when the holder may still be writing: same host and its process is alive and is the same process. */
function isHolderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true // cannot tell: assume alive
  if (holder.pid === currentPid()) return heldTokens.has(holder.token)
  if (!isProcessAlive(holder.pid)) return false
  const start = processStartTicks(holder.pid)
  return holder.processStart === null || start === null || start === holder.processStart
}

/** Largest lock file read: a holder is about 150 bytes. */
const MAX_LOCK_BYTES = 64 * 1024

async function readHolder(file: string): Promise<LockHolder | undefined> {
  const info = await lstat(file).catch(() => undefined)
  if (info === undefined) return undefined
  // only a small regular file is read: a FIFO planted at the lock's name would block the read forever
  const text = info.isFile() && info.size <= MAX_LOCK_BYTES ? await readFile(file, 'utf8').catch(() => undefined) : ''
  if (text === undefined) return undefined
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string')
      return { host: '', processStart: null, startedAt: '', ...parsed } as LockHolder
  } catch {
    // damaged (locks are created whole): stale
  }
  return { pid: 0, host: '', processStart: null, startedAt: '', token: '' }
}

/** Describes a holder for messages: pid, host when another, start time. */
export function describeHolder(holder: LockHolder): string {
  const host = holder.host !== '' && holder.host !== hostname() ? ` on host ${holder.host}` : ''
  return `pid ${holder.pid}${host}${holder.startedAt === '' ? '' : `, since ${holder.startedAt}`}`
}

function lockedError(file: string, holder: LockHolder, shownAs: string): AuraError {
  return new AuraError(
    'E_OUTPUT_LOCKED',
    `${shownAs} is being written by another aura-bench (${describeHolder(holder)})`,
    { file: shownAs },
    {
      hint: `wait for it to finish, or pass --wait to wait for it; if no such process runs, delete ${file}`,
    },
  )
}

/**
 * Creates the lock whole: the holder is written to a temporary file and flushed, then hard-linked
 * to the lock's name (atomic, fails when it exists), so a lock file never exists without its holder,
 * even when the writer is killed mid-way. Where hard links are not supported, an exclusive create.
 */
async function tryCreate(file: string, holder: LockHolder): Promise<boolean> {
  const temporary = `${file}.tmp-${holder.pid}-${randomBytes(4).toString('hex')}`
  try {
    const handle = await open(temporary, 'wx')
    try {
      await handle.writeFile(`${JSON.stringify(holder)}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await link(temporary, file).catch(async (error: unknown) => {
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV'].includes((error as { code?: string }).code ?? '')) throw error
      await copyFile(temporary, file, constants.COPYFILE_EXCL)
    })
    return true
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'EEXIST') return false
    // the holder we waited for removed the folder it had created: make it again
    if (code === 'ENOENT') return makeFolder(path.dirname(file)).then(() => false)
    throw error
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
}

/**
 * Removes a lock judged stale, unless another writer replaced it meanwhile: the file is first
 * renamed aside (one process wins), then checked to be the one judged; a fresh one is put back.
 */
async function removeStale(file: string, judged: LockHolder): Promise<void> {
  const aside = `${file}.stale-${currentPid()}-${randomBytes(4).toString('hex')}`
  try {
    await rename(file, aside)
  } catch {
    return // someone else moved it first
  }
  const moved = await readHolder(aside)
  if (moved !== undefined && moved.token !== judged.token) await rename(aside, file).catch(() => undefined)
  else await unlink(aside).catch(() => undefined)
}

/**
 * Takes the lock `file` (its folder must exist). Held by a live process: E_OUTPUT_LOCKED naming its
 * pid, or with `wait` polls until it is free. Held by a dead one: taken over.
 */
export async function acquireOutputLock(file: string, options: LockOptions = {}): Promise<OutputLock> {
  const holder: LockHolder = {
    pid: currentPid(),
    host: hostname(),
    processStart: processStartTicks(currentPid()),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  }
  // known before the file exists, so a writer of this process never judges it a dead predecessor's
  heldTokens.add(holder.token)
  try {
    await takeLock(file, holder, options)
  } catch (error) {
    heldTokens.delete(holder.token)
    throw error
  }
  return {
    file,
    holder,
    release: async () => {
      heldTokens.delete(holder.token)
      const current = await readHolder(file)
      if (current?.token === holder.token) await unlink(file).catch(() => undefined)
    },
  }
}

async function takeLock(file: string, holder: LockHolder, options: LockOptions): Promise<void> {
  let announced = false
  const waitUntil = options.maxWaitMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.maxWaitMs
  for (;;) {
    if (await tryCreate(file, holder)) return
    const current = await readHolder(file)
    if (current === undefined) continue
    // a lock is created whole (tryCreate): one without a holder is damaged, and stale
    if (current.token !== '' && isHolderAlive(current)) {
      if (options.wait !== true || Date.now() >= waitUntil)
        throw lockedError(file, current, options.shownAs ?? path.dirname(file))
      if (!announced) options.onWait?.(current)
      announced = true
      await sleep(options.pollMs ?? 200)
      continue
    }
    await removeStale(file, current)
  }
}
