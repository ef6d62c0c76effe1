/** Building a discovered store (step 4 of discovery.ts): ids after the highest one given out, provenance, usage. */
import { AuraError } from '../core/index.ts'
import type { Draft } from './discovery-drafts.ts'
import type { DiscoveryOptions } from './discovery-types.ts'
import { firstFreeId } from './discovery-refresh.ts'
import { type JsonResidueModel, toJsonResidueJson } from './json-residue.ts'
import { toTemplateStoreJson } from './store-json.ts'
import { parseTemplateStore } from './store-parse.ts'
import { MAX_TEMPLATE_ID, type ProvenanceEntry, type TemplateStore } from './store-types.ts'

/** The store of `drafts` (new ids after the existing store's), with this run's provenance entry. */
export function buildStore(
  drafts: readonly Draft[],
  options: DiscoveryOptions,
  run: ProvenanceEntry,
  jsonResidue?: JsonResidueModel,
): TemplateStore {
  const existing = options.existing
  const startId = firstFreeId(existing)
  if (startId + drafts.length - 1 > MAX_TEMPLATE_ID) {
    throw new AuraError(
      'E_SCHEMA',
      `the store would need template ids above ${MAX_TEMPLATE_ID}`,
      { field: 'maxTemplates' },
      { hint: 'lower --max-templates' },
    )
  }
  const runNumber = (existing?.provenance.length ?? 0) + 1
  const added = drafts.map((draft, i) => ({
    id: startId + i,
    pattern: draft.pattern,
    category: existing === undefined ? `event ${draft.event}` : `run ${runNumber} event ${draft.event}`,
    slots: draft.slots,
    // what recordUsage records for a first run: the run that adds a template uses it
    ...(existing === undefined ? { lastUsedRun: 1, uses: draft.support } : {}),
  }))
  const highest =
    existing === undefined
      ? {
          highestId: startId + drafts.length - 1,
          ...(options.evictAfter === undefined ? {} : { evictedTemplates: 0 }),
        }
      : {}
  const json = {
    ...toTemplateStoreJson(existing ?? { name: '', storeVersion: undefined, source: undefined, templates: [] }),
    name: options.name ?? existing?.name ?? 'discovered',
    storeVersion: nextStoreVersion(existing?.storeVersion),
    source: existing?.source ?? `templates discovered by aura-bench discover from ${run.corpus}`,
    provenance: [...(existing?.provenance ?? []), { ...run, ...highest }],
    templates: [...(existing === undefined ? [] : (toTemplateStoreJson(existing).templates as unknown[])), ...added],
    // a merge keeps the existing store's model (carried above); a new store gets the one learnt from its corpus
    ...(jsonResidue === undefined ? {} : { jsonResidue: toJsonResidueJson(jsonResidue) }),
  }
  return parseTemplateStore(json, options.corpus ?? '<discovered>')
}

/** `1` for a new store; an integer label counts up; another label gets `+1` appended. */
function nextStoreVersion(previous: string | undefined): string {
  if (previous === undefined) return '1'
  return /^\d+$/.test(previous) ? String(Number(previous) + 1) : `${previous}+1`
}
