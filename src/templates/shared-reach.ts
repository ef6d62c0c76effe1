/**
 * For required-literals.ts: how far each place of a text reaches while staying inside some literal of
 * another template, in time linear in the bytes of both (a suffix automaton of that template's literals,
 * read backwards). Looking it up with `includes` a length at a time cost the length of the shared text
 * for each place and each template: a store holding a template whose literal was JSON nested 3,000 deep
 * beside one 6,000 deep took over a minute to build its byte screen (docs/rounds/s42-stores.md).
 */

/** Between two literals in the automaton: no byte, so no substring of one literal spans two. */
const SEPARATOR = 256

/**
 * A suffix automaton of a template's literals (each reversed, SEPARATOR between them), in typed arrays
 * reused from template to template. A state's transitions are a linked list of edges, except the
 * first state's, a table by byte (it is where every mismatch falls back to).
 */
export class ReversedLiterals {
  private length = new Int32Array(0)
  private link = new Int32Array(0)
  private head = new Int32Array(0)
  private edgeByte = new Int32Array(0)
  private edgeTo = new Int32Array(0)
  private edgeNext = new Int32Array(0)
  private readonly root = new Int32Array(SEPARATOR + 1)
  private states = 0
  private edges = 0

  /** Builds the automaton of these literals (replacing the last one built). */
  build(literals: readonly Uint8Array[]): void {
    let n = 0
    for (const literal of literals) n += literal.length + 1
    if (this.length.length < 2 * n + 2) {
      this.length = new Int32Array(2 * n + 2)
      this.link = new Int32Array(2 * n + 2)
      this.head = new Int32Array(2 * n + 2)
    }
    if (this.edgeTo.length < 3 * n + 8) {
      this.edgeByte = new Int32Array(3 * n + 8)
      this.edgeTo = new Int32Array(3 * n + 8)
      this.edgeNext = new Int32Array(3 * n + 8)
    }
    this.root.fill(-1)
    this.states = 1
    this.edges = 0
    this.length[0] = 0
    this.link[0] = -1
    this.head[0] = -1
    let last = 0
    for (const literal of literals) {
      for (let i = literal.length - 1; i >= 0; i--) last = this.extend(last, literal[i] as number)
      last = this.extend(last, SEPARATOR)
    }
  }

  /** The state reached from `state` by `byte`, or -1. */
  next(state: number, byte: number): number {
    if (state === 0) return this.root[byte] as number
    for (let e = this.head[state] as number; e !== -1; e = this.edgeNext[e] as number)
      if (this.edgeByte[e] === byte) return this.edgeTo[e] as number
    return -1
  }

  private setNext(state: number, byte: number, to: number): void {
    if (state === 0) {
      this.root[byte] = to
      return
    }
    for (let e = this.head[state] as number; e !== -1; e = this.edgeNext[e] as number)
      if (this.edgeByte[e] === byte) {
        this.edgeTo[e] = to
        return
      }
    const e = this.edges++
    this.edgeByte[e] = byte
    this.edgeTo[e] = to
    this.edgeNext[e] = this.head[state] as number
    this.head[state] = e
  }

  private newState(length: number): number {
    const state = this.states++
    this.length[state] = length
    this.head[state] = -1
    return state
  }

  private extend(last: number, byte: number): number {
    const current = this.newState((this.length[last] as number) + 1)
    let p = last
    while (p !== -1 && this.next(p, byte) === -1) {
      this.setNext(p, byte, current)
      p = this.link[p] as number
    }
    if (p === -1) {
      this.link[current] = 0
      return current
    }
    const q = this.next(p, byte)
    if ((this.length[p] as number) + 1 === this.length[q]) {
      this.link[current] = q
      return current
    }
    const clone = this.newState((this.length[p] as number) + 1)
    for (let e = this.head[q] as number; e !== -1; e = this.edgeNext[e] as number)
      this.setNext(clone, this.edgeByte[e] as number, this.edgeTo[e] as number)
    this.link[clone] = this.link[q] as number
    while (p !== -1 && this.next(p, byte) === q) {
      this.setNext(p, byte, clone)
      p = this.link[p] as number
    }
    this.link[q] = clone
    this.link[current] = clone
    return current
  }

  /**
   * Lowers `reach[at]` to the length of the longest text starting at `at` in `text` that some literal of
   * the automaton holds (the matching statistics of the reversed text, read from its end).
   */
  lowerReach(text: Uint8Array, reach: Int32Array): void {
    let state = 0
    let matched = 0
    for (let at = text.length - 1; at >= 0; at--) {
      const byte = text[at] as number
      let to = this.next(state, byte)
      while (to === -1 && state !== 0) {
        state = this.link[state] as number
        matched = this.length[state] as number
        to = this.next(state, byte)
      }
      if (to === -1) matched = 0
      else {
        state = to
        matched += 1
      }
      if (matched < (reach[at] as number)) reach[at] = matched
    }
  }
}
