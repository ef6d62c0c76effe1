/**
 * Corpora of the discovery bench, from the command line: Loghub-format folders (a `<X>.log` beside
 * its `<X>.log_structured.csv`, at any depth) and JSONL files (`{"text": ...}` per line). Nothing
 * here knows where the shared corpora live.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AuraError, tryDecodeUtf8 } from '../../src/core/index.ts'
import { loadCorpus } from '../../src/corpus/index.ts'
import { parseGroundTruthCsv } from '../../src/templates/index.ts'

/** One corpus to measure. */
export interface BenchSystem {
  /** the system's folder name (Loghub), or the file's folder name (JSONL) */
  name: string
  file: string
  kind: 'loghub' | 'jsonl'
  /** Loghub: the structured CSV with the ground-truth events */
  structuredCsv?: string
  /** share of the file (in order) that is the training part; default 0.5 */
  trainFraction?: number
}

/** The Loghub systems under `folder` (the folder itself may be one), by name. */
export function findLoghubSystems(folder: string): BenchSystem[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new AuraError('E_USAGE', `--loghub ${folder}: not a folder`, { file: folder })
  const found: BenchSystem[] = []
  const visit = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory() && depth < 3) visit(full, depth + 1)
      else if (entry.isFile() && entry.name.endsWith('.log') && existsSync(`${full}_structured.csv`)) {
        found.push({
          name:
            path.basename(dir) === path.basename(folder) && depth === 0
              ? entry.name.replace(/(_2k)?\.log$/, '')
              : path.basename(dir),
          file: full,
          kind: 'loghub',
          structuredCsv: `${full}_structured.csv`,
        })
      }
    }
  }
  visit(folder, 0)
  if (found.length === 0)
    throw new AuraError('E_USAGE', `--loghub ${folder}: no <name>.log with a <name>.log_structured.csv beside it`, {
      file: folder,
    })
  return found
}

/** A JSONL corpus named by its folder (`llm-stream/messages.jsonl` is `llm-stream`). */
export function jsonlSystem(file: string): BenchSystem {
  if (!existsSync(file)) throw new AuraError('E_USAGE', `--jsonl ${file}: no such file`, { file })
  const base = path.basename(file, '.jsonl')
  return { name: base === 'messages' ? path.basename(path.dirname(file)) : base, file, kind: 'jsonl' }
}

/** The `--jsonl <file>...` of a JSONL bench (at least one, else E_USAGE with `hint`) and whether each boolean flag is set. */
export function jsonlArguments<Flag extends string>(
  argv: readonly string[],
  hint: string,
  booleans: readonly Flag[] = [],
): { files: string[]; flags: Record<Flag, boolean> } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      jsonl: { type: 'string', multiple: true },
      ...Object.fromEntries(booleans.map((name) => [name, { type: 'boolean' as const }])),
    },
    strict: true,
  })
  const files = (values.jsonl as string[] | undefined) ?? []
  if (files.length === 0)
    throw new AuraError('E_USAGE', 'name at least one --jsonl file', { field: 'arguments' }, { hint })
  const set = values as Record<string, unknown>
  const flags = Object.fromEntries(booleans.map((name) => [name, set[name] === true])) as Record<Flag, boolean>
  return { files, flags }
}

/** The first line of a bench's output: when, on what machine, at what load (the machine is shared). */
export function measuredLine(): string {
  const [load1] = os.loadavg()
  return `Measured ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, Node ${process.version}; load average ${load1?.toFixed(2)} (1 min; shared machine).`
}

/** One measured message of a per-recording split; `seen`: its recording has training messages (a source present in training). */
export interface HeldOutMessage {
  text: string
  seen: boolean
}

/**
 * A JSONL corpus split per recording (recordings.tsv), as `bench/discovery.ts --per-recording` does:
 * each recording's messages in order, its first half (floor) trains and its second half is measured.
 * `inner`: the first half of each recording is split again instead (the training half only).
 */
export async function splitByRecording(
  file: string,
  inner = false,
): Promise<{ train: string[]; test: HeldOutMessage[] }> {
  const byRecording = new Map<string, string[]>()
  for (const m of await loadCorpus({ path: file, format: 'jsonl' })) {
    const list = byRecording.get(m.connection ?? '') ?? []
    byRecording.set(m.connection ?? '', list)
    list.push(tryDecodeUtf8(m.bytes) ?? '')
  }
  const train: string[] = []
  const test: HeldOutMessage[] = []
  for (const whole of byRecording.values()) {
    const list = inner ? whole.slice(0, Math.floor(whole.length / 2)) : whole
    const cut = Math.floor(list.length / 2)
    train.push(...list.slice(0, cut))
    for (const text of list.slice(cut)) test.push({ text, seen: cut > 0 })
  }
  return { train, test }
}

/** Ground-truth event per line number (1-based, as the CSV's LineId). */
export async function groundTruth(system: BenchSystem): Promise<Map<number, string>> {
  const csv = system.structuredCsv as string
  const truth = parseGroundTruthCsv(await readFile(csv, 'utf8'), csv)
  return new Map(truth.lineIds.map((line, i) => [line, truth.eventIds[i] as string]))
}

/**
 * Share of the second half's lines whose ground-truth event occurs in the first half: what a
 * store frozen after the first half can reach at most (one template per event, ideal).
 */
export function seenEventCeiling(events: readonly string[]): number {
  const cut = Math.floor(events.length / 2)
  const seen = new Set(events.slice(0, cut))
  const test = events.slice(cut)
  return test.length === 0 ? 0 : test.filter((e) => seen.has(e)).length / test.length
}

/** The two folds of leave-systems-out: systems sorted by name, alternately A and B. */
export function folds(names: readonly string[]): { A: string[]; B: string[] } {
  const sorted = [...names].sort((a, b) => a.localeCompare(b))
  return { A: sorted.filter((_n, i) => i % 2 === 0), B: sorted.filter((_n, i) => i % 2 === 1) }
}

/**
 * Drain's grouping accuracy on Loghub-2k, Zhu et al., "Tools and Benchmarks for Automated Log
 * Parsing", ICSE-SEIP 2019, Table III (the systems shared here; their 16-system mean is 0.865).
 * Reference figures only, printed beside ours.
 */
export const DRAIN_GA: Readonly<Record<string, number>> = {
  Apache: 1.0,
  HDFS: 0.998,
  HealthApp: 0.78,
  Linux: 0.69,
  OpenSSH: 0.788,
  Proxifier: 0.527,
  Spark: 0.92,
  Zookeeper: 0.967,
}
