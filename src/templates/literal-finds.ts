/**
 * The matcher's searches of template literals in the message being matched (matcher.ts find), each
 * answer kept for that message: near-duplicate candidates share their literals and find each at the
 * same place from the same start (Proxifier: 18.3 native searches of a multi-unit literal a line, 11.1 of
 * them a (literal, start) searched already for that line; 45 searches in all, 29 repeated), so the
 * answer of the last search of each literal is reused when the next one starts at the same place.
 * The answer is indexOfLiteral's, whatever the step budget: the caller charges the same steps either way.
 */
import { indexOfLiteral } from './literal-search.ts'

export class LiteralFinds {
  /** the number of each literal met so far */
  private readonly ids = new Map<string, number>()
  /** per literal: the message (counted from 1) of its last search, where it started and what it found */
  private searchedIn = new Float64Array(16)
  private froms = new Int32Array(16)
  private ats = new Int32Array(16)
  private message = 0

  /** Starts a new message: no answer of an earlier one is reused. */
  begin(): void {
    this.message += 1
  }

  /** The number of `literal` (stable for this object's life). */
  idOf(literal: string): number {
    let id = this.ids.get(literal)
    if (id === undefined) {
      this.ids.set(literal, (id = this.ids.size))
      if (id >= this.froms.length) {
        const size = 2 * this.froms.length
        const [searchedIn, froms, ats] = [new Float64Array(size), new Int32Array(size), new Int32Array(size)]
        searchedIn.set(this.searchedIn)
        froms.set(this.froms)
        ats.set(this.ats)
        ;[this.searchedIn, this.froms, this.ats] = [searchedIn, froms, ats]
      }
    }
    return id
  }

  /** indexOfLiteral(message, literal, from) for literal number `id`, the last answer reused when it started at `from` in this message. */
  indexOf(id: number, message: string, literal: string, from: number): number {
    if (this.searchedIn[id] === this.message && this.froms[id] === from) return this.ats[id] as number
    const at = indexOfLiteral(message, literal, from)
    this.searchedIn[id] = this.message
    this.froms[id] = from
    this.ats[id] = at
    return at
  }
}
