/**
 * What a modelled byte's bits are predicted from, computed once per byte (context-model.ts codeByte):
 * the context hashes of the hashed order tables, and the match and number models' predictions.
 */
import { hashBytes } from './cm-tables.ts'
import type { MatchModel } from './match-model.ts'
import type { ByteContext } from './modelled-byte-inputs.ts'
import { ORDERS } from './modelled-byte.ts'
import type { NumberModel } from './number-model.ts'
import type { TextStructure } from './text-structure.ts'

/** The match and number models' predictions for the current byte (they change only when a byte is appended). */
export function fillByteContext(
  context: ByteContext,
  match: MatchModel,
  numbers: NumberModel,
  numbersOn: boolean,
): ByteContext {
  const matchLength = match.length()
  const matchPredicted = matchLength > 0 ? match.predicted() : -1
  context.matchLength = matchLength
  context.matchPredicted = matchPredicted
  context.matchSlotBase = match.bitSlotBase()
  const numberSlotBase = numbersOn ? numbers.bitSlotBase(matchPredicted) : -1
  context.numberSlotBase = numberSlotBase
  context.numberPredicted = numberSlotBase < 0 ? -1 : numbers.predicted()
  return context
}

/** The current byte's context hashes (`c4`: the last 4 bytes, `last8`: the 4 before them), imul'd once. */
export function hashContexts(
  hashes: Int32Array,
  c4: number,
  last8: number,
  text: TextStructure,
  match: MatchModel,
): void {
  hashes[1] = hashBytes(c4 & 0xff, 1)
  hashes[2] = hashBytes(c4 & 0xffff, 2)
  hashes[3] = hashBytes(c4 & 0xffffff, 3)
  hashes[4] = hashBytes(c4, 4)
  hashes[5] = hashBytes(hashBytes(c4, last8 & 0xffff), 6)
  // the JSON column (round 11): the key, the byte at the same offset in the key's previous value (0x100: none) with
  // whether the last byte was its column's byte too (0x200: the value so far follows the previous one), and the last byte
  const position = match.position()
  const column = text.columnOf(position)
  let columnByte = 0x100
  if (column >= 0) {
    columnByte = match.historyByte(column)
    if (column > 0 && text.columnOf(position - 1) === column - 1 && match.historyByte(column - 1) === (c4 & 0xff))
      columnByte |= 0x200
  }
  hashes[6] = hashBytes(hashBytes(hashBytes(text.keyHash(), columnByte), c4 & 0xff), 7)
  hashes[7] = hashBytes(hashBytes(text.word(), text.previousWord()), 8)
  for (let i = 1; i < ORDERS; i++) hashes[i] = Math.imul(hashes[i] as number, 0x2c1b3c6d)
}
