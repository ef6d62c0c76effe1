/**
 * Messages that end in `\r` (round 41; decided in docs/robustness.md "Messages that end in `\r`"): a
 * store discovered from a CRLF file by the CLI (which strips the terminator) has no `\r` in its
 * templates, so the library, which never changes the caller's bytes, sent such a message through the
 * fallback, or through a template whose last slot took the `\r` (a string slot's escape: 4-6 bytes more
 * than the line's own frame on Loghub's CRLF files). Here, at compress's entry, after the selection (and
 * unless it chose json_residue), the message without its final `\r` is offered to the templates (its body
 * may be weighed before the selection's fallback runs, and then spares it where no fallback frame could
 * change the outcome: compressor.ts, round s42-p99); its frame
 * behind tag 0xFB (codecs/framing.ts) replaces the chosen one when it wins: by the seed's rule (frame x
 * binary_advantage_threshold at most the frame chosen) against the fallback's or the uncompressed frame,
 * by being smaller against a template frame of the whole message. Every other frame is as before; a
 * decoder appends the `\r` (frame-decoder.ts).
 */
import { toBytes, tryDecodeUtf8, type CompressorConfig } from '../core/index.ts'
import { endsInCr, writeCrTailFrame } from '../codecs/index.ts'
import { binaryCandidate, type Candidate, type TemplateSide } from './candidates.ts'
import type { HybridCompressResult } from './selection.ts'

/** The candidate frame of a message's body (the message without its final `\r`), or undefined when no template encodes it. */
export type CrBody = (message: string | Uint8Array, bytes: Uint8Array) => Candidate | undefined

/** `result` itself, or the 0xFB frame of `message` when its body takes the template path and wins. */
export type CrTailFinish = (
  result: HybridCompressResult,
  message: string | Uint8Array,
  /** told whether the body's template frame was sent, when one was weighed (the losing note, losing-run.ts) */
  onWeighed?: (won: boolean) => void,
  /** the body's candidate when the caller has already weighed it (`body`), else NOT_WEIGHED */
  weighed?: Candidate | undefined | typeof NOT_WEIGHED,
  /** the message's UTF-8 when the caller has it (a string's, checked by the selection), so it is not encoded twice */
  bytes?: Uint8Array,
) => HybridCompressResult

/** `weighed` of CrTailFinish: the body has not been weighed yet. */
export const NOT_WEIGHED: unique symbol = Symbol('not weighed')

/** A compressor's `\r` side: the body's candidate, and the choice between it and the selection's result. */
export interface CrTail {
  /**
   * The body's candidate of a message that ends in `\r` (`bytes`: the message's UTF-8, `message` itself or
   * a string's checked encoding), weighed by the side that sends the smallest template frame: a function of
   * the body alone, so weighing it before the selection's fallback (round s42-p99) changes no frame.
   */
  body: CrBody
  finish: CrTailFinish
}

/**
 * The `\r` side of a compressor, or null without a template side it may send (no store, or a peer whose
 * store differs). `templates` is the side that always sends the smallest template frame (the seed's
 * choice): a message ending in `\r` is rare in a stream a store knows, so nothing is learned for it.
 */
export function createCrTail(config: CompressorConfig, templates: TemplateSide | null): CrTail | null {
  if (templates === null) return null
  const body: CrBody = (message, bytes) => {
    const bodyBytes = bytes.subarray(0, -1)
    if (!templates.matcher.mayMatchBytes(bodyBytes)) return undefined
    const text = typeof message === 'string' ? message.slice(0, -1) : tryDecodeUtf8(bodyBytes)
    return text === undefined ? undefined : binaryCandidate(templates, text, bodyBytes)
  }
  const finish: CrTailFinish = (result, message, onWeighed, weighed = NOT_WEIGHED, bytes = undefined) => {
    if (!endsInCr(message) || result.method === 'json_residue') return result
    const binary =
      weighed !== NOT_WEIGHED
        ? weighed
        : body(message, bytes ?? (typeof message === 'string' ? toBytes(message) : message))
    if (binary === undefined) return result
    const sizeBytes = binary.sizeBytes + 1
    // `result` is the selection's own, made for this call and not yet seen by the caller: its metadata is
    // updated in place (the same keys in the same order as a copy; the copies by object spread were a third
    // of this function's time, round s42-p99)
    const { metadata } = result
    const { candidateBytes } = metadata
    // the smaller of the two template frames weighed (the message's own, when one matched it with its `\r`, lost)
    candidateBytes.binary_semantic = Math.min(sizeBytes, candidateBytes.binary_semantic ?? sizeBytes)
    // against a template frame of the message itself (a slot took the `\r`): only when smaller, so a tie keeps
    // the frame a receiver older than round 41 reads; against any other frame, the seed's rule (selection.ts
    // step 6, with its tolerance far below one byte)
    const best = metadata.compressedBytes
    const wins =
      result.method === 'binary_semantic'
        ? sizeBytes < best
        : sizeBytes * config.binaryAdvantageThreshold <= best + 1e-9 * Math.max(1, best)
    onWeighed?.(wins)
    if (!wins) return result
    // the rest of the selection's metadata (auraHeaderBytes when aura was weighed) stays (s41-rev2 F2)
    metadata.ratio = metadata.originalBytes / sizeBytes
    metadata.method = 'binary_semantic'
    metadata.templateId = binary.templateId as number
    metadata.compressedBytes = sizeBytes
    return { bytes: writeCrTailFrame(binary.frame as Uint8Array), method: 'binary_semantic', metadata }
  }
  return { body, finish }
}
