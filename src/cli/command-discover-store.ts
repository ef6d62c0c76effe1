/**
 * `discover`'s store on disk: the one `--merge` refreshes (loaded, and checked unchanged before the
 * write), the store written whole, its JSON text, and the summary line of what was written.
 */
import { AuraError, type InputFingerprints, readInputFile } from '../core/index.ts'
import { writeOutputFile } from '../report/index.ts'
import {
  DISCOVERY_DEFAULTS,
  loadTemplateStore,
  MAX_STORE_FILE_BYTES,
  toTemplateStoreJson,
  type DiscoveryResult,
} from '../templates/index.ts'

/**
 * E_INPUT_CHANGED when the store `--merge` loaded is not the one on disk now (its stat or bytes, read
 * again through the fingerprints the load recorded): another refresh (or a copy) wrote it while this
 * one ran, and writing would drop what that one added.
 */
export async function checkMergedUnchanged(
  file: string,
  asWritten: string,
  fingerprints: InputFingerprints,
): Promise<void> {
  try {
    await readInputFile({ path: file, kind: 'template store', maxBytes: MAX_STORE_FILE_BYTES, fingerprints })
  } catch (error) {
    throw new AuraError(
      'E_INPUT_CHANGED',
      `template store ${asWritten} changed while discover was refreshing it (another discover --merge or a copy wrote it): writing would drop what that change added, so nothing was written`,
      { file: asWritten, field: '--merge' },
      {
        hint: 'run the refresh again on the store as it is now; refresh one store with one discover at a time',
        cause: error,
      },
    )
  }
}

/** The store `--merge` names; a missing one is named as the flag's (the loader's hint speaks of a config's key). */
export async function loadMergedStore(
  file: string,
  fingerprints: InputFingerprints,
): ReturnType<typeof loadTemplateStore> {
  try {
    return await loadTemplateStore(file, fingerprints)
  } catch (error) {
    if (error instanceof AuraError && error.code === 'E_FILE_MISSING')
      throw new AuraError(
        'E_FILE_MISSING',
        `template store ${file} does not exist`,
        { file, field: '--merge' },
        {
          hint: 'name the store an earlier discover wrote (a path relative to the working folder), or leave --merge out',
        },
      )
    throw error
  }
}

/** Writes the store whole (a synced temporary file renamed into place, never through a link); failures the environment causes are E_OUTPUT. */
export async function writeStore(outPath: string, result: DiscoveryResult): Promise<void> {
  await writeOutputFile(outPath, storeFileText(result.store), '--out')
}

/**
 * The store's JSON as written: indented, each template on one line. Indenting every slot spec of a
 * JSON template with hundreds of slots nearly doubled the file (100k JSON messages: 15.9 MB); one
 * line per template keeps it readable and diffable. The same JSON value, so the same store.
 */
export function storeFileText(store: DiscoveryResult['store']): string {
  const { templates, jsonResidue, ...head } = toTemplateStoreJson(store) as { templates: unknown[] } & Record<
    string,
    unknown
  >
  // a key inside a string value is escaped, so each placeholder occurs once, as its member; the JSON
  // residue model (round 35) on one line after the templates
  const text = JSON.stringify(
    { ...head, templates: [], ...(jsonResidue === undefined ? {} : { jsonResidue: 0 }) },
    null,
    2,
  )
  const lines = templates.map((template) => `    ${JSON.stringify(template)}`).join(',\n')
  return `${text
    // a replacer function: a pattern holding $' or $& must not be read as a replacement pattern
    .replace('"templates": []', () => (templates.length === 0 ? '"templates": []' : `"templates": [\n${lines}\n  ]`))
    .replace('"jsonResidue": 0', () => `"jsonResidue": ${JSON.stringify(jsonResidue)}`)}\n`
}

export function renderSummary(
  result: DiscoveryResult,
  shownPath: string,
  seconds: number,
  limits: { maxTemplates?: number; minSupport?: number; maxSplitWords?: number },
): string {
  const { stats, store } = result
  const coverage = stats.messages === 0 ? 0 : stats.coveredMessages / stats.messages
  return (
    `wrote ${shownPath} in ${seconds.toFixed(1)} s: ${store.templates.length} templates (${stats.addedTemplates} new${stats.evictedTemplates > 0 ? `, ${stats.evictedTemplates} evicted` : ''}), store version ${store.storeVersion ?? '-'}, ${store.sizeBytes} bytes shared state\n` +
    `  ${stats.events} events, ${stats.drafts} drafts, ${stats.droppedDrafts} dropped; templates encode ${stats.coveredMessages}/${stats.messages} training messages (${(coverage * 100).toFixed(1)}%)\n` +
    `  settings: --max-templates ${limits.maxTemplates ?? DISCOVERY_DEFAULTS.maxTemplates} --min-support ${limits.minSupport ?? DISCOVERY_DEFAULTS.minSupport} --max-split-words ${limits.maxSplitWords ?? DISCOVERY_DEFAULTS.maxSplitWords}\n`
  )
}
