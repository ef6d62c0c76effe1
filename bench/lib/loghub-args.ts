/**
 * Loghub-format corpora named on a benchmark's command line: each path is one system's folder
 * (holding `NAME.log`, and optionally `NAME.log_structured.csv` and `NAME.log_templates.csv`) or a
 * folder of such folders. Nothing is hard-coded: a benchmark runs on whatever it is given.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { folds } from './discovery-corpora.ts'

/** One Loghub-format system: its raw log, and its ground truth when the folder has it. */
export interface LoghubSystem {
  name: string
  logPath: string
  /** `*.log_structured.csv` (the Content field), or undefined */
  structuredPath: string | undefined
  /** `*.log_templates.csv` (ground-truth templates), or undefined */
  templatesPath: string | undefined
}

function systemIn(dir: string): LoghubSystem | undefined {
  const log = readdirSync(dir)
    .filter((file) => file.endsWith('.log'))
    .sort()[0]
  if (log === undefined) return undefined
  const logPath = path.join(dir, log)
  const optional = (suffix: string): string | undefined => (existsSync(logPath + suffix) ? logPath + suffix : undefined)
  return {
    name: path.basename(dir),
    logPath,
    structuredPath: optional('_structured.csv'),
    templatesPath: optional('_templates.csv'),
  }
}

/** The systems under the given paths, in the order given (a parent folder's systems sorted by name); throws naming a path that holds none. */
export function loghubSystemsFrom(paths: readonly string[]): LoghubSystem[] {
  const systems: LoghubSystem[] = []
  for (const given of paths) {
    if (!existsSync(given) || !statSync(given).isDirectory())
      throw new Error(`${given}: not a folder (give Loghub system folders, or a folder of them)`)
    const own = systemIn(given)
    if (own !== undefined) {
      systems.push(own)
      continue
    }
    const children = readdirSync(given)
      .sort()
      .map((child) => path.join(given, child))
      .filter((child) => statSync(child).isDirectory())
      .map(systemIn)
      .filter((s): s is LoghubSystem => s !== undefined)
    if (children.length === 0) throw new Error(`${given}: no *.log file in it or in its subfolders`)
    systems.push(...children)
  }
  return systems
}

/** Command-line arguments that are not options (`--x`) nor the value of one of `valued`. */
export function positionalArgs(argv: readonly string[], valued: readonly string[] = []): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (valued.includes(arg)) i += 1
    else if (!arg.startsWith('--')) out.push(arg)
  }
  return out
}

/**
 * Each system's leave-systems-out fold, A or B: the systems given sorted by name, alternately A and B
 * (discovery-corpora.ts's `folds`; on the eight shared Loghub systems A is Apache, HealthApp, OpenSSH, Spark).
 * Tuning on one fold and reporting on the other needs a system in each: fewer than two systems, or a system
 * name given twice, is the usage error (exit 2) naming what was given, not a crash in the tables.
 */
export function foldsOf(systems: readonly LoghubSystem[], script: string): Map<string, 'A' | 'B'> {
  if (systems.length < 2) {
    console.error(
      `${script}: leave-systems-out needs at least two Loghub systems (one to tune on, one to report on); given ${systems.length === 0 ? 'none' : systems.map((s) => s.name).join(', ')}`,
    )
    process.exit(2)
  }
  // a name given twice would be one fold's entry twice and leave the other fold short (empty with two systems)
  const seen = new Map<string, string>()
  for (const s of systems) {
    const first = seen.get(s.name)
    if (first !== undefined) {
      console.error(
        `${script}: two Loghub systems named ${s.name} (${first} and ${s.logPath}); leave-systems-out needs each system once`,
      )
      process.exit(2)
    }
    seen.set(s.name, s.logPath)
  }
  const { A, B } = folds(systems.map((s) => s.name))
  return new Map([...A.map((name) => [name, 'A'] as const), ...B.map((name) => [name, 'B'] as const)])
}
