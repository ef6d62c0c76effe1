/** Raw-content Zstandard dictionaries: sample messages laid end to end, no training step. */
import { concatBytes } from '../core/index.ts'
import { integerOption } from './options.ts'

const byteKeyDecoder = new TextDecoder('latin1')

/**
 * Builds a raw-content dictionary of at most `sizeBytes` from training messages (oldest first).
 * zstd references dictionary content by offset back from the message, so nearer content is
 * cheaper: the most recent samples go last.
 *
 * Steps:
 * 1. Walk the samples from newest to oldest, skipping empty ones and exact repeats of a sample
 *    already taken (a repeat adds bytes but no new matches).
 * 2. Take each sample whole while it fits; the first that does not fit contributes its tail to
 *    fill the budget, and the walk stops.
 * 3. Lay the taken samples out oldest first, so the newest end the dictionary.
 */
export function createRawContentDictionary(samples: readonly Uint8Array[], sizeBytes: number): Uint8Array {
  integerOption('zstd_dict', 'dictionary sizeBytes', sizeBytes, sizeBytes, [1, 2 ** 31 - 1])
  const taken: Uint8Array[] = []
  const seen = new Set<string>()
  let remainingBytes = sizeBytes
  for (let i = samples.length - 1; i >= 0 && remainingBytes > 0; i--) {
    const sample = samples[i]
    if (sample === undefined || sample.length === 0) continue
    // windows-1252 decoding maps every byte to a distinct code point, so equal keys mean equal bytes
    const key = byteKeyDecoder.decode(sample)
    if (seen.has(key)) continue
    seen.add(key)
    const part = sample.length <= remainingBytes ? sample : sample.subarray(sample.length - remainingBytes)
    taken.push(part)
    remainingBytes -= part.length
  }
  return concatBytes(taken.reverse())
}
