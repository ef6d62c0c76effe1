/** Types of a template store: the shared state of the `binary_semantic` method. */
import type { JsonResidueModel } from './json-residue.ts'

/** The `format` value every template store file carries. */
export const TEMPLATE_STORE_FORMAT = 'aura-template-store'

/** Store format versions this code reads. */
export const TEMPLATE_STORE_VERSION = 1

/** Largest template id a store may use. */
export const MAX_TEMPLATE_ID = 1_000_000

/** Slot types a template may declare; `auto` (the default) picks the smallest exact encoding per value. */
export const SLOT_TYPES = [
  'auto',
  'string',
  'integer',
  'decimal',
  'timestamp',
  'uuid',
  'ipv4',
  'ipv6',
  'hex',
  'enum',
  'json',
] as const

/** One slot type name. */
export type SlotType = (typeof SLOT_TYPES)[number]

/** Typed slots that may take `other: "auto"` (`auto` and `string` take any text already; an enum's `other` is its own). */
export const ESCAPABLE_SLOT_TYPES = ['integer', 'decimal', 'timestamp', 'uuid', 'ipv4', 'ipv6', 'hex'] as const

/** Most digits a fixed-width integer slot may declare. */
export const MAX_INTEGER_WIDTH = 60

/** How one placeholder's value is encoded. */
export type SlotSpec =
  | { readonly type: 'auto' | 'string' }
  | {
      readonly type: 'json'
      /** object keys coded as 1 + their index here (slot-json.ts); others are sent as text */
      readonly keys?: readonly string[]
    }
  | {
      readonly type: Exclude<SlotType, 'enum' | 'integer' | 'auto' | 'string' | 'json'>
      /** when set (`auto`, the only value), a value the type refuses is still accepted: an escape its type never writes, then the value as an auto slot writes it (slot-codecs.ts `escapedCodec`) */
      readonly other?: 'auto'
    }
  | {
      readonly type: 'integer'
      /** when set, the value is exactly this many digits, zero-padded and unsigned (`06`, `081109`): only its magnitude is sent */
      readonly width?: number
      /** as on the other typed slots: any other value after an escape, as an auto slot writes it */
      readonly other?: 'auto'
    }
  | {
      readonly type: 'enum'
      /** listed values are encoded as their index (no bytes at all when there is one and no `other`) */
      readonly values: readonly string[]
      /** when set, a value not listed is still accepted: an escape, then the value as this type */
      readonly other?: Exclude<SlotType, 'enum'>
      /**
       * with `other` `auto` or `string`: a value not listed may be sent as an edit of a listed one
       * (the same shape with other digits, or a shared prefix and suffix around new text) when that is
       * smaller than the escape (slot-similar.ts); written by discovery, absent in older stores
       */
      readonly similar?: boolean
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
  /** discovery: the provenance run (1-based) whose messages last used it; absent for templates written by hand (never evicted) */
  readonly lastUsedRun?: number
  /** discovery: messages that matched it (one message may count for several templates), summed over runs (discovery-refresh.ts); absent for templates written by hand */
  readonly uses?: number
}

/** One run that produced templates of a store (discovery, or a merge into an existing store). */
export interface ProvenanceEntry {
  /** what made the templates, e.g. `aura-bench discover` */
  readonly tool: string
  /** corpus path as given to the tool */
  readonly corpus: string
  /** ISO-8601 time of the run */
  readonly createdAt: string
  /** messages the run read */
  readonly messages: number
  /** templates the run added (ids are appended after the existing ones) */
  readonly addedTemplates: number
  /** the run's options (name -> value) */
  readonly options: Readonly<Record<string, string | number | boolean>>
  /** highest template id given out so far, evicted ones included (a merge never gives an id twice) */
  readonly highestId?: number
  /** templates the run evicted (unused for `evictAfter` runs and below `keepShare` of the store's uses) */
  readonly evictedTemplates?: number
}

/** A validated template store. */
export interface TemplateStore {
  readonly name: string
  /** the store's own version label (e.g. a date), `undefined` when the file has none */
  readonly storeVersion: string | undefined
  /** provenance note from the file */
  readonly source: string | undefined
  /** the runs that produced the templates, oldest first; empty for hand-written stores */
  readonly provenance: readonly ProvenanceEntry[]
  /** templates in ascending id order */
  readonly templates: readonly Template[]
  readonly byId: ReadonlyMap<number, Template>
  /** first 8 bytes (16 hex digits) of the SHA-256 of the canonical content that encoding depends on */
  readonly fingerprint: string
  /** the JSON residue frame's model (json-residue.ts), when discovery learnt one; undefined in older stores */
  readonly jsonResidue?: JsonResidueModel
  /** UTF-8 size of the compact JSON a decoder needs (ids, patterns, slots; no source or categories): the shared state */
  readonly sizeBytes: number
}
