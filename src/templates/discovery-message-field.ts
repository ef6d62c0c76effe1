/**
 * A quoted field that holds a statement's words (s44-ga round, issue 12): the message of a logfmt line
 * (`time="..." level=info msg="Layer sha256:9f… cleaned up"`), which Go's logrus and the many programs writing
 * `key=value` records put in quotes. Its word count varies between lines (one statement has three words,
 * another ten), so the quoted-field plan (discovery-cluster.ts `quotedFieldPlan`) took it whole: one token, a
 * value, and every statement written that way was one event.
 *
 * The evidence that a field holds statements: among the lines of one shape, for two or more leading words (a
 * field's run of letters), the lines whose field starts with that word agree on its word count and differ in its
 * text only in tokens holding a digit (`Layer <id> cleaned up`, `Container failed to exit within <n>s of signal
 * <n> - using the force`: statements with values in them). Such a field is cut, in every line of the shape, as its text:
 * where the lines of its leading word agree on a word count, tokenized as if unquoted; where they do not
 * (`Handler for <method> <path> returned error: <reason>`), the words those lines all start with are tokenized
 * and the rest is one token, the filled-in tail. A field without that evidence is judged as before: a field
 * of a few fixed texts after a key (`error="No cluster leader"`, `error="Permission denied"`) is one value, and
 * a user agent one token (its multi-word texts start with one word, `Mozilla/5.0 (...)`, and differ in words).
 */
import { wordCount } from './discovery-phrases.ts'

interface Lead {
  /** the word count of the field wherever it starts with this word, or -1 where they differ */
  count: number
  /** the field's one text, or undefined once two differ */
  text: string | undefined
  /** the text all such fields start with */
  prefix: string
  /** the field's text with each token holding a digit blanked, or undefined once two differ */
  words: string | undefined
}

/** A run of non-space characters holding a digit: a value a statement fills in (an id, a count, an address). */
const VALUE = /\S*\p{Nd}\S*/gu

const LEAD = /\p{L}+/uy

/** The run of letters a field starts with (`Layer` of `Layer sha256:9f… cleaned up`), or undefined. */
function leadWord(message: string, [start, end]: readonly [number, number]): string | undefined {
  LEAD.lastIndex = start
  const found = LEAD.exec(message)
  return found === null || start + found[0].length > end ? undefined : found[0]
}

function commonPrefix(a: string, b: string): string {
  let i = 0
  const n = Math.min(a.length, b.length)
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return i === a.length ? a : a.slice(0, i)
}

/** The quoted fields of messages per shape and leading word; then how much of a field to cut as text (`textLength`). */
export class MessageFields {
  private readonly leads = new Map<string, Lead>()
  /** `shape\u0001k` of the fields that hold statements, once every message is added */
  private holding: Set<string> | undefined

  /** Adds the fields of `message`, a message of the shape `shape` (an index of FieldWordCounts). */
  add(shape: number, message: string, fields: readonly (readonly [number, number])[]): void {
    fields.forEach((field, k) => {
      const lead = leadWord(message, field)
      if (lead === undefined) return
      const text = message.slice(field[0], field[1])
      const count = wordCount(text)
      const at = `${shape}\u0001${k}\u0001${lead}`
      const seen = this.leads.get(at)
      if (seen === undefined) this.leads.set(at, { count, text, prefix: text, words: text.replace(VALUE, '#') })
      else {
        if (seen.count !== count) seen.count = -1
        if (seen.text !== text) {
          seen.text = undefined
          if (seen.words !== undefined && seen.words !== text.replace(VALUE, '#')) seen.words = undefined
        }
        if (seen.prefix !== '') seen.prefix = commonPrefix(seen.prefix, text)
      }
    })
  }

  /**
   * How many characters of field `k` of `message` (shape `shape`) to tokenize as text, from its start; the rest
   * is one token. 0: the whole field is one token (no evidence that the field holds statements).
   */
  textLength(shape: number, k: number, message: string, field: readonly [number, number]): number {
    if (this.holding === undefined) {
      // a field holds statements where two or more leading words each start a statement with a value in it
      const statements = new Map<string, number>()
      for (const [at, { count, text, words }] of this.leads)
        if (count >= 2 && text === undefined && words !== undefined) {
          const field = at.slice(0, at.lastIndexOf('\u0001'))
          statements.set(field, (statements.get(field) ?? 0) + 1)
        }
      this.holding = new Set([...statements].filter(([, n]) => n >= 2).map(([field]) => field))
    }
    if (!this.holding.has(`${shape}\u0001${k}`)) return 0
    const lead = leadWord(message, field)
    const seen = lead === undefined ? undefined : this.leads.get(`${shape}\u0001${k}\u0001${lead}`)
    if (seen === undefined) return 0
    if (seen.count >= 1) return field[1] - field[0]
    // the words these lines all start with, up to the last whitespace they share
    const cut = seen.prefix.search(/\s\S*$/u)
    return cut < 0 ? 0 : cut + 1
  }
}
