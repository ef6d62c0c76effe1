/**
 * Reading input files (suites, configs, stores, baselines, corpora) the one way: only regular files
 * (a FIFO, device or socket is refused from its stat, never opened, so a FIFO cannot block the run
 * and /dev/zero cannot feed it forever), opened non-blocking and checked again on the open handle,
 * read no further than a size limit fixed before anything is allocated, and fingerprinted (size,
 * modification time, inode, SHA-256 of the bytes read) so a file read again in a later pass (one
 * corpus per config) is the same file: a change is E_INPUT_CHANGED naming it.
 */
import { createHash, type Hash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { AuraError, hasCode, type ErrorLocation } from './errors.ts'
import { changed, describe, describeChange, nonRegularKind } from './file-stats.ts'

/** What is being read, for messages and limits. */
export interface InputFileSpec {
  /** absolute path */
  path: string
  /** the path as the user wrote it (messages); default `path` */
  asWritten?: string
  /** e.g. `suite file`, `corpus file`, `template store` */
  kind: string
  /** reading stops with E_FILE_TOO_LARGE past this many bytes */
  maxBytes: number
  /** where errors point; default the file itself */
  where?: ErrorLocation
  /** fingerprints of the run: the file must be the one first read */
  fingerprints?: InputFingerprints
}

const READ_CHUNK_BYTES = 1 << 16

/** The limit of a whole-file data input that is not a suite or config (results.json, a history, a ground-truth CSV): 256 MiB. */
export const MAX_DATA_FILE_BYTES = 256 * 1024 * 1024

function located(spec: InputFileSpec): ErrorLocation {
  return spec.where ?? { file: spec.asWritten ?? spec.path }
}

function shown(spec: InputFileSpec): string {
  return spec.asWritten ?? spec.path
}

/** Throws E_FILE_IS_DIRECTORY or E_FILE_NOT_REGULAR for anything but a regular file. */
function checkRegular(spec: InputFileSpec, info: Stats): void {
  const what = nonRegularKind(info)
  if (what === undefined) return
  if (info.isDirectory())
    throw new AuraError('E_FILE_IS_DIRECTORY', `${shown(spec)} is a folder; a ${spec.kind} was expected`, located(spec))
  throw new AuraError(
    'E_FILE_NOT_REGULAR',
    `${spec.kind} ${shown(spec)} is ${what}; aura-bench reads only regular files`,
    located(spec),
    {
      hint: 'copy the data to a file first (a pipe or device is never read: it could block or never end)',
    },
  )
}

/** E_FILE_UNREADABLE naming the input and why. */
function unreadable(spec: Omit<InputFileSpec, 'fingerprints'>, error: unknown): AuraError {
  return new AuraError(
    'E_FILE_UNREADABLE',
    `cannot read ${spec.kind} ${shown(spec)}: ${describe(error)}`,
    located(spec),
    {
      cause: error,
    },
  )
}

/** What a failed stat of an input means: E_FILE_MISSING for a path that is not there, else E_FILE_UNREADABLE. */
function statFailed(spec: Omit<InputFileSpec, 'fingerprints'>, error: unknown): AuraError {
  if (hasCode(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
    return new AuraError('E_FILE_MISSING', `${spec.kind} not found: ${shown(spec)}`, located(spec))
  return unreadable(spec, error)
}

/** Stats the path (following symlinks): E_FILE_MISSING, E_FILE_UNREADABLE, or the checks of checkRegular. */
async function statInputFile(spec: InputFileSpec): Promise<Stats> {
  let info: Stats
  try {
    info = await stat(spec.path)
  } catch (error) {
    throw statFailed(spec, error)
  }
  checkRegular(spec, info)
  return info
}

/** Opens a regular file non-blocking and checks the open handle is still one (the path may have been swapped after the stat). */
async function openRegular(spec: InputFileSpec): Promise<{ handle: FileHandle; info: Stats }> {
  const before = await statInputFile(spec)
  tooLarge(spec, before.size)
  let handle: FileHandle
  try {
    handle = await open(spec.path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw unreadable(spec, error)
  }
  try {
    const info = await handle.stat()
    checkRegular(spec, info)
    spec.fingerprints?.checkStat(spec, info)
    return { handle, info }
  } catch (error) {
    await handle.close()
    throw error
  }
}

function tooLarge(spec: InputFileSpec, sizeBytes: number): void {
  if (sizeBytes <= spec.maxBytes) return
  throw new AuraError(
    'E_FILE_TOO_LARGE',
    `${spec.kind} ${shown(spec)} is ${sizeBytes} bytes or more; at most ${spec.maxBytes} are read from a ${spec.kind}`,
    located(spec),
  )
}

/** Reads a whole regular file of at most `spec.maxBytes` (files whose stat size is 0 but hold bytes, as in /proc, are read in chunks up to the limit). */
export async function readInputFile(spec: InputFileSpec): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of readInputChunks(spec)) chunks.push(chunk)
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
}

/**
 * The bytes of a regular file in chunks of at most 64 KiB (each a new buffer), never more than
 * `spec.maxBytes` in all; at the end the file's stat must be unchanged and, with fingerprints, the
 * hash of the bytes must match an earlier read of as many bytes. A reader that stops early (a
 * corpus `limit`) closes the file without the end checks.
 */
export async function* readInputChunks(spec: InputFileSpec): AsyncGenerator<Buffer> {
  const { handle, info } = await openRegular(spec)
  const hash = spec.fingerprints === undefined ? undefined : createHash('sha256')
  let totalBytes = 0
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, spec.maxBytes - totalBytes + 1))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      totalBytes += bytesRead
      tooLarge(spec, totalBytes)
      const piece = chunk.subarray(0, bytesRead)
      hash?.update(piece)
      yield piece
    }
    const after = await handle.stat()
    if (changed(info, after)) throw inputChanged(spec, `while it was read (${describeChange(info, after)})`)
    if (hash !== undefined) spec.fingerprints?.checkContent(spec, totalBytes, hash)
  } finally {
    await handle.close()
  }
}

/**
 * readInputFile for callers that cannot wait (a suite's config names, read while the suite is
 * parsed): the same checks in the same order (regular file from its stat, then from the open
 * non-blocking handle; the size bound before allocating, then while reading), without fingerprints.
 */
export function readInputFileSync(spec: Omit<InputFileSpec, 'fingerprints'>): Buffer {
  let before: Stats
  try {
    before = statSync(spec.path)
  } catch (error) {
    throw statFailed(spec, error)
  }
  checkRegular(spec, before)
  tooLarge(spec, before.size)
  let fd: number
  try {
    fd = openSync(spec.path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw unreadable(spec, error)
  }
  try {
    checkRegular(spec, fstatSync(fd))
    const chunks: Buffer[] = []
    let totalBytes = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, spec.maxBytes - totalBytes + 1))
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      totalBytes += bytesRead
      tooLarge(spec, totalBytes)
      chunks.push(chunk.subarray(0, bytesRead))
    }
    return Buffer.concat(chunks)
  } finally {
    closeSync(fd)
  }
}

/** The identity of a file aura-bench has read. */
interface Fingerprint {
  sizeBytes: number
  mtimeMs: number
  ino: number
  dev: number
  /** SHA-256 (hex) of the first N bytes, per N read so far */
  hashes: Map<number, string>
}

function inputChanged(spec: InputFileSpec, how: string): AuraError {
  return new AuraError(
    'E_INPUT_CHANGED',
    `${spec.kind} ${shown(spec)} changed ${how}; results would mix two versions of it`,
    located(spec),
    {
      hint: 'do not edit or replace input files during a run; run again once the file is final',
    },
  )
}

/**
 * The files one run (or one command) has read, by absolute path: the first read records size,
 * modification time, inode and the hash of what was read; every later read must match.
 */
export class InputFingerprints {
  private readonly byPath = new Map<string, Fingerprint>()

  /** Before reading: the file's stat must be the one recorded at its first read. */
  checkStat(spec: InputFileSpec, info: Stats): void {
    const known = this.byPath.get(spec.path)
    if (known === undefined) {
      this.byPath.set(spec.path, {
        sizeBytes: info.size,
        mtimeMs: info.mtimeMs,
        ino: info.ino,
        dev: info.dev,
        hashes: new Map(),
      })
      return
    }
    if (
      known.sizeBytes !== info.size ||
      known.mtimeMs !== info.mtimeMs ||
      known.ino !== info.ino ||
      known.dev !== info.dev
    ) {
      throw inputChanged(
        spec,
        `since aura-bench first read it (${describeChange({ size: known.sizeBytes, mtimeMs: known.mtimeMs, ino: known.ino, dev: known.dev }, info)})`,
      )
    }
  }

  /** After reading `bytesRead` bytes: their hash must equal the hash of an earlier read of as many bytes. */
  checkContent(spec: InputFileSpec, bytesRead: number, hash: Hash): void {
    const known = this.byPath.get(spec.path)
    if (known === undefined) return
    const digest = hash.digest('hex')
    const earlier = known.hashes.get(bytesRead)
    if (earlier === undefined) known.hashes.set(bytesRead, digest)
    else if (earlier !== digest)
      throw inputChanged(spec, 'since aura-bench first read it (same size and time, other bytes)')
  }

  /**
   * SHA-256 (hex) of the whole file at `path` as this run read it: a pass that read it to its end
   * recorded it; otherwise (every pass stopped early at a corpus `limit`, or none read it here) the
   * file is read once more, through these fingerprints, so it must still be the file first read.
   * Undefined when `signal` is aborted during that read (a Ctrl-C does not wait for a large file's hash).
   */
  async wholeFileDigest(spec: Omit<InputFileSpec, 'fingerprints'>, signal?: AbortSignal): Promise<string | undefined> {
    const known = this.byPath.get(spec.path)
    const recorded = known?.hashes.get(known.sizeBytes)
    if (recorded !== undefined) return recorded
    for await (const _chunk of readInputChunks({ ...spec, fingerprints: this })) {
      // the pass records the whole file's hash at its end
      if (signal?.aborted === true) return undefined
    }
    const read = this.byPath.get(spec.path)
    const digest = read?.hashes.get(read.sizeBytes)
    if (digest === undefined) throw new Error(`internal: no digest recorded for ${spec.path}`)
    return digest
  }

  /** Paths read so far. */
  get paths(): string[] {
    return [...this.byPath.keys()]
  }
}
