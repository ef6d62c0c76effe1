/** What the literal index selects: a template with what matching it needs, shared by the index and its buckets. */
import type { SlotCodec } from './slot-codecs.ts'
import type { Template } from './store-types.ts'

/** A template ready to match: its codecs and the shortest message it can match (UTF-16 units). */
export interface Compiled {
  readonly template: Template
  readonly codecs: readonly SlotCodec[]
  readonly minLength: number
}
