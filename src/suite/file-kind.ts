/**
 * What a file given in the wrong place looks like (a JSONL corpus, a log, one of aura-bench's JSON
 * outputs), in words for one error: a corpus given as a suite, or a results.json given as a history,
 * used to be reported as one syntax error per line (2,691 lines for a 300-line JSONL).
 */
import { extname } from 'node:path'
import { OUTPUT_WRITERS, recognizeOutputJson } from './output-files.ts'

/** Lines looked at to tell a JSONL file or a log (enough: the kind shows in its first lines). */
const SNIFF_LINES = 20

/** What a file looks like, and the command that takes such a file. */
export interface ForeignFile {
  kind: 'output' | 'template-store' | 'jsonl' | 'history' | 'recordings' | 'text' | 'yaml' | 'markdown'
  /** e.g. "a JSONL corpus (300 lines, each a JSON object with fields msg, kind)" */
  what: string
  /** where such a file goes, e.g. "a suite's `corpora:` (`path:`)" */
  goes: string
}

/**
 * The kind of a file that is none of the ones a command reads as YAML: one of aura-bench's JSON
 * outputs or a template store (parsed whole), a JSONL file (its first lines each JSON), or, for a file
 * named `.log` or `.txt` or whose text does not parse as a mapping, a log of text lines. Undefined
 * when it could be a YAML file with mistakes (its own errors say more).
 */
export function describeForeignFile(
  text: string,
  path: string,
  options: { readsYaml?: boolean } = {},
): ForeignFile | undefined {
  const whole = parseJson(text)
  if (whole !== undefined && typeof whole === 'object' && whole !== null && !Array.isArray(whole)) {
    const record = whole as Record<string, unknown>
    const output = recognizeOutputJson(whole)
    if (output !== undefined)
      return { kind: 'output', what: `a ${output} written by ${OUTPUT_WRITERS[output]}`, goes: outputGoes(output) }
    if (record['format'] === 'aura-template-store')
      return { kind: 'template-store', what: 'a template store', goes: "a config's `template_store_path:`" }
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  const head = lines.slice(0, SNIFF_LINES)
  const count = lines.length.toLocaleString('en-US')
  if (whole === undefined && head.length >= 2) {
    const json = head.map(parseJson)
    if (json.every((value) => value !== undefined)) {
      const fields = [
        ...new Set(
          json.flatMap((value) =>
            typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [],
          ),
        ),
      ]
      // a run history (`history --add` writes one such line per run): not a corpus (s32's trial)
      if (json.every(isHistoryLine))
        return {
          kind: 'history',
          what: `a run history (${count} ${lines.length === 1 ? 'run' : 'runs'}, written by \`aura-bench history --add\`)`,
          goes: '`aura-bench history`, or `run --history` / `merge --history`',
        }
      const shape = fields.length === 0 ? 'each a JSON value' : `each a JSON object with fields ${fields.join(', ')}`
      return {
        kind: 'jsonl',
        what: `a JSONL corpus (${count} lines, ${shape})`,
        goes: "a suite's `corpora:` (`path:`, `format: jsonl`), or `aura-bench discover`",
      }
    }
  }
  const extension = extname(path).toLowerCase()
  // notes kept beside the history (`notes.md`): its `# heading` reads as a YAML comment, which made it
  // "a YAML file (a compressor config?)"; the name says what it is
  if (extension === '.md' || extension === '.markdown')
    return {
      kind: 'markdown',
      what: `a Markdown document (${count} ${lines.length === 1 ? 'line' : 'lines'})`,
      goes: 'no command: aura-bench reads no Markdown',
    }
  // `readsYaml: false` (a history, one JSON line per run): a suite or config there is said to be one
  if (
    options.readsYaml === false &&
    whole === undefined &&
    (extension === '.yaml' ||
      extension === '.yml' ||
      (extension !== '.log' && extension !== '.txt' && head.length > 0 && looksLikeYamlMapping(head)))
  )
    return /^(?:corpora|configs)\s*:/m.test(text)
      ? { kind: 'yaml', what: 'a suite (YAML)', goes: '`aura-bench run` or `aura-bench validate`' }
      : {
          kind: 'yaml',
          what: 'a YAML file (a compressor config?)',
          goes: "a suite's `configs:`, or `aura-bench validate`",
        }
  // a jsonl corpus's companion (its header line names the columns): not a log
  if (/^first_line\tn_messages\tpath\s*$/.test(head[0] ?? '') || path.endsWith('recordings.tsv'))
    return {
      kind: 'recordings',
      what: `a corpus's recordings.tsv (${Math.max(0, lines.length - 1).toLocaleString('en-US')} connections: first_line, n_messages, path)`,
      goes: "beside its jsonl corpus (a suite's `corpora:` entry reads it, and `validate` of that suite checks it)",
    }
  // a YAML file with mistakes (flow style, say) is never called a log: its own errors say more
  if (extension === '.yaml' || extension === '.yml') return undefined
  // a JSON file that does not parse (cut short, say) is not a log either: its syntax error says more
  const first = head.find((line) => line.trim() !== '')?.trim() ?? ''
  // (a log line may start with `[`: `[Sun Dec 04 04:47:44 2005] [notice] ...`)
  if (extension === '.json' || first.startsWith('{') || /^\[\s*(?:[{["]|$)/.test(first)) return undefined
  if (extension === '.log' || extension === '.txt' || (head.length >= 2 && !looksLikeYamlMapping(head)))
    return {
      kind: 'text',
      what: `a log or text corpus (${count} lines of text)`,
      goes: "a suite's `corpora:` (`path:`), or `aura-bench discover`",
    }
  return undefined
}

/** Where each of aura-bench's outputs goes as input. */
function outputGoes(output: ReturnType<typeof recognizeOutputJson>): string {
  return output === 'results.json'
    ? '`history H.jsonl --add`, `cost --results`, `run --baseline`'
    : output === 'partial.json'
      ? '`aura-bench merge`'
      : output === 'replay.json'
        ? '`cost --replay`'
        : 'no command: it is a report'
}

/** A line `history --add` writes: an object with the fields every history entry has. */
function isHistoryLine(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.schemaVersion === 'number' &&
    typeof v.suite === 'string' &&
    typeof v.startedAt === 'string' &&
    typeof v.verdict === 'string' &&
    Array.isArray(v.runs)
  )
}

/** A line of YAML mapping: `key:` at its start (after indentation or `- `), or a comment. */
function looksLikeYamlMapping(lines: readonly string[]): boolean {
  const yamlish = lines.filter((line) => /^\s*(?:- )?[\w.-]+\s*:(?:\s|$)/.test(line) || /^\s*#/.test(line))
  return yamlish.length * 2 >= lines.length
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
