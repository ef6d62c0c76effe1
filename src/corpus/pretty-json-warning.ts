/**
 * A txt corpus that is one pretty-printed JSON document (s33 D10: a JSON array of API responses read
 * with `format: txt` was measured as 3,974 "messages" of `  {` and `    "id": ...` from 100 responses,
 * without a word). Told from the file's first lines alone: a line that is only `[` or `{`, then an
 * indented line that opens a JSON value or key. A log line is neither.
 */
import { open } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { resolveCorpusFormat } from './load-corpus.ts'
import type { CorpusFormat } from './types.ts'

/** Bytes read from the file's start: the first two lines of a pretty-printed document fit. */
const HEAD_BYTES = 4096

/** A warning for a txt corpus that starts like pretty-printed JSON, else undefined. */
export async function prettyJsonTxtWarning(corpus: {
  name: string
  path: string
  pathAsWritten?: string
  format?: string
}): Promise<string | undefined> {
  let format: string
  try {
    format = resolveCorpusFormat({ path: corpus.path, format: (corpus.format ?? 'auto') as CorpusFormat })
  } catch {
    return undefined
  }
  if (format !== 'txt' && format !== 'loghub') return undefined
  const head = await readHead(corpus.path)
  if (head === undefined || !startsLikePrettyJson(head)) return undefined
  const shown = corpus.pathAsWritten ?? corpus.path
  const jsonl = `${basename(corpus.path, extname(corpus.path))}.jsonl`
  return `corpus ${corpus.name} (${shown}) is read as ${format} (one message per line) but starts like pretty-printed JSON: each of its lines was measured as a message, not each JSON value; to send each element of a JSON array whole, write it as JSON lines (node -e "for (const o of require('./${basename(corpus.path)}')) console.log(JSON.stringify(o))" > ${jsonl}) and read that with format: txt`
}

/** The first lines: a lone `[` or `{`, then an indented `{`, `[`, `"` or value. */
export function startsLikePrettyJson(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/)
  const first = lines[0]?.trim()
  if (first !== '[' && first !== '{') return false
  const second = lines[1]
  return second !== undefined && /^[ \t]+["{[]/.test(second)
}

async function readHead(path: string): Promise<string | undefined> {
  try {
    const file = await open(path, 'r')
    try {
      const buffer = Buffer.alloc(HEAD_BYTES)
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0)
      return buffer.subarray(0, bytesRead).toString('utf8')
    } finally {
      await file.close()
    }
  } catch {
    // unreadable: the corpus's own read says why
    return undefined
  }
}
