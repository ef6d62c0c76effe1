/**
 * A check on a message's UTF-8 bytes that can rule out every template of a store before the message
 * is decoded or matched: a template's message starts with its first literal and ends with its last,
 * so its first (or last) byte is fixed. A store with a template that has a placeholder at both ends
 * can match anything, and then nothing is ruled out.
 */
import { textToBytes } from './text-bytes.ts'
import type { Template } from './store-types.ts'

/** False only when no template of the store can match the message these UTF-8 bytes encode. */
export type ByteScreen = (bytes: Uint8Array) => boolean

/** Builds the screen for a store's templates. */
export function createByteScreen(templates: readonly Template[]): ByteScreen {
  const firstBytes = new Uint8Array(256)
  const lastBytes = new Uint8Array(256)
  for (const { literals, textOrder } of templates) {
    const first = literals[0] as string
    const last = literals[textOrder.length] as string
    if (first !== '') firstBytes[textToBytes(first)[0] as number] = 1
    else if (last !== '') lastBytes[textToBytes(last).at(-1) as number] = 1
    else return () => true
  }
  return (bytes) =>
    bytes.length > 0 && (firstBytes[bytes[0] as number] === 1 || lastBytes[bytes[bytes.length - 1] as number] === 1)
}
