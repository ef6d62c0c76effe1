/**
 * Large corpora for the shard benches, built in a temp folder from corpus files given on the command
 * line (never committed, never under the project): the files' lines repeated in order until the
 * corpus holds the messages asked for. A `.jsonl` file stays jsonl, and when a `recordings.tsv` lies
 * beside it the copy gets one too, each repetition's recordings renamed (`#r<n>`), so the repeated
 * corpus keeps its connections and a shard partitions it by connection; any other file becomes txt
 * (a message per line).
 */
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from './fixtures.ts'

/** The compiled CLI the shard benches run, as a CI job would. */
export const CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js')

/** The source lines of the files, in order (empty lines left out). */
export function readSourceLines(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.length > 0),
  )
}

/** Writes `lines` repeated in order into `file` until it holds `messages` lines (whole cycles written as one block each); returns its bytes. */
export async function writeRepeated(file: string, lines: readonly string[], messages: number): Promise<number> {
  const out = createWriteStream(file)
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  const cycle = `${lines.join('\n')}\n`
  const cycleBytes = Buffer.byteLength(cycle)
  let bytes = 0
  let written = 0
  for (; written + lines.length <= messages; written += lines.length) {
    await write(cycle)
    bytes += cycleBytes
  }
  const rest = lines.slice(0, messages - written).map((line) => `${line}\n`)
  await write(rest.join(''))
  bytes += Buffer.byteLength(rest.join(''))
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  return bytes
}

/** A built corpus: the file a suite names, its format, bytes, and whether it has connections. */
export interface BuiltCorpus {
  file: string
  format: 'txt' | 'jsonl'
  bytes: number
  connections: boolean
}

/**
 * One source file repeated to `messages` lines in `folder`: jsonl (with a recordings.tsv shifted per
 * repetition when the source has one) or txt.
 */
export async function buildCorpus(source: string, folder: string, messages: number): Promise<BuiltCorpus> {
  mkdirSync(folder, { recursive: true })
  const lines = readFileSync(source, 'utf8').split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  if (!source.endsWith('.jsonl')) {
    const file = path.join(folder, 'messages.txt')
    const bytes = await writeRepeated(file, readSourceLines([source]), messages)
    return { file, format: 'txt', bytes, connections: false }
  }
  const file = path.join(folder, 'messages.jsonl')
  const bytes = await writeRepeated(file, lines, messages)
  const recordings = path.join(path.dirname(source), 'recordings.tsv')
  if (!existsSync(recordings)) return { file, format: 'jsonl', bytes, connections: false }
  const [header = '', ...rows] = readFileSync(recordings, 'utf8')
    .split(/\r?\n/)
    .filter((row) => row !== '')
  const columns = header.split('\t')
  const first = columns.indexOf('first_line')
  const count = columns.indexOf('n_messages')
  const out: string[] = ['first_line\tn_messages\trecording']
  for (let rep = 0; rep * lines.length < messages; rep++) {
    for (const row of rows) {
      const cells = row.split('\t')
      const firstLine = Number(cells[first]) + rep * lines.length
      const n = Math.min(Number(cells[count]), messages - firstLine + 1)
      if (n > 0) out.push(`${firstLine}\t${n}\t${cells[first]}#r${rep}`)
    }
  }
  writeFileSync(path.join(folder, 'recordings.tsv'), `${out.join('\n')}\n`)
  return { file, format: 'jsonl', bytes, connections: true }
}

/** A one-corpus suite file for a built corpus and one config (latency off: the benches time throughput). */
export function writeSuite(file: string, name: string, corpus: BuiltCorpus, config: string): void {
  writeFileSync(
    file,
    `name: ${name}\ncorpora:\n  - { path: ${JSON.stringify(corpus.file)}, name: big, format: ${corpus.format} }\nconfigs: [${JSON.stringify(config)}]\ntargets:\n  - { metric: roundTripMismatches, pass: 0 }\nlatency: { enabled: false }\n`,
  )
}

/** What GNU time says of one CLI process. */
export interface Measured {
  wallS: number
  cpuS: number
  maxRssMiB: number
  status: number | null
  stderr: string
}

/** Runs the compiled CLI under GNU time; resolves with its wall time, CPU time and peak RSS. */
export function timedCli(args: readonly string[]): Promise<Measured> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', 'AURA_TIME %e %U %S %M', process.execPath, CLI, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (status) => {
      const [wall, user, sys, rssKb] = (/AURA_TIME (\S+) (\S+) (\S+) (\S+)/.exec(stderr)?.slice(1) ?? []).map(Number)
      resolve({
        wallS: wall ?? NaN,
        cpuS: (user ?? NaN) + (sys ?? NaN),
        maxRssMiB: (rssKb ?? NaN) / 1024,
        status,
        stderr,
      })
    })
  })
}
