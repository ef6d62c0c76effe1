/** Reads a template store file: the only file-system access of the templates layer. */
import { AuraError, hasCode, readInputFile, tryDecodeUtf8, type InputFingerprints } from '../core/index.ts'
import { parseTemplateStore } from './store-parse.ts'
import type { TemplateStore } from './store-types.ts'

/** 1-based line of a JSON.parse error, from the `position N` or `line N` in V8's message. */
function syntaxErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message)
  if (line !== null) return Number(line[1])
  const position = /position (\d+)/.exec(message)
  if (position !== null) return text.slice(0, Number(position[1])).split('\n').length
  // Node 20 says `Unexpected token 'X', ..."CONTEXT"... is not valid JSON` with no position (a store with
  // NUL bytes got no line, s35-trial D10): the line of the context's first occurrence that holds the token
  const quoted = /^Unexpected token '([\s\S])', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message)
  if (quoted === null) return undefined
  const [, token = '', context = ''] = quoted
  const at = text.indexOf(context)
  if (at < 0 || context === '') return undefined
  const inContext = context.indexOf(token)
  return text.slice(0, at + Math.max(0, inContext)).split('\n').length
}

/** Control characters (other than tab, LF, CR) as `\u0000` escapes: raw NUL bytes on stderr are mangled by CI log viewers. */
function escapeControls(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** Largest template store read (256 MiB), checked before anything is allocated. */
export const MAX_STORE_FILE_BYTES = 256 * 1024 * 1024

async function readStoreText(path: string, fingerprints: InputFingerprints | undefined): Promise<string> {
  let bytes: Uint8Array
  try {
    bytes = await readInputFile({
      path,
      kind: 'template store',
      maxBytes: MAX_STORE_FILE_BYTES,
      ...(fingerprints === undefined ? {} : { fingerprints }),
    })
  } catch (error) {
    const code = hasCode(error) ? error.code : ''
    if (error instanceof AuraError && code !== 'E_FILE_MISSING' && code !== 'E_FILE_IS_DIRECTORY') throw error
    if (code === 'E_FILE_MISSING')
      throw new AuraError(
        'E_FILE_MISSING',
        `template store ${path} does not exist`,
        { file: path },
        { hint: 'check template_store_path (relative paths start at the config file)' },
      )
    if (code === 'E_FILE_IS_DIRECTORY')
      throw new AuraError('E_FILE_IS_DIRECTORY', `template store ${path} is a folder, not a JSON file`, { file: path })
    throw new AuraError(
      'E_FILE_UNREADABLE',
      `template store ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { file: path },
      { cause: error },
    )
  }
  const text = tryDecodeUtf8(bytes)
  if (text === undefined)
    throw new AuraError('E_INVALID_UTF8', `template store ${path} is not valid UTF-8 text`, { file: path })
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

/**
 * Reads and validates a template store JSON file (E_FILE_MISSING, E_JSON_SYNTAX with line, E_TEMPLATE_STORE).
 * With `fingerprints`, the file's stat and bytes are recorded: a later read through them must find the same file.
 */
export async function loadTemplateStore(path: string, fingerprints?: InputFingerprints): Promise<TemplateStore> {
  const text = await readStoreText(path, fingerprints)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const line = syntaxErrorLine(text, message)
    throw new AuraError(
      'E_JSON_SYNTAX',
      `template store ${path} is not valid JSON: ${escapeControls(message)}`,
      line === undefined ? { file: path } : { file: path, line },
    )
  }
  return parseTemplateStore(json, path)
}
