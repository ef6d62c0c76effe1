/**
 * Which entries of an output folder are aura-bench's: its state folder (`.aura-bench/`) and the links
 * it made into it. Everything else is the user's and is never moved, replaced or deleted, a plain
 * results.json or report.md included: a copy of a report (`cp -L`), a baseline saved there, or a report
 * an earlier version wrote in place look the same, and the copy is someone's archive.
 */
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import path from 'node:path'
import { isJsonObject } from '../core/index.ts'
import { recognizeOutputJson } from '../suite/index.ts'

/** The folder inside an output folder that holds aura-bench's reports and lock. */
export const STATE_FOLDER = '.aura-bench'

/** A report set: `report` (run or compare), `cost`, `replay` and `shard` (a shard run's partial) live side by side in one folder. */
export type OutputSlot = 'report' | 'cost' | 'replay' | 'shard'

/** Every name each slot may publish at the top of the folder. */
export const SLOT_NAMES: Readonly<Record<OutputSlot, readonly string[]>> = {
  report: ['results.json', 'comparison.json', 'report.md', 'report.html', 'charts'],
  cost: ['cost.md', 'cost.json'],
  replay: ['replay.md', 'replay.json'],
  shard: ['partial.json'],
}

/** What is at one top-level name. */
export type EntryOwner =
  | { state: 'absent' }
  /** our link into the slot's current report */
  | { state: 'linked' }
  | { state: 'foreign'; reason: string }

/** The link target of a top-level name: through the slot's `current` link, relative to the folder. */
export function linkTarget(slot: OutputSlot, name: string): string {
  return `${STATE_FOLDER}/${slot}/${name}`
}

const MAX_SNIFF_BYTES = 256 * 1024 * 1024

async function readSmall(file: string): Promise<string | undefined> {
  const info = await lstat(file).catch(() => undefined)
  if (info === undefined || !info.isFile() || info.size > MAX_SNIFF_BYTES) return undefined
  return readFile(file, 'utf8').catch(() => undefined)
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  const text = await readSmall(file)
  try {
    const value: unknown = text === undefined ? undefined : JSON.parse(text)
    return isJsonObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

const MARKDOWN_TITLES = ['# aura-bench report: ', '# Brotli vs Zstandard: ', '# Cost projection', '# Wire replay: ']
const HTML_TITLE = '<title>aura-bench report: '

/** True when a real file at `name` holds a report of aura-bench's by its content (a copy, or an earlier version's). */
async function isReportFile(dir: string, name: string): Promise<boolean> {
  const file = path.join(dir, name)
  if (name.endsWith('.md')) {
    const text = await readSmall(file)
    return text !== undefined && MARKDOWN_TITLES.some((title) => text.startsWith(title))
  }
  if (name.endsWith('.html')) {
    const text = await readSmall(file)
    return text !== undefined && text.startsWith('<!DOCTYPE html>') && text.includes(HTML_TITLE)
  }
  const json = await readJson(file)
  if (json === undefined) return false
  // by content, as validate tells them (suite/output-files.ts)
  if (['results.json', 'comparison.json', 'cost.json', 'replay.json'].includes(name))
    return recognizeOutputJson(json) === name
  return false
}

/** Classifies the entry at `dir/name` for `slot`. */
export async function classifyEntry(dir: string, slot: OutputSlot, name: string): Promise<EntryOwner> {
  const full = path.join(dir, name)
  const info = await lstat(full).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return undefined
    throw error
  })
  if (info === undefined) return { state: 'absent' }
  if (info.isSymbolicLink()) {
    const target = await readlink(full)
    return target === linkTarget(slot, name)
      ? { state: 'linked' }
      : { state: 'foreign', reason: `a symbolic link aura-bench did not make (to ${target}), never written through` }
  }
  if (info.isDirectory())
    return { state: 'foreign', reason: `a folder aura-bench did not write${await sampleEntries(full)}` }
  if (info.isFile() && (await isReportFile(dir, name)))
    return {
      state: 'foreign',
      reason:
        'a plain file holding a report of aura-bench (a copy, a baseline saved there, or one an earlier version wrote in place; this version publishes only its links into .aura-bench/)',
    }
  return { state: 'foreign', reason: 'a file aura-bench did not write' }
}

async function sampleEntries(folder: string): Promise<string> {
  const names = await readdir(folder).catch(() => [] as string[])
  if (names.length === 0) return ' (empty)'
  return ` (it holds ${names.slice(0, 3).join(', ')}${names.length > 3 ? `, and ${names.length - 3} more` : ''})`
}

/** True when the top-level link `name` is aura-bench's link of some slot. */
export async function isOurLink(dir: string, name: string): Promise<OutputSlot | undefined> {
  const target = await readlink(path.join(dir, name)).catch(() => undefined)
  return (Object.keys(SLOT_NAMES) as OutputSlot[]).find((slot) => target === linkTarget(slot, name))
}
