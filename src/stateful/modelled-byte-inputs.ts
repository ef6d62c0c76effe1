/**
 * What the per-bit loop of the cm model (modelled-byte.ts codeModelledByte) reads and where its bits go:
 * one end's tables, the byte's context, and the sink of the coded bits. Types only.
 */

/** Where a modelled byte's bits go with their P(1) * 4096 (the arithmetic encoder; a bench may count costs instead). */
export interface BitSink {
  encode(bit: number, p1: number): void
}

/** One end's tables the per-bit loop reads and learns (the arrays of context-model.ts and its parts, not copies). */
export interface ModelTables {
  order0: Uint16Array
  /**
   * the hashed order tables' bit-history states (bit-history.ts) end to end: order 1's `order1Size`
   * entries, then orders 2-7's `orderSize` each (order i's from order1Size + (i - 2) * orderSize)
   */
  orders: Uint8Array
  order1Size: number
  /** 32 - log2(order1Size) */
  order1Shift: number
  orderSize: number
  /** 32 - log2(orderSize) */
  orderShift: number
  /** each order's state map (bit-history.ts createStateMaps: orders 1-7, STATE_COUNT entries each) */
  stateMaps: Uint32Array
  /** weights by match-length bucket and bit position, INPUTS each */
  weights: Int32Array
  /** weights by partial byte, INPUTS each */
  weights2: Int32Array
  /** the final probability map (createProbabilityMap) */
  apm: Uint16Array
  /** the match model's bit confidence (MatchModel.bitTable) */
  matchBits: Uint16Array
  /** the number model's bit confidence (NumberModel.bitTable) */
  numberBits: Uint16Array
}

/** What a modelled byte's bits are predicted from, read once per byte. */
export interface ByteContext {
  /** each context's hash for this byte, imul'd once (index 0 unused: order 0 is by the partial byte) */
  hashes: Int32Array
  /** the match's length (0: none) */
  matchLength: number
  /** the byte the match expects (when matchLength > 0) */
  matchPredicted: number
  /** MatchModel.bitSlotBase() */
  matchSlotBase: number
  /** the byte the number model expects, or -1 (also -1 with the number model off) */
  numberPredicted: number
  /** NumberModel.bitSlotBase() (when numberPredicted >= 0) */
  numberSlotBase: number
}
