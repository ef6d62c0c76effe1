/** Types of a template store: the shared state of the `binary_semantic` method. */

/** The `format` value every template store file carries. */
export const TEMPLATE_STORE_FORMAT = 'aura-template-store'

/** Store format versions this code reads. */
export const TEMPLATE_STORE_VERSION = 1

/** Largest template id a store may use. */
export const MAX_TEMPLATE_ID = 1_000_000

/** Slot types a template may declare; `auto` (the default) picks the smallest exact encoding per value. */
export const SLOT_TYPES = ['auto', 'string', 'integer', 'decimal', 'timestamp', 'uuid', 'ipv4', 'hex', 'enum'] as const

/** One slot type name. */
export type SlotType = (typeof SLOT_TYPES)[number]

/** How one placeholder's value is encoded. */
export type SlotSpec =
  | { readonly type: Exclude<SlotType, 'enum'> }
  | {
      readonly type: 'enum'
      /** the only values the slot accepts, encoded as their index (no bytes at all when there is one) */
      readonly values: readonly string[]
    }

/** One template: literal text with numbered placeholders `{0}`, `{1}`, ... and a spec per placeholder. */
export interface Template {
  readonly id: number
  /** as written in the store, e.g. `Request {0} completed in {1}ms` */
  readonly pattern: string
  readonly category: string | undefined
  /** one spec per placeholder, indexed by placeholder number */
  readonly slots: readonly SlotSpec[]
  /** literal text around the placeholders in text order: `literals.length === slots.length + 1` */
  readonly literals: readonly string[]
  /** placeholder numbers in text order: `textOrder[k]` is the placeholder after `literals[k]` */
  readonly textOrder: readonly number[]
}

/** A validated template store. */
export interface TemplateStore {
  readonly name: string
  /** the store's own version label (e.g. a date), `undefined` when the file has none */
  readonly storeVersion: string | undefined
  /** provenance note from the file */
  readonly source: string | undefined
  /** templates in ascending id order */
  readonly templates: readonly Template[]
  readonly byId: ReadonlyMap<number, Template>
  /** first 8 bytes (16 hex digits) of the SHA-256 of the canonical content that encoding depends on */
  readonly fingerprint: string
  /** UTF-8 size of the compact JSON a decoder needs (ids, patterns, slots; no source or categories): the shared state */
  readonly sizeBytes: number
}
