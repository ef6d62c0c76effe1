/**
 * `discover`'s flags read and checked before the corpus is read (a bad one is exit 2 at once): the
 * numbers, the corpus reader's options, `--header` and how many messages it fits.
 */
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import { HARD_CAP_BYTES, resolveCorpusFormat, type CorpusFormat, type CorpusOptions } from '../corpus/index.ts'
import { createHeaderFormat } from '../templates/index.ts'
import { CORPUS_FORMATS } from './command-discover-source.ts'
import type { CliIo } from './io.ts'

/** Usage line of the command. */
const DISCOVER_USAGE =
  'discover <corpus> --out store.json [--merge existing.json [--evict-after K [--evict-keep-share S]]] [--max-templates N] [--min-support N] [--max-split-words N] [--evaluate <structured.csv>] [--header <log format>] [--train-fraction F] [--name NAME] [--format F] [--text-field NAME] [--quiet]'

/** createHeaderFormat, its errors naming the `--header` flag (they named a `header` field, which discover has none of). */
export function headerFromFlag(format: string): ReturnType<typeof createHeaderFormat> {
  try {
    return createHeaderFormat(format)
  } catch (error) {
    if (!(error instanceof AuraError) || error.location.field !== 'header') throw error
    const hint = error.hint === undefined ? {} : { hint: error.hint }
    throw new AuraError(error.code, error.reason, { field: '--header' }, hint)
  }
}

/**
 * How discovery's heap is tuned for the corpus: `lines` when it is read as lines (txt, loghub), which discovery
 * holds; `json` for JSON messages (jsonl, json, har: the same discovery passes over JSON texts); undefined when the
 * format cannot be told (a `.csv` without --format: the corpus is refused with E_CORPUS_FORMAT right after, and
 * no V8 flag is set for it; s40-rev3 F4: it got the JSON one).
 */
export function discoveryHeap(options: CorpusOptions): 'lines' | 'json' | undefined {
  let format: string
  try {
    format = resolveCorpusFormat(options)
  } catch {
    return undefined
  }
  if (format === 'txt' || format === 'loghub') return 'lines'
  return format === 'jsonl' || format === 'json' || format === 'har' ? 'json' : undefined
}

/**
 * A --header that fits no message would change nothing (clustering would read every whole line, as
 * without it): E_USAGE, exit 2. One that fits only some is said on stderr with the count: the others
 * are clustered whole, header included.
 */
export function checkHeaderMatches(
  format: string,
  matched: number,
  messages: number,
  corpus: string,
  unmatched: { line: number | undefined; text: string } | undefined,
  io: CliIo,
): void {
  if (matched === 0)
    throw new AuraError(
      'E_USAGE',
      `--header ${JSON.stringify(format)} matches none of the ${messages} messages of ${corpus}`,
      { file: corpus, field: '--header' },
      {
        hint: "write the lines' header in Loghub's log_format notation, e.g. '<Date> <Time> <Level> <Component>: <Content>', or leave --header out to detect it",
      },
    )
  if (matched < messages) {
    const example =
      unmatched === undefined
        ? ''
        : `; the first it does not fit${unmatched.line === undefined ? '' : ` (line ${unmatched.line})`}: ${JSON.stringify(unmatched.text.slice(0, 100))}`
    io.stderr.write(
      `warning: --header ${JSON.stringify(format)} matches ${matched} of the ${messages} messages of ${corpus} (${percent(matched, messages)}); the other ${messages - matched} are clustered whole, header included, so one event can come out as two templates${example}\n`,
    )
  }
}

/** `14%`, or `<1%` for a share that rounds to none. */
export function percent(part: number, whole: number): string {
  const share = Math.round((part / whole) * 100)
  return share === 0 && part > 0 ? '<1%' : `${share}%`
}

export function usage(message: string, field = 'discover'): AuraError {
  return new AuraError('E_USAGE', message, { field }, { hint: `aura-bench ${DISCOVER_USAGE}` })
}

export function optionalInteger<K extends string>(
  key: K,
  text: string | undefined,
  flag: string,
  least = 0,
): Partial<Record<K, number>> {
  if (text === undefined) return {}
  const value = Number(text)
  // 1e9 is a whole number too; one past 2^53 - 1 is a whole number that cannot be counted to exactly
  if (!/^\d+$/.test(text) && !(/^\d+(\.\d+)?e\+?\d+$/i.test(text) && Number.isInteger(value)))
    throw usage(
      `${flag} takes a whole number${least > 0 ? ` of at least ${least}` : ' (0 or more)'}, got "${text}"`,
      flag,
    )
  if (!Number.isSafeInteger(value))
    throw usage(`${flag} is too large (at most ${Number.MAX_SAFE_INTEGER}), got ${text}`, flag)
  if (value < least) throw usage(`${flag} takes a whole number of at least ${least}, got ${text}`, flag)
  return { [key]: value } as Partial<Record<K, number>>
}

/** `--evict-keep-share`: a share from 0 to 1, only with --evict-after. */
export function optionalShare(text: string | undefined, evictAfter: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (evictAfter === undefined) throw usage('--evict-keep-share needs --evict-after K', '--evict-keep-share')
  const value = Number(text)
  if (text.trim() === '' || !(value >= 0 && value <= 1))
    throw usage(`--evict-keep-share takes a share from 0 to 1, got "${text}"`, '--evict-keep-share')
  return value
}

/** The corpus reader's options from the flags (`--format`, `--train-fraction`, `--text-field`), checked. */
export function readOptions(
  corpusPath: string,
  format: string | undefined,
  trainFraction: string | undefined,
  textField: string | undefined,
): CorpusOptions {
  if (textField !== undefined && textField.trim() === '')
    throw usage(
      '--text-field needs the name of the JSON field that holds each message, got an empty one',
      '--text-field',
    )
  if (format !== undefined && !(CORPUS_FORMATS as readonly string[]).includes(format))
    throw usage(`--format is one of ${CORPUS_FORMATS.join(', ')}, got "${format}"`, '--format')
  const fraction = trainFraction === undefined ? undefined : Number(trainFraction)
  if (fraction !== undefined && !(fraction > 0 && fraction < 1))
    throw usage(
      `--train-fraction is a number greater than 0 and less than 1 (the first part of the corpus is read; leave it out to read all of it), got "${trainFraction}"`,
      '--train-fraction',
    )
  const options: CorpusOptions = { path: corpusPath, format: (format ?? 'auto') as CorpusFormat }
  // a flag the format would ignore is refused, not dropped
  if (textField !== undefined && !['jsonl', 'json'].includes(resolveCorpusFormat(options)))
    throw usage(
      `--text-field names a JSON field: it applies to jsonl and json corpora, and ${path.basename(corpusPath)} is read as ${resolveCorpusFormat(options)}`,
      '--text-field',
    )
  return {
    ...options,
    ...(textField === undefined ? {} : { textField }),
    // a jsonl record without the field: the fix is a discover flag, not a suite key
    fieldAdvice:
      'pass `--text-field <field>` naming the field that holds the message, or `--format txt` to read each line whole',
    // the suite's advice (max_message_bytes) names a key discover does not have
    capAdvice: `discover has no option to skip such a message: leave it out of the file discover reads (e.g. LC_ALL=C awk 'length($0) <= ${HARD_CAP_BYTES}' ${path.basename(corpusPath)} > trimmed${path.extname(corpusPath)})`,
    ...(fraction === undefined
      ? {}
      : { split: { trainFraction: fraction, seed: 0, use: 'train' as const, mode: 'ordered' as const } }),
  }
}
