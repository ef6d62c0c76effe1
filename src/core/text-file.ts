/**
 * Reading a UTF-8 text file a user named (suite, config, results.json, replay.json): the bounded reader
 * of input-file.ts plus a decode that refuses what is not UTF-8 instead of carrying replacement characters on.
 */
import { AuraError, type ErrorLocation } from './errors.ts'
import { tryDecodeUtf8 } from './bytes.ts'
import { readInputFile } from './input-file.ts'

/** Largest suite, config or other YAML file read (16 MiB): far past any real one, and checked before it is read. */
export const MAX_TEXT_INPUT_BYTES = 16 * 1024 * 1024

/**
 * Reads a UTF-8 text file with user-facing errors (missing, folder, FIFO or device, over 16 MiB,
 * unreadable, not UTF-8); `kind` names it in messages ("suite file"); `maxBytes` defaults to 16 MiB. A UTF-8 byte order mark is
 * removed; a UTF-16 one, or any byte sequence that is not UTF-8, is E_INVALID_UTF8 with its line
 * (YAML read with replacement characters would carry them silently into names and paths).
 */
export async function readTextFile(
  absolute: string,
  asWritten: string = absolute,
  field?: string,
  kind = 'file',
  maxBytes = MAX_TEXT_INPUT_BYTES,
): Promise<string> {
  const where = field === undefined ? { file: asWritten } : { file: asWritten, field }
  const bytes = await readInputFile({ path: absolute, asWritten, kind, maxBytes, where })
  return decodeTextFile(bytes, asWritten, kind, where)
}

function decodeTextFile(bytes: Uint8Array, asWritten: string, kind: string, where: ErrorLocation): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new AuraError('E_INVALID_UTF8', `${kind} ${asWritten} is UTF-16 text; aura-bench reads UTF-8`, where, {
      hint: 'save the file as UTF-8',
    })
  }
  const text = tryDecodeUtf8(bytes)
  if (text === undefined) {
    const line = firstInvalidUtf8Line(bytes)
    throw new AuraError(
      'E_INVALID_UTF8',
      `${kind} ${asWritten} is not valid UTF-8 (line ${line})`,
      { ...where, line },
      { hint: 'save the file as UTF-8' },
    )
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

/** 1-based line holding the first byte sequence that is not UTF-8 (only called on a file that has one). */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue
    if (tryDecodeUtf8(bytes.subarray(start, i)) === undefined) return line
    line++
    start = i + 1
  }
  return line
}
