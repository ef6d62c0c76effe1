/**
 * The places of templates' literals in the message being matched (matcher-split.ts), kept for that
 * message: a line's candidates search the same literals from nearby places (Proxifier's near-duplicate
 * templates search ` close, `, ` bytes` and `lifetime <` a dozen times a line, from a few places), and
 * an answer once found holds for every later search of that literal in the message from a place between
 * where that search started and what it found (nothing lies between them, and it lies there), or from
 * any place after a search that found nothing.
 */
import { indexOfLiteral } from './literal-search.ts'

export class LiteralPlaces {
  /** the number of each literal met so far */
  private readonly ids = new Map<string, number>()
  /** per literal: the message (counted from 1) it was last searched in, from where, and what that found */
  private lookedIn = new Float64Array(16)
  private froms = new Int32Array(16)
  private places = new Int32Array(16)
  private message = 0

  /** Starts a new message: no place found in an earlier one is reused. */
  begin(): void {
    this.message += 1
  }

  /** The number of `literal` (stable for this object's life). */
  idOf(literal: string): number {
    let id = this.ids.get(literal)
    if (id === undefined) {
      this.ids.set(literal, (id = this.ids.size))
      if (id >= this.places.length) {
        const grown = 2 * this.places.length
        const lookedIn = new Float64Array(grown)
        lookedIn.set(this.lookedIn)
        const froms = new Int32Array(grown)
        froms.set(this.froms)
        const places = new Int32Array(grown)
        places.set(this.places)
        ;[this.lookedIn, this.froms, this.places] = [lookedIn, froms, places]
      }
    }
    return id
  }

  /** message.indexOf(literal, from) (from >= 0) for the literal numbered `id`, from the last search of it in this message when that answers. */
  indexOf(id: number, message: string, literal: string, from: number): number {
    if (this.lookedIn[id] === this.message) {
      const place = this.places[id] as number
      if ((this.froms[id] as number) <= from && (place === -1 || from <= place)) return place
    }
    const place = indexOfLiteral(message, literal, from)
    this.lookedIn[id] = this.message
    this.froms[id] = from
    this.places[id] = place
    return place
  }
}
