/**
 * The sizes of one end of a cm connection's model (context-model.ts): its tables' sizes (log2), the
 * defaults, and the bytes of its state that those sizes make.
 */
import { END_MODEL_BYTES } from './end-model.ts'
import { PROBABILITY_MAP_BYTES } from './cm-tables.ts'
import { stateMapBytes } from './bit-history.ts'
import { matchModelBytes } from './match-model.ts'
import { INPUTS, ORDERS } from './modelled-byte.ts'
import { NUMBER_MODEL_BYTES } from './number-model.ts'
import { RUN_MODEL_BYTES } from './run-model.ts'
import { TEXT_STRUCTURE_BYTES } from './text-structure.ts'

/** How many int32 fields of byte-level state a model keeps (context-model.ts: LAST4 ... RECENT_COST). */
export const STATE_FIELDS = 6

/** Table sizes (log2) of one end of a connection. */
export interface ContextModelSizes {
  /** the connection's own history ring */
  historyLog: number
  /** the connection's match index */
  matchHashLog: number
  /**
   * the hashed order tables: orders 2-7 hold 2^(orderLog + 1) one-byte bit-history states each (the bytes
   * a table of 2^orderLog 16-bit probabilities took before round 14), order 1 2^orderLog
   */
  orderLog: number
  /** the number model as a mixer input (default true; false: measured in docs/history/stateful-rounds.md, round 9, not a config key) */
  numberModel?: boolean
}

export const DEFAULT_MODEL_SIZES: ContextModelSizes = { historyLog: 15, matchHashLog: 12, orderLog: 12 }

/** Bytes of one end's state (typed arrays only; the shared dictionary is not in it). */
export function modelStateBytes(sizes: ContextModelSizes): number {
  return (
    matchModelBytes(sizes.historyLog, sizes.matchHashLog) +
    2 * 256 +
    orderTableEntries(sizes.orderLog) +
    stateMapBytes(ORDERS - 1) +
    4 * INPUTS * (32 + 256) +
    PROBABILITY_MAP_BYTES +
    END_MODEL_BYTES +
    NUMBER_MODEL_BYTES +
    TEXT_STRUCTURE_BYTES +
    RUN_MODEL_BYTES +
    // the small per-byte state: context hashes, position fields (since round 12 a bit's table indices and mixer inputs are locals)
    4 * (ORDERS + STATE_FIELDS)
  )
}

/** Entries (one byte each) of the hashed order tables: order 1's 2^orderLog, then 2^(orderLog + 1) for each of orders 2-7. */
export function orderTableEntries(orderLog: number): number {
  return 2 ** orderLog + (ORDERS - 2) * 2 ** (orderLog + 1)
}
