/**
 * A shared Loghub system as a user sets it up for the hybrid: its whole log lines in order, a store
 * discovered and a 64 KB raw-content dictionary from the first half, the second half held out.
 */
import { readFileSync } from 'node:fs'
import { createRawContentDictionary } from '../../src/index.ts'
import { discoverTemplates, type TemplateStore } from '../../src/templates/index.ts'
import { SHARED_CORPORA, toByteMessages } from './corpus-fixtures.ts'

/** `system`'s held-out half (UTF-8 bytes) and the store and dictionary learnt from its first half. */
export function loghubUserSetup(system: string): {
  heldOut: Uint8Array[]
  store: TemplateStore
  dictionary: Uint8Array
} {
  const lines = readFileSync(`${SHARED_CORPORA}loghub/${system}/${system}_2k.log`, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
  const half = lines.length >> 1
  const training = lines.slice(0, half)
  return {
    heldOut: toByteMessages(lines.slice(half)),
    store: discoverTemplates(training).store,
    dictionary: createRawContentDictionary(toByteMessages(training), 65_536),
  }
}
