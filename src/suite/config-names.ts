/**
 * A config file's own `name:` names it in the suite: a suite entry without a `name` takes the config
 * file's, and only a config file without one falls back to the file's base name. Read here, before
 * the suite's checks, so gate, targets, reference figures and cost refer to the same names.
 */
import { resolve } from 'node:path'
import { readInputFileSync, tryDecodeUtf8 } from '../core/index.ts'
import { MAX_TEXT_INPUT_BYTES } from './config.ts'
import { parseYaml, asArray, asRecord } from './yaml-schema.ts'

/**
 * The `name:` at the top of a config file, or undefined when it has none or cannot be read yet
 * (loading the config reports that). Read through the bounded reader: a FIFO or device named as a
 * config is refused from its stat (a plain read would block the whole process here, synchronously).
 */
export function configFileName(path: string): string | undefined {
  let text: string | undefined
  try {
    text = tryDecodeUtf8(readInputFileSync({ path, kind: 'config file', maxBytes: MAX_TEXT_INPUT_BYTES }))
  } catch {
    return undefined
  }
  if (text === undefined) return undefined
  const parsed = parseYaml(text, path)
  if ('issues' in parsed) return undefined
  const name = asRecord(parsed.source.value)['name']
  return typeof name === 'string' && name !== '' ? name : undefined
}

/** The raw suite with each `configs` entry that has no `name` given its config file's `name:`, when that file has one. */
export function withConfigFileNames(suite: unknown, folder: string): unknown {
  const raw = asRecord(suite)
  if (!Array.isArray(raw['configs'])) return suite
  const configs = asArray(raw['configs']).map((entry) => {
    const record = typeof entry === 'string' ? { path: entry } : asRecord(entry)
    if (typeof record['path'] !== 'string' || record['name'] !== undefined) return entry
    const name = configFileName(resolve(folder, record['path']))
    return name === undefined ? entry : { ...record, name }
  })
  return { ...raw, configs }
}
