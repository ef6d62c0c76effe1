/**
 * Bit histories for the cm model's hashed order tables (round 14, s30-cm; block format 6). An order
 * table's entry is one byte: a state standing for how many 0s and 1s its context has seen lately
 * (n0, n1), where before it was a 16-bit adaptive probability. What a state predicts is learnt per
 * order across every context in that state (the order's state map), so an entry costs half the
 * memory: twice the contexts in the same bytes, and a context seen twice already borrows what every
 * other context seen twice has taught.
 *
 * The counts are nonstationary: a bit adds one to its own count (up to MAX_COUNT) and, when the other
 * count is over 2, cuts that one to floor((n + 2) / 2), so a context that changes its mind forgets its
 * old bits quickly. The states are the pairs reachable from (0, 0) by these two rules, numbered in the
 * order a breadth-first walk from (0, 0) meets them (state 0 is a context never seen). Built once per
 * process, integers only: the same table on every engine.
 */

/**
 * The largest count of either bit: 20 gives 139 states. Chosen on the training halves with the halving
 * rule above (20 and 30 within 0.1% of each other; see docs/rounds/s30-cm.md).
 */
export const MAX_COUNT = 20

function discount(count: number): number {
  return count > 2 ? Math.floor((count + 2) / 2) : count
}

function buildStates(): { next: Uint8Array; counts: Array<[number, number]> } {
  const counts: Array<[number, number]> = [[0, 0]]
  const numbers = new Map<number, number>([[0, 0]])
  const transitions: number[] = []
  for (let state = 0; state < counts.length; state++) {
    const [n0, n1] = counts[state] as [number, number]
    for (const bit of [0, 1]) {
      const after: [number, number] =
        bit === 1 ? [discount(n0), Math.min(n1 + 1, MAX_COUNT)] : [Math.min(n0 + 1, MAX_COUNT), discount(n1)]
      const key = after[0] * 256 + after[1]
      let number = numbers.get(key)
      if (number === undefined) {
        number = counts.length
        numbers.set(key, number)
        counts.push(after)
      }
      transitions[state * 2 + bit] = number
    }
  }
  if (counts.length > 256) throw new Error(`bit-history: ${counts.length} states do not fit in a byte`)
  return { next: Uint8Array.from(transitions), counts }
}

const built = buildStates()
/** The number of states (139 with MAX_COUNT 20). */
export const STATE_COUNT = built.counts.length
/** NEXT_STATE[state * 2 + bit]: the state after `bit`. */
export const NEXT_STATE = built.next
/** (n0, n1) of each state (tests and the state maps' starting values). */
export const STATE_COUNTS: ReadonlyArray<readonly [number, number]> = built.counts

/**
 * A state map entry is a 22-bit probability times 1024 plus a 10-bit count (a Uint32Array element);
 * the count stops growing at STATE_MAP_LIMIT, so the map keeps adapting at 1/64.5 (chosen on the
 * training halves: 63 over 31, 127, 255 and 1023).
 */
export const STATE_MAP_LIMIT = 63
/** 2^22 - 1: a state map probability of 1 */
export const STATE_MAP_ONE = 4194303

/** Bytes of the state maps of `orders` orders. */
export function stateMapBytes(orders: number): number {
  return 4 * orders * STATE_COUNT
}

/**
 * `orders` state maps end to end (STATE_COUNT entries each), each state's probability starting at
 * (n1 + 1/2) / (n0 + n1 + 1), its count at 0. `from`: maps to copy.
 */
export function createStateMaps(orders: number, from?: Uint32Array): Uint32Array {
  if (from !== undefined) return from.slice()
  const maps = new Uint32Array(orders * STATE_COUNT)
  for (let order = 0; order < orders; order++)
    for (let state = 0; state < STATE_COUNT; state++) {
      const [n0, n1] = built.counts[state] as [number, number]
      maps[order * STATE_COUNT + state] = Math.floor(((2 * n1 + 1) * STATE_MAP_ONE) / (2 * (n0 + n1) + 2)) * 1024
    }
  return maps
}

/** A state map's adaptation rate by count, of 65536: 65536 / (n + 1.5). */
export const STATE_MAP_RATE = Int32Array.from({ length: STATE_MAP_LIMIT + 1 }, (_, n) => Math.floor(65536 / (n + 1.5)))
