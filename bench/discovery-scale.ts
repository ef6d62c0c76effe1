/**
 * Discovery cost per 100k messages, as a user meets it: `aura-bench discover <file> --out store.json`
 * through the compiled CLI (dist/bin/main.js, run by node), wall time and peak memory (max RSS of
 * the process, from GNU time's `%M`), and the size of the store it writes.
 *
 *   npm run build && npx tsx bench/discovery-scale.ts --loghub <folder>... [--jsonl <file>...]
 *       [--messages 100000] [--seed 1] [--cycled] [--timeout-s 900] [--keep-corpora <folder>]
 *
 * `--keep-corpora` writes the built corpus files (`corpus-<i>.txt|jsonl`) into that folder and keeps
 * them, so the same file can be discovered again (on another branch, under a profiler).
 *
 * The file is built from the corpora named on the command line: each kind (Loghub lines, JSONL
 * messages) is one corpus of `--messages` messages, the sources' messages dealt round-robin in
 * their order (one from each source in turn, as a collector receiving them all would see them). A
 * source that runs out starts over with copies whose values are re-drawn at random
 * (bench/lib/distinct-copies.ts: digits and hex runs, keeping each message's words, punctuation,
 * JSON keys and number lengths), so the 100k messages differ as real traffic does: the shared
 * corpora hold 15,026 distinct Loghub lines, and 100k lines cycled from them would be those lines
 * repeated, nothing new for discovery to hold. The distinct messages of each file are printed.
 * `--cycled` adds, per kind, a row of the sources repeated as written (labelled: not the goal's
 * result); `--seed` picks the re-drawn values (default 1).
 *
 * Goals (issue 12): <= 10 s and <= 200 MB per 100k messages, store <= 1 MB per 100k messages.
 * Markdown on stdout, progress on stderr; exit 0, 2 on bad input.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { AuraError, tryDecodeUtf8 } from '../src/core/index.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { renderTable } from './lib/table.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { findLoghubSystems, jsonlSystem } from './lib/discovery-corpora.ts'
import { dealDistinct } from './lib/distinct-copies.ts'

const GOAL = { seconds: 10, megabytes: 200, storeMegabytes: 1, per: 100_000 } as const

interface Measured {
  corpus: string
  messages: number
  distinct: number
  megabytesIn: number
  seconds: number
  cpuSeconds: number
  peakMegabytes: number
  storeBytes: number
  templates: number
  exit: number | null
  timedOut: boolean
}

function runDiscover(
  bin: string,
  file: string,
  store: string,
  timeoutSeconds: number,
): {
  seconds: number
  cpuSeconds: number
  peakMegabytes: number
  exit: number | null
  timedOut: boolean
  stderr: string
} {
  // GNU time prints "<wall seconds> <user seconds> <system seconds> <max RSS KiB>" as the last line of stderr
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', process.execPath, bin, 'discover', file, '--out', store, '--quiet'],
    { encoding: 'utf8', timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' },
  )
  const timedOut = result.error !== undefined && /ETIMEDOUT/.test(result.error.message)
  const last = (result.stderr ?? '').trim().split('\n').pop() ?? ''
  const match = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last)
  return {
    seconds: match === null ? Number.NaN : Number(match[1]),
    cpuSeconds: match === null ? Number.NaN : Number(match[2]) + Number(match[3]),
    peakMegabytes: match === null ? Number.NaN : (Number(match[4]) * 1024) / 1e6,
    exit: result.status,
    timedOut,
    stderr: result.stderr ?? '',
  }
}

async function messagesOf(file: string, format: 'txt' | 'jsonl'): Promise<string[]> {
  const loaded = await loadCorpus({ path: file, format })
  return loaded.map((m) => tryDecodeUtf8(m.bytes) ?? '').filter((t) => t !== '')
}

function usage(message: string): AuraError {
  return new AuraError(
    'E_USAGE',
    message,
    { field: 'arguments' },
    {
      hint: 'npm run build && npx tsx bench/discovery-scale.ts --loghub <folder> [--jsonl <file>...] [--messages 100000] [--seed 1] [--cycled] [--timeout-s 900] [--keep-corpora <folder>]',
    },
  )
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      loghub: { type: 'string', multiple: true },
      jsonl: { type: 'string', multiple: true },
      messages: { type: 'string' },
      seed: { type: 'string' },
      cycled: { type: 'boolean' },
      'timeout-s': { type: 'string' },
      'keep-corpora': { type: 'string' },
    },
    strict: true,
  })
  const count = Number(values.messages ?? GOAL.per)
  const timeout = Number(values['timeout-s'] ?? 900)
  const seed = Number(values.seed ?? 1)
  if (!Number.isInteger(count) || count < 1) throw usage(`--messages takes a whole number, got "${values.messages}"`)
  if (!Number.isInteger(seed)) throw usage(`--seed takes a whole number, got "${values.seed}"`)
  if (!(timeout > 0)) throw usage(`--timeout-s takes a number of seconds, got "${values['timeout-s']}"`)
  const bin = fileURLToPath(new URL('../dist/bin/main.js', import.meta.url))
  if (!existsSync(bin))
    throw usage(`${bin} does not exist: run npm run build first (the bench measures the compiled CLI)`)
  if (!existsSync('/usr/bin/time'))
    throw usage('/usr/bin/time (GNU time) is needed to read the peak memory of the discover process')
  const kinds: { name: string; format: 'txt' | 'jsonl'; files: string[] }[] = []
  const loghub = (values.loghub ?? []).flatMap((folder) => findLoghubSystems(path.resolve(folder)))
  if (loghub.length > 0)
    kinds.push({
      name: `Loghub lines of ${loghub.map((s) => s.name).join(', ')}`,
      format: 'txt',
      files: loghub.map((s) => s.file),
    })
  const jsonl = (values.jsonl ?? []).map((file) => jsonlSystem(path.resolve(file)))
  if (jsonl.length > 0)
    kinds.push({
      name: `JSONL messages of ${jsonl.map((s) => s.name).join(', ')}`,
      format: 'jsonl',
      files: jsonl.map((s) => s.file),
    })
  if (kinds.length === 0) throw usage('name at least one --loghub folder or --jsonl file')
  const keep = values['keep-corpora']
  if (keep !== undefined) mkdirSync(keep, { recursive: true })
  const dir = mkdtempSync(path.join(os.tmpdir(), 'discovery-scale-'))
  const loadBefore = os.loadavg()
  const rows: Measured[] = []
  try {
    const runs = kinds.flatMap((kind) => [
      { kind, cycled: false },
      ...(values.cycled === true ? [{ kind, cycled: true }] : []),
    ])
    for (const [i, { kind, cycled }] of runs.entries()) {
      const sources = await Promise.all(kind.files.map((f) => messagesOf(f, kind.format)))
      const dealt = dealDistinct(sources, count, seed, cycled)
      const file = path.join(keep ?? dir, `corpus-${i}${cycled ? '-cycled' : ''}.${kind.format}`)
      writeFileSync(
        file,
        `${dealt.map((m) => (kind.format === 'jsonl' ? JSON.stringify({ text: m }) : m)).join('\n')}\n`,
      )
      const store = path.join(dir, `store-${i}.json`)
      const name = cycled ? `${kind.name}, CYCLED (sources repeated as written; not the goal's result)` : kind.name
      process.stderr.write(`discover on ${dealt.length} messages (${name})...\n`)
      const run = runDiscover(bin, file, store, timeout)
      if (run.exit !== 0 && !run.timedOut) process.stderr.write(run.stderr)
      const written = existsSync(store)
        ? (JSON.parse(readFileSync(store, 'utf8')) as { templates: unknown[] })
        : undefined
      rows.push({
        corpus: name,
        messages: dealt.length,
        distinct: new Set(dealt).size,
        megabytesIn: statSync(file).size / 1e6,
        ...run,
        storeBytes: existsSync(store) ? statSync(store).size : Number.NaN,
        templates: written?.templates.length ?? Number.NaN,
      })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const loadAfter = os.loadavg()
  const scale = (r: Measured): number => GOAL.per / r.messages
  const verdict = (ok: boolean): string => (ok ? 'met' : '**NOT met**')
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, Node ${process.version}; load average ${loadBefore[0]?.toFixed(2)} before, ${loadAfter[0]?.toFixed(2)} after (1 min; the machine is shared, times are indicative).`,
    `Messages: each source's messages as written, then copies with their digits and hex runs re-drawn (seed ${seed}; bench/lib/distinct-copies.ts); "distinct" counts the different messages in the file.`,
    '`aura-bench discover <file> --out store.json --quiet` (compiled CLI, defaults); wall time, CPU time and peak RSS of the process (GNU time), store file size. Per 100k: scaled linearly from the messages measured. The goal is wall time; on a loaded machine it follows the load, and the CPU time (user + system, GC threads included) is what a quiet machine would come close to.',
    '',
  ]
  const cells: string[][] = []
  for (const r of rows) {
    const perSeconds = r.seconds * scale(r)
    const perStore = (r.storeBytes / 1e6) * scale(r)
    const time = r.timedOut ? `killed after ${timeout} s` : `${r.seconds.toFixed(1)} s`
    cells.push([
      r.corpus,
      `${r.messages} (${r.distinct})`,
      `${r.megabytesIn.toFixed(1)} MB`,
      time,
      r.timedOut ? '—' : `${r.cpuSeconds.toFixed(1)} s`,
      r.timedOut
        ? `> ${(timeout * scale(r)).toFixed(0)} s **NOT met**`
        : `${perSeconds.toFixed(1)} s ${verdict(perSeconds <= GOAL.seconds)}`,
      r.timedOut ? '—' : `${r.peakMegabytes.toFixed(0)} MB ${verdict(r.peakMegabytes <= GOAL.megabytes)}`,
      Number.isNaN(r.storeBytes) ? '—' : `${(r.storeBytes / 1024).toFixed(1)} KB`,
      Number.isNaN(perStore) ? '—' : `${perStore.toFixed(2)} MB ${verdict(perStore <= GOAL.storeMegabytes)}`,
      Number.isNaN(r.templates) ? '—' : String(r.templates),
      r.timedOut ? 'killed' : String(r.exit),
    ])
  }
  lines.push(
    renderTable(
      [
        'corpus',
        'messages (distinct)',
        'input',
        'discover wall time',
        'CPU time (user + sys)',
        'per 100k (goal <= 10 s, wall)',
        'peak RSS (goal <= 200 MB)',
        'store',
        'per 100k (goal <= 1 MB)',
        'templates',
        'exit',
      ],
      cells,
    ),
  )
  process.stdout.write(`${lines.join('\n')}\n`)
  return rows.every((r) => r.exit === 0) ? 0 : 1
}

await runBenchMain(main)
