/**
 * Splitting a byte stream into lines on 0x0A without decoding it, so invalid UTF-8 and every other
 * byte of a message survive exactly (readline would decode and replace them).
 */

/** One line of a file: exact bytes without its `\n` and trailing `\r`, or only its size when too long to keep. */
export type ByteLine =
  | { state: 'line'; lineNumber: number; bytes: Uint8Array }
  | { state: 'oversized'; lineNumber: number; sizeBytes: number }

const LF = 0x0a
const CR = 0x0d

/**
 * Asked about a line before it is copied out: true drops it (a shard skipping a message that is not
 * its own). The line is `bytes[start, end)`, without its `\n` and trailing `\r`, never over the
 * line limit; `bytes` is a read chunk, valid only during the call.
 */
export type LineSkip = (bytes: Uint8Array, start: number, end: number, lineNumber: number) => boolean

/**
 * Splits chunks into lines. A trailing `\r` is removed (CRLF files), a final line without `\n`
 * counts, a UTF-8 byte order mark at the start of line 1 is removed. Lines longer than
 * `maxLineBytes` are not buffered: they come out as `oversized` with their full size. A line that
 * `skip` drops is neither copied nor yielded (its number still counts). With `views`, a line that lies
 * whole in one chunk comes out as a view of that chunk, not a copy: for a reader that decodes each
 * line before it asks for the next (jsonl) and does not keep the bytes.
 */
export async function* splitByteLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  skip?: LineSkip,
  views = false,
): AsyncGenerator<ByteLine> {
  const line = new LineBuffer(maxLineBytes)
  let lineNumber = 1
  let pending = false
  for await (const chunk of withoutLeadingBom(chunks)) {
    let start = 0
    for (;;) {
      const newline = chunk.indexOf(LF, start)
      const end = newline === -1 ? chunk.length : newline
      // a whole line inside this chunk: the skip decides on a view of it, before any copy
      if ((skip !== undefined || views) && newline !== -1 && !pending) {
        const last = end > start && chunk[end - 1] === CR ? end - 1 : end
        if (last - start <= maxLineBytes) {
          const skipped = skip?.(chunk, start, last, lineNumber) === true
          if (!skipped && views) yield { state: 'line', lineNumber, bytes: chunk.subarray(start, last) }
          if (skipped || views) {
            lineNumber += 1
            start = newline + 1
            continue
          }
        }
      }
      if (end > start) line.append(chunk.subarray(start, end))
      if (newline === -1) {
        pending = pending || end > start
        break
      }
      const taken = line.take(lineNumber)
      // a line that spanned chunks is asked once whole
      if (
        !(
          pending &&
          skip !== undefined &&
          taken.state === 'line' &&
          skip(taken.bytes, 0, taken.bytes.length, lineNumber)
        )
      )
        yield taken
      lineNumber += 1
      pending = false
      start = newline + 1
    }
  }
  if (pending) {
    const taken = line.take(lineNumber)
    if (!(skip !== undefined && taken.state === 'line' && skip(taken.bytes, 0, taken.bytes.length, lineNumber)))
      yield taken
  }
}

/** Accumulates the pieces of one line; past the limit it only counts bytes. */
class LineBuffer {
  private parts: Uint8Array[] = []
  private sizeBytes = 0
  private lastByte = -1
  private readonly maxLineBytes: number

  constructor(maxLineBytes: number) {
    this.maxLineBytes = maxLineBytes
  }

  append(piece: Uint8Array): void {
    this.sizeBytes += piece.length
    this.lastByte = piece[piece.length - 1] ?? this.lastByte
    // +1: the line may still lose a trailing \r, so keep one byte beyond the limit
    // pieces are views of read chunks; take() copies them out
    if (this.sizeBytes <= this.maxLineBytes + 1) this.parts.push(piece)
    else this.parts = []
  }

  take(lineNumber: number): ByteLine {
    const endsWithCr = this.lastByte === CR
    const sizeBytes = this.sizeBytes - (endsWithCr ? 1 : 0)
    const parts = this.parts
    this.parts = []
    this.sizeBytes = 0
    this.lastByte = -1
    if (sizeBytes > this.maxLineBytes) return { state: 'oversized', lineNumber, sizeBytes }
    return { state: 'line', lineNumber, bytes: joinParts(parts, sizeBytes) }
  }
}

/** Copies the first `totalBytes` bytes of the parts into one new array. */
function joinParts(parts: readonly Uint8Array[], totalBytes: number): Uint8Array {
  const out = new Uint8Array(totalBytes)
  let offset = 0
  for (const part of parts) {
    if (offset >= totalBytes) break
    const piece = part.length <= totalBytes - offset ? part : part.subarray(0, totalBytes - offset)
    out.set(piece, offset)
    offset += piece.length
  }
  return out
}

const BOM = [0xef, 0xbb, 0xbf]

/**
 * The chunks without a UTF-8 byte order mark at the very start of the stream, removed before lines
 * are measured, so the mark never counts against a line's size cap (even when split across chunks).
 */
async function* withoutLeadingBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head = new Uint8Array(0)
  let decided = false
  for await (const chunk of chunks) {
    if (decided) {
      yield chunk
      continue
    }
    const joined = new Uint8Array(head.length + chunk.length)
    joined.set(head)
    joined.set(chunk, head.length)
    const matches = BOM.every((byte, i) => i >= joined.length || joined[i] === byte)
    if (matches && joined.length < BOM.length) {
      head = joined
      continue
    }
    decided = true
    const rest = matches ? joined.subarray(BOM.length) : joined
    if (rest.length > 0) yield rest
  }
  // a file shorter than the mark that starts like it is kept as it is
  if (!decided && head.length > 0) yield head
}
