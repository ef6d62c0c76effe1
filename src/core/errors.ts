/**
 * The one catalog of user-facing errors. Every error aura-bench reports to a user carries a stable
 * `code`, says what failed and where (file, YAML path or line) and, where it can, what to do.
 */

/** Stable error codes. Input errors map to exit code 2, frame errors are thrown by decoders. */
export const ERROR_CODES = {
  // bad input (exit 2)
  E_FILE_MISSING: 'file not found',
  E_FILE_UNREADABLE: 'file cannot be read',
  E_FILE_IS_DIRECTORY: 'a file was expected, the path is a folder',
  E_FILE_NOT_REGULAR: 'a file was expected, the path is a FIFO, device or socket',
  E_FILE_TOO_LARGE: 'file is larger than aura-bench reads for its kind',
  E_INPUT_CHANGED: 'an input file changed while aura-bench was using it',
  E_YAML_SYNTAX: 'malformed YAML',
  E_JSON_SYNTAX: 'malformed JSON',
  E_SCHEMA: 'invalid value',
  E_UNKNOWN_KEY: 'unknown key',
  E_UNKNOWN_CODEC: 'unknown codec',
  E_UNKNOWN_METRIC: 'unknown metric',
  E_TEMPLATE_STORE: 'invalid template store',
  E_CORPUS_EMPTY: 'corpus has no messages',
  E_NO_TEMPLATES: 'no template could be discovered',
  E_CORPUS_FORMAT: 'corpus cannot be parsed',
  E_MESSAGE_TOO_LARGE: 'message exceeds the size limit',
  E_INVALID_UTF8: 'text is not valid UTF-8',
  E_USAGE: 'bad command line',
  E_SHARED_CORPORA_MISSING: 'the shared corpora folder is absent',
  E_BASELINE: 'baseline cannot be used',
  E_EXTERNAL: 'external compressor failed',
  E_OUTPUT: 'an output cannot be written there',
  E_OUTPUT_LOCKED: 'another aura-bench is writing to this output folder',
  E_ENVIRONMENT: 'the system refused a file operation',
  E_DEPENDENCY: 'a library aura-bench needs is not installed or its native part was not built',
  // frames (thrown by decoders; a run records them as round-trip failures)
  E_FRAME_EMPTY: 'frame is empty',
  E_FRAME_TRUNCATED: 'frame ends early',
  E_FRAME_UNKNOWN_METHOD: 'frame names an unknown method',
  E_FRAME_UNKNOWN_TEMPLATE: 'frame names a template the store does not have',
  E_FRAME_CORRUPT: 'frame content is corrupt',
  E_FRAME_TRAILING: 'frame has bytes after its end',
  E_FRAME_TOO_LARGE: 'frame decodes to more than the output limit',
  E_FRAME_CHECKSUM: 'frame checksum does not match',
  E_FRAME_STORE_MISMATCH: 'frame was made with another template store',
  E_FRAME_NO_DICTIONARY: 'frame needs a dictionary this decoder does not have',
  E_FRAME_SEQUENCE_GAP: 'stateful frame is ahead of the next expected one: a frame was lost or reordered',
  E_FRAME_DUPLICATE: 'stateful frame was already decoded: duplicated or arriving late',
  E_CONTEXT_BROKEN: 'stateful connection failed on an earlier frame: reconnect for a fresh context',
  // runtime
  E_CODEC_FAILED: 'codec failed',
  E_INTERNAL: 'internal error',
} as const

/** One of the stable error codes. */
export type ErrorCode = keyof typeof ERROR_CODES

/** Where an error points: a file, and inside it a YAML/JSON path or a line number. */
export interface ErrorLocation {
  file?: string
  /** YAML/JSON path such as `targets[2].pass` */
  field?: string
  /** 1-based line number in the file */
  line?: number
}

/** One problem found while validating an input; validation gathers all of them. */
export interface Issue extends ErrorLocation {
  message: string
  code: ErrorCode
}

// `instanceof` holds across copies of this module: the bundled CLI (dist/bin) and the library (dist/)
// that a user's external module imports each have their own classes, and one throws what the other catches.
const ERROR_KINDS = Symbol.for('aura-bench.error-kinds')
type ErrorKind = 'AuraError' | 'FrameError'

function hasErrorKind(value: unknown, kind: ErrorKind): boolean {
  if (typeof value !== 'object' || value === null) return false
  const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS]
  return Array.isArray(kinds) && kinds.includes(kind)
}

function markErrorKinds(error: Error, kinds: readonly ErrorKind[]): void {
  Object.defineProperty(error, ERROR_KINDS, { value: kinds, configurable: true })
}

/** An error meant for a user: stable code, location, optional hint. Exit code 2 unless a frame error. */
export class AuraError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorKind(value, 'AuraError')
  }

  readonly code: ErrorCode
  readonly location: ErrorLocation
  readonly hint: string | undefined
  /** all problems when this error gathers several (validation) */
  readonly issues: readonly Issue[]
  /**
   * What went wrong without where: the text the CLI's line prints after the location. `message` is this
   * text preceded by the location (`file:line: field: reason`, round 43) so that a logged `err.message` names both.
   */
  readonly reason: string

  constructor(
    code: ErrorCode,
    message: string,
    location: ErrorLocation = {},
    options: { hint?: string; issues?: readonly Issue[]; cause?: unknown } = {},
  ) {
    const issues = options.issues ?? [{ code, message, ...location }]
    super(locatedMessage(message, location, issues), options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AuraError'
    this.code = code
    this.location = location
    this.hint = options.hint
    this.issues = issues
    this.reason = message
    markErrorKinds(this, ['AuraError'])
  }
}

/** Issues a several-problem error's message lists after its summary, like the CLI's lines: past a few, "and N more". */
const MESSAGE_ISSUES = 5

/**
 * `reason` preceded by where (`file:line: field: `), or followed by each issue's `where: message` when it gathers
 * several. What the text already says is not said twice: a file it names (with no line to add), a field it begins with.
 */
function locatedMessage(reason: string, location: ErrorLocation, issues: readonly Issue[]): string {
  const located = (where: ErrorLocation, text: string): string => {
    const { file, line, field } = where
    const at = formatLocation({
      ...(file === undefined || (line === undefined && namesPath(text, file)) ? {} : { file }),
      ...(line === undefined || file === undefined ? {} : { line }),
      ...(field === undefined || beginsWithField(text, field) ? {} : { field }),
    })
    return at === '' ? text : `${at}: ${text}`
  }
  if (issues.length <= 1) return located(location, reason)
  // a summary that already quotes its first problem (`x.json is not a comparison.json: env.node must be ...`) does
  // not list it again (s43-rev1 L1)
  const listed = issues
    .slice(0, MESSAGE_ISSUES)
    .filter((issue, i) => i > 0 || !reason.includes(issue.message))
    .map((issue) => located(issue, issue.message))
  if (listed.length === 0) return located(location, reason)
  const more = issues.length > MESSAGE_ISSUES ? `; and ${issues.length - MESSAGE_ISSUES} more` : ''
  return `${reason}: ${listed.join('; ')}${more}`
}

/** True when `text` names `file` as a whole path (not inside a longer name: `a.json` is not in `old-a.json`). */
function namesPath(text: string, file: string): boolean {
  for (let at = text.indexOf(file); at >= 0; at = text.indexOf(file, at + 1)) {
    const before = at === 0 ? '' : text.charAt(at - 1)
    const after = text.charAt(at + file.length)
    if (!/[\w./\\-]/.test(before) && !/[\w/\\-]/.test(after)) return true
  }
  return false
}

/** True when `text` begins with `field` itself or a field inside it (`level:`, `level.x`), not a longer word (`levels`). */
function beginsWithField(text: string, field: string): boolean {
  return text.startsWith(field) && !/[\w-]/.test(text.charAt(field.length))
}

/** A decoder's error for a frame that is not valid: always an Error with a string `code`. */
export class FrameError extends AuraError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorKind(value, 'FrameError')
  }

  constructor(code: ErrorCode, message: string) {
    super(code, message)
    this.name = 'FrameError'
    markErrorKinds(this, ['AuraError', 'FrameError'])
  }
}

/** What a decoder throws for a library's failure: a FrameError as it is, anything else as E_FRAME_CORRUPT `prefix: errorText`. */
export function toFrameError(prefix: string, error: unknown): FrameError {
  return error instanceof FrameError ? error : new FrameError('E_FRAME_CORRUPT', `${prefix}: ${errorText(error)}`)
}

/** Formats a location as `file: field` / `file:line` for messages. */
function formatLocation(location: ErrorLocation): string {
  const parts: string[] = []
  if (location.file !== undefined)
    parts.push(location.line !== undefined ? `${location.file}:${location.line}` : location.file)
  if (location.field !== undefined && location.field !== '') parts.push(location.field)
  return parts.join(': ')
}

/** E_USAGE for a library argument of the wrong type, from untyped JavaScript (a coded error, not a TypeError). */
export function wrongArgument(what: string, value: unknown): AuraError {
  return new AuraError('E_USAGE', `${what}, got ${describeArgument(value)}`)
}

/** What an argument is, for wrongArgument's message: `null`, `an array`, or its typeof. */
export function describeArgument(value: unknown): string {
  if (value === null) return 'null'
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer (wrap it: new Uint8Array(buffer))'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/** Syntax errors (YAML, JSON lines) listed per file before the rest are counted ("and N more"): past a few, they are noise. */
export const MAX_SYNTAX_ISSUES = 5

/** Renders an error for stderr: one line per issue, code first, then location and message; no stack. */
export function renderError(error: AuraError): string {
  const lines = error.issues.map((issue) => {
    const where = formatLocation(issue)
    return `error ${issue.code}${where === '' ? '' : ` in ${where}`}: ${issue.message}`
  })
  if (error.hint !== undefined) lines.push(`hint: ${error.hint}`)
  return lines.join('\n')
}

/** Throws one AuraError gathering every issue (with `hint`, what to do about them), or returns when there are none. */
export function throwIfIssues(issues: readonly Issue[], summary: string, hint?: string): void {
  const first = issues[0]
  if (first === undefined) return
  const { message: _m, code, ...location } = first
  throw new AuraError(code, issues.length === 1 ? first.message : `${summary}: ${issues.length} problems`, location, {
    issues,
    ...(hint === undefined ? {} : { hint }),
  })
}

/** True for errors that carry a string `code` (ours or Node's). */
export function hasCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

/**
 * An error's text without where: an AuraError's `reason`, else its `message`. An AuraError from another copy of the
 * library built before round 43 (an external module's own aura-bench) passes `instanceof` but has no `reason`
 * (s43-rev1 H1): its `message` is then the text alone, as it was.
 */
export function reasonOf(error: Error): string {
  const reason = (error as { reason?: unknown }).reason
  return error instanceof AuraError && typeof reason === 'string' ? reason : error.message
}

/** What a thrown value says: its string `code` (`E_CODEC_FAILED` when it has none) and its message (String(value) for a non-error). */
export function describeError(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? reasonOf(error) : String(error)
  return { code: hasCode(error) ? error.code : 'E_CODEC_FAILED', message }
}

/** A thrown value in one line for another error's message: `code: message` when it has a string code, else its message. */
export function errorText(error: unknown): string {
  const { code, message } = describeError(error)
  return hasCode(error) ? `${code}: ${message}` : message
}

/** Suggests the closest candidate for a misspelt key ("did you mean"), or undefined when none is close. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      bestDistance = d
      best = candidate
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3))) return best
  // a key written without its last word (`template_store` for `template_store_path`): the one candidate it begins
  const lower = input.toLowerCase()
  const extended = candidates.filter((candidate) => candidate.toLowerCase().startsWith(`${lower}_`))
  return lower.length >= 4 && extended.length === 1 ? extended[0] : undefined
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
