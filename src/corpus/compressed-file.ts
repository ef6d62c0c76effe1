/**
 * A corpus file that is itself compressed (device dumps arrive as .txt.gz): read as text it would be
 * measured as lines of gzip bytes at 1.00x, and `discover` would learn a store from them (s35-trial
 * D5). aura-bench reads corpora uncompressed: such a file is refused by its first bytes whatever its
 * name or `format:` says, and a compressed file's extension is never answered with "set format: txt".
 */
import { open } from 'node:fs/promises'
import { basename, extname } from 'node:path'

/** A compression format told by its magic bytes, and the command that undoes it. */
interface CompressedKind {
  name: string
  /** the command that writes the decompressed file beside it, for a file named `file` */
  undo: (file: string) => string
}

const GZIP: CompressedKind = { name: 'gzip', undo: (file) => `gunzip -k ${file}` }
const ZSTD: CompressedKind = { name: 'zstd', undo: (file) => `zstd -d ${file}` }
const BZIP2: CompressedKind = { name: 'bzip2', undo: (file) => `bunzip2 -k ${file}` }
const XZ: CompressedKind = { name: 'xz', undo: (file) => `unxz -k ${file}` }
const ZIP: CompressedKind = { name: 'zip', undo: (file) => `unzip ${file}` }

/** Extensions of compressed files (`.tgz` is gzip too). */
const BY_EXTENSION: Record<string, CompressedKind> = {
  '.gz': GZIP,
  '.tgz': GZIP,
  '.zst': ZSTD,
  '.bz2': BZIP2,
  '.xz': XZ,
  '.zip': ZIP,
}

/** The compression format whose magic bytes `head` (a file's first bytes) starts with; undefined for others. */
export function compressedKindOf(head: Uint8Array): CompressedKind | undefined {
  const at = (i: number) => head[i]
  // gzip: 1f 8b and method 8 (deflate), the only one gzip writes
  if (at(0) === 0x1f && at(1) === 0x8b && at(2) === 0x08) return GZIP
  if (at(0) === 0x28 && at(1) === 0xb5 && at(2) === 0x2f && at(3) === 0xfd) return ZSTD
  // bzip2: "BZh", a block size digit 1-9, then the block magic 31 41 59 26 53 59 (or the end-of-stream magic)
  if (at(0) === 0x42 && at(1) === 0x5a && at(2) === 0x68 && (at(3) ?? 0) >= 0x31 && (at(3) ?? 0) <= 0x39) {
    const block = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59].every((byte, i) => at(4 + i) === byte)
    const end = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90].every((byte, i) => at(4 + i) === byte)
    if (block || end) return BZIP2
  }
  if ([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00].every((byte, i) => at(i) === byte)) return XZ
  if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04) return ZIP
  return undefined
}

/** What to say of a compressed corpus file: the message's end and the hint. */
export interface CompressedCorpus {
  message: string
  hint: string
}

/** For a corpus file named like a compressed one (`devices.txt.gz`): what to say; undefined for other names. */
export function compressedByName(path: string): CompressedCorpus | undefined {
  const kind = BY_EXTENSION[extname(path).toLowerCase()]
  return kind === undefined ? undefined : said(kind, path, `is named as a ${kind.name}-compressed file`)
}

/** Reads the first bytes of a corpus file: what to say when it is compressed, else undefined. */
export async function compressedByContent(path: string): Promise<CompressedCorpus | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(path, 'r')
    const head = new Uint8Array(10)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    const kind = compressedKindOf(head.subarray(0, bytesRead))
    return kind === undefined ? undefined : said(kind, path, `is ${kind.name}-compressed (its first bytes)`)
  } catch {
    // unreadable: the reader that follows says why
    return undefined
  } finally {
    await handle?.close()
  }
}

function said(kind: CompressedKind, path: string, what: string): CompressedCorpus {
  const name = basename(path)
  const plain = name.replace(/\.(?:gz|tgz|zst|bz2|xz|zip)$/i, '')
  return {
    message: `corpus file ${path} ${what}: aura-bench reads corpora uncompressed (read as lines, its compressed bytes would be measured)`,
    hint: `decompress it first (\`${kind.undo(name)}\`) and name the uncompressed file${plain !== name && plain !== '' ? ` (${plain})` : ''}; \`format:\` does not decompress`,
  }
}
