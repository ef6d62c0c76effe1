/**
 * Benchmark inputs: the project's week1 corpus and, when ../shared/corpora is present, Loghub
 * `Content` fields with their ground-truth templates as a store, and the JSONL corpora.
 * Benchmarks and tests read files; the library code under src/ stays free of these paths.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseCsvRows } from '../../src/core/index.ts'
import { parseTemplateStore, type TemplateStore } from '../../src/templates/index.ts'

/** The project folder (test/harness/../..). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The shared real corpora beside the project (read-only, never copied into it). */
export const SHARED_CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url))
/** Loghub systems in ../shared/corpora/loghub. */
export const LOGHUB_SYSTEMS = [
  'Apache',
  'HDFS',
  'HealthApp',
  'Linux',
  'OpenSSH',
  'Proxifier',
  'Spark',
  'Zookeeper',
] as const

const encoder = new TextEncoder()

/** True when the shared corpora folder exists. */
export function sharedCorporaPresent(): boolean {
  return existsSync(`${SHARED_CORPORA}README.md`)
}

/** UTF-8 bytes of each text. */
export function toByteMessages(texts: readonly string[]): Uint8Array[] {
  return texts.map((text) => encoder.encode(text))
}

/** The `text` of every line of a JSONL corpus, up to `limit` lines. */
export function readJsonlTexts(path: string, limit = Infinity): string[] {
  const texts: string[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (texts.length >= limit) break
    if (line.trim() !== '') texts.push((JSON.parse(line) as { text: string }).text)
  }
  return texts
}

/** The seed's 25 messages (corpora/week1). */
export function readWeek1Texts(): string[] {
  return readJsonlTexts(`${PROJECT_ROOT}corpora/week1/messages.jsonl`)
}

function csvColumn(rows: readonly string[][], name: string): string[] {
  const column = (rows[0] ?? []).indexOf(name)
  if (column === -1) throw new Error(`CSV has no column ${name}`)
  return rows.slice(1).map((row) => row[column] ?? '')
}

/** The `Content` field of each line of a Loghub system (the part its ground-truth templates describe). */
export function readLoghubContent(system: string): string[] {
  return readContentCsv(`${SHARED_CORPORA}loghub/${system}/${system}_2k.log_structured.csv`)
}

/** The `Content` column of a Loghub `*_structured.csv` file (empty ones left out). */
export function readContentCsv(path: string): string[] {
  return csvColumn(parseCsvRows(readFileSync(path, 'utf8')), 'Content').filter((text) => text !== '')
}

/** Ground-truth templates of a Loghub system as our patterns (`<*>` -> `{n}`; runs of `<*>` merge into one). */
export function readLoghubPatterns(system: string): string[] {
  return readTemplatesCsv(`${SHARED_CORPORA}loghub/${system}/${system}_2k.log_templates.csv`)
}

/** The `EventTemplate` column of a Loghub `*_templates.csv` file as our patterns. */
export function readTemplatesCsv(path: string): string[] {
  return csvColumn(parseCsvRows(readFileSync(path, 'utf8')), 'EventTemplate')
    .map(toPattern)
    .filter((pattern): pattern is string => pattern !== undefined)
}

function toPattern(loghubTemplate: string): string | undefined {
  const pieces = loghubTemplate.replace(/(<\*>)+/g, '<*>').split('<*>')
  if (pieces.every((piece) => piece === '')) return undefined
  let pattern = pieces[0] as string
  for (let k = 1; k < pieces.length; k++) pattern += `{${k - 1}}${pieces[k] as string}`
  return pattern
}

/** A validated store of patterns (all slots `auto`), ids from `firstId` up; duplicate patterns are kept once. */
export function createPatternStore(name: string, patterns: readonly string[], firstId = 1): TemplateStore {
  const unique = [...new Set(patterns)]
  const templates = unique.map((pattern, i) => ({ id: firstId + i, pattern }))
  return parseTemplateStore({ format: 'aura-template-store', version: 1, name, templates }, `<bench:${name}>`)
}
