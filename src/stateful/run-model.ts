/**
 * Token runs (cm block format 7, s31-llm): long runs of base64 / identifier characters that the
 * connection's history does not repeat (an `encrypted_content`, a signature, a base64 image, a
 * hash) are coded by a small order-0 model instead of the full context mixer. On such bytes the mixer
 * spends ~1 µs a byte and still codes them at about their entropy (llm-stream's held-out runs: 5.95
 * bits a character where 6 is the entropy of random base64, docs/rounds/s31-llm.md): it has nothing
 * to predict them from, so its 8 mixed bits are CPU for nothing.
 *
 * When a run is on (both ends decide it from the history alone: the last RUN_MIN bytes are all
 * RUN_CLASS characters and the match model has no expected byte), each position first codes a "the
 * run goes on" flag (adaptive, by the run's length in powers of two). Yes: the byte is one of the
 * class (all ASCII) and its low 7 bits are coded by a binary tree of adaptive probabilities (one tree
 * per connection: the class's character frequencies), and the byte goes into the history without
 * touching the mixer's tables. No: the position is coded as any other (end-of-message flag, expected
 * byte, 8 modelled bits), so a run ends at the first byte outside the class or at the message's end.
 * A match found in the middle of a run (a repeat within the window) turns the run off, so repeats
 * stay cheap.
 *
 * Integers only: 22-bit probabilities and a 10-bit count in a Uint32 (as the state maps), updated at
 * 1/(n + 1.5) until the count's limit.
 */
import type { BinaryDecoder } from './binary-coder.ts'
import type { BitSink } from './modelled-byte-inputs.ts'

/** A run is on after this many class bytes in a row (chosen on the training halves, docs/rounds/s31-llm.md). */
export const RUN_MIN = 24

/** ... and the positions coded the usual way just before cost at least this many bits on average (context-model.ts noteCost) */
export const RUN_COST = 5

/** 1 for the run characters: A-Z a-z 0-9 + / - _ (base64, base64url, hex, identifiers' letters and digits) */
export const RUN_CLASS = Uint8Array.from({ length: 256 }, (_, b) =>
  (b >= 0x30 && b <= 0x39) ||
  (b >= 0x41 && b <= 0x5a) ||
  (b >= 0x61 && b <= 0x7a) ||
  b === 0x2b ||
  b === 0x2f ||
  b === 0x2d ||
  b === 0x5f
    ? 1
    : 0,
)

/** the tree's nodes: 1-127 (a 7-bit character), index 0 unused */
const TREE_NODES = 128
/** the "run goes on" flag's slots: floor(log2(run length)), capped */
const STAY_SLOTS = 16
const ONE = 4194303
const HALF_ENTRY = 2097152 * 1024
/** counts stop here: the tables keep adapting at 1/256.5 */
const LIMIT = 255
const RATE = Int32Array.from({ length: LIMIT + 1 }, (_, n) => Math.floor(65536 / (n + 1.5)))
const SCALE = 1 / 65536

/** Bytes of one end's run model. */
export const RUN_MODEL_BYTES = 4 * (TREE_NODES + STAY_SLOTS)

/** A 22-bit probability and count (a Uint32) after learning `bit`. */
function learn(entry: number, bit: number): number {
  const n = entry & 1023
  const q = entry >>> 10
  return (q + (((bit * ONE - q) * (RATE[n] as number) * SCALE) | 0)) * 1024 + (n < LIMIT ? n + 1 : n)
}

/** P(1) * 4096 of an entry, 1-4095. */
function p12(entry: number): number {
  return Math.max(1, Math.min(entry >>> 20, 4095))
}

/** One end's run model of a connection. */
export class RunModel {
  private readonly tree: Uint32Array
  private readonly stay: Uint32Array
  private staySlot = 0

  constructor(from?: RunModel) {
    this.tree = from === undefined ? new Uint32Array(TREE_NODES).fill(HALF_ENTRY) : from.tree.slice()
    this.stay = from === undefined ? new Uint32Array(STAY_SLOTS).fill(HALF_ENTRY) : from.stay.slice()
  }

  /** P(the run goes on) * 4096, for a run of `runLength` bytes so far. */
  predictStay(runLength: number): number {
    this.staySlot = Math.min(31 - Math.clz32(runLength), STAY_SLOTS - 1)
    return p12(this.stay[this.staySlot] as number)
  }

  /** Learns whether the run went on (after predictStay). */
  updateStay(bit: number): void {
    this.stay[this.staySlot] = learn(this.stay[this.staySlot] as number, bit)
  }

  /**
   * Codes a run byte's low 7 bits (`source` null: `byte`'s, each to `sink`, which may be null to learn
   * only; else decoded from `source`). Returns the byte.
   */
  code(byte: number, sink: BitSink | null, source: BinaryDecoder | null): number {
    const tree = this.tree
    let node = 1
    for (let shift = 6; shift >= 0; shift--) {
      const entry = tree[node] as number
      const p = p12(entry)
      let bit: number
      if (source === null) {
        bit = (byte >>> shift) & 1
        if (sink !== null) sink.encode(bit, p)
      } else bit = source.decode(p)
      tree[node] = learn(entry, bit)
      node = (node << 1) | bit
    }
    return node & 0x7f
  }
}
