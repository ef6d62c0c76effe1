/**
 * A txt corpus that is a raw HL7 v2 dump or an MLLP capture (s44-trial D4): its segments and messages
 * end in a bare `\r`, never `\n`, so read as lines the whole file (or most of it) is ONE message and its
 * ratio is a file's, not a message's; a gate would pass it. Such a file is refused by its first bytes,
 * with the conversion named: a wrong figure that gates is worse than a stop (a warning scrolls by in CI).
 */
import { open } from 'node:fs/promises'

/** How much of the file's start is read to decide (a line of HL7 segments is far shorter). */
export const HEAD_BYTES = 64 * 1024

/** Bare `\r` in a head without any `\n` that make it a CR-ended file, not one message that holds a few. */
export const MIN_BARE_CR = 64

const VT = 0x0b
const LF = 0x0a
const CR = 0x0d
/** `\rMSH|`: a second HL7 message starting on the same line as the first. */
const SECOND_MSH = [CR, 0x4d, 0x53, 0x48, 0x7c]

/** What to say of a file whose head is a raw HL7 / CR-ended file: message and hint; undefined for others. */
export interface RawHl7Corpus {
  message: string
  hint: string
}

/** Decides on the head (first bytes) of a line-format corpus file. */
export function rawHl7KindOf(head: Uint8Array): 'mllp' | 'hl7-cr' | 'bare-cr' | undefined {
  if (head[0] === VT) return 'mllp'
  const firstLf = head.indexOf(LF)
  const firstLine = firstLf === -1 ? head : head.subarray(0, firstLf)
  if (hasSecondMsh(firstLine)) return 'hl7-cr'
  if (firstLf !== -1 || head.length < HEAD_BYTES) return undefined
  let bareCr = 0
  for (let i = 0; i < head.length && bareCr < MIN_BARE_CR; i++) if (head[i] === CR) bareCr += 1
  return bareCr >= MIN_BARE_CR ? 'bare-cr' : undefined
}

function hasSecondMsh(line: Uint8Array): boolean {
  for (let i = line.indexOf(CR); i !== -1 && i + SECOND_MSH.length <= line.length; i = line.indexOf(CR, i + 1))
    if (SECOND_MSH.every((byte, k) => line[i + k] === byte)) return true
  return false
}

/** Reads the head of a txt / log corpus file: what to say when it is a raw HL7 or CR-ended file, else undefined. */
export async function rawHl7ByContent(path: string): Promise<RawHl7Corpus | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(path, 'r')
    const head = new Uint8Array(HEAD_BYTES)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    const kind = rawHl7KindOf(head.subarray(0, bytesRead))
    return kind === undefined ? undefined : said(kind, path)
  } catch {
    // unreadable: the reader that follows says why
    return undefined
  } finally {
    await handle?.close()
  }
}

function said(kind: 'mllp' | 'hl7-cr' | 'bare-cr', path: string): RawHl7Corpus {
  const what = {
    mllp: 'starts with 0x0B, the start block of MLLP framing (0x0B message 0x1C 0x0D): an MLLP capture',
    'hl7-cr':
      'holds several HL7 v2 messages on its first line (a `\\rMSH|` inside it): segments and messages end in a bare `\\r`',
    'bare-cr': `has no \`\\n\` in its first ${HEAD_BYTES / 1024} KiB but ${MIN_BARE_CR} or more bare \`\\r\`: its lines end in a bare \`\\r\``,
  }[kind]
  return {
    message: `corpus file ${path} ${what}; a txt corpus is one message per \`\\n\` line, so it would be measured as one huge message`,
    hint: 'write one message per line: a jsonl file with each message as {"text": ...} keeps every byte (an HL7 message\'s segment `\\r` too); for a txt file, strip MLLP framing and end each message with `\\n` (segments may keep their `\\r`, but a line\'s last `\\r` is dropped as a CRLF end)',
  }
}
