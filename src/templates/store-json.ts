/**
 * A template store as a value and as JSON: `createStore` builds the TemplateStore of parsed templates
 * (its id index, fingerprint and shared-state size), `toTemplateStoreJson` writes it back as file
 * content that parseTemplateStore (store-parse.ts) reads.
 */
import { createHash } from 'node:crypto'
import { toBytes } from '../core/index.ts'
import {
  TEMPLATE_STORE_FORMAT,
  TEMPLATE_STORE_VERSION,
  type ProvenanceEntry,
  type Template,
  type TemplateStore,
} from './store-types.ts'
import { toProvenanceJson } from './store-provenance.ts'
import { type JsonResidueModel, toJsonResidueJson } from './json-residue.ts'

/** The store of these parsed templates: id index, fingerprint of what decoding depends on, shared-state size. */
export function createStore(
  name: string,
  storeVersion: string | undefined,
  source: string | undefined,
  provenance: ProvenanceEntry[],
  templates: Template[],
  jsonResidue?: JsonResidueModel,
): TemplateStore {
  // the residue model is part of what decoding depends on; a store without one keeps its fingerprint
  const canonical = JSON.stringify([
    TEMPLATE_STORE_FORMAT,
    TEMPLATE_STORE_VERSION,
    templates.map((t) => [t.id, t.pattern, t.slots]),
    ...(jsonResidue === undefined ? [] : [toJsonResidueJson(jsonResidue)]),
  ])
  const fingerprint = createHash('sha256').update(canonical).digest('hex').slice(0, 16)
  const partial = {
    name,
    storeVersion,
    source,
    provenance,
    templates,
    byId: new Map(templates.map((t) => [t.id, t])),
    fingerprint,
    ...(jsonResidue === undefined ? {} : { jsonResidue }),
  }
  return { ...partial, sizeBytes: toBytes(JSON.stringify(toTemplateStoreJson(partial, { decoderOnly: true }))).length }
}

/**
 * The store as JSON file content (slots omitted when all are `auto`); parseTemplateStore reads it back.
 * `decoderOnly` drops what a decoder does not need (storeVersion, source, provenance, categories): the shared state.
 */
export function toTemplateStoreJson(
  store: Pick<TemplateStore, 'name' | 'storeVersion' | 'source' | 'templates'> & {
    provenance?: TemplateStore['provenance']
    jsonResidue?: TemplateStore['jsonResidue']
  },
  options: { decoderOnly?: boolean } = {},
): Record<string, unknown> {
  const full = options.decoderOnly !== true
  const json: Record<string, unknown> = {
    format: TEMPLATE_STORE_FORMAT,
    version: TEMPLATE_STORE_VERSION,
    name: store.name,
  }
  if (full && store.storeVersion !== undefined) json.storeVersion = store.storeVersion
  if (full && store.source !== undefined) json.source = store.source
  if (full && store.provenance !== undefined && store.provenance.length > 0)
    json.provenance = toProvenanceJson(store.provenance)
  json.templates = store.templates.map((t) => {
    const entry: Record<string, unknown> = { id: t.id, pattern: t.pattern }
    if (full && t.category !== undefined) entry.category = t.category
    if (t.slots.some((slot) => slot.type !== 'auto')) entry.slots = t.slots
    if (full && t.lastUsedRun !== undefined) entry.lastUsedRun = t.lastUsedRun
    if (full && t.uses !== undefined) entry.uses = t.uses
    return entry
  })
  // after the templates, so a store without it is written byte for byte as before
  if (store.jsonResidue !== undefined) json.jsonResidue = toJsonResidueJson(store.jsonResidue)
  return json
}
