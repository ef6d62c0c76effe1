/**
 * Priming a cm model (context-model.ts) with history it does not code: its bytes go through the same
 * steps as the coder's, with an encoder whose output is dropped.
 */
import { BinaryEncoder } from './binary-coder.ts'
import type { ContextModel } from './context-model.ts'
import { RUN_CLASS } from './run-model.ts'

/** Learns `bytes` as history in `model` without coding them (priming with the dictionary): ContextModel.learn. */
export function learnHistory(model: ContextModel, bytes: Uint8Array): void {
  // as the coder does: a run byte goes to the run model (which learns the class's frequencies), not the
  // mixer; the costs runActive() reads come from an encoder whose output is dropped
  const meter = new BinaryEncoder()
  for (const byte of bytes) {
    if (model.runActive()) {
      const stay = RUN_CLASS[byte] as number
      meter.encode(stay, model.predictStay())
      model.updateStay(stay)
      if (stay === 1) {
        model.codeRunByte(byte, meter, null)
        continue
      }
    }
    if (model.wantsCost()) {
      const before = meter.bitsSpent()
      model.codeByte(byte, meter, null)
      model.noteCost(meter.bitsSpent() - before)
    } else model.codeByte(byte, meter, null)
  }
  meter.finish()
  model.endMessage()
}
