import { RUN_MODEL_BYTES } from './run-model.ts'
import { describe, expect, it } from 'vitest'
import {
  createStateMaps,
  MAX_COUNT,
  NEXT_STATE,
  STATE_COUNT,
  STATE_COUNTS,
  STATE_MAP_ONE,
  stateMapBytes,
} from './bit-history.ts'
import { modelStateBytes, orderTableEntries } from './model-sizes.ts'
import { ORDERS } from './modelled-byte.ts'

/** The state after `bits` from a context never seen. */
const stateAfter = (bits: number[]): number => bits.reduce((state, bit) => NEXT_STATE[state * 2 + bit] as number, 0)

describe('bit histories (round 14)', () => {
  it('the states fit a byte and every transition stays among them', () => {
    expect(STATE_COUNT).toBe(139)
    expect(STATE_COUNT).toBeLessThanOrEqual(256)
    expect(NEXT_STATE.length).toBe(2 * STATE_COUNT)
    for (const next of NEXT_STATE) expect(next).toBeLessThan(STATE_COUNT)
    expect(STATE_COUNTS[0]).toEqual([0, 0])
  })

  it('a bit counts itself up to MAX_COUNT and halves the other count past 2', () => {
    expect(STATE_COUNTS[stateAfter([1, 1, 1])]).toEqual([0, 3])
    expect(STATE_COUNTS[stateAfter(Array(50).fill(0))]).toEqual([MAX_COUNT, 0])
    // 10 zeros then a one: n0 10 -> floor(12 / 2) = 6
    expect(STATE_COUNTS[stateAfter([...Array(10).fill(0), 1])]).toEqual([6, 1])
    // counts of 2 or less are kept
    expect(STATE_COUNTS[stateAfter([0, 0, 1, 1])]).toEqual([2, 2])
  })

  it('a state map starts each state at (n1 + 1/2) / (n0 + n1 + 1) with a count of 0', () => {
    const maps = createStateMaps(2)
    expect(maps.length).toBe(2 * STATE_COUNT)
    expect(maps[0]).toBe(Math.floor(STATE_MAP_ONE / 2) * 1024)
    const ones = stateAfter([1, 1, 1])
    expect((maps[STATE_COUNT + ones] as number) >>> 10).toBe(Math.floor((7 * STATE_MAP_ONE) / 8))
    expect((maps[ones] as number) & 1023).toBe(0)
    expect(createStateMaps(2, maps)).toEqual(maps)
    expect(createStateMaps(2, maps)).not.toBe(maps)
  })

  it('memory: one byte per order-table entry plus the state maps (the bytes of 16-bit tables of 2^orderLog, order 1 half of that)', () => {
    expect(orderTableEntries(12)).toBe(4096 + 6 * 8192)
    expect(stateMapBytes(ORDERS - 1)).toBe(4 * 7 * 139)
    // 137,628 in format 6; format 7 (s31-llm) adds the run model's 576 bytes and two int32 fields (run length, recent cost)
    expect(modelStateBytes({ historyLog: 15, matchHashLog: 12, orderLog: 12 })).toBe(137628 + RUN_MODEL_BYTES + 8)
    expect(RUN_MODEL_BYTES).toBe(576)
  })
})
