/**
 * A one-byte digest of one template's definition (id, pattern, slot specs): what `store_check: frame`
 * puts in every binary_semantic frame so a reader whose store defines that id differently refuses the
 * frame instead of rendering other text. It is per template, not per store: a frame of a template both
 * stores define alike still decodes after the store grows. One byte misses 1 change in 256.
 */
import { createHash } from 'node:crypto'
import type { Template } from './store-types.ts'

const checkBytes = new WeakMap<Template, number>()

/** First byte of the SHA-256 of the template's canonical definition (cached per template). */
export function templateCheckByte(template: Template): number {
  let check = checkBytes.get(template)
  if (check === undefined) {
    // the same canonical form the store fingerprint hashes, for one template
    const canonical = JSON.stringify([template.id, template.pattern, template.slots])
    check = createHash('sha256').update(canonical).digest()[0] as number
    checkBytes.set(template, check)
  }
  return check
}
