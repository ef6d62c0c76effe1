/**
 * The matcher's look-ups of the literal each candidate missed last time (matcher-split.ts matchOne), kept for the
 * message being matched: near-duplicate templates miss the same literal (Proxifier's `lifetime <` twins,
 * 10.7 such look-ups a line of which 4.2 distinct), and a literal is searched for once a message.
 */
export class MissingLiterals {
  /** the number of each (literal, from) pair met so far */
  private readonly ids = new Map<string, number>()
  /** per pair: the message (counted from 1) it was last looked for in, and whether that message lacked it */
  private lookedIn = new Float64Array(16)
  private absent = new Uint8Array(16)
  private message = 0

  /** Starts a new message: no look-up of an earlier one is reused. */
  begin(): void {
    this.message += 1
  }

  /** The number of the pair `literal` looked for from `from` (stable for this object's life). */
  idOf(literal: string, from: number): number {
    const key = `${from}\u0000${literal}`
    let id = this.ids.get(key)
    if (id === undefined) {
      this.ids.set(key, (id = this.ids.size))
      if (id >= this.absent.length) {
        const lookedIn = new Float64Array(2 * this.absent.length)
        lookedIn.set(this.lookedIn)
        const absent = new Uint8Array(2 * this.absent.length)
        absent.set(this.absent)
        ;[this.lookedIn, this.absent] = [lookedIn, absent]
      }
    }
    return id
  }

  /** message.indexOf(literal, from) === -1 for the pair `id`, searched once per message (see begin). */
  lacks(id: number, message: string, literal: string, from: number): boolean {
    if (this.lookedIn[id] !== this.message) {
      this.lookedIn[id] = this.message
      this.absent[id] = message.indexOf(literal, from) === -1 ? 1 : 0
    }
    return this.absent[id] === 1
  }
}
